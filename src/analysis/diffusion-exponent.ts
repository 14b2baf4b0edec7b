/**
 * The anomalous-diffusion exponent of a trajectory, or of an ensemble of runs: a log-log fit of the
 * mean squared displacement against time.
 *
 * @module
 */
import { checkInteger, checkKnownOptions, checkOneOf, checkOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import { fitLine, studentT975 } from './fit-kernels';
import { readTrajectories, type TrajectoryLike } from './trajectory-input';
import { exp, log } from '../core/elementary/index';

/** Options of {@link diffusionExponent}. */
export interface DiffusionExponentOptions {
  /**
   * [lo, hi]: fit over the lags τ with lo ≤ τ ≤ hi, in the units of `axis` (time t_k − t_0, or
   * steps k − k_0); hi may be Infinity. Default: every lag > 0.
   */
  fitRange?: readonly [number, number];
  /** Lag variable: `'time'` (trajectory.times, default) or `'step'` (trajectory.steps). */
  axis?: 'time' | 'step';
  /**
   * `'origin'` (default): MSD(τ_k) = mean over runs of ‖θ_k − θ_0‖², displacement from the start
   * (Kunin et al.'s ‖θ_t − θ_0‖²). `'lag'`: the time-averaged MSD, mean over runs and over all
   * origins j of ‖θ_{j+k} − θ_j‖² (needs equally spaced snapshots; a stationary process only).
   */
  average?: 'origin' | 'lag';
  /** Fit at most this many lags, log-spaced in index over the fit range (every decade weighs alike). Default 50. */
  points?: number;
}

/** Result of {@link diffusionExponent}: MSD(τ) ≈ prefactor · τ^exponent over the fit range. */
export interface DiffusionExponentResult {
  /** The slope of log MSD against log τ: 1 for diffusion, 2 for ballistic motion, → 0 when confined. */
  exponent: number;
  /** exp(intercept): MSD at τ = 1 on the fitted line, in θ² (per unit of `axis`^exponent). */
  prefactor: number;
  /** R² of the log-log fit. */
  r2: number;
  /** Standard error of the exponent: the jackknife over runs (≥ 2 runs), else the OLS one (see `interval`). */
  standardError: number;
  /** 95% interval exponent ± t_{0.975, ν}·standardError (ν = runs − 1, or fitted points − 2). */
  ci95: [number, number];
  /**
   * How the interval was made. `'jackknife'` (≥ 2 runs): leave-one-run-out refits, which capture the
   * correlation along each path. `'regression'` (one run): the OLS formula, which assumes independent
   * residuals; the MSD at neighbouring lags of one path is strongly correlated, so this interval is
   * too narrow, often by a large factor: read it as a fit quality, not a confidence statement.
   */
  interval: 'jackknife' | 'regression';
  /** Number of runs averaged. */
  runs: number;
  /** The lags τ fitted. */
  lags: Float64Array;
  /** The MSD at those lags. */
  msd: Float64Array;
}

/**
 * The diffusion exponent α of MSD(τ) ∝ τ^α: ordinary least squares of log MSD(τ) on log τ over the
 * fit range (Kunin et al. 2021 find α > 1, superdiffusion, for SGD at late times).
 *
 * MSD(τ_k) = (1/R) Σ_r ‖θ_k^{(r)} − θ_0^{(r)}‖² over R runs (`average: 'origin'`), or the time-averaged
 * (1/R) Σ_r mean_j ‖θ_{j+k}^{(r)} − θ_j^{(r)}‖² (`average: 'lag'`), at up to `points` lags log-spaced in
 * the snapshot index. Pass one `Trajectory` (an optimizer's or a Langevin simulator's) or an array
 * of runs sharing their snapshot times (an ensemble, e.g. one run per seed).
 *
 * Interval: with R ≥ 2 runs, the jackknife over runs (refit without run r, SE² = (R − 1)/R Σ (α₍ᵣ₎ − ᾱ)²)
 * and Student's t with R − 1 degrees of freedom: honest about the correlation along each path.
 * With one run, the OLS standard error: the increments of one path are correlated, so it
 * understates the uncertainty (see `interval`). Brownian motion gives α = 1, a ballistic path
 * α = 2, an Ornstein–Uhlenbeck process α → 0 once τ is well past its relaxation time.
 *
 * Throws a RangeError naming the argument when fewer than 3 lags fall in the range or an MSD there is 0.
 * Cost O(R·P·d) for `'origin'`, O(R·P·n·d) for `'lag'` (P fitted lags, n snapshots).
 *
 * @example
 * import { diffusionExponent } from 'sgd-dynamics/analysis';
 * const times = Array.from({ length: 100 }, (_, k) => k);
 * const points = times.map((t) => [0.5 * t, -t]);
 * diffusionExponent({ points, times }).exponent; // 2 (ballistic)
 */
export function diffusionExponent(trajectory: TrajectoryLike | readonly TrajectoryLike[], options?: DiffusionExponentOptions): DiffusionExponentResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['fitRange', 'axis', 'average', 'points']);
  const axis = checkOneOf('options.axis', opts.axis ?? 'time', ['time', 'step'] as const);
  const average = checkOneOf('options.average', opts.average ?? 'origin', ['origin', 'lag'] as const);
  const maxPoints = checkInteger('options.points', opts.points ?? 50, 3, 1_000_000);
  const { runs, name } = readTrajectories(trajectory, 2);
  const first = runs[0] as (typeof runs)[number];
  const { n, d } = first;
  let axisValues: Float64Array;
  if (axis === 'time') axisValues = first.times;
  else {
    if (first.steps === null)
      throw new TypeError(`${name(0)}.steps: expected a Float64Array of step counts with axis 'step', received ${describeValue(first.steps)}`);
    axisValues = first.steps;
  }
  for (let r = 1; r < runs.length; r++) {
    const run = runs[r] as (typeof runs)[number];
    const other = axis === 'time' ? run.times : run.steps;
    const label = `${name(r)}.${axis === 'time' ? 'times' : 'steps'}`;
    if (other === null) throw new TypeError(`${label}: expected a Float64Array (as run 0), received ${describeValue(other)}`);
    for (let k = 0; k < n; k++) {
      const a = axisValues[k] as number;
      const b = other[k] as number;
      if (!(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300))) {
        throw new RangeError(`${label}: expected the snapshot times of run 0, received ${b} at snapshot ${k} where run 0 has ${a}`);
      }
    }
  }
  const tau = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = (axisValues[k] as number) - (axisValues[0] as number);
    if (!Number.isFinite(v) || (k > 0 && !(v > (tau[k - 1] as number)))) {
      throw new RangeError(
        `${name(0)}.${axis === 'time' ? 'times' : 'steps'}: expected finite, strictly increasing values, received ${axisValues[k]} at snapshot ${k}`,
      );
    }
    tau[k] = v;
  }
  if (average === 'lag' && n > 2) {
    const dt = (tau[n - 1] as number) / (n - 1);
    for (let k = 1; k < n; k++) {
      if (Math.abs((tau[k] as number) - k * dt) > 1e-6 * dt * k) {
        throw new RangeError(
          `${name(0)}.${axis === 'time' ? 'times' : 'steps'}: expected equally spaced snapshots with average 'lag', received spacing ${(tau[k] as number) - (tau[k - 1] as number)} at snapshot ${k} (mean ${dt})`,
        );
      }
    }
  }
  let lo = 0;
  let hi = Infinity;
  if (opts.fitRange !== undefined) {
    const fr: unknown = opts.fitRange;
    if (!Array.isArray(fr) || fr.length !== 2 || typeof fr[0] !== 'number' || typeof fr[1] !== 'number') {
      throw new TypeError(`options.fitRange: expected [lo, hi] with two numbers, received ${describeValue(fr)}`);
    }
    lo = fr[0];
    hi = fr[1];
    if (!(Number.isFinite(lo) && lo >= 0 && hi > lo) || Number.isNaN(hi)) {
      throw new RangeError(`options.fitRange: expected 0 ≤ lo < hi (lo finite), received [${lo}, ${hi}]`);
    }
  }
  // Candidate lag indices k ≥ 1 with lo ≤ τ_k ≤ hi, thinned to ≤ maxPoints log-spaced ones.
  let kFirst = -1;
  let kLast = -1;
  for (let k = 1; k < n; k++) {
    const v = tau[k] as number;
    if (v >= lo && v <= hi) {
      if (kFirst < 0) kFirst = k;
      kLast = k;
    }
  }
  const count = kFirst < 0 ? 0 : kLast - kFirst + 1;
  if (count < 3) {
    throw new RangeError(
      `options.fitRange: expected at least 3 snapshot lags in the fit range, received ${count} in [${lo}, ${hi}] (lags ${tau[1] ?? 'none'} … ${tau[n - 1]})`,
    );
  }
  const idx: number[] = [];
  if (count <= maxPoints) for (let k = kFirst; k <= kLast; k++) idx.push(k);
  else {
    const ratio = kLast / kFirst;
    for (let i = 0; i < maxPoints; i++) {
      const k = Math.round(kFirst * ratio ** (i / (maxPoints - 1)));
      if (idx.length === 0 || k > (idx[idx.length - 1] as number)) idx.push(k);
    }
  }
  const P = idx.length;
  const R = runs.length;
  // perRun[r·P + i]: run r's MSD at lag idx[i].
  const perRun = new Float64Array(R * P);
  for (let r = 0; r < R; r++) {
    const x = (runs[r] as (typeof runs)[number]).data;
    for (let i = 0; i < P; i++) {
      const k = idx[i] as number;
      let acc = 0;
      if (average === 'origin') {
        for (let c = 0; c < d; c++) acc += ((x[k * d + c] as number) - (x[c] as number)) ** 2;
      } else {
        for (let j = 0; j + k < n; j++) {
          let s = 0;
          for (let c = 0; c < d; c++) s += ((x[(j + k) * d + c] as number) - (x[j * d + c] as number)) ** 2;
          acc += s;
        }
        acc /= n - k;
      }
      perRun[r * P + i] = acc;
    }
  }
  const total = new Float64Array(P);
  for (let r = 0; r < R; r++) for (let i = 0; i < P; i++) total[i] = (total[i] as number) + (perRun[r * P + i] as number);
  const msd = total.map((v) => v / R);
  const lags = Float64Array.from(idx, (k) => tau[k] as number);
  for (let i = 0; i < P; i++) {
    if (!((msd[i] as number) > 0) || !Number.isFinite(msd[i])) {
      throw new RangeError(`trajectory: expected a positive, finite mean squared displacement at every fitted lag, received ${msd[i]} at lag ${lags[i]}`);
    }
  }
  const lx = lags.map((v) => log(v));
  const fit = fitLine(
    lx,
    msd.map((v) => log(v)),
    P,
  );
  let standardError = fit.slopeStandardError;
  let nu = P - 2;
  let interval: 'jackknife' | 'regression' = 'regression';
  if (R >= 2) {
    const ly = new Float64Array(P);
    const alphas = new Float64Array(R);
    let ok = true;
    for (let r = 0; r < R && ok; r++) {
      for (let i = 0; i < P; i++) {
        const v = ((total[i] as number) - (perRun[r * P + i] as number)) / (R - 1);
        if (!(v > 0)) ok = false;
        ly[i] = log(v);
      }
      alphas[r] = fitLine(lx, ly, P).slope;
    }
    if (ok) {
      let mean = 0;
      for (const a of alphas) mean += a;
      mean /= R;
      let ss = 0;
      for (const a of alphas) ss += (a - mean) ** 2;
      standardError = Math.sqrt(((R - 1) / R) * ss);
      nu = R - 1;
      interval = 'jackknife';
    }
  }
  const half = studentT975(nu) * standardError;
  return {
    exponent: fit.slope,
    prefactor: exp(fit.intercept),
    r2: fit.r2,
    standardError,
    ci95: [fit.slope - half, fit.slope + half],
    interval,
    runs: R,
    lags,
    msd,
  };
}
