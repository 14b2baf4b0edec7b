/**
 * Kernels of the distance computations (internal): Gram entries cᵢ·cⱼ of centred points
 * cᵢ = xᵢ − m in one fixed summation order (through the WebAssembly SIMD kernel `gramPanel` when
 * available, else plain JavaScript giving the same bits), squared distances from them, and direct
 * squared differences.
 *
 * The summation order of a Gram entry: the coordinates are cut into panels of {@link GRAM_PANEL}
 * columns; within a panel two partial sums run over the even and the odd offsets, they are added
 * (s₀ + s₁), an odd last column (only the last panel can have one) is added after, and the panel's
 * sum is added to the running entry, which starts at +0. Coordinates are centred as fl(xᵢₖ − mₖ)
 * on the fly, so no centred copy of the points is made (1000 snapshots in d = 100,000 are 800 MB).
 *
 * @internal
 * @module
 */
import { createSimdHeap } from '../core/simd-heap';

/** Columns of one panel of the Gram summation order. @internal */
export const GRAM_PANEL = 128;

/** Largest Gram block (entries) held at once. */
const BLOCK_ENTRIES = 2 ** 21;

/**
 * (xᵢ − m)·(xⱼ − m) over the d coordinates of rows i and j of the row-major `x` (m = 0 when `mean`
 * is null), in the Gram summation order (module header). @internal
 */
export function centredDot(x: Float64Array, mean: Float64Array | null, i: number, j: number, d: number): number {
  const io = i * d;
  const jo = j * d;
  let acc = 0;
  for (let p = 0; p < d; p += GRAM_PANEL) {
    const end = p + GRAM_PANEL < d ? p + GRAM_PANEL : d;
    let s0 = 0;
    let s1 = 0;
    let k = p;
    if (mean === null) {
      for (; k + 1 < end; k += 2) {
        s0 += (x[io + k] as number) * (x[jo + k] as number);
        s1 += (x[io + k + 1] as number) * (x[jo + k + 1] as number);
      }
    } else {
      for (; k + 1 < end; k += 2) {
        const m0 = mean[k] as number;
        const m1 = mean[k + 1] as number;
        s0 += ((x[io + k] as number) - m0) * ((x[jo + k] as number) - m0);
        s1 += ((x[io + k + 1] as number) - m1) * ((x[jo + k + 1] as number) - m1);
      }
    }
    let t = s0 + s1;
    if (k < end) {
      const m = mean === null ? 0 : (mean[k] as number);
      t += ((x[io + k] as number) - m) * ((x[jo + k] as number) - m);
    }
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

/** Squared norms ‖xᵢ − m‖² of the rows, in the Gram summation order (the Gram matrix's diagonal, same bits). @internal */
export function centredSquaredNorms(x: Float64Array, mean: Float64Array | null, n: number, d: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = centredDot(x, mean, i, i, d);
}

/**
 * out[(i − i0)·ldo + j] ← (xᵢ − m)·(xⱼ − m) for i ∈ [i0, i1) and j ∈ [0, n) — with `sym`, only
 * j ≥ i is guaranteed (the rest may be left untouched) — in the Gram summation order. `i0` must be
 * even. Through the SIMD kernel (panels of the centred points copied into a WebAssembly heap, rows
 * padded with zeros to a multiple of 4), or in JavaScript where WebAssembly SIMD is unavailable.
 * Memory: n·GRAM_PANEL + (i1 − i0)·n doubles of heap. @internal
 */
export function gramBlock(
  x: Float64Array,
  mean: Float64Array | null,
  n: number,
  d: number,
  i0: number,
  i1: number,
  sym: boolean,
  out: Float64Array,
  ldo: number,
): void {
  const rows = i1 - i0;
  const n4 = (n + 3) & ~3;
  const rowsA = (rows + 1) & ~1;
  const P = d < GRAM_PANEL ? d : GRAM_PANEL;
  const heap = n >= 4 ? createSimdHeap(n4 * P + rowsA * n4 + 8) : undefined;
  const panel = heap?.alloc(n4 * P);
  const C = heap?.alloc(rowsA * n4);
  if (heap === undefined || panel === undefined || C === undefined) {
    for (let i = i0; i < i1; i++) {
      const o = (i - i0) * ldo;
      for (let j = sym ? i : 0; j < n; j++) out[o + j] = centredDot(x, mean, i, j, d);
    }
    return;
  }
  const panelPtr = panel.byteOffset;
  const cPtr = C.byteOffset;
  for (let p = 0; p < d; p += GRAM_PANEL) {
    const L = p + GRAM_PANEL < d ? GRAM_PANEL : d - p;
    for (let r = 0; r < n; r++) {
      const src = r * d + p;
      const dst = r * L;
      if (mean === null) for (let k = 0; k < L; k++) panel[dst + k] = x[src + k] as number;
      else for (let k = 0; k < L; k++) panel[dst + k] = (x[src + k] as number) - (mean[p + k] as number);
    }
    panel.fill(0, n * L, n4 * L);
    heap.kernels.gramPanel(panelPtr + 8 * i0 * L, rowsA, panelPtr, n4, L, cPtr, n4, sym ? 1 : 0, i0);
  }
  for (let ii = 0; ii < rows; ii++) {
    const o = ii * ldo;
    const co = ii * n4;
    for (let j = sym ? i0 + ii : 0; j < n; j++) out[o + j] = C[co + j] as number;
  }
}

/**
 * out ← G = C Cᵀ (n×n, row-major, exactly symmetric) for the centred rows cᵢ = xᵢ − m, each entry
 * in the Gram summation order: the upper triangle computed in row blocks of at most 2²¹ entries,
 * the lower one mirrored. @internal
 */
export function gramMatrix(x: Float64Array, mean: Float64Array | null, n: number, d: number, out: Float64Array): void {
  const n4 = (n + 3) & ~3;
  const B = Math.max(2, Math.floor(BLOCK_ENTRIES / n4) & ~1);
  for (let i0 = 0; i0 < n; i0 += B) gramBlock(x, mean, n, d, i0, Math.min(n, i0 + B), true, out.subarray(i0 * n), n);
  mirrorUpper(out, n);
}

/** Copies the upper triangle of the n×n `a` onto the lower one, in 64×64 tiles (cache-friendly). @internal */
export function mirrorUpper(a: Float64Array, n: number): void {
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = 0; j0 <= i0; j0 += T) {
      const j1 = Math.min(n, j0 + T);
      for (let i = i0; i < i1; i++) {
        const jEnd = j1 < i ? j1 : i;
        for (let j = j0; j < jEnd; j++) a[i * n + j] = a[j * n + i] as number;
      }
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
