/**
 * The censored exponential estimate of an escape rate from first-passage times, with Garwood (Poisson)
 * intervals, the Kaplan–Meier survival curve and a test of exponentiality.
 *
 * @module
 */
import { checkInRange, checkKnownOptions, checkOptions, checkPositive } from '../core/checks';
import { DimensionError, NonFiniteError, describeValue } from '../core/errors';
import { chiSquareQuantile, chiSquareSurvival } from '../core/statistics-kernels';
import { exp, log } from '../core/elementary/index';

/** The largest sample accepted (Kaplan–Meier sorts it: O(n log n) time, 6 arrays of n doubles). */
const MAX_SAMPLES = 1e8;

/** Options of {@link estimateEscapeRate}: how the censored times are marked (exactly one, unless `times` is an ensemble result). */
export interface EstimateEscapeRateOptions {
  /** Type-I censoring at c > 0: a time t < c escaped, t = c was censored there (t > c is an error). `Infinity`: every time escaped. */
  censoredAt?: number;
  /** Per time: true/1 when it escaped, false/0 when it was censored at that time. */
  escaped?: Uint8Array | readonly (boolean | number)[];
  /** Confidence level of `ci` (the fields named ci95 are always at 0.95). Default 0.95. */
  level?: number;
}

/** First-passage times with their censoring flags, as `simulateEnsemble` returns them. */
export interface CensoredTimes {
  /** The first-passage time of each walker, or its censoring time. */
  firstPassage: Float64Array | readonly number[];
  /** 1 when the walker escaped, 0 when censored. */
  escaped: Uint8Array | readonly (boolean | number)[];
}

/** The Kaplan–Meier estimate of the survival function S(t) = P(τ > t). */
export interface KaplanMeierCurve {
  /** The distinct escape times t₁ < t₂ < …, where S steps down. */
  times: Float64Array;
  /** Ŝ(tᵢ) = Πⱼ≤ᵢ (1 − dⱼ/nⱼ): the estimate just after tᵢ (Ŝ = 1 before t₁). */
  survival: Float64Array;
  /** nᵢ: walkers still at risk (neither escaped nor censored) just before tᵢ. */
  atRisk: Float64Array;
  /** dᵢ: escapes at tᵢ. */
  events: Float64Array;
  /** Greenwood's standard error of Ŝ(tᵢ): Ŝ·√(Σⱼ≤ᵢ dⱼ/(nⱼ(nⱼ − dⱼ))) (0 once Ŝ reaches 0). */
  standardError: Float64Array;
}

/** A likelihood-ratio test of the exponential law against the Weibull family (shape k = 1 against k ≠ 1). */
export interface ExponentialityTest {
  /** The Weibull shape k̂ (maximum likelihood, censoring included): < 1 a decreasing hazard, > 1 an increasing one (e.g. a transient before quasi-equilibrium). */
  weibullShape: number;
  /** 2(ℓ_Weibull − ℓ_exponential) ≥ 0, asymptotically χ²₁ under exponentiality. */
  statistic: number;
  /** P(χ²₁ > statistic): small (< 0.01, say) rejects a constant escape rate. */
  pValue: number;
}

/** Result of {@link estimateEscapeRate}. Times are in whatever unit the inputs use (the SDE's time t for the library's simulators). */
export interface EscapeRateEstimate {
  /** k̂ = escapes / total time at risk (the censored exponential MLE); 0 when nothing escaped. */
  rate: number;
  /** 1/k̂ = total time at risk / escapes (censored times included: not the mean of the escaped times); null when nothing escaped. */
  meanTime: number | null;
  /** k̂/√escapes (observed information); null when nothing escaped. */
  standardError: number | null;
  /** 95% interval for the rate, [χ²_{0.025, 2k}/(2E), χ²_{0.975, 2k+2}/(2E)] (k escapes, E time at risk; lower 0 when k = 0). */
  ci95: [number, number];
  /** The same interval at `level`. */
  ci: [number, number];
  /** The level of `ci`. */
  level: number;
  /** 95% interval for the mean time 1/rate (upper end null when nothing escaped: unbounded). */
  meanTimeCi95: [number, number | null];
  /** One-sided 95% upper bound on the rate, χ²_{0.95, 2k+2}/(2E) (−ln 0.05/E ≈ 3/E when nothing escaped). */
  rateUpperBound: number;
  /** 1/rateUpperBound: with 95% confidence the mean escape time is at least this (the useful number when nothing escaped). */
  meanTimeLowerBound: number;
  /** Standard error of log(meanTime) = 1/√escapes (the weight for `scalingFit`); null when nothing escaped. */
  logMeanTimeStandardError: number | null;
  /** k: the number of escapes. */
  escaped: number;
  /** n: the number of times. */
  total: number;
  /** n − k. */
  censored: number;
  /** E = Σ tᵢ over all n times, escaped and censored: the total time at risk. */
  exposure: number;
  /** The Kaplan–Meier survival curve. */
  kaplanMeier: KaplanMeierCurve;
  /** Exponential against Weibull; null with fewer than 2 escapes, an escape at t = 0, or all escape times equal. */
  exponentiality: ExponentialityTest | null;
}

