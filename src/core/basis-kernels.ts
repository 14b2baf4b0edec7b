/**
 * Kernels over a list of vectors (a Krylov basis, the rows of a dense matrix): many dot products
 * with one vector, a linear combination added to one vector, and an in-place change of basis
 * (internal: not re-exported from the module index).
 *
 * Each runs the WebAssembly SIMD kernels when it is given a heap and the vectors it touches live
 * in it (four at a time), and otherwise the JavaScript loops below, four vectors a sweep (the
 * shared vector loaded once for four products). The JavaScript loops sum in the kernels' order,
 * so the two paths agree bit for bit (IEEE binary64 lanes, no fused multiply-add). None allocates.
 *
 * @module
 */
import { axpy, norm2 } from './blas1';
import type { SimdHeap } from './simd-heap';

/** Whether the four vectors all live in the heap (the kernels take byte offsets into it). */
function inHeap(heap: SimdHeap, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array): boolean {
  const buf = heap.buffer;
  return a.buffer === buf && b.buffer === buf && c.buffer === buf && d.buffer === buf;
}

/**
 * a·x summed in the order of the SIMD kernel `dot1`: two lanes (even, odd indices) in each of two
 * accumulators (index mod 4 in {0, 1} and {2, 3}; a last pair goes to the first), added lanewise,
 * then the lanes, then an odd last term.
 */
function dotSimdOrder(a: Float64Array, x: Float64Array): number {
  const n = x.length;
  let p0 = 0;
  let p1 = 0;
  let q0 = 0;
  let q1 = 0;
  const quads = n - (n & 3);
  let j = 0;
  for (; j < quads; j += 4) {
    p0 += (a[j] as number) * (x[j] as number);
    p1 += (a[j + 1] as number) * (x[j + 1] as number);
    q0 += (a[j + 2] as number) * (x[j + 2] as number);
    q1 += (a[j + 3] as number) * (x[j + 3] as number);
  }
  if (j + 1 < n) {
    p0 += (a[j] as number) * (x[j] as number);
    p1 += (a[j + 1] as number) * (x[j + 1] as number);
    j += 2;
  }
  let t = p0 + q0 + (p1 + q1);
  if (j < n) t += (a[j] as number) * (x[j] as number);
  return t;
}

/**
 * h[i] ← V[i]·w for i ∈ [from, to). Returns h. Both paths sum in the SIMD kernels' order, so they
 * agree bit for bit.
 */
export function dotsInto(heap: SimdHeap | undefined, V: readonly Float64Array[], from: number, to: number, w: Float64Array, h: Float64Array): Float64Array {
  const n = w.length;
  const simd = heap !== undefined && w.buffer === heap.buffer;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const a = V[i] as Float64Array;
    const b = V[i + 1] as Float64Array;
    const c = V[i + 2] as Float64Array;
    const d = V[i + 3] as Float64Array;
    if (simd && inHeap(heap, a, b, c, d)) {
      heap.kernels.dot4(a.byteOffset, b.byteOffset, c.byteOffset, d.byteOffset, w.byteOffset, n, heap.scratchPtr);
      const s = heap.scratch;
      h[i] = s[0] as number;
      h[i + 1] = s[1] as number;
      h[i + 2] = s[2] as number;
      h[i + 3] = s[3] as number;
      continue;
    }
    // The SIMD kernel's order: even and odd indices summed apart (its two lanes), then added.
    let e0 = 0;
    let o0 = 0;
    let e1 = 0;
    let o1 = 0;
    let e2 = 0;
    let o2 = 0;
    let e3 = 0;
    let o3 = 0;
    const even = n - (n & 1);
    for (let j = 0; j < even; j += 2) {
      const x = w[j] as number;
      const y = w[j + 1] as number;
      e0 += (a[j] as number) * x;
      o0 += (a[j + 1] as number) * y;
      e1 += (b[j] as number) * x;
      o1 += (b[j + 1] as number) * y;
      e2 += (c[j] as number) * x;
      o2 += (c[j + 1] as number) * y;
      e3 += (d[j] as number) * x;
      o3 += (d[j + 1] as number) * y;
    }
    let t0 = e0 + o0;
    let t1 = e1 + o1;
    let t2 = e2 + o2;
    let t3 = e3 + o3;
    if (even < n) {
      const x = w[even] as number;
      t0 += (a[even] as number) * x;
      t1 += (b[even] as number) * x;
      t2 += (c[even] as number) * x;
      t3 += (d[even] as number) * x;
    }
    h[i] = t0;
    h[i + 1] = t1;
    h[i + 2] = t2;
    h[i + 3] = t3;
  }
  for (; i < to; i++) {
    const a = V[i] as Float64Array;
    h[i] = simd && a.buffer === heap.buffer ? heap.kernels.dot1(a.byteOffset, w.byteOffset, n) : dotSimdOrder(a, w);
  }
  return h;
}

