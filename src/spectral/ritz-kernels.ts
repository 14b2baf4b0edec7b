/**
 * Structured kernels of the Rayleigh–Ritz step (internal: used by `rayleigh-ritz.ts`, not
 * re-exported from the module index): the eigenvalues of a symmetric c × c projected matrix H
 * with the last component of each eigenvector, which is all a convergence check of a single
 * Krylov chain needs (the residual estimate of the Ritz pair (θ, V s) is |β·s_{c−1}|).
 *
 * H is reduced to a tridiagonal T = Qᵀ H Q by Householder reflections taken from the last row up
 * (the reflection of row i acts on indices 0..i−1 only), so that Q e_{c−1} = e_{c−1} and the last
 * components of H's eigenvectors are those of T's; T's eigenvalues come from the implicit QL
 * iteration with only the last row of the eigenvector matrix rotated. Work (4/3)c³ + O(c²) flops,
 * no allocation beyond O(c²) once, against ≈ 9c³ for the dense decomposition with vectors
 * (tred2 + tql2). After a thick restart H is an arrowhead plus a tridiagonal; the reduction does
 * not rely on that (rounding-level entries elsewhere are kept), only on H being symmetric.
 *
 * @module
 */
import { qlImplicit } from './tridiagonal-eigen';

/** Result of {@link eigenvaluesWithLastComponents}. @internal */
export interface LastComponentsEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** last[k] = the last component of the unit eigenvector of values[k] (sign arbitrary). */
  last: Float64Array;
}

/**
 * Eigenvalues of the symmetric part (H + Hᵀ)/2 of the row-major c × c matrix `H` (overwritten as
 * work space) and the last components of its eigenvectors. See the module comment. @internal
 */
export function eigenvaluesWithLastComponents(H: Float64Array, c: number): LastComponentsEigen {
  const d = new Float64Array(c);
  const e = new Float64Array(c);
  tridiagonalizeKeepingLast(H, c, d, e);
  return tridiagonalWithLastComponents(d, e, c);
}

/**
 * The reduction of {@link eigenvaluesWithLastComponents}: T = Qᵀ ((H + Hᵀ)/2) Q tridiagonal with
 * Q e_{c−1} = e_{c−1}, by Householder reflections from the last row up (`H`, row-major c × c, is
 * overwritten as work space). Writes T's diagonal into d[0..c) and its sub-diagonal into e[0..c−1).
 * (4/3)c³ flops. @internal
 */
export function tridiagonalizeKeepingLast(H: Float64Array, c: number, d: Float64Array, e: Float64Array): void {
  for (let i = 0; i < c; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * ((H[i * c + j] as number) + (H[j * c + i] as number));
      H[i * c + j] = s;
      H[j * c + i] = s;
    }
  }
  const v = new Float64Array(c);
  const p = new Float64Array(c);
  // Householder from the bottom: row i's entries 0..i−2 are zeroed, entry i−1 keeps the norm.
  for (let i = c - 1; i >= 2; i--) {
    const ri = i * c;
    // The tail x[0..i−1) is summed on its own, never as ‖x‖² − x₁²: that difference cancels to 0
    // once the tail is below √ε·|x₁| (after a thick restart, the couplings of converged kept Ritz
    // vectors beside an unconverged one's), and the row was then skipped with its tail left in H
    // while d and e were read as if it were 0: eigenvalues moved by up to the tail's size (a Ritz
    // value 2.5e-10 above λ_max = 7 on a triple eigenvalue, so an overshooting ‖A‖ estimate).
    // Only a tail whose squares sum to 0 (entries 0, or below ~1e-162) is skipped.
    let tail2 = 0;
    for (let j = 0; j < i - 1; j++) {
      const x = H[ri + j] as number;
      v[j] = x;
      tail2 += x * x;
    }
    if (!(tail2 > 0)) continue; // already tridiagonal in this row
    const x1 = H[ri + i - 1] as number;
    const xnorm = Math.sqrt(tail2 + x1 * x1);
    const alpha = x1 > 0 ? -xnorm : xnorm;
    v[i - 1] = x1 - alpha;
    const vv = tail2 + (v[i - 1] as number) * (v[i - 1] as number);
    const tau = 2 / vv;
    // p = τ H_sub v, K = τ (vᵀp)/2, q = p − K v; H_sub ← H_sub − v qᵀ − q vᵀ.
    let vp = 0;
    for (let r = 0; r < i; r++) {
      const rr = r * c;
      let s = 0;
      for (let j = 0; j < i; j++) s += (H[rr + j] as number) * (v[j] as number);
      s *= tau;
      p[r] = s;
      vp += (v[r] as number) * s;
    }
    const K = 0.5 * tau * vp;
    for (let r = 0; r < i; r++) p[r] = (p[r] as number) - K * (v[r] as number);
    for (let r = 0; r < i; r++) {
      const rr = r * c;
      const vr = v[r] as number;
      const qr = p[r] as number;
      for (let j = 0; j <= r; j++) {
        const u = (H[rr + j] as number) - vr * (p[j] as number) - qr * (v[j] as number);
        H[rr + j] = u;
        H[j * c + r] = u;
      }
    }
    for (let j = 0; j < i - 1; j++) {
      H[ri + j] = 0;
      H[j * c + i] = 0;
    }
    H[ri + i - 1] = alpha;
    H[(i - 1) * c + i] = alpha;
  }
  for (let i = 0; i < c; i++) d[i] = H[i * c + i] as number;
  for (let i = 0; i + 1 < c; i++) e[i] = H[(i + 1) * c + i] as number;
}

/**
 * Eigenvalues (ascending) of the symmetric tridiagonal (d[0..c), e[0..c−1)) and the last
 * components of its unit eigenvectors, by implicit QL rotating only the last row of the
 * eigenvector matrix: O(c²). d and e are overwritten. @internal
 */
export function tridiagonalWithLastComponents(d: Float64Array, e: Float64Array, c: number): LastComponentsEigen {
  const z = new Float64Array(c);
  z[c - 1] = 1;
  qlImplicit(d, e, z, c, 60, 1);
  const order = Array.from({ length: c }, (_, i) => i).sort((a, b) => (d[a] as number) - (d[b] as number));
  return { values: Float64Array.from(order, (i) => d[i] as number), last: Float64Array.from(order, (i) => z[i] as number) };
}
