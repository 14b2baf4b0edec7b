/**
 * The unchecked Bartels–Stewart Lyapunov solve shared by `lyapunov` and `heavyBallStationary`:
 * Schur form, the singularity test on the eigenvalues, the transformed right-hand side, the
 * quasi-triangular back-substitution and the residual.
 *
 * @internal
 * @module
 */
import { isExactlySymmetric, scaledFrobenius as frobenius, matMul, matMulTransA, matMulTransB, symmetrize } from './dense-kernels';
import { quasiTriangularLyapunov, realSchur } from './schur-kernels';
import { hypot } from '../core/elementary/index';

/** Solution of the unchecked solve. @internal */
export interface LyapunovSolve {
  solution: Float64Array;
  /** ‖R‖_F, R = AX + XAᵀ − Q (continuous) or AXAᵀ + Q − X (discrete). */
  residual: number;
  /** ‖R‖_F / (‖Q‖_F + 2‖A‖_F‖X‖_F) (continuous) or / (‖Q‖_F + (1 + ‖A‖_F²)‖X‖_F) (discrete). */
  relativeResidual: number;
  /** Eigenvalues of A (real and imaginary parts), from its Schur form. */
  re: Float64Array;
  im: Float64Array;
}

/**
 * Solves AX + XAᵀ = Q (continuous) or X = AXAᵀ + Q (discrete) for the n×n row-major `a`, `q`.
 * Throws a RangeError naming `name` when the Schur iteration fails or the equation is singular:
 * min |λᵢ + λⱼ| ≤ 100·n·ε·‖A‖_F (continuous), min |1 − λᵢλⱼ| ≤ 100·n·ε·max(1, ‖A‖_F²) (discrete);
 * with `requireStable`, first unless every Re λ(A) > 0.
 *
 * @internal
 */
export function solveLyapunovUnchecked(
  a: Float64Array,
  q: Float64Array,
  n: number,
  discrete: boolean,
  name: string,
  withResidual = true,
  requireStable = false,
): LyapunovSolve {
  const schur = realSchur(a, n);
  if (!schur.converged) {
    throw new RangeError(
      `${name}: expected a matrix whose real Schur form converges (Francis QR), received one where it did not within ${30 * Math.max(n, 10)} sweeps`,
    );
  }
  const { t, u, re, im } = schur;
  if (requireStable) {
    let minRe = Infinity;
    for (const v of re) minRe = Math.min(minRe, v);
    if (!(minRe > 0))
      throw new RangeError(`${name}: expected a stable drift −Ax (every Re λ(A) > 0), received an eigenvalue with real part ${minRe.toExponential(3)}`);
  }
  const normA = frobenius(a);
  let worst = Infinity;
  let wi = 0;
  let wj = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const ar = re[i] as number;
      const ai = im[i] as number;
      const br = re[j] as number;
      const bi = im[j] as number;
      // Conjugate pairs matter too: λᵢ + conj(λⱼ) is another eigenvalue sum when λⱼ is complex.
      for (const sgn of bi === 0 ? [1] : [1, -1]) {
        const v = discrete ? hypot(1 - (ar * br - ai * sgn * bi), ar * sgn * bi + ai * br) : hypot(ar + br, ai + sgn * bi);
        if (v < worst) {
          worst = v;
          wi = i;
          wj = j;
        }
      }
    }
  }
  const scale = discrete ? Math.max(1, normA * normA) : normA;
  const tol = 100 * n * Number.EPSILON * scale;
  if (!(worst > tol)) {
    const fmt = (k: number): string => {
      const r = (re[k] as number).toPrecision(6);
      const m = im[k] as number;
      return m === 0 ? r : `${r}${m > 0 ? '+' : '−'}${Math.abs(m).toPrecision(6)}i`;
    };
    const what = discrete ? 'λᵢλⱼ ≠ 1' : 'λᵢ + λⱼ ≠ 0';
    const got = discrete ? `|1 − λᵢλⱼ| = ${worst.toExponential(3)}` : `|λᵢ + λⱼ| = ${worst.toExponential(3)}`;
    throw new RangeError(
      `${name}: expected eigenvalues with ${what} for every pair (else the ${discrete ? 'discrete' : 'continuous'} Lyapunov equation is singular), received λ = ${fmt(wi)} and ${fmt(wj)}, ${got} ≤ ${tol.toExponential(3)}`,
    );
  }
  const tmp = new Float64Array(n * n);
  const y = new Float64Array(n * n);
  matMul(q, u, n, tmp);
  matMulTransA(u, tmp, n, y); // C = Uᵀ Q U
  const piv = quasiTriangularLyapunov(t, n, y, discrete);
  if (piv === 0) throw new RangeError(`${name}: expected a non-singular Lyapunov equation, received one whose Schur-form block system is exactly singular`);
  matMul(u, y, n, tmp);
  const x = matMulTransB(tmp, u, n, y); // X = U Y Uᵀ
  if (isExactlySymmetric(q, n)) symmetrize(x, n);
  for (const v of x) {
    if (!Number.isFinite(v))
      throw new RangeError(
        `${name}: expected a Lyapunov solution of finite size, received one that overflowed (entries of A or Q too large, or the equation too close to singular)`,
      );
  }
  let residual = NaN;
  let relativeResidual = NaN;
  if (withResidual) {
    const ax = matMul(a, x, n, tmp);
    const r = new Float64Array(n * n);
    if (discrete) {
      matMulTransB(ax, a, n, r);
      for (let k = 0; k < n * n; k++) r[k] = (r[k] as number) + (q[k] as number) - (x[k] as number);
    } else {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) r[i * n + j] = (ax[i * n + j] as number) + (ax[j * n + i] as number) - (q[i * n + j] as number);
      // XAᵀ = (AXᵀ)ᵀ; with X symmetric, (AX)ᵀ. For a non-symmetric Q (X not symmetric), recompute.
      if (!isExactlySymmetric(x, n)) {
        const xat = matMulTransB(x, a, n, new Float64Array(n * n));
        for (let k = 0; k < n * n; k++) r[k] = (ax[k] as number) + (xat[k] as number) - (q[k] as number);
      }
    }
    residual = frobenius(r);
    const nx = frobenius(x);
    const denom = frobenius(q) + (discrete ? (1 + normA * normA) * nx : 2 * normA * nx);
    relativeResidual = denom === 0 ? 0 : residual / denom;
  }
  return { solution: x, residual, relativeResidual, re, im };
}
