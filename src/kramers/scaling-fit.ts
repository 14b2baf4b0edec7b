/**
 * The scaling fits of escape-time studies: log τ against 1/T, B/η or 1/H by (weighted) least
 * squares, with standard errors and intervals for the slope Xie et al. report.
 *
 * @module
 */
import { checkKnownOptions, checkOneOf, checkOptions } from '../core/checks';
import { DimensionError, NonFiniteError, describeValue } from '../core/errors';
import { chiSquareSurvival, normalQuantile, studentTQuantile, weightedLine } from '../core/statistics-kernels';
import { log } from '../core/elementary/index';

/** Options of {@link scalingFit}. */
export interface ScalingFitOptions {
  /** `'identity'` (default): regress on x as given (B/η, 1/T already formed); `'reciprocal'`: on 1/x (give T or H). */
  regressor?: 'identity' | 'reciprocal';
  /**
   * Known standard errors σᵢ of log τᵢ (e.g. `logMeanTimeStandardError` = 1/√escapes from
   * `estimateEscapeRate`): weighted least squares with weights 1/σᵢ², standard errors from the σᵢ
   * (not the residuals), normal intervals and a χ² goodness of fit. Default: ordinary least squares
   * with standard errors from the residuals and Student-t intervals.
   */
  logTimeStandardErrors?: Float64Array | readonly number[];
}

/** Result of {@link scalingFit}: log τ ≈ intercept + slope · u, u the regressor. */
export interface ScalingFit {
  /** d log τ / du: ΔL for u = 1/T (Arrhenius), 2ΔL(s/H_a + (1 − s)/|H_b|) for u = B/η (Xie). */
  slope: number;
  /** log τ at u = 0: the log prefactor. */
  intercept: number;
  /** Standard error of the slope; null for an unweighted fit of 2 points (no residual degrees of freedom). */
  slopeStandardError: number | null;
  /** Standard error of the intercept; null when the slope's is. */
  interceptStandardError: number | null;
  /** 95% interval for the slope (Student-t with n − 2 degrees of freedom unweighted, normal weighted); null when the standard error is. */
  slopeCi95: [number, number] | null;
  /** 95% interval for the intercept; null when its standard error is. */
  interceptCi95: [number, number] | null;
  /** The (weighted) coefficient of determination R². */
  r2: number;
  /** √(Σ wᵢ rᵢ² / (n − 2)) of the residuals rᵢ of log τ (weights 1 unweighted); null for n = 2. */
  residualStandardError: number | null;
  /** Weighted fits: Σ rᵢ²/σᵢ² and P(χ²_{n−2} > it) (small: the points scatter more than their errors say, i.e. log τ is not linear in u); null unweighted or for n = 2. */
  goodnessOfFit: { chiSquare: number; pValue: number } | null;
  /** The regressor values u used (x or 1/x). */
  regressor: Float64Array;
  /** log τᵢ. */
  logTime: Float64Array;
  /** Residuals log τᵢ − (intercept + slope · uᵢ). */
  residuals: Float64Array;
  /** Degrees of freedom n − 2. */
  dof: number;
  /** Whether the fit was weighted by `logTimeStandardErrors`. */
  weighted: boolean;
}

function readPositiveArray(name: string, v: unknown, n?: number): Float64Array {
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) {
    throw new TypeError(`${name}: expected an array of numbers (Float64Array or number[]), received ${describeValue(v)}`);
  }
  const arr = v as ArrayLike<unknown>;
  if (n !== undefined && arr.length !== n) throw new DimensionError(`${name}: expected length ${n}, received length ${arr.length}`);
  if (arr.length > 1e8) throw new RangeError(`${name}: expected at most 1e8 values, received ${arr.length}`);
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number') throw new TypeError(`${name}: expected numbers, received ${describeValue(x)} at index ${i}`);
    if (!Number.isFinite(x)) throw new NonFiniteError(`${name}: expected finite values, received ${describeValue(x)} at index ${i}`);
    if (!(x > 0)) throw new RangeError(`${name}: expected positive values, received ${describeValue(x)} at index ${i}`);
    out[i] = x;
  }
  return out;
}

