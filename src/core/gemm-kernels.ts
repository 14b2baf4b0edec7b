/**
 * Dense matrix products C = op(A)·op(B) and C += op(A)·op(B) for the three layouts of a network's
 * layers (internal: not re-exported from the module index).
 *
 * Layouts, every matrix row-major and contiguous except C (row stride `ldc`):
 *
 * - `'NN'`: A is M×K, B is K×N: C = A B (back-propagation through a layer, δ W).
 * - `'TN'`: A is stored K×M, B is K×N: C = Aᵀ B (a layer's weight gradient, δᵀ a).
 * - `'NT'`: A is M×K, B is stored N×K: C = A Bᵀ (a layer's forward pass, a Wᵀ).
 *
 * Every entry is summed in one fixed order: s = 0, then s ← s + op(A)(i,k)·op(B)(k,j) for
 * k = 0, 1, …, K−1 (a rounded product, then a rounded sum: no fused multiply-add), then C ← s or
 * C ← C + s. The WebAssembly SIMD kernel (`gemm` of simd-kernels.wat: packed 4-column panels of
 * op(B), 4×4 register tiles of f64x2 accumulators) and the JavaScript loop {@link gemmJs} both
 * follow it, so the two give the same bits; |C − C_exact| ≤ γ_K Σ_k |A(i,k) B(k,j)| with
 * γ_K = K u/(1 − K u), u = 2⁻⁵³ (Higham, Accuracy and Stability of Numerical Algorithms, §3.1),
 * plus one rounding u|C + s| for `+=`. Cost 2MNK flops; measured in bench/objectives.bench.ts.
 *
 * @module
 */
import type { SimdHeap, SimdKernels } from './simd-heap';

/** The layout of a product: which operand is stored transposed (see the module header). */
export type GemmLayout = 'NN' | 'TN' | 'NT';

/**
 * A product routine: C[cOff + i·ldc + j] ← (or += when `accumulate`) Σₖ op(A)(i,k) op(B)(k,j) for
 * i < M, j < N, with A from `aOff` and B from `bOff` stored as `layout` says. @internal
 */
export type Gemm = (
  layout: GemmLayout,
  M: number,
  N: number,
  K: number,
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  C: Float64Array,
  cOff: number,
  ldc: number,
  accumulate: boolean,
) => void;

/**
 * The strides (in doubles) [si, sk, bsk, bsj] with op(A)(i,k) = A[aOff + i·si + k·sk] and
 * op(B)(k,j) = B[bOff + k·bsk + j·bsj]. @internal
 */
export function gemmStrides(layout: GemmLayout, M: number, N: number, K: number): [number, number, number, number] {
  if (layout === 'NN') return [K, 1, N, 1];
  if (layout === 'TN') return [1, M, N, 1];
  return [K, 1, 1, K];
}

/**
 * The JavaScript product, summing every entry in the SIMD kernel's order (same bits): 1×4 blocks
 * of C, each sum s = 0, s ← s + a·b over k in turn, then stored or added. O(MNK), no allocation.
 * @internal
 */
export const gemmJs: Gemm = (layout, M, N, K, A, aOff, B, bOff, C, cOff, ldc, accumulate) => {
  const [si, sk, bsk, bsj] = gemmStrides(layout, M, N, K);
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * si;
    const ci = cOff + i * ldc;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let pa = ai;
      let pb = bOff + j * bsj;
      for (let k = 0; k < K; k++) {
        const a = A[pa] as number;
        s0 += a * (B[pb] as number);
        s1 += a * (B[pb + bsj] as number);
        s2 += a * (B[pb + 2 * bsj] as number);
        s3 += a * (B[pb + 3 * bsj] as number);
        pa += sk;
        pb += bsk;
      }
      const c = ci + j;
      if (accumulate) {
        C[c] = (C[c] as number) + s0;
        C[c + 1] = (C[c + 1] as number) + s1;
        C[c + 2] = (C[c + 2] as number) + s2;
        C[c + 3] = (C[c + 3] as number) + s3;
      } else {
        C[c] = s0;
        C[c + 1] = s1;
        C[c + 2] = s2;
        C[c + 3] = s3;
      }
    }
    for (; j < N; j++) {
      let s = 0;
      let pa = ai;
      let pb = bOff + j * bsj;
      for (let k = 0; k < K; k++) {
        s += (A[pa] as number) * (B[pb] as number);
        pa += sk;
        pb += bsk;
      }
      const c = ci + j;
      C[c] = accumulate ? (C[c] as number) + s : s;
    }
  }
};

/** The packed-A kernel's export (simd-kernels.wat's mlp block): `gemm`'s parameters and the A scratch `ap`. @internal */
type GemmPackedA = (...args: [...Parameters<SimdKernels['gemm']>, ap: number]) => void;

/**
 * A product routine over `heap`: operands that all live in the heap's memory, with K ≤ `maxK`, go
 * to the WebAssembly SIMD kernel (its packing scratch, 4·maxK doubles, is taken from the heap
 * here); any other call, or every call when `heap` is undefined or full, runs {@link gemmJs}. With
 * `maxMK` > 0 (and room for that many more doubles in the heap), products with M·K ≤ maxMK run the
 * kernel that packs op(A)'s rows in blocks of four as well (`gemmPackedA`: 10–20% faster on a network's
 * layer shapes, twice as fast at K = 10, bench/gemm.bench.ts) when N > 12 (below, packing A costs
 * more than it saves). The bits are the same on every path. @internal
 */
export function createGemm(heap: SimdHeap | undefined, maxK: number, maxMK = 0): Gemm {
  const pack = heap?.alloc(4 * Math.max(1, maxK));
  if (heap === undefined || pack === undefined) return gemmJs;
  const buffer = heap.buffer;
  const kernel = heap.kernels.gemm;
  const packed = (heap.kernels as unknown as { gemmPackedA: GemmPackedA }).gemmPackedA;
  const packPtr = pack.byteOffset;
  const apack = maxMK > 0 ? heap.alloc(maxMK) : undefined;
  const apPtr = apack === undefined ? -1 : apack.byteOffset;
  const mkMax = apack === undefined ? -1 : maxMK;
  return (layout, M, N, K, A, aOff, B, bOff, C, cOff, ldc, accumulate) => {
    if (A.buffer !== buffer || B.buffer !== buffer || C.buffer !== buffer || K > maxK) {
      gemmJs(layout, M, N, K, A, aOff, B, bOff, C, cOff, ldc, accumulate);
      return;
    }
    if (M === 0 || N === 0) return;
    // The strides of gemmStrides, without its array.
    const si = layout === 'TN' ? 1 : K;
    const sk = layout === 'TN' ? M : 1;
    const bsk = layout === 'NT' ? 1 : N;
    const bsj = layout === 'NT' ? K : 1;
    const a = A.byteOffset + 8 * aOff;
    const b = B.byteOffset + 8 * bOff;
    const c = C.byteOffset + 8 * cOff;
    if (N > 12 && M * K <= mkMax) packed(a, si, sk, b, bsk, bsj, M, K, N, c, ldc, accumulate ? 1 : 0, packPtr, apPtr);
    else kernel(a, si, sk, b, bsk, bsj, M, K, N, c, ldc, accumulate ? 1 : 0, packPtr);
  };
}
