/**
 * scalingFit: an exact line, ordinary and weighted least squares against the normal equations
 * solved densely by ml-matrix, Student-t intervals (reference quantile from scipy.stats.t.ppf), the
 * reciprocal regressor, the χ² goodness of fit, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { scalingFit } from '../../src/kramers/index';

/** β = (XᵀWX)⁻¹XᵀWy and (XᵀWX)⁻¹ for X = [1, u]. */
function normalEquations(u: number[], y: number[], w: number[]): { beta: number[]; cov: Matrix } {
  const X = new Matrix(u.map((v) => [1, v]));
  const W = Matrix.diag(w);
  const XtW = X.transpose().mmul(W);
  const cov = inverse(XtW.mmul(X));
  const beta = cov.mmul(XtW.mmul(Matrix.columnVector(y))).to1DArray();
  return { beta, cov };
}

describe('scalingFit', () => {
  it('an exact line: slope and intercept, zero residuals', () => {
    const u = [10, 20, 40];
    const fit = scalingFit(
      u,
      u.map((v) => 3 * Math.exp(0.4 * v)),
    );
    expect(fit.slope).toBeCloseTo(0.4, 12);
    expect(fit.intercept).toBeCloseTo(Math.log(3), 10);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.residualStandardError).toBeLessThan(1e-10);
  });

  it('ordinary least squares: estimates and standard errors of the normal equations, t intervals', () => {
    const u = [1, 2, 3, 4, 5];
    const y = [0.9, 2.3, 2.8, 4.4, 4.9];
    const fit = scalingFit(u, y.map(Math.exp));
    const { beta, cov } = normalEquations(u, y, [1, 1, 1, 1, 1]);
    expect(fit.intercept).toBeCloseTo(beta[0] as number, 12);
    expect(fit.slope).toBeCloseTo(beta[1] as number, 12);
    let rss = 0;
    for (let i = 0; i < 5; i++) rss += ((y[i] as number) - (beta[0] as number) - (beta[1] as number) * (u[i] as number)) ** 2;
    const s2 = rss / 3;
    expect(fit.slopeStandardError).toBeCloseTo(Math.sqrt(s2 * cov.get(1, 1)), 12);
    expect(fit.interceptStandardError).toBeCloseTo(Math.sqrt(s2 * cov.get(0, 0)), 12);
    // scipy.stats.t.ppf(0.975, 3)
    const q = 3.182446305284263;
    expect(fit.slopeCi95?.[1]).toBeCloseTo(fit.slope + q * (fit.slopeStandardError as number), 9);
    expect(fit.dof).toBe(3);
    expect(fit.weighted).toBe(false);
    expect(fit.goodnessOfFit).toBeNull();
  });

  it('weighted by known standard errors of log τ: the normal equations with W = 1/σ², normal intervals, χ²', () => {
    const u = [0.5, 1, 2, 4];
    const y = [1.1, 1.4, 2.5, 4.2];
    const sigma = [0.05, 0.1, 0.2, 0.1];
    const fit = scalingFit(u, y.map(Math.exp), { logTimeStandardErrors: sigma });
    const { beta, cov } = normalEquations(
      u,
      y,
      sigma.map((s) => 1 / (s * s)),
    );
    expect(fit.slope).toBeCloseTo(beta[1] as number, 12);
    expect(fit.intercept).toBeCloseTo(beta[0] as number, 12);
    expect(fit.slopeStandardError).toBeCloseTo(Math.sqrt(cov.get(1, 1)), 12);
    let chi = 0;
    for (let i = 0; i < 4; i++) chi += (((y[i] as number) - (beta[0] as number) - (beta[1] as number) * (u[i] as number)) / (sigma[i] as number)) ** 2;
    expect(fit.goodnessOfFit?.chiSquare).toBeCloseTo(chi, 10);
    expect(fit.goodnessOfFit?.pValue).toBeCloseTo(Math.exp(-chi / 2), 12); // χ²₂ survival
    expect(fit.slopeCi95?.[0]).toBeCloseTo(fit.slope - 1.959963984540054 * (fit.slopeStandardError as number), 11);
  });

  it('reciprocal regressor: Arrhenius τ ∝ e^{ΔL/T} from T directly', () => {
    const T = [0.05, 0.1, 0.2];
    const fit = scalingFit(
      T,
      T.map((t) => 2 * Math.exp(0.25 / t)),
      { regressor: 'reciprocal' },
    );
    expect(fit.slope).toBeCloseTo(0.25, 12);
    expect(Array.from(fit.regressor)).toEqual([20, 10, 5]);
    // two points: a line, no standard errors
    const two = scalingFit([1, 2], [Math.E, Math.E ** 3]);
    expect(two.slope).toBeCloseTo(2, 14);
    expect(two.slopeStandardError).toBeNull();
    expect(two.slopeCi95).toBeNull();
  });

  it('bad input names the argument', () => {
    expect(() => scalingFit([1], [1])).toThrow(/x: expected at least 2 points/);
    expect(() => scalingFit([1, 2], [1])).toThrow(/times: expected length 2/);
    expect(() => scalingFit([1, 2], [1, NaN])).toThrow(/times: expected finite values, received NaN at index 1/);
    expect(() => scalingFit([1, 2], [1, -3])).toThrow(/times: expected positive values/);
    expect(() => scalingFit([2, 2], [1, 3])).toThrow(/x: expected at least two distinct/);
    expect(() => scalingFit([1, 2], [1, 3], { logTimeStandardErrors: [0, 1] })).toThrow(/options\.logTimeStandardErrors/);
    expect(() => scalingFit([1, 2], [1, 3], { regressor: 'inverse' as never })).toThrow(/options\.regressor/);
    expect(() => scalingFit([1, 2], [1, 3], { weights: [1, 1] } as never)).toThrow(/options\.weights: unknown option/);
  });
});