function isCensoredTimes(v: unknown): v is CensoredTimes {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v) && 'firstPassage' in v;
}

function readTimes(name: string, v: unknown): Float64Array {
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) {
    throw new TypeError(`${name}: expected an array of times (Float64Array or number[]), received ${describeValue(v)}`);
  }
  const arr = v as ArrayLike<unknown>;
  if (arr.length === 0) throw new DimensionError(`${name}: expected at least one time, received an empty array`);
  if (arr.length > MAX_SAMPLES) throw new RangeError(`${name}: expected at most ${MAX_SAMPLES} times, received ${arr.length}`);
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const t = arr[i];
    if (typeof t !== 'number') throw new TypeError(`${name}: expected numbers, received ${describeValue(t)} at index ${i}`);
    if (!Number.isFinite(t)) throw new NonFiniteError(`${name}: expected finite times, received ${describeValue(t)} at index ${i}`);
    if (!(t >= 0)) throw new RangeError(`${name}: expected non-negative times, received ${describeValue(t)} at index ${i}`);
    out[i] = t;
  }
  return out;
}

function readFlags(name: string, v: unknown, n: number): Uint8Array {
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) {
    throw new TypeError(`${name}: expected an array of escape flags (Uint8Array, boolean[] or 0/1), received ${describeValue(v)}`);
  }
  const arr = v as ArrayLike<unknown>;
  if (arr.length !== n) throw new DimensionError(`${name}: expected length ${n} (one flag a time), received length ${arr.length}`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const f = arr[i];
    if (f === true || f === 1) out[i] = 1;
    else if (f === false || f === 0) out[i] = 0;
    else throw new TypeError(`${name}: expected true/false or 1/0, received ${describeValue(f)} at index ${i}`);
  }
  return out;
}

/** The Garwood interval for a Poisson count k over exposure E at a two-sided level. */
function poissonInterval(k: number, E: number, level: number): [number, number] {
  const alpha = 1 - level;
  const lower = k === 0 ? 0 : chiSquareQuantile(2 * k, alpha / 2) / (2 * E);
  const upper = chiSquareQuantile(2 * k + 2, 1 - alpha / 2) / (2 * E);
  return [lower, upper];
}

function kaplanMeier(times: Float64Array, flags: Uint8Array, k: number): KaplanMeierCurve {
  const n = times.length;
  // the escaped and the censored times, each sorted (native numeric sorts), then merged
  const esc = new Float64Array(k);
  const cen = new Float64Array(n - k);
  let ie = 0;
  let ic = 0;
  for (let i = 0; i < n; i++) {
    if (flags[i] === 1) esc[ie++] = times[i] as number;
    else cen[ic++] = times[i] as number;
  }
  esc.sort();
  cen.sort();
  const ts: number[] = [];
  const surv: number[] = [];
  const risk: number[] = [];
  const ev: number[] = [];
  const se: number[] = [];
  let atRisk = n;
  let S = 1;
  let green = 0;
  ie = 0;
  ic = 0;
  while (ie < k) {
    const t = esc[ie] as number;
    // censorings strictly before t leave the risk set first; at a tie the censored walker was at risk at t
    while (ic < n - k && (cen[ic] as number) < t) {
      ic++;
      atRisk--;
    }
    let d = 0;
    while (ie < k && esc[ie] === t) {
      d++;
      ie++;
    }
    S *= 1 - d / atRisk;
    green = atRisk > d ? green + d / (atRisk * (atRisk - d)) : Infinity;
    ts.push(t);
    surv.push(S);
    risk.push(atRisk);
    ev.push(d);
    se.push(green === Infinity ? 0 : S * Math.sqrt(green));
    atRisk -= d;
  }
  return {
    times: Float64Array.from(ts),
    survival: Float64Array.from(surv),
    atRisk: Float64Array.from(risk),
    events: Float64Array.from(ev),
    standardError: Float64Array.from(se),
  };
}

