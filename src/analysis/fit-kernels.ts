/**
 * Least-squares line fits and the Student-t quantile for the analysis module's intervals.
 *
 * @internal
 * @module
 */

/** The 97.5% quantile of Student's t with ν = 1…10 degrees of freedom. */
const T975 = [12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852];

/**
 * t_{0.975, ν}: exact table for ν ≤ 10, else the Cornish–Fisher expansion in 1/ν about the normal
 * quantile (Abramowitz & Stegun 26.7.5; error < 1e-5 for ν > 10). ν = Infinity gives 1.959964.
 *
 * @internal
 */
export function studentT975(nu: number): number {
  if (nu <= 10) return T975[Math.max(1, Math.round(nu)) - 1] as number;
  const z = 1.959963984540054;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
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
