/**
 * The driver shared by the embedded Runge–Kutta integrators {@link dormandPrince} (DOPRI5) and
 * {@link dop853}: argument checks and defaults, Hairer–Nørsett–Wanner's initial step and step-size
 * controller, output collection at the requested times, progress reports, cancellation and the
 * result. A method supplies only its stages, error norm and continuous extension through
 * {@link EmbeddedRkMethod}.
 *
 * The integration is written once, as a resumable core (a generator, {@link embeddedRkCore}) that
 * hands control back between steps when its `due` check says so; {@link runSync} drives it to the
 * end in one go (`due` null: it never pauses) and {@link runAsync} yields to the event loop every
 * ~10 ms of work, so both give the same bits. @internal
 *
 * @module
 */
import ndarray from 'ndarray';
import {
  checkFiniteNumber,
  checkFunction,
  checkInRange,
  checkNonNegative,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkSignal,
  checkVector,
  checkKnownOptions,
} from '../checks';
import { DimensionError, describeValue } from '../errors';
import type { OdeOptions, OdeProgress, OdeResult, OdeRhs, OdeStatus, OdeStopReason } from './ode-types';

const UROUND = 2.220446049250313e-16;

/**
 * The per-call state of one method: its stage workspaces (allocated once by
 * {@link EmbeddedRkMethod.workspace}) and the operations the driver calls once per step. The
 * driver owns y_old / y_new (two n-vectors it swaps after each accepted step) and passes them in.
 * @internal
 */
export interface EmbeddedRkStepper {
  /** Where the driver writes f(t0, y0), the first stage of the first step. */
  readonly firstStage: Float64Array;
  /** Two n-vectors the initial-step algorithm may overwrite (y1 and f(t0 + h, y1)). */
  readonly scratch: readonly [Float64Array, Float64Array];
  /**
   * Attempts the step t → t + h from y (first stage already in place): writes the propagated
   * solution into `yNew`, the FSAL stage f(t + h, yNew), and returns the scaled error norm ‖err‖
   * (accept when ≤ 1; non-finite when a stage is).
   */
  attempt(t: number, h: number, y: Float64Array, yNew: Float64Array): number;
  /** Called once in an accepted step before its first interior dense output (extra stages, coefficients). */
  prepareDense(t: number, h: number, y: Float64Array, yNew: Float64Array): void;
  /** Writes the continuous extension at t + θh, θ ∈ [0, 1), into out[offset .. offset + n). */
  dense(theta: number, h: number, y: Float64Array, yNew: Float64Array, out: Float64Array, offset: number): void;
  /** After an accepted step (and its dense output): the FSAL stage becomes the next first stage. */
  advance(): void;
}

/**
 * What distinguishes one embedded pair: controller exponent and defaults, and its stepper.
 * Controller exponent: expo = errorExponent − betaWeight·β. @internal
 */
export interface EmbeddedRkMethod {
  /** Order q + 1 used by the initial-step algorithm ((0.01 / max(‖f′‖…))^{1/order}). */
  readonly order: number;
  /** 1/(q+1) for the error's order q. */
  readonly errorExponent: number;
  /** Weight of β in the controller exponent (0.75 for DOPRI5, 0.2 for DOP853, as in HNW's codes). */
  readonly betaWeight: number;
  /** Defaults of options.facMin, options.facMax, options.beta. */
  readonly defaults: { readonly facMin: number; readonly facMax: number; readonly beta: number };
  /** Allocates the stepper's workspaces for an n-dimensional problem (once per call). */
  workspace(n: number, rhs: OdeRhs, rtol: number, atol: number): EmbeddedRkStepper;
}

/**
 * A resumable computation: yields (nothing) when it may pause, returns its result. Written once,
 * driven by {@link runSync} or {@link runAsync}. @internal
 */
export type Resumable<R> = Generator<void, R, void>;

/**
 * The pause check a resumable core calls between units of work: true when it should yield now.
 * `null` (the synchronous driver) never pauses. @internal
 */
export type DueCheck = (() => boolean) | null;

/** Runs a resumable computation to its end without pausing. @internal */
export function runSync<R>(gen: Resumable<R>): R {
  let s = gen.next();
  while (!s.done) s = gen.next();
  return s.value;
}

