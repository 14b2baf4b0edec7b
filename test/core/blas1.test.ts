import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { axpy, copy, distance, dot, norm2, scale, sub } from '../../src/core/blas1';
import { matVec } from '../../src/core/mat-vec';
import { meanStandardError } from '../../src/core/mean-standard-error';

const vec = (n: number) => fc.float64Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 });
const pair = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(vec(n), vec(n)));

describe('BLAS-1 kernels equal their definitions', () => {
  it('dot, axpy, scale, sub, distance, copy (fast-check)', () => {
    fc.assert(
      fc.property(pair, fc.double({ min: -10, max: 10, noNaN: true }), ([x, y], a) => {
        let d = 0;
        let sumAbs = 0;
        for (let i = 0; i < x.length; i++) {
          d += (x[i] as number) * (y[i] as number);
          sumAbs += Math.abs((x[i] as number) * (y[i] as number));
        }
        // Two summation orders differ by at most 2n·ε·Σ|xᵢyᵢ| (standard summation error bound).
        expect(Math.abs(dot(x, y) - d)).toBeLessThanOrEqual(2 * x.length * Number.EPSILON * sumAbs);
        const y2 = axpy(a, x, Float64Array.from(y));
        for (let i = 0; i < x.length; i++) expect(y2[i]).toBe((y[i] as number) + a * (x[i] as number));
        const s = scale(a, x, new Float64Array(x.length));
        for (let i = 0; i < x.length; i++) expect(s[i]).toBe(a * (x[i] as number));
        const diff = sub(x, y, new Float64Array(x.length));
        for (let i = 0; i < x.length; i++) expect(diff[i]).toBe((x[i] as number) - (y[i] as number));
        expect(distance(x, y)).toBeCloseTo(Math.hypot(...diff), 8);
        expect(Array.from(copy(x, new Float64Array(x.length)))).toEqual(Array.from(x));
      }),
      { seed: 1, numRuns: 100 },
    );
  });
  it('scale defaults to in place', () => {
    const x = new Float64Array([1, -2]);
    expect(scale(3, x)).toBe(x);
    expect(Array.from(x)).toEqual([3, -6]);
  });
  it('norm2 equals Math.hypot and neither overflows nor underflows', () => {
    fc.assert(
      fc.property(vec(17), (x) => {
        const h = Math.hypot(...x);
        // Both are within a few ulps of the true norm: relative 1e-14 covers n = 17 roundings.
        expect(Math.abs(norm2(x) - h)).toBeLessThanOrEqual(1e-14 * h);
      }),
      { seed: 2, numRuns: 100 },
    );
    expect(norm2(new Float64Array([3e200, 4e200]))).toBeCloseTo(5e200, -186);
    expect(norm2(new Float64Array([3e-200, 4e-200])) / 5e-200).toBeCloseTo(1, 14);
    expect(norm2(new Float64Array(0))).toBe(0);
    expect(norm2(new Float64Array([1, Number.NaN]))).toBeNaN();
  });
});

describe('matVec', () => {
  it('equals the row-by-row definition for every shape, including rows not a multiple of 4 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }), fc.integer(), (rows, cols, seed) => {
        const A = Float64Array.from({ length: rows * cols }, (_, k) => Math.sin(seed + 1.7 * k));
        const x = Float64Array.from({ length: cols }, (_, j) => Math.cos(seed - 0.3 * j));
        const out = matVec(A, rows, cols, x, new Float64Array(rows));
        for (let i = 0; i < rows; i++) {
          let s = 0;
          for (let j = 0; j < cols; j++) s += (A[i * cols + j] as number) * (x[j] as number);
          // Same summation order (left to right per row): identical to the last bit.
          expect(out[i]).toBe(s);
        }
      }),
      { seed: 4, numRuns: 100 },
    );
  });
});

describe('meanStandardError', () => {
  it('gives the sample mean and √(s²/n) with the unbiased s², and NaN for one sample', () => {
    const xs = [1, 2, 3, 4];
    const r = meanStandardError(xs.length, (i) => xs[i] as number);
    expect(r.mean).toBe(2.5);
    // s² = Σ(x − 2.5)²/3 = 5/3; SE = √(5/12). One-pass update: a few ulps.
    expect(Math.abs(r.standardError - Math.sqrt(5 / 12))).toBeLessThan(4 * Number.EPSILON);
    // Samples near 1e9: each update rounds at ε·1e9 ≈ 2e-7, so the SE is right to ~1e-6; the naive
    // Σx² − n·x̄² (Σx² ≈ 4e18, ulp 512) would lose every digit.
    const big = meanStandardError(4, (i) => 1e9 + (xs[i] as number));
    expect(Math.abs(big.standardError - Math.sqrt(5 / 12))).toBeLessThan(1e-6);
    expect(meanStandardError(1, () => 7)).toEqual({ mean: 7, standardError: Number.NaN });
  });
});
