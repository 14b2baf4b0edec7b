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
    sweepColumnBlocks(heap.kernels.gramPanel, panelPtr, 8 * L, n4, i0, rowsA, sym, L, cPtr);
  }
  for (let ii = 0; ii < rows; ii++) {
    const o = ii * ldo;
    const co = ii * n4;
    for (let j = sym ? i0 + ii : 0; j < n; j++) out[o + j] = C[co + j] as number;
  }
}

/** Rows of B one call of a Gram panel kernel sweeps (256 KiB of float32 rows, 256 KiB of float64 ones): they stay in L2 while every pair of A rows passes. */
const COLUMN_BLOCK = 256;

type PanelKernel = (a: number, rowsA: number, b: number, rowsB: number, len: number, c: number, ldc: number, sym: number, ioff: number) => void;

/**
 * One panel of a Gram block through `kernel`: C rows [0, rowsA) (global rows i0 + ·) against the
 * panel's rows B in blocks of {@link COLUMN_BLOCK}, the panel at byte `ptr` with rows of `rowBytes`
 * bytes (`len` elements) and n4 rows, C at `cPtr` with row stride n4. Each entry's panel sum is the
 * kernel's, whatever the blocking, so the bits are those of one call over all of B. With `sym`
 * only the tiles on or above the diagonal are computed: rows above a block whole, the block's own
 * rows from their diagonal tile on.
 */