/**
 * Runs a resumable computation, yielding to the event loop (`setTimeout(…, 0)`, which works in
 * browsers and Node) whenever `sliceMs` of work has passed since the last pause, so that timers
 * and an `AbortController` can act. `start` receives the due check to pass to the core; checks
 * that throw inside it reject the promise. @internal
 */
export async function runAsync<R>(start: (due: () => boolean) => Resumable<R>, sliceMs = 10): Promise<R> {
  let last = Date.now();
  const gen = start(() => Date.now() - last >= sliceMs);
  let s = gen.next();
  while (!s.done) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = Date.now();
    s = gen.next();
  }
  return s.value;
}

/** The old name of each stop reason (the deprecated `status`). */
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
const STATUS: Record<OdeStopReason, OdeStatus> = {
  time: 'success',
  budget: 'max-steps',
  'step-size-too-small': 'step-size-too-small',
  aborted: 'aborted',
};

/**
 * Integrates y' = f(t, y), y(t0) = y0 over [t0, t1] with an embedded pair and HNW's controller:
 * new step h·min(facMax, max(facMin, safety / (‖err‖^{expo} · ‖err_prev‖^{−β}))), accepted when
 * ‖err‖ ≤ 1, no increase right after a rejection, a hard shrink by facMin on a non-finite error,
 * capped by hmax, ended by maxSteps, a step below 10·uround·|t| or the signal. Outputs at `times`
 * come from the method's dense output of the step that covers them (exact y_new at step ends, y0
 * at t0). Cost: the method's evaluations per step + 1 (f(t0, y0)) + the initial step's.
 *
 * Checks its arguments now and returns the resumable integration, which pauses (when `due` says
 * so) before an attempted step. @internal
 */
export function embeddedRkCore(
  method: EmbeddedRkMethod,
  f: OdeRhs,
  y0: Float64Array | readonly number[],
  t0: number,
  t1: number,
  options: OdeOptions | undefined,
  due: DueCheck,
): Resumable<OdeResult> {
  checkFunction('f', f);
  const y = Float64Array.from(checkVector('y0', y0));
  if (y.length === 0) throw new DimensionError('y0: expected at least one component, received length 0');
  checkFiniteNumber('t0', t0);
  checkFiniteNumber('t1', t1);
  if (!(t1 > t0)) throw new RangeError(`t1: expected a number greater than t0 = ${t0}, received ${describeValue(t1)}`);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['atol', 'beta', 'facMax', 'facMin', 'h0', 'hmax', 'maxSteps', 'onProgress', 'rtol', 'safety', 'signal', 'times']);
  const rtol = checkNonNegative('options.rtol', opts.rtol ?? 1e-6);
  const atol = checkNonNegative('options.atol', opts.atol ?? 1e-9);
  if (rtol === 0 && atol === 0) throw new RangeError('options.atol: expected atol > 0 or rtol > 0, received atol 0 and rtol 0');
  const hmax = checkPositive('options.hmax', opts.hmax ?? t1 - t0);
  const maxSteps = checkPositiveInteger('options.maxSteps', opts.maxSteps ?? 100_000);
  const safe = checkInRange('options.safety', opts.safety ?? 0.9, 0, 1, { openMin: true, openMax: true });
  const facMin = checkInRange('options.facMin', opts.facMin ?? method.defaults.facMin, 0, 1, { openMin: true, openMax: true });
  const facMax = checkInRange('options.facMax', opts.facMax ?? method.defaults.facMax, 1, Infinity, { openMin: true });
  const beta = checkInRange('options.beta', opts.beta ?? method.defaults.beta, 0, 0.2);
  const times = checkOutputTimes(opts.times, t0, t1);
  const onProgress = opts.onProgress === undefined ? undefined : checkFunction<(info: OdeProgress) => void>('options.onProgress', opts.onProgress);
  const signal = checkSignal('options.signal', opts.signal);
  const h0 = opts.h0 === undefined ? undefined : checkPositive('options.h0', opts.h0);
  return integrate(method, f, y, t0, t1, { rtol, atol, hmax, maxSteps, safe, facMin, facMax, beta, h0, times, onProgress, signal }, due);
}

