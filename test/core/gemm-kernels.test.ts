import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createGemm, gemmJs, gemmStrides, type GemmLayout } from '../../src/core/gemm-kernels';
import { createSimdHeap } from '../../src/core/simd-heap';
import { rngFor } from '../../src/random/rng';

const LAYOUTS: readonly GemmLayout[] = ['NN', 'TN', 'NT'];

// The exact product in the reference order is not needed: a naive triple loop with |a·b| summed
// beside it gives the bound |C − C_naive| ≤ 2γ_K Σ|a b| (+ u|C| for +=), both being within γ_K Σ|a b| of
// the exact sum (Higham §3.1).
function naive(layout: GemmLayout, M: number, N: number, K: number, A: Float64Array, B: Float64Array, C0: Float64Array, acc: boolean) {
  const [si, sk, bsk, bsj] = gemmStrides(layout, M, N, K);
  const C = new Float64Array(M * N);
  const abs = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      let t = 0;
      for (let k = 0; k < K; k++) {
        const p = (A[i * si + k * sk] as number) * (B[k * bsk + j * bsj] as number);
        s += p;
        t += Math.abs(p);
      }
      C[i * N + j] = acc ? (C0[i * N + j] as number) + s : s;
      abs[i * N + j] = t + (acc ? Math.abs(C0[i * N + j] as number) : 0);
    }
  return { C, abs };
}

function fill(n: number, seed: number): Float64Array {
  const x = new Float64Array(n);
  rngFor('gemm-test', seed).fillNormal(x, 0, 1);
  return x;
}

const shape = fc.record({
  layout: fc.constantFrom(...LAYOUTS),
  M: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 23 })),
  N: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 23 })),
  K: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 1, max: 41 })),
  acc: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
});

describe('gemm kernels', () => {
  it('match a naive triple loop within 2γ_K Σ|a·b| (all layouts, = and +=, odd sizes, 1×n, n×1)', () => {
    fc.assert(
      fc.property(shape, ({ layout, M, N, K, acc, seed }) => {
        const A = fill(M * K, seed);
        const B = fill(K * N, seed + 1);
        const C0 = fill(M * N, seed + 2);
        const C = C0.slice();
        gemmJs(layout, M, N, K, A, 0, B, 0, C, 0, N, acc);
        const ref = naive(layout, M, N, K, A, B, C0, acc);
        const u = 2 ** -53;
        const gamma = (K * u) / (1 - K * u);
        for (let i = 0; i < M * N; i++) {
          const bound = 2 * gamma * (ref.abs[i] as number) + 2 * u * Math.abs(ref.C[i] as number);
          expect(Math.abs((C[i] as number) - (ref.C[i] as number))).toBeLessThanOrEqual(bound);
        }
      }),
      { seed: 17, numRuns: 200 },
    );
  });

  it('gives the same bits in WebAssembly SIMD and JavaScript, offsets and a row stride ldc > N included', () => {
    const heap = createSimdHeap(40000);
    expect(heap).toBeDefined();
    if (heap === undefined) return;
    const gemm = createGemm(heap, 64); // the `gemm` kernel
    const gemmP = createGemm(heap, 64, 64 * 64); // `gemmPackedA` where N > 12
    const packed = (heap.kernels as unknown as { gemmPackedA: (...args: number[]) => void }).gemmPackedA;
    const bp = heap.alloc(4 * 64) as Float64Array;
    const ap = heap.alloc(64 * 64) as Float64Array;
    const hA = heap.alloc(3 + 64 * 64) as Float64Array;
    const hB = heap.alloc(5 + 64 * 64) as Float64Array;
    const hC = heap.alloc(7 + 64 * 70) as Float64Array;
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 6 }), ({ layout, M, N, K, acc, seed }, pad) => {
        const ldc = N + pad;
        const A = fill(3 + M * K, seed);
        const B = fill(5 + K * N, seed + 1);
        const C0 = fill(7 + M * ldc, seed + 2);
        const C = C0.slice();
        gemmJs(layout, M, N, K, A, 3, B, 5, C, 7, ldc, acc);
        const [si, sk, bsk, bsj] = gemmStrides(layout, M, N, K);
        const runs: (() => void)[] = [
          () => gemm(layout, M, N, K, hA, 3, hB, 5, hC, 7, ldc, acc),
          () => gemmP(layout, M, N, K, hA, 3, hB, 5, hC, 7, ldc, acc),
          // the packed kernel itself at every N (createGemm sends it only N > 12)
          () => packed(hA.byteOffset + 24, si, sk, hB.byteOffset + 40, bsk, bsj, M, K, N, hC.byteOffset + 56, ldc, acc ? 1 : 0, bp.byteOffset, ap.byteOffset),
        ];
        for (const run of runs) {
          hA.set(A);
          hB.set(B);
          hC.set(C0);
          run();
          // Entries outside the M×N block (padding columns, the offset) are left alone by both.
          expect(Array.from(hC.subarray(0, C.length))).toEqual(Array.from(C));
        }
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  it('same bits on the layer shapes of a 100-300-200-10 network at batch 256 (and K above the packing bound falls back to JS)', () => {
    const heap = createSimdHeap(5 * 256 * 300 + 8000);
    if (heap === undefined) throw new Error('no SIMD heap');
    const gemm = createGemm(heap, 300);
    const gemmP = createGemm(heap, 300, 256 * 300);
    const A = heap.alloc(256 * 300) as Float64Array;
    const B = heap.alloc(300 * 300) as Float64Array;
    const C = heap.alloc(256 * 300) as Float64Array;
    const shapes: [GemmLayout, number, number, number][] = [
      ['NT', 256, 300, 100],
      ['NT', 256, 10, 200],
      ['NN', 256, 200, 10],
      ['TN', 300, 100, 256],
      ['TN', 10, 200, 256],
      ['NN', 256, 100, 300],
    ];
    for (const [layout, M, N, K] of shapes) {
      A.set(fill(M * K, M + N));
      B.set(fill(K * N, K));
      const jsC = new Float64Array(C.length).fill(0.5);
      gemmJs(layout, M, N, K, A.slice(), 0, B.slice(), 0, jsC, 0, N, true);
      for (const g of [gemm, gemmP]) {
        C.fill(0.5);
        g(layout, M, N, K, A, 0, B, 0, C, 0, N, true);
        expect(Array.from(C.subarray(0, M * N))).toEqual(Array.from(jsC.subarray(0, M * N)));
      }
    }
  });

  it('with K = 0 writes zeros (=) and leaves C (+=), and an all-zero row of A gives zeros', () => {
    const C = new Float64Array([1, 2, 3, 4]);
    gemmJs('NN', 2, 2, 0, new Float64Array(0), 0, new Float64Array(0), 0, C, 0, 2, true);
    expect(Array.from(C)).toEqual([1, 2, 3, 4]);
    gemmJs('NN', 2, 2, 0, new Float64Array(0), 0, new Float64Array(0), 0, C, 0, 2, false);
    expect(Array.from(C)).toEqual([0, 0, 0, 0]);
    const heap = createSimdHeap(64);
    if (heap === undefined) throw new Error('no SIMD heap');
    const gemm = createGemm(heap, 4);
    const hC = heap.alloc(4) as Float64Array;
    hC.set([1, 2, 3, 4]);
    const hA = heap.alloc(2) as Float64Array;
    gemm('NN', 2, 2, 0, hA, 0, hA, 0, hC, 0, 2, false);
    expect(Array.from(hC)).toEqual([0, 0, 0, 0]);
  });
});
