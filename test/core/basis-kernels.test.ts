import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCombination, dotsInto, norm2In, rotateBasis } from '../../src/core/basis-kernels';
import { norm2 } from '../../src/core/blas1';
import { createSimdHeap, setSimdEnabled, type SimdHeap } from '../../src/core/simd-heap';
import { createRng } from '../../src/random/rng';

const heapOrThrow = (doubles: number): SimdHeap => {
  const heap = createSimdHeap(doubles);
  if (heap === undefined) throw new Error('WebAssembly SIMD is available on Node 20: createSimdHeap must not return undefined here');
  return heap;
};

/** A copy of v in the heap. */
const inHeap = (heap: SimdHeap, v: Float64Array): Float64Array => {
  const h = heap.alloc(v.length) as Float64Array;
  h.set(v);
  return h;
};

/**
 * count vectors and one more of one length n (odd and even lengths, n = 0 and 1 included), with
 * seeded normal entries of mixed magnitudes: generic doubles, whose sums round differently in
 * different orders (fast-check's own doubles favour values that add exactly).
 */
const vectors = (count: { min: number; max: number }) =>
  fc.tuple(fc.integer({ min: 0, max: 37 }), fc.integer(count), fc.nat()).map(([n, k, seed]) => {
    const rng = createRng(seed);
    const draw = (): Float64Array => Float64Array.from({ length: n }, () => rng.normal() * 10 ** (3 * rng.uniform() - 1));
    return [Array.from({ length: k }, draw), draw()] as const;
  });
const coefficients = (length: number) =>
  fc.nat().map((seed) => {
    const rng = createRng(`coef:${seed}`);
    return Float64Array.from({ length }, () => rng.normal());
  });
const bits = (x: Float64Array): number[] => Array.from(x);