/** The checked settings of one integration. */
interface Settings {
  readonly rtol: number;
  readonly atol: number;
  readonly hmax: number;
  readonly maxSteps: number;
  readonly safe: number;
  readonly facMin: number;
  readonly facMax: number;
  readonly beta: number;
  readonly h0: number | undefined;
  readonly times: Float64Array;
  readonly onProgress: ((info: OdeProgress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

/** The integration itself, on checked inputs (`y` is the caller's copy of y0, overwritten). */
function* integrate(method: EmbeddedRkMethod, f: OdeRhs, y: Float64Array, t0: number, t1: number, cfg: Settings, due: DueCheck): Resumable<OdeResult> {
  const { rtol, atol, hmax, maxSteps, safe, facMin, facMax, beta, times, onProgress, signal } = cfg;
  const n = y.length;
  const nt = times.length;

  let ycur: Float64Array = y;
  let ynew: Float64Array = new Float64Array(n);
  const out = new Float64Array(nt * n);
  let nOut = 0;
  // Output times at t0 come straight from y0.
  while (nOut < nt && (times[nOut] as number) === t0) out.set(ycur, n * nOut++);

  let evaluations = 0;
  const rhs = (t: number, yy: Float64Array, o: Float64Array): void => {
    evaluations++;
    f(t, yy, o);
  };
  const stepper = method.workspace(n, rhs, rtol, atol);
  rhs(t0, ycur, stepper.firstStage);

  let h: number;
  if (cfg.h0 !== undefined) h = Math.min(cfg.h0, hmax);
  else h = initialStep(rhs, t0, ycur, stepper.firstStage, hmax, rtol, atol, stepper.scratch[0], stepper.scratch[1], method.order);
  if (!(h > 0) || !Number.isFinite(h)) h = Math.min(1e-6, hmax);

  const expo1 = method.errorExponent - beta * method.betaWeight;
  const facc1 = 1 / facMin;
  const facc2 = 1 / facMax;
  let facold = 1e-4;
  let t = t0;
  let accepted = 0;
  let rejected = 0;
  let reject = false;
  let last = false;
  let stopReason: OdeStopReason = 'time';
  let attempts = 0;
  // Progress: report when t crosses the next 1% mark of [t0, t1] (mark k = 100 is t1 itself).
  let progressK = 1;
  const mark = (k: number): number => (k >= 100 ? t1 : t0 + (t1 - t0) * (k / 100));
  let progressAt = onProgress === undefined ? Infinity : mark(1);

  for (;;) {
    if (due !== null && due()) yield;
    // Before every attempt: after each accepted step, right after onProgress, and after a pause.
    if (signal?.aborted === true) {
      stopReason = 'aborted';
      break;
    }
    if (attempts >= maxSteps) {
      stopReason = 'budget';
      break;
    }
    if (0.1 * Math.abs(h) <= Math.abs(t) * UROUND || !(h > 0)) {
      stopReason = 'step-size-too-small';
      break;
    }
    if (t + 1.01 * h - t1 > 0) {
      h = t1 - t;
      last = true;
    }
    attempts++;
    const err = stepper.attempt(t, h, ycur, ynew);

    if (!Number.isFinite(err)) {
      // A non-finite stage: shrink hard and retry (the size guard above ends a genuine blow-up).
      h *= facMin;
      reject = true;
      last = false;
      rejected++;
      continue;
    }
    const fac11 = err ** expo1;
    const fac = Math.max(facc2, Math.min(facc1, fac11 / facold ** beta / safe));
    let hnew = h / fac;
    if (err <= 1) {
      facold = Math.max(err, 1e-4);
      accepted++;
      const tEndStep = last ? t1 : t + h;
      // Dense output for the requested times in (t, t + h].
      if (nOut < nt && (times[nOut] as number) <= tEndStep) {
        let prepared = false;
        for (; nOut < nt && (times[nOut] as number) <= tEndStep; nOut++) {
          const tq = times[nOut] as number;
          const base = n * nOut;
          if (tq === tEndStep) {
            out.set(ynew, base);
            continue;
          }
          if (!prepared) {
            prepared = true;
            stepper.prepareDense(t, h, ycur, ynew);
          }
          stepper.dense((tq - t) / h, h, ycur, ynew, out, base);
        }
      }
      // FSAL: f(t+h, y_new) is the next step's first stage.
      stepper.advance();
      const tmpy = ycur;
      ycur = ynew;
      ynew = tmpy;
      t = tEndStep;
      if (hnew > hmax) hnew = hmax;
      if (reject) hnew = Math.min(hnew, h);
      reject = false;
      h = hnew;
      if (t >= progressAt) {
        (onProgress as (info: OdeProgress) => void)({ t, t1, evaluations });
        while (progressK <= 100 && mark(progressK) <= t) progressK++;
        progressAt = progressK > 100 ? Infinity : mark(progressK);
      }
      if (last) break;
    } else {
      h = h / Math.min(facc1, fac11 / safe);
      reject = true;
      last = false;
      rejected++;
    }
  }
  return {
    t: Float64Array.from(times.subarray(0, nOut)),
    y: ndarray(nOut === nt ? out : out.slice(0, nOut * n), [nOut, n]),
    final: Float64Array.from(ycur),
    tEnd: t,
    evaluations,
    accepted,
    rejected,
    stopReason,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    status: STATUS[stopReason],
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    success: stopReason === 'time',
  };
}

/** {@link embeddedRkCore} driven to the end synchronously. @internal */
export function integrateEmbeddedRk(
  method: EmbeddedRkMethod,
  f: OdeRhs,
  y0: Float64Array | readonly number[],
  t0: number,
  t1: number,
  options: OdeOptions | undefined,
): OdeResult {
  return runSync(embeddedRkCore(method, f, y0, t0, t1, options, null));
}

/** {@link embeddedRkCore} driven with pauses to the event loop every ~10 ms of work. @internal */
export function integrateEmbeddedRkAsync(
  method: EmbeddedRkMethod,
  f: OdeRhs,
  y0: Float64Array | readonly number[],
  t0: number,
  t1: number,
  options: OdeOptions | undefined,
): Promise<OdeResult> {
  return runAsync((due) => embeddedRkCore(method, f, y0, t0, t1, options, due));
}

/** Checks output times: numbers in [t0, t1], non-decreasing (default [t0, t1]). @internal */
function checkOutputTimes(times: ArrayLike<number> | undefined, t0: number, t1: number): Float64Array {
  if (times === undefined) return Float64Array.of(t0, t1);
  if (typeof times !== 'object' || times === null || typeof times.length !== 'number') {
    throw new TypeError(`options.times: expected an array of numbers, received ${describeValue(times)}`);
  }
  const ts = checkVector('options.times', times);
  for (let i = 0; i < ts.length; i++) {
    const v = ts[i] as number;
    if (v < t0 || v > t1) throw new RangeError(`options.times: expected times in [${t0}, ${t1}], received ${v} at index ${i}`);
    if (i > 0 && v < (ts[i - 1] as number)) {
      throw new RangeError(`options.times: expected non-decreasing times, received ${v} after ${ts[i - 1] as number} at index ${i}`);
    }
  }
  return ts === times ? Float64Array.from(ts) : ts;
}

/** Hairer–Nørsett–Wanner's initial step (dopri5.f / dop853.f, HINIT) for a method of order `order`. */
function initialStep(
  rhs: OdeRhs,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  hmax: number,
  rtol: number,
  atol: number,
  y1: Float64Array,
  f1: Float64Array,
  order: number,
): number {
  const n = y0.length;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y0[i] as number);
    dnf += ((f0[i] as number) / sk) ** 2;
    dny += ((y0[i] as number) / sk) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, hmax);
  for (let i = 0; i < n; i++) y1[i] = (y0[i] as number) + h * (f0[i] as number);
  rhs(t0 + h, y1, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y0[i] as number);
    der2 += (((f1[i] as number) - (f0[i] as number)) / sk) ** 2;
  }
  der2 = Math.sqrt(der2) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : (0.01 / der12) ** (1 / order);
  return Math.min(100 * h, h1, hmax);
}
