/**
 * Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by the implicit QL
 * algorithm with Wilkinson shifts (EISPACK's tql1/tql2).
 *
 * @module
 */
import { checkBoolean, checkInteger, checkLength, checkOptions, checkVector, checkKnownOptions } from '../core/checks';
import { hypot, log2 } from '../core/elementary/index';

/** Options of {@link tridiagonalEigen}. */
export interface TridiagonalEigenOptions {
  /** Also compute the unit eigenvectors. Default `false` (then the cost is O(m²)). */
  vectors?: boolean;
  /** QL iterations allowed per eigenvalue before it is reported unconverged. Default 60 (EISPACK: 30). */
  maxIterations?: number;
}

/** Result of {@link tridiagonalEigen}: T zᵢ = λᵢ zᵢ. */
export interface TridiagonalEigenResult {
  /** Eigenvalues λᵢ of T, ascending. */
  values: Float64Array;
  /** Unit eigenvectors zᵢ of T (length m each); `vectors[i]` belongs to `values[i]`. null without `vectors: true`. */
  vectors: Float64Array[] | null;
  /**
   * Whether every eigenvalue met the deflation test |eᵢ| ≤ ε‖T‖ within `maxIterations` QL
   * iterations. When false the values (and vectors) are those of the last iteration: the
   * unconverged ones are approximations only (a Rayleigh-quotient-like estimate, not accurate to ε‖T‖).
   */
  converged: boolean;
  /** `'converged'`, or `'budget'` when some eigenvalue used up `maxIterations`. */
  stopReason: 'converged' | 'budget';
  /** Number of eigenvalues (in QL order) whose iteration ran out of `maxIterations` (0 when converged). */
  unconverged: number;
}

const EPS = 2 ** -52;

/**
 * The eigen-decomposition T = Z Λ Zᵀ of the symmetric tridiagonal m×m matrix T with diagonal
 * `alpha` (length m) and off-diagonal `beta` (length m − 1): T[i][i] = αᵢ, T[i][i+1] = T[i+1][i] = βᵢ.
 *
 * Implicit QL iteration with the Wilkinson shift from the trailing 2×2 block (EISPACK tql1/tql2):
 * an off-diagonal |eᵢ| ≤ ε·‖T‖₁ is set to zero (deflation), so eigenvalues are accurate to a few
 * ε·‖T‖ (T is first scaled by a power of two when ‖T‖ is near under- or overflow). Converges cubically; about 1.5 QL sweeps per eigenvalue.
 *
 * Cost: O(m²) time and O(m) memory for the values only; O(m³) time and O(m²) memory with
 * `vectors: true`. The first components zᵢ[0] are the Gauss quadrature weights (squared) used by
 * stochastic Lanczos quadrature (Golub–Welsch). Throws `DimensionError` for mismatched lengths and
 * `NonFiniteError` for NaN/±Infinity in `alpha` or `beta` (checked before the iteration). An
 * iteration that does not meet its test within `maxIterations` (default 60, never seen for finite
 * input) is reported in the result (`converged: false`, `stopReason: 'budget'`), not thrown.
 *
 * @example
 * // tridiag(−1, 2, −1) of order 3: eigenvalues 2 − √2, 2, 2 + √2
 * const { values } = tridiagonalEigen(new Float64Array([2, 2, 2]), new Float64Array([-1, -1]));
 */
