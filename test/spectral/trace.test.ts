import { describe, it, expect } from 'vitest';
import { denseOperator } from '../../src/spectral/dense-operator';
import { hutchinsonTrace, rademacherProbe } from '../../src/spectral/hutchinson-trace';
import { hutchPlusPlus } from '../../src/spectral/hutch-plus-plus';
import { operatorFromFunction } from '../../src/spectral/function-operator';
import { createRng } from '../../src/random/rng';
import { fromEigen, randomOrthogonal } from './helpers';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = rng.normal() + (i === j ? 1 : 0);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** Q diag(λ) Qᵀ with a random orthogonal Q. */
function withSpectrum(lambda: readonly number[], seed: number): Float64Array {
  return fromEigen(lambda, randomOrthogonal(lambda.length, seed));
}

function trace(a: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += a[i * n + i] as number;
  return t;
}

/** Exact standard deviation of one Rademacher sample zᵀAz: √(2(‖A‖_F² − Σ aᵢᵢ²)). */
function rademacherSd(a: Float64Array, n: number): number {
  let off = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += (a[i * n + j] as number) ** 2;
  return Math.sqrt(2 * off);
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  return { mean: m, sd: Math.sqrt(v) };
}

describe('hutchinsonTrace', () => {
  const n = 30;
  const A = randomSymmetric(n, 21);
  const op = denseOperator(A);
  const tr = trace(A, n);
  const sd1 = rademacherSd(A, n);

  it('is unbiased: within 5 exact standard errors of tr(A) with 2000 probes', () => {
    const p = 2000;
    const r = hutchinsonTrace(op, { probes: p, seed: 3 });
    expect(r.matvecs).toBe(p);
    expect(r.samples.length).toBe(p);
    // 5 standard errors, with the exact per-sample sd √(2 Σ_{i≠j} aᵢⱼ²).
    expect(Math.abs(r.estimate - tr)).toBeLessThanOrEqual((5 * sd1) / Math.sqrt(p));
  });

  it('reports a standard error that matches the spread of independent runs', () => {
    const p = 20;
    const R = 200;
    const est: number[] = [];
    const se: number[] = [];
    for (let s = 0; s < R; s++) {
      const r = hutchinsonTrace(op, { probes: p, seed: 1000 + s });
      est.push(r.estimate);
      se.push(r.standardError as number);
    }
    const exact = sd1 / Math.sqrt(p);
    const e = meanSd(est);
    // Unbiased across runs: mean of R estimates within 5 exact SEs (exact/√R).
    expect(Math.abs(e.mean - tr)).toBeLessThanOrEqual((5 * exact) / Math.sqrt(R));
    // Empirical SD of the estimates vs the exact SE: the sample SD of R ≈ normal values has a
    // relative standard deviation ≈ 1/√(2(R−1)) = 5%; allow 5 of those.
    expect(Math.abs(e.sd / exact - 1)).toBeLessThanOrEqual(5 / Math.sqrt(2 * (R - 1)));
    // Mean reported SE vs the exact one: 5 standard errors of the mean of the reported SEs, plus
    // the known downward bias of a sample SD from p samples (≈ 1/(4(p−1)) relative).
    const s = meanSd(se);
    expect(Math.abs(s.mean - exact)).toBeLessThanOrEqual((5 * s.sd) / Math.sqrt(R) + exact / (4 * (p - 1)));
  });

  it('draws the same probes for the same seed (probe i from stream (seed, i))', () => {
    const a = hutchinsonTrace(op, { probes: 5, seed: 9 });
    const b = hutchinsonTrace(op, { probes: 8, seed: 9 });
    expect(Array.from(b.samples.subarray(0, 5))).toEqual(Array.from(a.samples));
    const z = rademacherProbe(9, 2, new Float64Array(n));
    expect(z.every((x) => x === 1 || x === -1)).toBe(true);
    // It is probe 2 of hutchinsonTrace with seed 9: its sample is zᵀAz (same product, same order).
    const az = op.apply(z, new Float64Array(n));
    let zaz = 0;
    let abs = 0;
    for (let i = 0; i < n; i++) {
      zaz += (z[i] as number) * (az[i] as number);
      abs += Math.abs(az[i] as number);
    }
    // Only the summation order of the dot product differs: ≤ 2n·ε·Σ|zᵢ(Az)ᵢ|.
    expect(Math.abs(zaz - (a.samples[2] as number))).toBeLessThanOrEqual(2 * n * Number.EPSILON * abs);
    expect(hutchinsonTrace(op, { probes: 1 }).standardError).toBeNull();
  });

  it('rejects bad arguments and a NaN from the operator', () => {
    expect(() => hutchinsonTrace(op, { probes: 0 })).toThrow(/options.probes: expected an integer ≥ 1, received 0/);
    expect(() => hutchinsonTrace(op, {} as never)).toThrow(/options.probes: expected an integer, received undefined/);
    expect(() => hutchinsonTrace(op, { probes: 2, seed: Number.NaN })).toThrow(/options.seed: expected a finite number or a string, received NaN/);
    expect(() => hutchinsonTrace({ dim: 0, apply: (x: Float64Array) => x }, { probes: 2 })).toThrow(/op.dim: expected an integer ≥ 1, received 0/);
    expect(() => hutchinsonTrace({ dim: 2 } as never, { probes: 2 })).toThrow(/op.apply: expected a function, received undefined/);
    const bad = operatorFromFunction(3, (_x, out) => {
      out.fill(0);
      out[1] = Number.NaN;
    });
    expect(() => hutchinsonTrace(bad, { probes: 2 })).toThrow(/op.apply: expected finite values, received NaN at index 1/);
  });
});

