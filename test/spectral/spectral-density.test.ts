import { describe, it, expect } from 'vitest';
import { denseOperator } from '../../src/spectral/dense-operator';
import { spectralDensity } from '../../src/spectral/spectral-density';
import { operatorFromFunction } from '../../src/spectral/function-operator';
import { createRng } from '../../src/random/rng';
import { fromEigen, randomOrthogonal, rademacherQuadVariance } from './helpers';

const EPS = Number.EPSILON;
const n = 60;
const rng = createRng(100);
// A spectrum in [−1.5, 2]: a bulk, a few outliers, a negative part.
const lambda = Float64Array.from({ length: n }, (_, i) => (i < 3 ? ([2, 1.8, -1.5][i] as number) : 0.6 * rng.uniform() - 0.2));
const Q = randomOrthogonal(n, 101);
const A = fromEigen(lambda, Q);
const op = denseOperator(A);
const traceOfPower = (p: number, vals: ArrayLike<number> = lambda): number => Array.from(vals).reduce((s, l) => s + l ** p, 0);

describe('spectralDensity (stochastic Lanczos quadrature)', () => {
  const m = 6;
  const probes = 40;
  const d = spectralDensity(op, { probes, lanczosSteps: m, seed: 5 });

  it('has weights that sum to 1 and nodes inside the spectrum', () => {
    expect(d.probes).toBe(probes);
    expect(d.matvecs).toBe(probes * m);
    expect(d.nodes.length).toBe(probes * m);
    expect(d.probeOffsets[probes]).toBe(probes * m);
    const sum = d.weights.reduce((s, w) => s + w, 0);
    // Σⱼ τⱼ² = 1 per probe up to the orthogonality of the tridiagonal eigenvectors (~m·ε); summed
    // over probes with weights 1/probes: a few m·ε.
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(10 * m * EPS);
    expect(d.weights.every((w) => w >= 0)).toBe(true);
    // Ritz values lie in [λ_min, λ_max] (up to rounding ~ n·ε·‖A‖).
    for (const t of d.nodes) {
      expect(t).toBeGreaterThanOrEqual(-1.5 - 1e-12);
      expect(t).toBeLessThanOrEqual(2 + 1e-12);
    }
  });

  it('reproduces tr(Aᵖ)/n for p ≤ 2m − 1 within 5 exact Monte Carlo standard errors', () => {
    for (let p = 0; p <= 2 * m - 1; p++) {
      const truth = traceOfPower(p) / n;
      const est = d.moment(p);
      // Gauss quadrature is exact for degree ≤ 2m − 1, so each probe's value is exactly
      // uᵀAᵖu = zᵀAᵖz/n: the only error is the probe's, with the exact variance
      // 2(‖Aᵖ‖_F² − Σ(Aᵖ)ᵢᵢ²)/n² (normalised Rademacher probe); 5 SEs, plus rounding.
      const se = Math.sqrt(
        rademacherQuadVariance(
          fromEigen(lambda, Q, (x) => x ** p),
          n,
        ) / probes,
      );
      expect(Math.abs(est.estimate - truth)).toBeLessThanOrEqual(5 * se + 1e-12 * 2 ** p);
      // p = 0: every probe gives exactly 1, so the reported SE vanishes (to rounding).
      if (p === 0) expect(est.standardError).toBeLessThan(1e-14);
      else expect(est.standardError).toBeGreaterThan(0);
    }
  });

  it('is exact per probe for degree ≤ 2m − 1: more steps give the same moments (same probes)', () => {
    const more = spectralDensity(op, { probes, lanczosSteps: m + 5, seed: 5 });
    for (let p = 1; p <= 2 * m - 1; p++) {
      // Both rules integrate degree p exactly for the same probes: equal up to rounding
      // (‖A‖ ≤ 2, so |θᵖ| ≤ 2ᵖ; relative rounding ~ 100·m·ε).
      expect(Math.abs(more.moment(p).estimate - d.moment(p).estimate)).toBeLessThanOrEqual(100 * m * EPS * 2 ** p);
    }
    // Degree 2m is not integrated exactly by the m-point rule: the two differ by far more.
    expect(Math.abs(more.moment(2 * m + 2).estimate - d.moment(2 * m + 2).estimate)).toBeGreaterThan(1e-6);
  });

  it('evaluate() is a density that integrates to 1 (trapezoid on a wide grid)', () => {
    for (const sigma of [0.02, 0.2]) {
      const lo = -1.5 - 12 * sigma;
      const hi = 2 + 12 * sigma;
      const h = sigma / 20;
      const grid = Float64Array.from({ length: Math.ceil((hi - lo) / h) + 1 }, (_, i) => lo + i * h);
      const phi = d.evaluate(grid, sigma);
      let integral = 0;
      for (let i = 1; i < grid.length; i++) integral += 0.5 * h * ((phi[i] as number) + (phi[i - 1] as number));
      expect(phi.every((x) => x >= 0)).toBe(true);
      // The trapezoid rule on a Gaussian sampled at σ/20 is accurate to ~e^(−(2π·20)²/2) (spectral
      // accuracy) and the tails beyond 12σ carry < 1e-30: what is left is the rounding of Σw = 1.
      expect(Math.abs(integral - 1)).toBeLessThan(1e-12);
    }
  });

  it('deflates known eigenpairs: the outliers become point masses 1/n, moments stay unbiased', () => {
    const r = 3;
    const deflated = spectralDensity(op, {
      probes,
      lanczosSteps: m,
      seed: 6,
      deflate: { values: lambda.slice(0, r), vectors: Q.slice(0, r) },
    });
    expect(Math.abs(deflated.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThanOrEqual(10 * m * EPS);
    expect(Array.from(deflated.nodes.slice(-r))).toEqual(Array.from(lambda.slice(0, r)));
    expect(Array.from(deflated.weights.slice(-r))).toEqual([1 / n, 1 / n, 1 / n]);
    // The bulk nodes lie in the bulk [−0.2, 0.4] (plus rounding).
    for (const t of deflated.nodes.slice(0, -r)) {
      expect(t).toBeGreaterThanOrEqual(-0.2 - 1e-12);
      expect(t).toBeLessThanOrEqual(0.4 + 1e-12);
    }
    const bulk = lambda.slice(r);
    const dd = n - r;
    for (let p = 1; p <= 2 * m - 1; p++) {
      const truth = traceOfPower(p) / n;
      // Gaussian probe projected and normalised = uniform on the sphere of the complement:
      // Var(uᵀBu) = 2(mean μ² − (mean μ)²)/(d + 2), μ = bulk eigenvalues of Aᵖ; scaled by (n−r)/n.
      const mu = Array.from(bulk, (l) => l ** p);
      const m1 = mu.reduce((s, x) => s + x, 0) / dd;
      const m2 = mu.reduce((s, x) => s + x * x, 0) / dd;
      const se = (dd / n) * Math.sqrt((2 * (m2 - m1 * m1)) / (dd + 2) / probes);
      expect(Math.abs(deflated.moment(p).estimate - truth)).toBeLessThanOrEqual(5 * se + 1e-13 * 2 ** p);
    }
  });

  it('stops early at an invariant Krylov space and caps steps at the dimension', () => {
    const small = denseOperator([
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 5],
    ]);
    const s = spectralDensity(small, { probes: 3, lanczosSteps: 10, seed: 1 });
    // Two distinct eigenvalues: the Krylov space of any start vector has dimension ≤ 2.
    expect(Array.from(s.lanczosSteps)).toEqual([2, 2, 2]);
    // Exact two-point measure: weights on 2 sum to 2/3 (rounding: a few ε).
    let w2 = 0;
    for (let i = 0; i < s.nodes.length; i++) if (Math.abs((s.nodes[i] as number) - 2) < 1e-12) w2 += s.weights[i] as number;
    expect(Math.abs(w2 - 2 / 3)).toBeLessThan(1e-13);
  });

  it('rejects bad arguments and a NaN from the operator', () => {
    expect(() => spectralDensity(op, { probes: 0, lanczosSteps: 3 })).toThrow(/options.probes: expected an integer ≥ 1, received 0/);
    expect(() => spectralDensity(op, { probes: 2, lanczosSteps: 0 })).toThrow(/options.lanczosSteps: expected an integer ≥ 1, received 0/);
    expect(() => d.evaluate([0, 1], 0)).toThrow(/sigma: expected a positive number, received 0/);
    expect(() => d.evaluate([0, Number.NaN], 1)).toThrow(/grid: expected finite values, received NaN at index 1/);
    expect(() => d.moment(-1)).toThrow(/p: expected an integer ≥ 0, received -1/);
    expect(() => spectralDensity(op, { probes: 1, lanczosSteps: 2, deflate: { values: [1, 2], vectors: [Q[0] as Float64Array] } })).toThrow(
      /options.deflate.vectors: expected 2 vectors \(one per value\), received 1/,
    );
    expect(() =>
      spectralDensity(op, { probes: 1, lanczosSteps: 2, deflate: { values: [1, 2], vectors: [Q[0] as Float64Array, Q[0] as Float64Array] } }),
    ).toThrow(/options.deflate.vectors: expected linearly independent vectors/);
    const bad = operatorFromFunction(n, (_x, out) => {
      out.fill(0);
      out[7] = Number.NaN;
    });
    expect(() => spectralDensity(bad, { probes: 1, lanczosSteps: 3 })).toThrow(/op.apply: expected finite values, received NaN at index 7/);
  });
});
