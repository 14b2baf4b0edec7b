/**
 * WebAssembly SIMD heaps (internal: not re-exported from the module index).
 *
 * A heap is one fixed-size `WebAssembly.Memory` holding the vectors that the hot loops of a
 * computation sweep (a Lanczos basis, a dense matrix), and an instance of the kernels of
 * `simd-kernels.wat` (f64x2 dot products and multiply-adds, 4–6× faster than the same loops in
 * JavaScript on Node 20, where V8 does not vectorise). The vectors are `Float64Array` views into
 * the memory; the memory never grows, so the views stay valid for the heap's life.
 *
 * WebAssembly is part of the language runtime in Node ≥ 20 and every current browser (SIMD since
 * Node 16.4, Chrome 91, Firefox 89, Safari 16.4): no native code, nothing to build on install.
 * Where it is missing, or a content-security policy forbids compiling it, {@link createSimdHeap}
 * returns `undefined` and callers run their JavaScript loops instead (same results to rounding).
 *
 * @module
 */
import { SIMD_KERNELS_WASM } from './simd-kernels-bytes';

/** The kernels' exports (pointers are byte offsets into the heap, lengths count doubles). */
export interface SimdKernels {
  /** out[0..4) ← (a·x, b·x, c·x, d·x). */
  dot4(a: number, b: number, c: number, d: number, x: number, len: number, out: number): void;
  /** a·x. */
  dot1(a: number, x: number, len: number): number;
  /** y ← y + (k₀a + k₁b) + (k₂c + k₃d), k = the four doubles at `coef`. */
  axpy4(a: number, b: number, c: number, d: number, coef: number, y: number, len: number): void;
  /** y ← y + αx. */
  axpy1(alpha: number, x: number, y: number, len: number): void;
  /** out ← A x for the n×n CSR matrix (rp, ci: int32; v: doubles), each row summed in entry order. */
  csrMatVec(rp: number, ci: number, v: number, x: number, out: number, n: number): void;
  /**
   * C[i][j] += Σₖ A[i][k]·B[j][k] over a panel (rows of `len` doubles) for i < rowsA (even), j < rowsB
   * (a multiple of 4), C with row stride `ldc`; `sym` = 1 skips the 2×4 tiles wholly below the
   * diagonal (A's row i being global row ioff + i). Order of each sum: see diffusion-maps/distance-kernels.ts.
   */
  gramPanel(a: number, rowsA: number, b: number, rowsB: number, len: number, c: number, ldc: number, sym: number, ioff: number): void;
  /**
   * As `gramPanel` over float32 rows (len floats a row, a multiple of 4; f32x4 partial sums over
   * k mod 4, lanes added (s₀ + s₂) + (s₁ + s₃) in float32), C float64. For candidate selection only:
   * see diffusion-maps/distance-kernels.ts (`gramBlockF32`).
   */
  gramPanelF32(a: number, rowsA: number, b: number, rowsB: number, len: number, c: number, ldc: number, sym: number, ioff: number): void;
  /**
   * C (= or += when acc = 1) op(A)·op(B) with op(A)(i,k) at a + 8(i·si + k·sk), op(B)(k,j) at
   * b + 8(k·bsk + j·bsj), C M×N with row stride ldc, bp scratch for 4K doubles. Order of each
   * sum: see gemm-kernels.ts.
   */
  /**
   * y ← A x for the n×n row-major A, reading its upper triangle only (A taken as exactly
   * symmetric); rows in pairs, order of each sum: see spectral/dense-kernels.ts.
   */
  symMatVec(a: number, x: number, y: number, n: number): void;
  /**
   * out[ord[k]] ← scale·x[k] for the LDLᵀ solve x = L⁻ᵀD⁻¹L⁻¹ P b (L by rows: rp, rc int32, rv
   * doubles; ord int32; dg, x, b, out doubles); the operations of diffusion-maps/shift-invert-kernels.ts's ldlSolve.
   */
  ldlSolveRows(n: number, ord: number, dg: number, rp: number, rc: number, rv: number, x: number, b: number, out: number, scale: number): void;
  gemm(
    a: number,
    si: number,
    sk: number,
    b: number,
    bsk: number,
    bsj: number,
    M: number,
    K: number,
    N: number,
    c: number,
    ldc: number,
    acc: number,
    bp: number,
  ): void;
}

