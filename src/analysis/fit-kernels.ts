/**
 * Least-squares line fits and the Student-t quantile (from core) for the analysis module's intervals.
 *
 * @internal
 * @module
 */
import { studentTQuantile, weightedLine } from '../core/statistics-kernels';

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

/** OLS of y on x over the first `n` entries (n ≥ 2), through core's `weightedLine`. @internal */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, n: number): LineFit {
  const { slope, intercept, sxx, syy, rss } = weightedLine(x, y, null, n);
  const r2 = syy === 0 ? 1 : 1 - rss / syy;
  const slopeStandardError = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : NaN;
  return { intercept, slope, r2, slopeStandardError };
}