export function tridiagonalEigen(alpha: Float64Array, beta: Float64Array, options?: TridiagonalEigenOptions): TridiagonalEigenResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['maxIterations', 'vectors']);
  const wantVectors = opts.vectors === undefined ? false : checkBoolean('options.vectors', opts.vectors);
  const maxIt = checkInteger('options.maxIterations', opts.maxIterations ?? 60, 1);
  const a = checkVector('alpha', alpha);
  const m = a.length;
  if (m < 1) throw new RangeError('alpha: expected length ≥ 1, received length 0');
  const b = checkVector('beta', beta);
  checkLength('beta', b.length, m - 1);

  const d = Float64Array.from(a);
  const e = new Float64Array(m); // e[i] couples i and i+1; e[m−1] = 0 stops the deflation search
  e.set(b);
  // Eigenvectors as rows of zt: zt[j*m + k] = Z[k][j], so that a rotation of columns j, j+1 of Z
  // touches two contiguous rows here.
  const zt = wantVectors ? new Float64Array(m * m) : undefined;
  if (zt) for (let i = 0; i < m; i++) zt[i * m + i] = 1;

  // Scale by a power of two (exact) when ‖T‖ is far from 1, so that neither the shifts nor the
  // rotations underflow (subnormal entries) or overflow.
  let amax = 0;
  for (let i = 0; i < m; i++) amax = Math.max(amax, Math.abs(d[i] as number), Math.abs(e[i] as number));
  const p = amax > 0 && (amax < 2 ** -500 || amax > 2 ** 500) ? -Math.round(log2(amax)) : 0;
  const up1 = 2 ** Math.trunc(p / 2);
  const up2 = 2 ** (p - Math.trunc(p / 2));
  if (p !== 0) {
    for (let i = 0; i < m; i++) {
      d[i] = (d[i] as number) * up1 * up2;
      e[i] = (e[i] as number) * up1 * up2;
    }
  }

  const unconverged = qlImplicit(d, e, zt, m, maxIt);
  const converged = unconverged === 0;
  const stopReason = converged ? 'converged' : 'budget';

  if (p !== 0) for (let i = 0; i < m; i++) d[i] = (d[i] as number) / up1 / up2;

  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => (d[x] as number) - (d[y] as number));
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = d[order[i] as number] as number;
  if (!zt) return { values, vectors: null, converged, stopReason, unconverged };
  const vectors: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const j = order[i] as number;
    vectors.push(zt.slice(j * m, (j + 1) * m));
  }
  return { values, vectors, converged, stopReason, unconverged };
}

/**
 * In-place implicit QL on the tridiagonal (d, e): on return d holds the (unsorted) eigenvalues and,
 * when `zt` is given (initially I, or any matrix Qᵀ), its rows are rotated so that row j becomes the
 * j-th eigenvector (Q times it). An eigenvalue whose iteration runs past `maxIt` is accepted as it
 * stands (its coupling e[l] dropped) and counted; returns that count. Rows of `zt` have `width`
 * entries (default m: whole eigenvectors; width 1 with zt = e_{m−1} gives only their last
 * components, in O(m) a sweep). Internal: no argument checks.
 *
 * @internal
 */
export function qlImplicit(d: Float64Array, e: Float64Array, zt: Float64Array | undefined, m: number, maxIt: number, width: number = m): number {
  let unconverged = 0;
  let f = 0;
  // Deflation threshold ε·‖T‖ (‖T‖₁ of the whole matrix): absolute accuracy ε‖T‖ for every eigenvalue.
  let tst1 = 0;
  for (let i = 0; i < m; i++) {
    tst1 = Math.max(tst1, Math.abs(d[i] as number) + Math.abs(e[i] as number) + (i > 0 ? Math.abs(e[i - 1] as number) : 0));
  }
  for (let l = 0; l < m; l++) {
    let mm = l;
    while (mm < m - 1 && Math.abs(e[mm] as number) > EPS * tst1) mm++;
    if (mm > l) {
      let iter = 0;
      do {
        if (++iter > maxIt) {
          unconverged++;
          break;
        }
        // Wilkinson shift from the leading 2×2 block of the unreduced part.
        let g = d[l] as number;
        let p = ((d[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = (e[l] as number) / (p + r);
        d[l + 1] = (e[l] as number) * (p + r);
        const dl1 = d[l + 1] as number;
        let h = g - (d[l] as number);
        for (let i = l + 2; i < m; i++) d[i] = (d[i] as number) - h;
        f += h;
        // Implicit QL sweep from the bottom of the unreduced block up to l.
        p = d[mm] as number;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = mm - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * (e[i] as number);
          h = c * p;
          r = hypot(p, e[i] as number);
          e[i + 1] = s * r;
          s = (e[i] as number) / r;
          c = p / r;
          p = c * (d[i] as number) - s * g;
          d[i + 1] = h + s * (c * g + s * (d[i] as number));
          if (zt) {
            const oi = i * width;
            const oj = (i + 1) * width;
            for (let k = 0; k < width; k++) {
              const zk1 = zt[oj + k] as number;
              const zk0 = zt[oi + k] as number;
              zt[oj + k] = s * zk0 + c * zk1;
              zt[oi + k] = c * zk0 - s * zk1;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] as number) > EPS * tst1);
    }
    d[l] = (d[l] as number) + f;
    e[l] = 0;
  }
  return unconverged;
}