describe('basis kernels: the SIMD path and the JavaScript path agree bit for bit and equal their definitions', () => {
  it('dotsInto: h[i] = V[i]·w within the summation bound, same bits on both paths (fast-check)', () => {
    fc.assert(
      fc.property(vectors({ min: 0, max: 11 }), fc.nat(), ([V, w], cut) => {
        const from = V.length === 0 ? 0 : cut % (V.length + 1);
        const heap = heapOrThrow((V.length + 1) * (w.length + 1));
        const Vh = V.map((v) => inHeap(heap, v));
        const wh = inHeap(heap, w);
        const js = dotsInto(undefined, V, from, V.length, w, new Float64Array(V.length));
        const simd = dotsInto(heap, Vh, from, V.length, wh, new Float64Array(V.length));
        expect(bits(simd)).toEqual(bits(js));
        V.forEach((v, i) => {
          if (i < from) {
            expect(js[i]).toBe(0);
            return;
          }
          let d = 0;
          let sumAbs = 0;
          for (let j = 0; j < w.length; j++) {
            d += (v[j] as number) * (w[j] as number);
            sumAbs += Math.abs((v[j] as number) * (w[j] as number));
          }
          // Two summation orders differ by at most 2n·ε·Σ|vⱼwⱼ|.
          expect(Math.abs((js[i] as number) - d)).toBeLessThanOrEqual(2 * w.length * Number.EPSILON * sumAbs);
        });
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });

  it('addCombination: y + α Σ coef[i] V[i] elementwise within rounding, same bits on both paths (fast-check)', () => {
    fc.assert(
      fc.property(vectors({ min: 0, max: 11 }), coefficients(11), fc.double({ min: -10, max: 10, noNaN: true }), ([V, y], coef, alpha) => {
        const heap = heapOrThrow((V.length + 1) * (y.length + 1));
        const Vh = V.map((v) => inHeap(heap, v));
        const yh = inHeap(heap, y);
        const js = addCombination(undefined, V, 0, V.length, coef, Float64Array.from(y), alpha);
        addCombination(heap, Vh, 0, V.length, coef, yh, alpha);
        expect(bits(yh)).toEqual(bits(js));
        for (let j = 0; j < y.length; j++) {
          let s = y[j] as number;
          let sumAbs = Math.abs(s);
          V.forEach((v, i) => {
            const t = alpha * (coef[i] as number) * (v[j] as number);
            s += t;
            sumAbs += Math.abs(t);
          });
          // (V.length + 2) roundings a term, each ≤ ε relative: ≤ (V.length + 2)·ε·Σ|terms| apart.
          expect(Math.abs((js[j] as number) - s)).toBeLessThanOrEqual(2 * (V.length + 2) * Number.EPSILON * sumAbs);
        }
      }),
      { seed: 20261124, numRuns: 200 },
    );
  });

  it('rotateBasis: V[:, 0..l) ← V[:, 0..c) S over blocks of rows, same bits on both paths and for any block size (fast-check)', () => {
    fc.assert(
      fc.property(vectors({ min: 1, max: 9 }), fc.nat(), fc.integer({ min: 2, max: 40 }), coefficients(81), ([V, w], lCut, rowsPerBlock, sv) => {
        const c = V.length;
        const l = 1 + (lCut % c);
        const S = sv.subarray(0, c * l);
        const n = w.length;
        const heap = heapOrThrow((c + 1) * (n + 1) + l * rowsPerBlock + 2);
        const Vh = V.map((v) => inHeap(heap, v));
        const Vjs = V.map((v) => Float64Array.from(v));
        rotateBasis(undefined, Vjs, c, S, l, new Float64Array(l * rowsPerBlock));
        rotateBasis(heap, Vh, c, S, l, heap.alloc(l * rowsPerBlock) as Float64Array);
        // One block of all rows (JavaScript) gives the same bits as blocks of rowsPerBlock rows.
        const Vone = V.map((v) => Float64Array.from(v));
        rotateBasis(undefined, Vone, c, S, l, new Float64Array(l * Math.max(2, n)));
        for (let q = 0; q < c; q++) {
          expect(bits(Vh[q] as Float64Array)).toEqual(bits(Vjs[q] as Float64Array));
          expect(bits(Vone[q] as Float64Array)).toEqual(bits(Vjs[q] as Float64Array));
        }
        for (let q = 0; q < l; q++) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            let sumAbs = 0;
            for (let j = 0; j < c; j++) {
              const t = (S[j * l + q] as number) * ((V[j] as Float64Array)[i] as number);
              s += t;
              sumAbs += Math.abs(t);
            }
            expect(Math.abs(((Vjs[q] as Float64Array)[i] as number) - s)).toBeLessThanOrEqual(2 * (c + 1) * Number.EPSILON * sumAbs);
          }
        }
        // Vectors past l are untouched.
        for (let q = l; q < c; q++) expect(bits(Vjs[q] as Float64Array)).toEqual(bits(V[q] as Float64Array));
      }),
      { seed: 20261125, numRuns: 150 },
    );
  });

  it('vectors outside the heap take the JavaScript path (mixed blocks give the same bits)', () => {
    const n = 9;
    const heap = heapOrThrow(10 * n);
    const V = Array.from({ length: 6 }, (_, i) => Float64Array.from({ length: n }, (_, j) => Math.sin(i + 3 * j)));
    const mixed = V.map((v, i) => (i === 2 ? Float64Array.from(v) : inHeap(heap, v)));
    const w = Float64Array.from({ length: n }, (_, j) => Math.cos(j));
    const js = dotsInto(undefined, V, 0, 6, w, new Float64Array(6));
    expect(bits(dotsInto(heap, mixed, 0, 6, inHeap(heap, w), new Float64Array(6)))).toEqual(bits(js));
    // w outside the heap: everything in JavaScript.
    expect(bits(dotsInto(heap, mixed, 0, 6, w, new Float64Array(6)))).toEqual(bits(js));
  });
});

describe('norm2In', () => {
  it('equals core norm2 to rounding, the same bits on both paths, and falls back at the range edges (fast-check)', () => {
    fc.assert(
      fc.property(vectors({ min: 0, max: 0 }), fc.constantFrom(1, 1e-160, 1e160, 1e-300, 1e300), ([, x], scale) => {
        const y = x.map((v) => v * scale);
        const heap = heapOrThrow(y.length + 2);
        const simd = norm2In(heap, inHeap(heap, y));
        expect(simd).toBe(norm2In(undefined, y));
        // |√(Σx²) computed two ways| differ by ≤ (n + 2)·ε relative.
        expect(Math.abs(simd - norm2(y))).toBeLessThanOrEqual((y.length + 2) * Number.EPSILON * norm2(y));
      }),
      { seed: 20261126, numRuns: 200 },
    );
    // x·x overflows, or underflows: the scaled norm, within a few roundings (4ε relative).
    for (const s of [1e200, 1e-200])
      expect(Math.abs(norm2In(undefined, new Float64Array([3 * s, 4 * s])) - 5 * s)).toBeLessThanOrEqual(4 * Number.EPSILON * 5 * s);
    expect(norm2In(undefined, new Float64Array([1, Number.NaN]))).toBeNaN();
  });
});

describe('createSimdHeap', () => {
  it('allocates zeroed, disjoint, 16-byte-aligned views and returns undefined once full', () => {
    const heap = heapOrThrow(10);
    const a = heap.alloc(3) as Float64Array;
    const b = heap.alloc(4) as Float64Array;
    expect(a.byteOffset % 16).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 8 * a.length);
    expect(a.byteOffset).toBeGreaterThanOrEqual(heap.scratchPtr + 8 * heap.scratch.length);
    expect(Array.from(a)).toEqual([0, 0, 0]);
    // The memory is whole 64 KiB pages: fill it, then one more vector does not fit.
    const rest = (heap.buffer.byteLength - (b.byteOffset + 32)) / 8;
    expect(heap.alloc(rest)).toBeDefined();
    expect(heap.alloc(1)).toBeUndefined();
  });

  it('returns undefined when turned off or when more than 4 GiB is asked', () => {
    expect(createSimdHeap(2 ** 30)).toBeUndefined();
    const was = setSimdEnabled(false);
    try {
      expect(createSimdHeap(8)).toBeUndefined();
    } finally {
      setSimdEnabled(was);
    }
    expect(createSimdHeap(8)).toBeDefined();
  });
});