describe('hutchPlusPlus', () => {
  it('is exact (to rounding) on a matrix of rank ≤ its sketch size', () => {
    const n = 50;
    const lambda = Array.from({ length: n }, (_, i) => (i < 5 ? ([9, -4, 3, 2.5, 1][i] as number) : 0));
    const A = withSpectrum(lambda, 31);
    const r = hutchPlusPlus(denseOperator(A), { maxMatvecs: 18, seed: 2 }); // s = 6 ≥ rank 5
    expect(r.sketchSize).toBe(6);
    expect(r.rank).toBe(5);
    expect(r.matvecs).toBe(18);
    expect(r.probes).toBe(18 - 6 - 5);
    // Exact up to rounding: Q is orthonormal to ~ε and the deflated operator is ~ε‖A‖, so the
    // error is a few n·ε·Σ|λ| (generous factor 100 for the Gram–Schmidt constants).
    const scale = 100 * n * Number.EPSILON * lambda.reduce((s, l) => s + Math.abs(l), 0);
    expect(Math.abs(r.estimate - 11.5)).toBeLessThanOrEqual(scale); // tr = 9 − 4 + 3 + 2.5 + 1
    expect(Math.abs(r.residualTrace)).toBeLessThanOrEqual(scale);
    expect(r.standardError).toBeLessThanOrEqual(scale);
  });

  it('has a lower variance than Hutchinson at equal matvecs on a decaying spectrum, both unbiased, with a calibrated SE', () => {
    const n = 120;
    const lambda = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** 2);
    const A = withSpectrum(lambda, 41);
    const op = denseOperator(A);
    const tr = lambda.reduce((s, l) => s + l, 0);
    const m = 30;
    const R = 100;
    const h: number[] = [];
    const pp: number[] = [];
    const se2: number[] = [];
    for (let s = 0; s < R; s++) {
      h.push(hutchinsonTrace(op, { probes: m, seed: 500 + s }).estimate);
      const r = hutchPlusPlus(op, { maxMatvecs: m, seed: 500 + s });
      expect(r.matvecs).toBe(m);
      pp.push(r.estimate);
      se2.push((r.standardError as number) ** 2);
    }
    const H = meanSd(h);
    const P = meanSd(pp);
    // Unbiased: each mean within 5 of its standard errors (empirical sd/√R).
    expect(Math.abs(H.mean - tr)).toBeLessThanOrEqual((5 * H.sd) / Math.sqrt(R));
    expect(Math.abs(P.mean - tr)).toBeLessThanOrEqual((5 * P.sd) / Math.sqrt(R));
    // Lower variance: the ratio of two sample variances from R = 100 runs each has a relative
    // spread ≈ √(4/(R−1)) = 20%, so a true ratio below 1/2 shows as < 1 with a wide margin; assert
    // a factor 2 improvement (theory: O(1/m) vs O(1/√m) relative error).
    expect(P.sd ** 2 * 2).toBeLessThan(H.sd ** 2);
    // Calibrated error estimate: E[SE²] = Var(estimate) (the estimate is exactly unbiased given Q,
    // so the total variance is the mean conditional variance). Compare within 5 standard errors of
    // the difference (sd(SE²)/√R for the mean, var·√(2/(R−1)) for the sample variance).
    const S = meanSd(se2);
    const tol = 5 * Math.hypot(S.sd / Math.sqrt(R), P.sd ** 2 * Math.sqrt(2 / (R - 1)));
    expect(Math.abs(S.mean - P.sd ** 2)).toBeLessThanOrEqual(tol);
  });

  it('uses the whole space when the sketch spans it, and rejects bad arguments', () => {
    const A = randomSymmetric(3, 4);
    // 10 Rademacher sketch vectors in R³ (with n = 3, three may be dependent: take more).
    const r = hutchPlusPlus(denseOperator(A), { maxMatvecs: 30, seed: 1 });
    expect(r.rank).toBe(3);
    expect(r.probes).toBe(0);
    expect(r.matvecs).toBe(13);
    expect(r.standardError).toBe(0);
    // Rounding of a 3×3 trace through an orthonormal basis: ≲ 10·n²·ε·‖A‖_F.
    const frob = Math.sqrt(A.reduce((s, a) => s + a * a, 0));
    expect(Math.abs(r.estimate - trace(A, 3))).toBeLessThan(10 * 9 * Number.EPSILON * frob);
    expect(() => hutchPlusPlus(denseOperator(A), { maxMatvecs: 2 })).toThrow(/options.maxMatvecs: expected an integer ≥ 3, received 2/);
    expect(() => hutchPlusPlus(denseOperator(A), { maxMatvecs: 3.5 })).toThrow(/options.maxMatvecs: expected an integer, received 3.5/);
    const bad = operatorFromFunction(3, (_x, out) => {
      out.fill(Number.POSITIVE_INFINITY);
    });
    expect(() => hutchPlusPlus(bad, { maxMatvecs: 6 })).toThrow(/op.apply: expected finite values, received Infinity at index 0/);
  });
});