/**
 * The likelihood-ratio test of the exponential against the Weibull family with censoring. With the
 * scale maximised out, the profile log-likelihood of the shape β is
 * ℓ(β) = k ln β + (β − 1) Σ_esc ln tᵢ − k ln(Σ tᵢ^β / k) − k, concave in β (ℓ″ = −k/β² − k·Var_w(ln t) < 0),
 * so Newton's method from β = 1, kept inside a bracket on the sign of ℓ′, finds its maximum. Sums of
 * tᵢ^β = e^{β ln tᵢ} are taken with the largest exponent factored out (no overflow at large β).
 */
function exponentialityTest(times: Float64Array, flags: Uint8Array, k: number): ExponentialityTest | null {
  if (k < 2) return null;
  let sumLogEsc = 0;
  let tmin = Infinity;
  let tmax = 0;
  let positive = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t > 0) positive++;
    if (flags[i] !== 1) continue;
    if (!(t > 0)) return null;
    sumLogEsc += log(t);
    tmin = Math.min(tmin, t);
    tmax = Math.max(tmax, t);
  }
  if (tmin === tmax) return null;
  // log(tᵢ/t̄), t̄ the geometric mean of the escape times (a time at 0 adds 0 to Σ tᵢ^β and is left out)
  const lg = sumLogEsc / k;
  const lt = new Float64Array(positive);
  for (let i = 0, j = 0; i < times.length; i++) if ((times[i] as number) > 0) lt[j++] = log(times[i] as number) - lg;
  let logS0 = 0;
  let m1 = 0;
  let m2 = 0;
  const sums = (beta: number): void => {
    let mx = -Infinity;
    for (let i = 0; i < positive; i++) mx = Math.max(mx, beta * (lt[i] as number));
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < positive; i++) {
      const l = lt[i] as number;
      const w = exp(beta * l - mx);
      s0 += w;
      s1 += w * l;
      s2 += w * l * l;
    }
    logS0 = mx + log(s0);
    m1 = s1 / s0;
    m2 = s2 / s0;
  };
  // Σ_esc log(tᵢ/t̄) = 0 by the choice of t̄, so ℓ(β) = k ln β − k ln(S₀(β)/k) − k, ℓ′ = k/β − k·m₁
  const profile = (beta: number): number => {
    sums(beta);
    return k * log(beta) - k * (logS0 - log(k)) - k;
  };
  let lo = exp(-6);
  let hi = exp(6);
  let beta = 1;
  for (let it = 0; it < 100; it++) {
    sums(beta);
    const g = k / beta - k * m1;
    const h = -k / (beta * beta) - k * Math.max(0, m2 - m1 * m1);
    if (g > 0) lo = beta;
    else hi = beta;
    let next = beta - g / h;
    if (!(next > lo && next < hi)) next = Math.sqrt(lo * hi);
    const done = Math.abs(next - beta) <= 1e-13 * beta;
    beta = next;
    if (done || hi - lo <= 1e-13 * hi) break;
  }
  const statistic = Math.max(0, 2 * (profile(beta) - profile(1)));
  return { weibullShape: beta, statistic, pValue: chiSquareSurvival(1, statistic) };
}

/**
 * Estimates an escape rate from first-passage times, some of them censored (the walker had not
 * escaped when the run stopped), as the censored exponential maximum-likelihood estimate:
 *
 *   k̂ = k / E,   k = number of escapes,   E = Σᵢ tᵢ over all n times (escaped and censored),
 *
 * E being the total time at risk. Its standard error is k̂/√k, `meanTime` is E/k, and the 95%
 * interval is the exact Poisson (Garwood) interval for k events over exposure E,
 * [χ²_{α/2, 2k}/(2E), χ²_{1−α/2, 2k+2}/(2E)].
 *
 * How exact is that interval? It is exact when k really is a Poisson count over a fixed exposure E
 * (a renewal process: one walker restarted at each escape and watched for a fixed total time). For
 * the usual design, n walkers censored at a fixed time c (type-I censoring), E is itself random and
 * the interval is the Poisson-process interval conditional on the exposure observed: approximate,
 * with coverage close to the nominal level once k is more than a handful and slightly conservative
 * (it is built to have at least the nominal coverage for a Poisson count; tested at 93–97% over 2000
 * censored samples). With type-II censoring (stop at the k-th escape) 2λE ~ χ²_{2k} exactly, and
 * [χ²_{α/2,2k}, χ²_{1−α/2,2k}]/(2E) would be the exact interval.
 *
 * The bias this API prevents: averaging only the escaped times underestimates the mean escape
 * time whenever some walkers were censored (they are the slow ones). So the censoring must be
 * stated: pass `{ censoredAt: c }` (times equal to c were censored; `Infinity`: none was), or
 * `{ escaped: flags }`, or give `times` as `simulateEnsemble`'s result (its `firstPassage` and
 * `escaped`). Neither is an error, not a default.
 *
 * Also returned: the Kaplan–Meier survival curve (with Greenwood's standard errors), to compare
 * with e^{−k̂t}; and a likelihood-ratio test of the exponential law against the Weibull family
 * (censoring included), which flags a non-constant hazard such as a transient before the walkers
 * settle into the well. When nothing escaped, rate is 0 and `meanTimeLowerBound` says how long the
 * mean time is at least (95%, ≈ E/3).
 *
 * Cost O(n log n) (two sorts for Kaplan–Meier) plus ~10 passes over the times (Newton for the Weibull shape); 10⁶ times in ~0.7 s.
 * Throws (naming the argument) for NaN, ±Infinity or negative times, flags of the wrong length,
 * a time above `censoredAt`, or when the censoring is not stated.
 *
 * @example
 * const r = estimateEscapeRate([0.5, 2.1, 3, 3, 0.9], { censoredAt: 3 });
 * r.escaped;  // 3
 * r.rate;     // 3 / 9.5
 * r.meanTime; // 9.5 / 3 (not the mean of the escaped times, 3.5 / 3)
 */