function sweepColumnBlocks(
  kernel: PanelKernel,
  ptr: number,
  rowBytes: number,
  n4: number,
  i0: number,
  rowsA: number,
  sym: boolean,
  len: number,
  cPtr: number,
): void {
  for (let j0 = 0; j0 < n4; j0 += COLUMN_BLOCK) {
    const j1 = Math.min(n4, j0 + COLUMN_BLOCK);
    const bPtr = ptr + j0 * rowBytes;
    if (!sym) {
      kernel(ptr + i0 * rowBytes, rowsA, bPtr, j1 - j0, len, cPtr + 8 * j0, n4, 0, 0);
      continue;
    }
    const above = Math.min(j0, i0 + rowsA) - i0;
    if (above > 0) kernel(ptr + i0 * rowBytes, above, bPtr, j1 - j0, len, cPtr + 8 * j0, n4, 0, 0);
    const r0 = Math.max(j0, i0);
    const r1 = Math.min(j1, i0 + rowsA);
    if (r1 > r0) kernel(ptr + r0 * rowBytes, r1 - r0, bPtr, j1 - j0, len, cPtr + 8 * ((r0 - i0) * n4 + j0), n4, 1, r0 - j0);
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

/** Columns of one float32 panel of {@link gramBlockF32} (a multiple of 4): 64 terms a lane. @internal */
export const GRAM_PANEL_F32 = 256;
/** Float32 entries the staging panels of {@link gramBlockF32} hold at most (8 MiB), so that several panels are packed per sweep of the points. */
const F32_STAGING = 2 ** 21;
/** Largest |scaled coordinate| of the float32 copies: 2⁵⁶ (products ≤ 2¹¹², lane sums ≤ 2¹²⁰ < 2¹²⁸, no overflow). */
const F32_MAX_SCALED = 2 ** 56;

/**
 * The power of two s with s·B ≤ 2⁵⁶ < 2s·B, where B bounds |xᵢₖ − mₖ| (e.g. maxₖᵢ |xᵢₖ| + maxₖ |mₖ|,
 * times 1 + 2⁻⁵⁰), or 0 when s would fall outside [2⁻⁴⁰⁰, 2⁴⁰⁰] (then s² and 1/s² are not both
 * exact doubles and the float64 route must run). B = 0 gives 1. @internal
 */
export function float32Scale(bound: number): number {
  if (!(bound >= 0) || bound === Infinity) return 0;
  if (bound === 0) return 1;
  let s = 1;
  while (s * bound > F32_MAX_SCALED && s > 2 ** -401) s *= 0.5;
  while (s * 2 * bound <= F32_MAX_SCALED && s < 2 ** 401) s *= 2;
  return s >= 2 ** -400 && s <= 2 ** 400 ? s : 0;
}

/**
 * The float32 Gram block, for candidate selection only: out[(i − i0)·ldo + j] ← ĝᵢⱼ, an
 * approximation of gᵢⱼ = cᵢ·cⱼ (cᵢₖ = fl(xᵢₖ − mₖ), the same centred doubles as
 * {@link centredDot}) for i ∈ [i0, i1), j ∈ [0, n) (with `sym` only j ≥ i is guaranteed), computed
 * from float32 copies âᵢₖ = fl₃₂(s·cᵢₖ) (s = `scale`, a power of two from {@link float32Scale}, so
 * |s·cᵢₖ| ≤ 2⁵⁶) by the kernel `gramPanelF32` over panels of {@link GRAM_PANEL_F32} columns, the
 * panel sums added in float64 and multiplied by 1/s² (exact). `i0` must be even.
 *
 * Error bound (u = 2⁻²⁴, m = GRAM_PANEL_F32/4 = 64 terms a lane, P = ⌈d/GRAM_PANEL_F32⌉ panels,
 * γₙ = nu/(1 − nu), γ′ₙ the same with 2⁻⁵³): each conversion gives |âₖ − s·cₖ| ≤ u|s·cₖ| + 2⁻¹⁵⁰
 * (the 2⁻¹⁵⁰ for a result in the subnormal range), each product one more rounding (relative u,
 * absolute 2⁻¹⁵⁰), each lane sum m − 1 additions from an exact first term, the lanes two more, the
 * panels P float64 additions. With |s·cₖ| ≤ 2⁵⁶ the absolute parts stay below 2⁻⁹¹ a coordinate, so
 *
 *   |ĝᵢⱼ − gᵢⱼ| ≤ (γ_{m+4} + γ′_{P+2})·Σₖ |cᵢₖ||cⱼₖ| + d·2⁻⁹¹/s²
 *             ≤ (γ_{m+4} + γ′_{P+2})·‖cᵢ‖‖cⱼ‖ + d·2⁻⁹¹/s²   (Cauchy–Schwarz),
 *
 * and ‖cᵢ‖‖cⱼ‖ ≤ (‖cᵢ‖² + ‖cⱼ‖²)/2. (m = 64: γ_{m+4} ≈ 4.1·10⁻⁶.)
 *
 * With `norms` (length n, only for a block that packs every row, which every block does), it also
 * receives ‖cᵣ‖² = Σₖ cᵣₖ² in float64 (two partial sums a sweep, error ≤ γ′_d‖cᵣ‖²).
 *
 * Returns false (and writes nothing) where WebAssembly SIMD is unavailable: the caller runs the
 * float64 route, whose results it reports are the same. Memory: at most max(2²¹, n·GRAM_PANEL_F32)
 * floats of staging + (i1 − i0 + 1)·n doubles of heap. @internal
 */
export function gramBlockF32(
  x: Float64Array,
  mean: Float64Array | null,
  scale: number,
  n: number,
  d: number,
  i0: number,
  i1: number,
  sym: boolean,
  out: Float64Array,
  ldo: number,
  norms: Float64Array | null,
): boolean {
  const rows = i1 - i0;
  const n4 = (n + 3) & ~3;
  const rowsA = (rows + 1) & ~1;
  const L = GRAM_PANEL_F32;
  const panels = Math.ceil(d / L);
  const Q = Math.max(1, Math.min(panels, Math.floor(F32_STAGING / (n4 * L))));
  const stagingDoubles = (Q * n4 * L) / 2;
  const heap = n >= 4 ? createSimdHeap(stagingDoubles + rowsA * n4 + 8) : undefined;
  const staging = heap?.alloc(stagingDoubles);
  const C = heap?.alloc(rowsA * n4);
  if (heap === undefined || staging === undefined || C === undefined) return false;
  const f = new Float32Array(heap.buffer, staging.byteOffset, 2 * stagingDoubles);
  const base = staging.byteOffset;
  const cPtr = C.byteOffset;
  const panelFloats = n4 * L;
  if (norms !== null) norms.fill(0, 0, n);
  for (let p0 = 0; p0 < d; p0 += Q * L) {
    const pEnd = Math.min(d, p0 + Q * L);
    const q1 = Math.ceil((pEnd - p0) / L);
    // pack: row r's coordinates [p0, pEnd) into panels q (row stride Lp = width rounded up to 4, zero padded)
    for (let r = 0; r < n; r++) {
      const src = r * d;
      // two partial sums of the squared norm (even and odd offsets): two independent chains
      let s0 = 0;
      let s1 = 0;
      for (let q = 0; q < q1; q++) {
        const pq = p0 + q * L;
        const w = Math.min(L, d - pq);
        const Lp = (w + 3) & ~3;
        const dst = q * panelFloats + r * Lp - pq;
        const end = pq + w;
        let k = pq;
        if (mean === null) {
          for (; k + 1 < end; k += 2) {
            const c0 = x[src + k] as number;
            const c1 = x[src + k + 1] as number;
            s0 += c0 * c0;
            s1 += c1 * c1;
            f[dst + k] = c0 * scale;
            f[dst + k + 1] = c1 * scale;
          }
        } else {
          for (; k + 1 < end; k += 2) {
            const c0 = (x[src + k] as number) - (mean[k] as number);
            const c1 = (x[src + k + 1] as number) - (mean[k + 1] as number);
            s0 += c0 * c0;
            s1 += c1 * c1;
            f[dst + k] = c0 * scale;
            f[dst + k + 1] = c1 * scale;
          }
        }
        if (k < end) {
          const c0 = (x[src + k] as number) - (mean === null ? 0 : (mean[k] as number));
          s0 += c0 * c0;
          f[dst + k] = c0 * scale;
        }
        for (k = end; k < pq + Lp; k++) f[dst + k] = 0;
      }
      if (norms !== null) norms[r] = (norms[r] as number) + (s0 + s1);
    }
    for (let q = 0; q < q1; q++) {
      const w = Math.min(L, d - (p0 + q * L));
      const Lp = (w + 3) & ~3;
      f.fill(0, q * panelFloats + n * Lp, q * panelFloats + n4 * Lp);
      const ptr = base + 4 * q * panelFloats;
      sweepColumnBlocks(heap.kernels.gramPanelF32, ptr, 4 * Lp, n4, i0, rowsA, sym, Lp, cPtr);
    }
  }
  const inv2 = 1 / (scale * scale);
  for (let ii = 0; ii < rows; ii++) {
    const o = ii * ldo;
    const co = ii * n4;
    for (let j = sym ? i0 + ii : 0; j < n; j++) out[o + j] = (C[co + j] as number) * inv2;
  }
  return true;
}

/** Columns of one panel of {@link pairSquaredDistances}: 8 KiB of a row, so a panel of all rows stays in cache while its pairs use it. */
const PAIR_PANEL = 1024;

/**
 * out[e] ← Σₖ (x_{aₑ,k} − x_{bₑ,k})² for e < count, the same bits as {@link squaredDistance} (one
 * running sum per pair, in coordinate order), computed panel by panel over the columns, the sum of
 * each pair carried from panel to panel, four pairs at a time (independent chains); with the pairs
 * sorted by their first row, each panel of the points is read from memory about once instead of
 * two rows of d doubles for every pair. Time O(count·d). @internal
 */
export function pairSquaredDistances(x: Float64Array, d: number, a: Int32Array, b: Int32Array, count: number, out: Float64Array): void {
  out.fill(0, 0, count);
  for (let p = 0; p < d; p += PAIR_PANEL) {
    const w = p + PAIR_PANEL < d ? PAIR_PANEL : d - p;
    let e = 0;
    while (e < count) {
      if (e + 4 <= count && a[e + 3] === a[e]) {
        // four pairs of one first row (the common case, the pairs sorted by it): that row loaded once
        const a0 = (a[e] as number) * d + p;
        const b0 = (b[e] as number) * d + p;
        const b1 = (b[e + 1] as number) * d + p;
        const b2 = (b[e + 2] as number) * d + p;
        const b3 = (b[e + 3] as number) * d + p;
        let s0 = out[e] as number;
        let s1 = out[e + 1] as number;
        let s2 = out[e + 2] as number;
        let s3 = out[e + 3] as number;
        for (let k = 0; k < w; k++) {
          const v = x[a0 + k] as number;
          const t0 = v - (x[b0 + k] as number);
          const t1 = v - (x[b1 + k] as number);
          const t2 = v - (x[b2 + k] as number);
          const t3 = v - (x[b3 + k] as number);
          s0 += t0 * t0;
          s1 += t1 * t1;
          s2 += t2 * t2;
          s3 += t3 * t3;
        }
        out[e] = s0;
        out[e + 1] = s1;
        out[e + 2] = s2;
        out[e + 3] = s3;
        e += 4;
      } else if (e + 4 <= count) {
        // four pairs of different first rows: still four independent chains
        const a0 = (a[e] as number) * d + p;
        const b0 = (b[e] as number) * d + p;
        const a1 = (a[e + 1] as number) * d + p;
        const b1 = (b[e + 1] as number) * d + p;
        const a2 = (a[e + 2] as number) * d + p;
        const b2 = (b[e + 2] as number) * d + p;
        const a3 = (a[e + 3] as number) * d + p;
        const b3 = (b[e + 3] as number) * d + p;
        let s0 = out[e] as number;
        let s1 = out[e + 1] as number;
        let s2 = out[e + 2] as number;
        let s3 = out[e + 3] as number;
        for (let k = 0; k < w; k++) {
          const t0 = (x[a0 + k] as number) - (x[b0 + k] as number);
          const t1 = (x[a1 + k] as number) - (x[b1 + k] as number);
          const t2 = (x[a2 + k] as number) - (x[b2 + k] as number);
          const t3 = (x[a3 + k] as number) - (x[b3 + k] as number);
          s0 += t0 * t0;
          s1 += t1 * t1;
          s2 += t2 * t2;
          s3 += t3 * t3;
        }
        out[e] = s0;
        out[e + 1] = s1;
        out[e + 2] = s2;
        out[e + 3] = s3;
        e += 4;
      } else {
        const a0 = (a[e] as number) * d + p;
        const b0 = (b[e] as number) * d + p;
        let s0 = out[e] as number;
        for (let k = 0; k < w; k++) {
          const t0 = (x[a0 + k] as number) - (x[b0 + k] as number);
          s0 += t0 * t0;
        }
        out[e] = s0;
        e++;
      }
    }
  }
}

/**
 * out[r·n + j] ← (x_{rows[r]} − m)·(xⱼ − m) for r < rows.length and j ∈ [0, n), the same bits as
 * {@link centredDot} (the Gram summation order): {@link gramBlock} for a list of rows that need not
 * be contiguous (their panels gathered beside the panel of all rows). Used where the float32
 * selection was too loose for some rows. Memory n·GRAM_PANEL + 2·rows·(n + GRAM_PANEL) doubles. @internal
 */
export function gramRows(x: Float64Array, mean: Float64Array | null, n: number, d: number, rows: Int32Array, out: Float64Array): void {
  const R = rows.length;
  const n4 = (n + 3) & ~3;
  const rowsA = (R + 1) & ~1;
  const P = d < GRAM_PANEL ? d : GRAM_PANEL;
  const heap = n >= 4 ? createSimdHeap(n4 * P + rowsA * P + rowsA * n4 + 8) : undefined;
  const panel = heap?.alloc(n4 * P);
  const A = heap?.alloc(rowsA * P);
  const C = heap?.alloc(rowsA * n4);
  if (heap === undefined || panel === undefined || A === undefined || C === undefined) {
    for (let r = 0; r < R; r++) for (let j = 0; j < n; j++) out[r * n + j] = centredDot(x, mean, rows[r] as number, j, d);
    return;
  }
  for (let p = 0; p < d; p += GRAM_PANEL) {
    const L = p + GRAM_PANEL < d ? GRAM_PANEL : d - p;
    for (let r = 0; r < n; r++) {
      const src = r * d + p;
      const dst = r * L;
      if (mean === null) for (let k = 0; k < L; k++) panel[dst + k] = x[src + k] as number;
      else for (let k = 0; k < L; k++) panel[dst + k] = (x[src + k] as number) - (mean[p + k] as number);
    }
    panel.fill(0, n * L, n4 * L);
    for (let r = 0; r < R; r++) A.set(panel.subarray((rows[r] as number) * L, (rows[r] as number) * L + L), r * L);
    A.fill(0, R * L, rowsA * L);
    heap.kernels.gramPanel(A.byteOffset, rowsA, panel.byteOffset, n4, L, C.byteOffset, n4, 0, 0);
  }
  for (let r = 0; r < R; r++) for (let j = 0; j < n; j++) out[r * n + j] = C[r * n4 + j] as number;
}
