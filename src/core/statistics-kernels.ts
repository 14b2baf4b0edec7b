/**
 * Special functions for the escape-rate estimators and the scaling fits: log Γ, the regularised
 * incomplete gamma and beta functions, and the chi-square and Student-t quantiles built on them.
 * Double precision to ~1e-13 relative where it matters (the interval ends). @internal
 *
 * @module
 */
import { exp, log, log1p, pow, sin } from './elementary/index';

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error < 2e-15). @internal */
export function logGamma(x: number): number {
  if (x < 0.5) return log(Math.PI / Math.abs(sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ] as const;
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * log(2 * Math.PI) + (z + 0.5) * log(t) - t + log(a);
}

/** The regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0 (series or Lentz continued fraction). @internal */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  const lnPre = a * log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, sum * exp(lnPre));
  }
  return 1 - gammaQcf(a, x, lnPre);
}

/** Q(a, x) = 1 − P(a, x) by the continued fraction (x ≥ a + 1). */
function gammaQcf(a: number, x: number, lnPre: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return exp(lnPre) * h;
}

/**
 * The p-quantile of Gamma(a, 1) (a > 0, 0 < p < 1): x with P(a, x) = p, by Wilson–Hilferty's
 * start and safeguarded Newton steps on P (bisection when a step leaves the bracket). @internal
 */
export function gammaQuantile(a: number, p: number): number {
  // Wilson–Hilferty start from the normal quantile
  const z = normalQuantile(p);
  const w = 1 / (9 * a);
  let x = a * pow(Math.max(1e-3, 1 - w + z * Math.sqrt(w)), 3);
  if (!(x > 0) || !Number.isFinite(x)) x = a;
  let lo = 0;
  let hi = Infinity;
  const lg = logGamma(a);
  for (let it = 0; it < 200; it++) {
    const f = gammaP(a, x) - p;
    if (f > 0) hi = Math.min(hi, x);
    else lo = Math.max(lo, x);
    const dens = exp((a - 1) * log(x) - x - lg);
    let next = dens > 0 ? x - f / dens : NaN;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = hi === Infinity ? Math.max(2 * x, lo * 2 + 1) : 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300)) return next;
    x = next;
  }
  return x;
}

/** The p-quantile of the chi-square distribution with ν > 0 degrees of freedom: 2 × Gamma(ν/2) quantile. @internal */
export function chiSquareQuantile(nu: number, p: number): number {
  return 2 * gammaQuantile(nu / 2, p);
}

/** The upper tail P(χ²_ν > x). @internal */
export function chiSquareSurvival(nu: number, x: number): number {
  if (x <= 0) return 1;
  const a = nu / 2;
  const h = x / 2;
  if (h < a + 1) return 1 - gammaP(a, h);
  return gammaQcf(a, h, a * log(h) - h - logGamma(a));
}

/** The standard normal p-quantile (Acklam's rational approximation refined by one Halley step on erfc; ~1e-15). @internal */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] as const;
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step: e = Φ(x) − p
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** erfc(x) through the incomplete gamma: erfc(x) = Q(1/2, x²) for x ≥ 0. @internal */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x === 0) return 1;
  const h = x * x;
  if (h < 1.5) return 1 - gammaP(0.5, h);
  return gammaQcf(0.5, h, 0.5 * log(h) - h - logGamma(0.5));
}

/** The regularised incomplete beta I_x(a, b) (Lentz continued fraction). @internal */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log1p(-x);
  if (x > (a + 1) / (a + b + 2)) return 1 - betaI(b, a, 1 - x);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return (exp(lnFront) * h) / a;
}

/** The Student-t p-quantile with ν > 0 degrees of freedom (0 < p < 1), by bisection on the CDF. @internal */
export function studentTQuantile(nu: number, p: number): number {
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p; // lower tail probability
  // P(T < −t) = I_{ν/(ν+t²)}(ν/2, 1/2)/2
  const tail = (t: number): number => 0.5 * betaI(nu / 2, 0.5, nu / (nu + t * t));
  let lo = 0;
  let hi = 1;
  while (tail(hi) > q && hi < 1e300) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (tail(mid) > q) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-15 * hi) break;
  }
  const t = 0.5 * (lo + hi);
  return upper ? t : -t;
}

/** The weighted least-squares line y ≈ a + b x and the sums it came from. @internal */
export interface WeightedLine {
  slope: number;
  intercept: number;
  /** Σ w, and the weighted means of x and y. */
  sumWeights: number;
  meanX: number;
  meanY: number;
  /** Σ w (x − x̄)², Σ w (y − ȳ)² and the weighted residual sum Σ w (y − a − b x)². */
  sxx: number;
  syy: number;
  rss: number;
}

/**
 * Weighted least squares of y on x over the first `n` entries (`w` null: unit weights, the same
 * bits as ordinary least squares), with the residuals written to `residuals` when given. Centred
 * two-pass sums. The caller checks that sxx > 0. @internal
 */
export function weightedLine(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number> | null, n: number, residuals?: Float64Array): WeightedLine {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : (w[i] as number);
    sw += wi;
    sx += wi * (x[i] as number);
    sy += wi * (y[i] as number);
  }
  const meanX = sx / sw;
  const meanY = sy / sw;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : (w[i] as number);
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxx += wi * dx * dx;
    sxy += wi * dx * dy;
    syy += wi * dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = (y[i] as number) - intercept - slope * (x[i] as number);
    if (residuals !== undefined) residuals[i] = r;
    rss += (w === null ? 1 : (w[i] as number)) * r * r;
  }
  return { slope, intercept, sumWeights: sw, meanX, meanY, sxx, syy, rss };
}
