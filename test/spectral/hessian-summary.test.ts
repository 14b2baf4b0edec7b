import { describe, it, expect } from 'vitest';
import { hessianSummary } from '../../src/spectral/hessian-summary';
import { quadratic } from '../../src/objectives/quadratic';
import { createRng } from '../../src/random/rng';
import type { Objective } from '../../src/core/types';
import { fromEigen, randomOrthogonal } from './helpers';

const EPS = Number.EPSILON;
const n = 100;
const outliersTop = [10, 7, 5];
const outliersBottom = [-3, -2, -1];
const rng = createRng(300);
const bulk = Array.from({ length: n - 6 }, () => 0.5 * rng.uniform());
const lambda = Float64Array.from([...outliersBottom, ...bulk, ...outliersTop]);
const Q = randomOrthogonal(n, 301);
const H = fromEigen(lambda, Q);
const f = quadratic({ hessian: H });
const x = createRng(302).fillNormal(new Float64Array(n));
const trueTrace = lambda.reduce((s, l) => s + l, 0);

describe('hessianSummary', () => {
  const budget = 1500;
  const s = hessianSummary(f, x, { maxMatvecs: budget, seed: 4, k: 3 });

  it('spends no more than the budget, split as documented', () => {
    expect(s.matvecs.total).toBe(s.matvecs.eigen + s.matvecs.trace + s.matvecs.density);
    expect(s.matvecs.total).toBeLessThanOrEqual(budget);
    expect(s.matvecs.eigen).toBeLessThanOrEqual(Math.floor(0.4 * budget));
    // Trace and density share what the eigen-solver left, about half each.
    const rest = budget - s.matvecs.eigen;
    expect(s.matvecs.trace).toBe(Math.floor(rest / 2));
    expect(s.matvecs.density).toBeGreaterThan(rest / 2 - s.density.lanczosSteps[0]! - 1);
  });

  it('finds the top and bottom eigenvalues within their error bars', () => {
    expect(s.converged).toBe(true);
    const tops = [...outliersTop].sort((a, b) => b - a);
    for (let i = 0; i < 3; i++) {
      // Bauer–Fike: |θ − λ| ≤ residual; plus the rounding of the Rayleigh quotient (~n·ε·‖H‖).
      expect(Math.abs((s.top.values[i] as number) - (tops[i] as number))).toBeLessThanOrEqual((s.top.errors[i] as number) + n * EPS * 10);
      expect(Math.abs((s.bottom.values[i] as number) - (outliersBottom[i] as number))).toBeLessThanOrEqual((s.bottom.errors[i] as number) + n * EPS * 10);
      expect(s.top.convergedEach[i]).toBe(true);
      expect(s.bottom.convergedEach[i]).toBe(true);
    }
    expect(s.top.converged && s.bottom.converged).toBe(true);
    expect(s.stopReason).toBe('converged');
  });

  it('estimates the trace within 5 standard errors, with the outliers deflated', () => {
    expect(s.trace.probes).toBe(s.matvecs.trace);
    expect(Math.abs(s.trace.estimate - trueTrace)).toBeLessThanOrEqual(5 * s.trace.standardError!);
    // Deflating the outliers leaves only the bulk's variance: 2 Σ_{i≠j} (PHP)ᵢⱼ² ≤ 2‖bulk‖² =
    // 2 Σ bulk λ², so the SE is at most √(2 Σ λ_bulk² / p) (up to the noise of the estimate, ×1.5).
    const bulkSq = bulk.reduce((t, l) => t + l * l, 0);
    expect(s.trace.standardError).toBeLessThanOrEqual(1.5 * Math.sqrt((2 * bulkSq) / s.trace.probes));
  });

  it('reports the density, the bulk and the outliers', () => {
    const w = s.density.weights.reduce((t, v) => t + v, 0);
    expect(Math.abs(w - 1)).toBeLessThan(1e-12);
    // Bulk support inside [0, 0.5] (Ritz values of the deflated operator lie inside its spectrum).
    expect(s.bulk.min).toBeGreaterThanOrEqual(-1e-9);
    expect(s.bulk.max).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(
      Array.from(s.outliers.values)
        .sort((a, b) => a - b)
        .map((v) => Math.round(v * 1e6) / 1e6),
    ).toEqual([-3, -2, -1, 5, 7, 10]);
    expect(s.outliers.weight).toBeCloseTo(6 / n, 15);
    // Fractions against the exact ‖H‖_F² and trace; their estimates carry the SLQ / Hutchinson
    // error, the outliers' part is exact: compare within 5 of the propagated standard errors.
    const frob = lambda.reduce((t, l) => t + l * l, 0);
    const outSq = [...outliersTop, ...outliersBottom].reduce((t, l) => t + l * l, 0);
    const m2 = s.density.moment(2);
    const fracSe = (outSq / (n * m2.estimate) ** 2) * n * m2.standardError!;
    expect(Math.abs(s.outliers.frobeniusFraction! - outSq / frob)).toBeLessThanOrEqual(5 * fracSe + 1e-12);
    const outSum = [...outliersTop, ...outliersBottom].reduce((t, l) => t + l, 0);
    const trSe = (Math.abs(outSum) / s.trace.estimate ** 2) * s.trace.standardError!;
    expect(Math.abs(s.outliers.traceFraction! - outSum / trueTrace)).toBeLessThanOrEqual(5 * trSe + 1e-12);
  });

  it('works with a finite-difference Hessian when the objective has no hvp', () => {
    const noHvp: Objective = { dim: n, value: (z) => f.value(z), gradient: (z, out) => f.gradient(z, out) };
    expect(() => hessianSummary(noHvp, x, { maxMatvecs: budget })).toThrow(/objective.hvp: expected a function for method 'exact'/);
    const fd = hessianSummary(noHvp, x, { maxMatvecs: budget, seed: 4, k: 3, method: 'finite-difference' });
    // On a quadratic the finite difference is exact up to rounding (~1e-9 here), far below the
    // Lanczos residuals: same eigenvalues within the error bars.
    expect(Math.abs((fd.top.values[0] as number) - 10)).toBeLessThanOrEqual((fd.top.errors[0] as number) + 1e-8);
  });

  it('rejects bad arguments', () => {
    expect(() => hessianSummary(f, x, { maxMatvecs: 99 })).toThrow(/options.maxMatvecs: expected an integer ≥ 100, received 99/);
    expect(() => hessianSummary(f, x, { maxMatvecs: 500, k: 101 })).toThrow(/options.k: expected an integer in \[1, 100\], received 101/);
    expect(() => hessianSummary(f, x, { maxMatvecs: 500, split: { eigen: 0.5, trace: 0.5, density: 0.5 } })).toThrow(
      /options.split: expected positive fractions \{ eigen, trace, density \} summing to 1/,
    );
    expect(() => hessianSummary(f, x, { maxMatvecs: 500, lanczosSteps: 0 })).toThrow(/options.lanczosSteps: expected an integer ≥ 1, received 0/);
    expect(() => hessianSummary(f, new Float64Array(3), { maxMatvecs: 500 })).toThrow(/x: expected length 100, received length 3/);
    const nanHvp: Objective = { ...f, hvp: (_z, _v, out = new Float64Array(n)) => out.fill(Number.NaN) };
    expect(() => hessianSummary(nanHvp, x, { maxMatvecs: 500 })).toThrow(/op.apply: expected finite values, received NaN/);
  });
});

describe('hessianSummary on a tight budget', () => {
  it('reports unconverged eigenpairs honestly and still spends at most the budget', () => {
    // 100 HVPs: the eigen-solver gets 40 in all, far too few for tol 1e-12 at both ends.
    const s = hessianSummary(f, x, { maxMatvecs: 100, seed: 1, k: 5, tol: 1e-12 });
    expect(s.matvecs.total).toBeLessThanOrEqual(100);
    expect(s.converged).toBe(false);
    expect(s.stopReason).toBe('budget');
    // Error bars still hold (Bauer–Fike needs no convergence): some eigenvalue within each residual.
    for (let i = 0; i < 5; i++) {
      const v = s.top.values[i] as number;
      const nearest = Math.min(...Array.from(lambda, (l) => Math.abs(l - v)));
      expect(nearest).toBeLessThanOrEqual((s.top.errors[i] as number) + n * EPS * 10);
    }
    // Only what converged (if anything) is deflated: the trace stays unbiased, within 5 SE.
    expect(Math.abs(s.trace.estimate - trueTrace)).toBeLessThanOrEqual(5 * s.trace.standardError!);
  });
});