/**
 * Fits log τ = c + m·u by least squares, u = x (`regressor: 'identity'`) or u = 1/x
 * (`'reciprocal'`): the scaling laws of escape times,
 *
 *   u = 1/T:   m = ΔL (Arrhenius/Kramers; GD + white noise),
 *   u = B/η:   m = 2ΔL(s/H_a + (1 − s)/|H_b|) (Xie et al., SGD),
 *   u = 1/H:   m = 2BΔL s/η at fixed |H_b| (SGD favours flat minima).
 *
 * Unweighted: ordinary least squares, slope SE = σ̂/√Σ(uᵢ − ū)² with σ̂² = Σ rᵢ²/(n − 2), Student-t
 * intervals with n − 2 degrees of freedom. Weighted (`logTimeStandardErrors` σᵢ, e.g.
 * 1/√escapes from each `estimateEscapeRate`): weights 1/σᵢ², SEs from the σᵢ (the model's
 * variance, not the residuals'), normal intervals, and the χ² of the residuals as a test of
 * linearity. Times in the SDE's time t or in steps alike (a unit change moves only the intercept).
 * Needs n ≥ 2 points with at least two distinct u; O(n). Throws (naming the argument) for
 * non-positive or non-finite x, times or errors, or mismatched lengths.
 *
 * @example
 * // τ = 3·e^{0.4·B/η} exactly: slope 0.4, intercept log 3
 * const u = [10, 20, 40];
 * const fit = scalingFit(u, u.map((v) => 3 * Math.exp(0.4 * v)));
 * fit.slope; // 0.4
 */
export function scalingFit(x: Float64Array | readonly number[], times: Float64Array | readonly number[], options?: ScalingFitOptions): ScalingFit {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['regressor', 'logTimeStandardErrors']);
  const mode = checkOneOf('options.regressor', o.regressor ?? 'identity', ['identity', 'reciprocal'] as const);
  const xs = readPositiveArray('x', x);
  const n = xs.length;
  if (n < 2) throw new DimensionError(`x: expected at least 2 points, received ${n}`);
  const tau = readPositiveArray('times', times, n);
  const weighted = o.logTimeStandardErrors !== undefined;
  const sig = weighted ? readPositiveArray('options.logTimeStandardErrors', o.logTimeStandardErrors, n) : null;
  const u = mode === 'reciprocal' ? xs.map((v) => 1 / v) : Float64Array.from(xs);
  const y = tau.map((t) => log(t));
  const w = sig === null ? null : sig.map((s) => 1 / (s * s));
  const residuals = new Float64Array(n);
  const { slope, intercept, sumWeights: sw, meanX: ub, sxx: suu, syy, rss } = weightedLine(u, y, w, n, residuals);
  if (!(suu > 1e-28 * sw * Math.max(ub * ub, 1e-300))) {
    throw new RangeError(`x: expected at least two distinct regressor values, received ${n} equal ones (${describeValue(u[0])})`);
  }
  const dof = n - 2;
  const r2 = syy > 0 ? Math.max(0, 1 - rss / syy) : 1;
  const residualStandardError = dof > 0 ? Math.sqrt(rss / dof) : null;
  // variance scale: known σ (weighted) or σ̂² from the residuals (unweighted)
  const scale2 = weighted ? 1 : dof > 0 ? rss / dof : null;
  let slopeStandardError: number | null = null;
  let interceptStandardError: number | null = null;
  let slopeCi95: [number, number] | null = null;
  let interceptCi95: [number, number] | null = null;
  if (scale2 !== null) {
    slopeStandardError = Math.sqrt(scale2 / suu);
    interceptStandardError = Math.sqrt(scale2 * (1 / sw + (ub * ub) / suu));
    const q = weighted ? normalQuantile(0.975) : studentTQuantile(dof, 0.975);
    slopeCi95 = [slope - q * slopeStandardError, slope + q * slopeStandardError];
    interceptCi95 = [intercept - q * interceptStandardError, intercept + q * interceptStandardError];
  }
  const goodnessOfFit = weighted && dof > 0 ? { chiSquare: rss, pValue: chiSquareSurvival(dof, rss) } : null;
  return {
    slope,
    intercept,
    slopeStandardError,
    interceptStandardError,
    slopeCi95,
    interceptCi95,
    r2,
    residualStandardError,
    goodnessOfFit,
    regressor: u,
    logTime: y,
    residuals,
    dof,
    weighted,
  };
}
