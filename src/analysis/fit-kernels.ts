/**
 * Least-squares line fits and the Student-t quantile (from core) for the analysis module's intervals.
 *
 * @internal
 * @module
 */
import { studentTQuantile } from '../core/statistics-kernels';

/**
 * t_{0.975, ν}, the 97.5% quantile of Student's t with ν degrees of freedom (core's
 * `studentTQuantile`, the inverse regularised incomplete beta; relative error ~1e-13).
 *
 * @internal
 */
export function studentT975(nu: number): number {
  return studentTQuantile(nu, 0.975);
}

/** Ordinary least squares y ≈ a + b x. @internal */
export interface LineFit {
  intercept: number;
  slope: number;
  /** Coefficient of determination 1 − SS_res/SS_tot (1 when SS_tot = 0). */
  r2: number;
  /** The usual OLS standard error of the slope, √(s²/Sxx), s² = SS_res/(n − 2). */
  slopeStandardError: number;
}

/** OLS of y on x over the first `n` entries (n ≥ 2). @internal */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, n: number): LineFit {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) ssRes += ((y[i] as number) - intercept - slope * (x[i] as number)) ** 2;
  const r2 = syy === 0 ? 1 : 1 - ssRes / syy;
  const slopeStandardError = n > 2 ? Math.sqrt(ssRes / (n - 2) / sxx) : NaN;
  return { intercept, slope, r2, slopeStandardError };
}