/** A fixed-size WebAssembly memory with the SIMD kernels over it. */
export interface SimdHeap {
  /** The memory's buffer: a `Float64Array` lives in the heap iff its `buffer` is this one. */
  readonly buffer: ArrayBuffer;
  readonly kernels: SimdKernels;
  /** Four doubles of scratch (kernel coefficients and results), at byte offset `scratchPtr`. */
  readonly scratch: Float64Array;
  readonly scratchPtr: number;
  /** `length` zeroed doubles of the heap (16-byte aligned), or `undefined` once it is full. */
  alloc(length: number): Float64Array | undefined;
  /** `length` zeroed 32-bit integers of the heap (16-byte aligned), or `undefined` once it is full. */
  allocInt32(length: number): Int32Array | undefined;
}

/** What of the WebAssembly API the heaps use (declared here: the library compiles without DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}

/**
 * Vector length from which callers put their data in a heap: below it, instantiating (tens of µs)
 * costs more than the kernels save.
 */
export const SIMD_MIN_DIM = 32;

const PAGE = 65536;
/** Pages a 32-bit memory can have (4 GiB). */
const MAX_PAGES = 65536;
const SCRATCH_BYTES = 32;

let compiled: object | null | undefined; // undefined: not tried yet; null: unavailable
let enabled = true;

/**
 * Internal (tests and benchmarks): turns the SIMD path off, so that computations run their
 * JavaScript loops, or back on. Returns the previous setting.
 */
export function setSimdEnabled(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

function simdModule(): object | null {
  if (compiled === undefined) {
    compiled = null;
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      // validate() is false where the engine lacks SIMD; the constructor throws under a CSP.
      if (wasm !== undefined && wasm.validate(SIMD_KERNELS_WASM)) compiled = new wasm.Module(SIMD_KERNELS_WASM);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * A heap with room for `doubles` doubles (8 bytes each) in allocations each rounded up to 16
 * bytes, or `undefined` when WebAssembly SIMD is unavailable, turned off, or the memory (at most
 * 4 GiB) cannot be had.
 */
export function createSimdHeap(doubles: number): SimdHeap | undefined {
  if (!enabled || !(doubles >= 0)) return undefined;
  const mod = simdModule();
  if (mod === null) return undefined;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
  const pages = Math.ceil((SCRATCH_BYTES + 8 * doubles) / PAGE) || 1;
  if (pages > MAX_PAGES) return undefined;
  let memory: { buffer: ArrayBuffer };
  let kernels: SimdKernels;
  try {
    memory = new wasm.Memory({ initial: pages, maximum: pages });
    kernels = new wasm.Instance(mod, { env: { memory } }).exports as SimdKernels;
  } catch {
    return undefined; // out of memory (a RangeError), or the engine refused the instance
  }
  const buffer = memory.buffer;
  let top = SCRATCH_BYTES;
  /** Byte offset of `bytes` more (rounded up to 16), or -1 when they do not fit. */
  const take = (bytes: number): number => {
    const size = 16 * Math.ceil(bytes / 16);
    if (top + size > buffer.byteLength) return -1;
    top += size;
    return top - size;
  };
  return {
    buffer,
    kernels,
    scratch: new Float64Array(buffer, 0, 4),
    scratchPtr: 0,
    alloc(length: number): Float64Array | undefined {
      const at = take(8 * length);
      return at < 0 ? undefined : new Float64Array(buffer, at, length);
    },
    allocInt32(length: number): Int32Array | undefined {
      const at = take(4 * length);
      return at < 0 ? undefined : new Int32Array(buffer, at, length);
    },
  };
}
