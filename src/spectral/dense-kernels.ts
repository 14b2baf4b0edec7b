/**
 * The symmetric dense matrix-vector product of {@link denseOperator}: y = A x from the upper
 * triangle of a row-major n×n matrix (internal: not re-exported from the module index).
 *
 * A symmetric matrix's strict lower triangle repeats its upper one, so a sweep of the upper
 * triangle alone (each entry used twice: aᵢⱼxⱼ into yᵢ and aᵢⱼxᵢ into yⱼ) does the n² multiply-adds
 * of the product while reading half the matrix. For a matrix larger than the caches that is half
 * the memory traffic, which bounds a full sweep (n = 2000: 32 MB a product, 16 MB this way).
 *
 * The WebAssembly SIMD kernel `symMatVec` (simd-kernels.wat) and the JavaScript loop below sum in
 * one order, so they agree bit for bit (IEEE binary64, no fused multiply-add). Rows go in pairs
 * (i, i + 1), i even; over the columns j ≥ i + 2 (L = n − i − 2 of them):
 *
 *   tᵣ = (Σ_{pairs, j − i even} aᵣⱼxⱼ + Σ_{pairs, j − i odd} aᵣⱼxⱼ) [+ aᵣ,ₙ₋₁xₙ₋₁ when L is odd]
 *   yⱼ ← yⱼ + (xᵢaᵢⱼ + xᵢ₊₁aᵢ₊₁,ⱼ)
 *   yᵢ ← (yᵢ + aᵢᵢxᵢ) + (aᵢ,ᵢ₊₁xᵢ₊₁ + tᵢ)
 *   yᵢ₊₁ ← ((yᵢ₊₁ + aᵢ,ᵢ₊₁xᵢ) + aᵢ₊₁,ᵢ₊₁xᵢ₊₁) + tᵢ₊₁
 *
 * (the two partial sums of tᵣ are the kernel's two f64x2 lanes), and for odd n the last row
 * yₙ₋₁ ← yₙ₋₁ + aₙ₋₁,ₙ₋₁xₙ₋₁; y starts at 0. The strict lower triangle is never read.
 *
 * @module
 */
import type { SimdHeap } from '../core/simd-heap';

/**
 * y ← A x from the upper triangle of the row-major n×n `a`, in the order of the module comment.
 * Returns y. O(n²), no allocation. @internal
 */
export function symmetricMatVecJs(a: Float64Array, x: Float64Array, y: Float64Array, n: number): Float64Array {
  y.fill(0, 0, n);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const xi = x[i] as number;
    const xi1 = x[i + 1] as number;
    const len = n - i - 2;
    const end = i + 2 + 2 * (len >> 1);
    let e0 = 0;
    let o0 = 0;
    let e1 = 0;
    let o1 = 0;
    for (let j = i + 2; j < end; j += 2) {
      const a0 = a[r0 + j] as number;
      const b0 = a[r0 + j + 1] as number;
      const a1 = a[r1 + j] as number;
      const b1 = a[r1 + j + 1] as number;
      const xa = x[j] as number;
      const xb = x[j + 1] as number;
      e0 += a0 * xa;
      o0 += b0 * xb;
      e1 += a1 * xa;
      o1 += b1 * xb;
      y[j] = (y[j] as number) + (xi * a0 + xi1 * a1);
      y[j + 1] = (y[j + 1] as number) + (xi * b0 + xi1 * b1);
    }
    let t0 = e0 + o0;
    let t1 = e1 + o1;
    if ((len & 1) === 1) {
      const xl = x[end] as number;
      const l0 = a[r0 + end] as number;
      const l1 = a[r1 + end] as number;
      t0 += l0 * xl;
      t1 += l1 * xl;
      y[end] = (y[end] as number) + (xi * l0 + xi1 * l1);
    }
    const a01 = a[r0 + i + 1] as number;
    y[i] = (y[i] as number) + (a[r0 + i] as number) * xi + (a01 * xi1 + t0);
    y[i + 1] = (y[i + 1] as number) + a01 * xi + (a[r1 + i + 1] as number) * xi1 + t1;
  }
  if (i < n) y[i] = (y[i] as number) + (a[i * n + i] as number) * (x[i] as number);
  return y;
}

/**
 * y ← A x from the upper triangle of `a` (see the module comment): the SIMD kernel when `heap` is
 * given and a, x and y all live in it, else {@link symmetricMatVecJs}; the same bits either way.
 * Returns y. @internal
 */
export function symmetricMatVec(heap: SimdHeap | undefined, a: Float64Array, x: Float64Array, y: Float64Array, n: number): Float64Array {
  if (heap !== undefined && a.buffer === heap.buffer && x.buffer === heap.buffer && y.buffer === heap.buffer) {
    heap.kernels.symMatVec(a.byteOffset, x.byteOffset, y.byteOffset, n);
    return y;
  }
  return symmetricMatVecJs(a, x, y, n);
}