/** y ← y + α Σᵢ coef[i] V[i] over i ∈ [from, to). Returns y. */
export function addCombination(
  heap: SimdHeap | undefined,
  V: readonly Float64Array[],
  from: number,
  to: number,
  coef: Float64Array,
  y: Float64Array,
  alpha = 1,
): Float64Array {
  const n = y.length;
  const simd = heap !== undefined && y.buffer === heap.buffer;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const a = V[i] as Float64Array;
    const b = V[i + 1] as Float64Array;
    const c = V[i + 2] as Float64Array;
    const d = V[i + 3] as Float64Array;
    const k0 = alpha * (coef[i] as number);
    const k1 = alpha * (coef[i + 1] as number);
    const k2 = alpha * (coef[i + 2] as number);
    const k3 = alpha * (coef[i + 3] as number);
    if (simd && inHeap(heap, a, b, c, d)) {
      const s = heap.scratch;
      s[0] = k0;
      s[1] = k1;
      s[2] = k2;
      s[3] = k3;
      heap.kernels.axpy4(a.byteOffset, b.byteOffset, c.byteOffset, d.byteOffset, heap.scratchPtr, y.byteOffset, n);
      continue;
    }
    for (let j = 0; j < n; j++) {
      y[j] = (y[j] as number) + (k0 * (a[j] as number) + k1 * (b[j] as number) + (k2 * (c[j] as number) + k3 * (d[j] as number)));
    }
  }
  for (; i < to; i++) {
    const a = V[i] as Float64Array;
    const k = alpha * (coef[i] as number);
    if (simd && a.buffer === heap.buffer) heap.kernels.axpy1(k, a.byteOffset, y.byteOffset, n);
    else axpy(k, a, y);
  }
  return y;
}

/**
 * Change of basis in place: V[q] ← Σⱼ S[j·l + q] V[j] (j < c) for q < l ≤ c, that is
 * V[:, 0..l) ← V[:, 0..c) S with S row-major c×l. Works over blocks of rows that stay in cache,
 * in `tmp` (at least 2l doubles; a block has ⌊tmp.length / l⌋ rows; in the heap for the SIMD
 * path). All V[j] have the same length.
 */
export function rotateBasis(heap: SimdHeap | undefined, V: readonly Float64Array[], c: number, S: Float64Array, l: number, tmp: Float64Array): void {
  if (l === 0) return;
  const n = (V[0] as Float64Array).length;
  const B = Math.floor(tmp.length / l);
  const simd = heap !== undefined && tmp.buffer === heap.buffer;
  for (let r0 = 0; r0 < n; r0 += B) {
    const len = Math.min(B, n - r0);
    tmp.fill(0);
    let j = 0;
    for (; j + 3 < c; j += 4) {
      const v0 = V[j] as Float64Array;
      const v1 = V[j + 1] as Float64Array;
      const v2 = V[j + 2] as Float64Array;
      const v3 = V[j + 3] as Float64Array;
      const wasm = simd && inHeap(heap, v0, v1, v2, v3);
      for (let q = 0; q < l; q++) {
        const s0 = S[j * l + q] as number;
        const s1 = S[(j + 1) * l + q] as number;
        const s2 = S[(j + 2) * l + q] as number;
        const s3 = S[(j + 3) * l + q] as number;
        const o = q * B - r0;
        if (wasm) {
          const s = heap.scratch;
          s[0] = s0;
          s[1] = s1;
          s[2] = s2;
          s[3] = s3;
          const off = 8 * r0;
          heap.kernels.axpy4(
            v0.byteOffset + off,
            v1.byteOffset + off,
            v2.byteOffset + off,
            v3.byteOffset + off,
            heap.scratchPtr,
            tmp.byteOffset + 8 * q * B,
            len,
          );
          continue;
        }
        for (let i = r0; i < r0 + len; i++) {
          tmp[o + i] = (tmp[o + i] as number) + (s0 * (v0[i] as number) + s1 * (v1[i] as number) + (s2 * (v2[i] as number) + s3 * (v3[i] as number)));
        }
      }
    }
    for (; j < c; j++) {
      const vj = V[j] as Float64Array;
      const wasm = simd && vj.buffer === heap.buffer;
      for (let q = 0; q < l; q++) {
        const s0 = S[j * l + q] as number;
        if (wasm) {
          heap.kernels.axpy1(s0, vj.byteOffset + 8 * r0, tmp.byteOffset + 8 * q * B, len);
          continue;
        }
        const o = q * B - r0;
        for (let i = r0; i < r0 + len; i++) tmp[o + i] = (tmp[o + i] as number) + s0 * (vj[i] as number);
      }
    }
    for (let q = 0; q < l; q++) (V[q] as Float64Array).set(tmp.subarray(q * B, q * B + len), r0);
  }
}

/**
 * ‖x‖₂ = √(x·x), the dot product summed in the SIMD kernels' order (by the kernel when x lives in
 * the heap), when x·x lands in [1e-250, ∞): no overflow, and what underflowed is below 1e-250·ε
 * relative to the sum. Otherwise core's scaled `norm2` (which also propagates NaN). Both paths
 * give the same bits.
 */
export function norm2In(heap: SimdHeap | undefined, x: Float64Array): number {
  const s = heap !== undefined && x.buffer === heap.buffer ? heap.kernels.dot1(x.byteOffset, x.byteOffset, x.length) : dotSimdOrder(x, x);
  return s >= 1e-250 && s < Number.POSITIVE_INFINITY ? Math.sqrt(s) : norm2(x);
}
