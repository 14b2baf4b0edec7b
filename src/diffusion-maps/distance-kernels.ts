/**
 * Kernels of the distance computations (internal): Gram entries cᵢ·cⱼ of centred points in one
 * fixed summation order, the squared distances derived from them, and direct squared differences.
 *
 * The summation order of a Gram entry (the SIMD kernels follow it, so both paths give the same
 * bits): the coordinates are cut into panels of {@link GRAM_PANEL} columns; within a panel two
 * partial sums run over the even and the odd offsets, they are added (s₀ + s₁), an odd last column
 * of the last panel is added after, and the panel's sum is added to the running entry (from +0).
 *
 * @internal
 * @module
 */

/** Columns of one panel of the Gram summation order. @internal */
export const GRAM_PANEL = 256;

/**
 * a·b over `len` doubles from offsets `ao`, `bo`, in the Gram summation order (module header).
 * @internal
 */
export function panelDot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let acc = 0;
  for (let p = 0; p < len; p += GRAM_PANEL) {
    const end = p + GRAM_PANEL < len ? p + GRAM_PANEL : len;
    let s0 = 0;
    let s1 = 0;
    let k = p;
    for (; k + 1 < end; k += 2) {
      s0 += (a[ao + k] as number) * (b[bo + k] as number);
      s1 += (a[ao + k + 1] as number) * (b[bo + k + 1] as number);
    }
    let t = s0 + s1;
    if (k < end) t += (a[ao + k] as number) * (b[bo + k] as number);
    acc += t;
  }
  return acc;
}

/**
 * Σₖ (xᵢₖ − xⱼₖ)² over the d coordinates of points i and j of the row-major `x`, summed in
 * coordinate order (the "exact" distance every neighbour search reports). @internal
 */
export function squaredDistance(x: Float64Array, i: number, j: number, d: number): number {
  const io = i * d;
  const jo = j * d;
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = (x[io + k] as number) - (x[jo + k] as number);
    s += t * t;
  }
  return s;
}

/**
 * out[(i − i0)·n + j] ← cᵢ·cⱼ for i ∈ [i0, i1), j ∈ [0, n): rows of the Gram matrix of the n×d
 * row-major `c`, in the Gram summation order. @internal
 */
export function gramRows(c: Float64Array, n: number, d: number, i0: number, i1: number, out: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    const o = (i - i0) * n;
    for (let j = 0; j < n; j++) out[o + j] = panelDot(c, i * d, c, j * d, d);
  }
}

/**
 * out ← C Cᵀ (n×n, row-major, symmetric) for the n×d row-major `c`, each entry in the Gram
 * summation order (the upper triangle computed, the lower one mirrored). @internal
 */
export function gramMatrix(c: Float64Array, n: number, d: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const g = panelDot(c, i * d, c, j * d, d);
      out[i * n + j] = g;
      out[j * n + i] = g;
    }
  }
}

/**
 * Turns the Gram matrix G in `g` (n×n) into squared distances in place:
 * Dᵢⱼ = max(0, Gᵢᵢ + Gⱼⱼ − 2Gᵢⱼ), Dᵢᵢ = 0, symmetric (computed once per pair). @internal
 */
export function gramToSquaredDistances(g: Float64Array, n: number): void {
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = g[i * n + i] as number;
  for (let i = 0; i < n; i++) {
    g[i * n + i] = 0;
    const gi = diag[i] as number;
    for (let j = i + 1; j < n; j++) {
      const v = gi + (diag[j] as number) - 2 * (g[i * n + j] as number);
      const dv = v > 0 ? v : 0;
      g[i * n + j] = dv;
      g[j * n + i] = dv;
    }
  }
}

/** Squared norms ‖cᵢ‖² of the rows of the n×d `c`, in the Gram summation order. @internal */
export function rowSquaredNorms(c: Float64Array, n: number, d: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = panelDot(c, i * d, c, i * d, d);
}
