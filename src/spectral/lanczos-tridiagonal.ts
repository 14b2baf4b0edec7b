/**
 * The plain m-step Lanczos process: the tridiagonal T = Vᵀ A V of a symmetric operator on the
 * Krylov space of a start vector.
 *
 * @module
 */
import { axpy, dot, norm2, scale } from '../core/blas1';
import { projectOut } from './orthonormalize';
import { checkAllFinite, checkBoolean, checkInteger, checkOptions, checkVector, checkKnownOptions } from '../core/checks';
import { NonFiniteError } from '../core/errors';
import type { SymmetricOperator } from '../core/types';
import { checkOperator, checkSymmetryProbe } from './operator-checks';
import { rngFor } from '../random/rng';

/** Options of {@link lanczosTridiagonal}. */
export interface LanczosTridiagonalOptions {
  /**
   * Full reorthogonalisation of each new Lanczos vector against all previous ones (modified
   * Gram–Schmidt, twice). Default `true`. Without it only three vectors are kept (O(n) memory) and the
   * Ritz values may repeat (ghosts), which is harmless for quadrature (SLQ) but not for eigenvalues.
   */
  reorthogonalize?: boolean;
  /** Return the Lanczos vectors v₁ … v_steps. Default `false`. */
  keepBasis?: boolean;
  /**
   * Probe the operator's symmetry first, as {@link lanczos} does (throws a SymmetryError): v₁ and
   * a random vector (stream `rngFor('lanczos-tridiagonal-probe', 0)`), 1 extra application. The
   * recurrence assumes symmetry; on a non-symmetric operator it returns a meaningless T. Default
   * `true`.
   */
  checkSymmetry?: boolean;
}

/** Result of {@link lanczosTridiagonal}. */
export interface LanczosTridiagonalResult {
  /** Diagonal α₁ … α_steps of T. */
  alpha: Float64Array;
  /** Off-diagonal β₁ … β_{steps−1} of T. */
  beta: Float64Array;
  /** Lanczos steps actually taken: fewer than asked when the Krylov space became invariant (β ≈ 0). */
  lanczosSteps: number;
  /** @deprecated Use `lanczosSteps` (same value). */
  steps: number;
  /** The orthonormal Lanczos vectors (null without `keepBasis: true`). */
  basis: Float64Array[] | null;
}

/**
 * Runs `lanczosSteps` steps of the Lanczos recurrence
 *
 *   β_j v_{j+1} = A v_j − α_j v_j − β_{j−1} v_{j−1},  α_j = v_jᵀ A v_j,
 *
 * from v₁ = v0/‖v0‖, and returns the tridiagonal T_m = Vᵀ A V (m = `lanczosSteps`; diagonal α,
 * off-diagonal β).
 * The eigenvalues of T are the Ritz values; the squared first components of its eigenvectors are
 * the weights of the Gauss quadrature rule for the spectral measure of A at v0 (SLQ).
 *
 * The process stops early, with `lanczosSteps` < the number asked, at breakdown: when
 * β_j ≤ 64·ε·max(‖A v_i‖ seen), i.e. when the Krylov space is invariant to working precision
 * (then the quadrature is exact). With `reorthogonalize` (default) each new vector is
 * orthogonalised against all previous ones twice (O(j·n) per step); `lanczosSteps` is capped at
 * `op.dim`. The operator's `apply` may write into `out` or return a new array (its return value is
 * what is used).
 *
 * The operator's symmetry is probed first (`checkSymmetry`, default true: one more application;
 * SymmetryError for |u·Av − v·Au| > 1e-8·‖A‖·‖u‖·‖v‖, the test {@link lanczos} applies).
 *
 * Cost: m applications of `op` (+ 1 for the probe), plus O(m²·n) with reorthogonalisation (O(m·n) without); memory
 * O(m·n) with reorthogonalisation or `keepBasis`, else O(n).
 * Throws `NonFiniteError` when the operator returns NaN/±Infinity, `DimensionError` when v0's length
 * is not `op.dim`, `RangeError` for a zero v0.
 *
 * @example
 * const { alpha, beta } = lanczosTridiagonal(op, startVector, 30);
 * const { values, vectors } = tridiagonalEigen(alpha, beta, { vectors: true });
 */
export function lanczosTridiagonal(
  op: SymmetricOperator,
  v0: Float64Array,
  lanczosSteps: number,
  options?: LanczosTridiagonalOptions,
): LanczosTridiagonalResult {
  const n = checkOperator('op', op).dim;
  const start = checkVector('v0', v0, n);
  const m = Math.min(checkInteger('steps', lanczosSteps, 1), n);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['checkSymmetry', 'keepBasis', 'reorthogonalize']);
  const reorth = opts.reorthogonalize === undefined ? true : checkBoolean('options.reorthogonalize', opts.reorthogonalize);
  const keepBasis = opts.keepBasis === undefined ? false : checkBoolean('options.keepBasis', opts.keepBasis);
  const probe = opts.checkSymmetry === undefined ? true : checkBoolean('options.checkSymmetry', opts.checkSymmetry);
  const nrm = norm2(start);
  if (!(nrm > 0)) throw new RangeError('v0: expected a non-zero vector, received the zero vector');

  const store = reorth || keepBasis;
  const basis: Float64Array[] = [];
  const alpha = new Float64Array(m);
  const beta = new Float64Array(Math.max(0, m - 1));
  let v: Float64Array = scale(1 / nrm, start, new Float64Array(n));
  let vPrev: Float64Array = new Float64Array(n);
  let w: Float64Array = new Float64Array(n);
  let betaPrev = 0;
  let anorm = 0;
  let taken = 0;
  for (let j = 0; j < m; j++) {
    if (store) basis.push(v);
    const out = op.apply(v, w);
    if (out !== w) w.set(out);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(w[i])) {
        throw new NonFiniteError(`op.apply: expected finite values, received ${w[i]} at index ${i} of matrix-vector product ${j + 1}`);
      }
    }
    if (j === 0 && probe && n >= 2) {
      const u = rngFor('lanczos-tridiagonal-probe', 0).fillNormal(new Float64Array(n));
      const au = new Float64Array(n);
      const y = op.apply(u, au);
      if (y instanceof Float64Array && y !== au) au.set(y);
      checkAllFinite('op.apply', au);
      checkSymmetryProbe('op', v, u, w, au);
    }
    anorm = Math.max(anorm, norm2(w));
    const a = dot(v, w);
    alpha[j] = a;
    taken = j + 1;
    if (j === m - 1) break;
    axpy(-a, v, w);
    if (j > 0) axpy(-betaPrev, vPrev, w);
    if (reorth) projectOut(basis, w);
    const b = norm2(w);
    if (!(b > 64 * 2 ** -52 * anorm)) break; // invariant subspace: T is exact
    beta[j] = b;
    betaPrev = b;
    if (store) {
      // Each vector is kept: a fresh buffer for the next one, w is reused.
      const next = scale(1 / b, w, new Float64Array(n));
      vPrev = v;
      v = next;
    } else {
      // Three buffers rotate: w becomes the next v, the old vPrev's buffer the next w.
      scale(1 / b, w);
      const spare = vPrev;
      vPrev = v;
      v = w;
      w = spare;
    }
  }
  const result: LanczosTridiagonalResult = {
    alpha: taken === m ? alpha : alpha.slice(0, taken),
    beta: beta.slice(0, Math.max(0, taken - 1)),
    lanczosSteps: taken,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    steps: taken,
    basis: keepBasis ? basis : null,
  };
  return result;
}