export function estimateEscapeRate(times: Float64Array | readonly number[] | CensoredTimes, options?: EstimateEscapeRateOptions): EscapeRateEstimate {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['censoredAt', 'escaped', 'level']);
  const level = o.level === undefined ? 0.95 : checkInRange('options.level', o.level, 0, 1, { openMin: true, openMax: true });
  let t: Float64Array;
  let flags: Uint8Array;
  if (isCensoredTimes(times)) {
    if (o.censoredAt !== undefined || o.escaped !== undefined) {
      throw new TypeError('options: expected neither censoredAt nor escaped with an ensemble result (it carries its own escaped flags), received one');
    }
    t = readTimes('times.firstPassage', times.firstPassage);
    flags = readFlags('times.escaped', times.escaped, t.length);
  } else {
    t = readTimes('times', times);
    if ((o.censoredAt === undefined) === (o.escaped === undefined)) {
      throw new TypeError(
        `options: expected exactly one of censoredAt and escaped (which times were censored; censoredAt: Infinity when every walker escaped), received ${o.censoredAt === undefined ? 'neither' : 'both'}`,
      );
    }
    if (o.escaped !== undefined) flags = readFlags('options.escaped', o.escaped, t.length);
    else {
      const c = o.censoredAt === Infinity ? Infinity : checkPositive('options.censoredAt', o.censoredAt);
      flags = new Uint8Array(t.length);
      for (let i = 0; i < t.length; i++) {
        const ti = t[i] as number;
        if (ti > c) throw new RangeError(`times: expected times ≤ options.censoredAt (${c}), received ${ti} at index ${i}`);
        flags[i] = ti < c ? 1 : 0;
      }
    }
  }
  const n = t.length;
  let k = 0;
  let E = 0;
  for (let i = 0; i < n; i++) {
    k += flags[i] as number;
    E += t[i] as number;
  }
  const km = kaplanMeier(t, flags, k);
  const exponentiality = exponentialityTest(t, flags, k);
  if (!(E > 0)) {
    // every time is 0: escapes at once (rate unbounded) or nothing observed
    throw new RangeError(`times: expected a positive total time at risk, received ${n} times that sum to 0`);
  }
  if (E === Infinity) {
    // k/E would read as a rate of 0 with an interval [0, 0] after k escapes
    throw new RangeError(`times: expected a total time at risk below ${Number.MAX_VALUE} (rescale the times), received ${n} times whose sum overflows`);
  }
  const rate = k / E;
  const ci95 = poissonInterval(k, E, 0.95);
  const ci = level === 0.95 ? ci95 : poissonInterval(k, E, level);
  const rateUpperBound = chiSquareQuantile(2 * k + 2, 0.95) / (2 * E);
  return {
    rate,
    meanTime: k > 0 ? E / k : null,
    standardError: k > 0 ? rate / Math.sqrt(k) : null,
    ci95,
    ci: [ci[0], ci[1]],
    level,
    meanTimeCi95: [1 / ci95[1], k > 0 ? 1 / ci95[0] : null],
    rateUpperBound,
    meanTimeLowerBound: 1 / rateUpperBound,
    logMeanTimeStandardError: k > 0 ? 1 / Math.sqrt(k) : null,
    escaped: k,
    total: n,
    censored: n - k,
    exposure: E,
    kaplanMeier: km,
    exponentiality,
  };
}
