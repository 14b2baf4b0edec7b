/**
 * Gradient flow dθ/dt = −∇L(θ), integrated adaptively by the embedded Runge–Kutta pairs of
 * `core/ode`: {@link gradientFlow}, and {@link gradientFlowAsync} (the same computation, yielding
 * to the event loop).
 *
 * @module
 */
import { checkInteger, checkObjective, checkOneOf, checkOptions, checkPositive, checkVector, checkKnownOptions, checkAllocation } from '../core/checks';
import { DOP853 } from '../core/ode/dop853';
import { DOPRI5 } from '../core/ode/dormand-prince';
import { embeddedRkCore, runAsync, runSync, type DueCheck, type Resumable } from '../core/ode/embedded-runge-kutta';
import type { OdeOptions, OdeProgress, OdeResult, OdeStatus, OdeStopReason } from '../core/ode/ode-types';
import type { LongRunOptions, Objective, Points, Trajectory } from '../core/types';

/** Options of {@link gradientFlow} and {@link gradientFlowAsync}. */
export interface GradientFlowOptions extends LongRunOptions<OdeProgress> {
  /** The final time t1 > 0. */
  t1: number;
  /** Relative tolerance. Default 1e-8. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-10. */
  atol?: number;
  /** Output times in [0, t1], non-decreasing. Default: `points` equally spaced times from 0 to t1. */
  times?: ArrayLike<number>;
  /** Number of default output times (used when `times` is absent). Default 101. */
  points?: number;
  /** The budget: largest number of attempted steps (`stopReason: 'budget'` when it runs out). Default 100 000. */
  maxSteps?: number;
  /**
   * The integrator: `'dopri5'` (Dormand–Prince 5(4), default) or `'dop853'` (order 8, fewer
   * gradient evaluations for rtol ≲ 1e-8).
   */
  method?: 'dopri5' | 'dop853';
  /**
   * Called after an accepted step each time t crosses another 1% of [0, t1] (at most 100 times),
   * with `evaluations` the gradients so far. Triggers no extra gradient or loss evaluations.
   */
  onProgress?: (info: OdeProgress) => void;
  /**
   * Checked before every attempted step (so right after each `onProgress` call too): when aborted,
   * the flow returns the output times reached so far with `stopReason: 'aborted'`.
   */
  signal?: AbortSignal;
}

/** Result of {@link gradientFlow}: a {@link Trajectory} plus the integrator's report. */
export interface GradientFlowResult extends Trajectory {
  /** θ at the output times reached: ndarray [times.length, d]. */
  points: Points;
  /** The output times reached (all requested ones when `converged`). */
  times: Float64Array;
  /** L(θ) at those times. */
  losses: Float64Array;
  /** θ where the integration ended: θ(t1) when `converged`, else the last point reached. */
  final: Float64Array;
  /** Always `null`: a continuous flow has no step counts. */
  steps: null;
  /**
   * How it ended: `'time'` (reached t1), `'budget'` (`maxSteps` ran out), `'step-size-too-small'`
   * (a blow-up, or a tolerance below double precision), `'aborted'` (the `signal` fired).
   */
  stopReason: OdeStopReason;
  /** True iff the flow reached t1 (`stopReason === 'time'`). */
  converged: boolean;
  /** Gradient evaluations. */
  evaluations: number;
  /** Accepted steps. */
  accepted: number;
  /** Rejected steps. */
  rejected: number;
  /**
   * Why it ended, in the old words: `'success'`, `'max-steps'`, `'step-size-too-small'`, `'aborted'`.
   *
   * @deprecated Use `stopReason` (`'success'` is `'time'`, `'max-steps'` is `'budget'`).
   */
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  status: OdeStatus;
  /**
   * Reached t1.
   *
   * @deprecated Use `converged` (the same boolean).
   */
  success: boolean;
}

/**
 * The gradient flow dθ/dt = −∇L(θ), θ(0) = x0, on [0, t1], by {@link dormandPrince} (adaptive
 * Dormand–Prince 5(4), Hairer–Nørsett–Wanner step-size control, order-4 dense output at the
 * requested times), or by {@link dop853} (order 8, order-7 dense output) with `method: 'dop853'`.
 * Time is the flow's own: gradient descent with step η after k steps sits near θ(η·k).
 *
 * `points[i]` is θ(times[i]), `losses[i]` = L(θ(times[i])), `final` = θ(t1) (or the last point
 * reached when `converged` is false), `steps` null. Defaults: rtol 1e-8, atol 1e-10, 101 equally
 * spaced output times including 0 and t1, maxSteps 100 000. It does not throw on a hard problem:
 * `stopReason` says how it ended (`'time'`, `'budget'`, `'step-size-too-small'`, `'aborted'`) and
 * the outputs reached so far are returned. `onProgress` reports each 1% of [0, t1]; `signal` is
 * checked before every attempted step (so an abort from inside `onProgress` stops the call).
 *
 * Cost: about 6 gradients per step (12 with DOP853, + 3 per step holding an output time), reported
 * in `evaluations`, and one loss per output time reached.
 *
 * @example
 * const f = quadratic({ hessian: [[1, 0], [0, 3]] });
 * const flow = gradientFlow(f, [1, 1], { t1: 2, times: [0, 1, 2] });
 * flow.points.get(2, 0); // ≈ e^{−2}
 */
export function gradientFlow(objective: Objective, x0: Float64Array | readonly number[], options: GradientFlowOptions): GradientFlowResult {
  return runSync(gradientFlowCore(objective, x0, options, null));
}

/**
 * {@link gradientFlow} for long flows on a thread that must stay responsive: the same computation
 * (one resumable core, two drivers), so the same result bit for bit, but it yields to the event
 * loop (`setTimeout(…, 0)`, browsers and Node) every ~10 ms of work, so that timers run and an
 * `AbortSignal` fired from a timer or another task stops it: the promise then resolves with the
 * outputs reached and `stopReason: 'aborted'`. Bad arguments reject the promise with the errors
 * {@link gradientFlow} throws.
 *
 * @example
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 5000); // at most ~5 s
 * const flow = await gradientFlowAsync(net, x0, { t1: 1000, signal: ac.signal });
 * if (flow.stopReason === 'aborted') console.log(`stopped at t = ${flow.times.at(-1)}`);
 */
export function gradientFlowAsync(objective: Objective, x0: Float64Array | readonly number[], options: GradientFlowOptions): Promise<GradientFlowResult> {
  return runAsync((due) => gradientFlowCore(objective, x0, options, due));
}

/** Checks the arguments now and returns the resumable flow (integration, then the losses). */
function gradientFlowCore(
  objective: Objective,
  x0: Float64Array | readonly number[],
  options: GradientFlowOptions,
  due: DueCheck,
): Resumable<GradientFlowResult> {
  checkObjective(objective);
  const d = objective.dim;
  const x = checkVector('x0', x0, d);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['atol', 'maxSteps', 'method', 'onProgress', 'points', 'rtol', 'signal', 't1', 'times']);
  const t1 = checkPositive('options.t1', opts.t1);
  const method = checkOneOf('options.method', opts.method ?? 'dopri5', ['dopri5', 'dop853'] as const);
  let times = opts.times;
  if (times === undefined) {
    const m = checkInteger('options.points', opts.points ?? 101, 2);
    checkAllocation('options.points', m * objective.dim, `the recorded points (options.points × dimension ${objective.dim})`);
    const grid = new Float64Array(m);
    const last = grid.length - 1;
    for (let i = 0; i <= last; i++) grid[i] = i === last ? t1 : (t1 * i) / last;
    times = grid;
  }
  const odeOptions: OdeOptions = { rtol: opts.rtol ?? 1e-8, atol: opts.atol ?? 1e-10, times };
  if (opts.maxSteps !== undefined) odeOptions.maxSteps = opts.maxSteps;
  if (opts.onProgress !== undefined) odeOptions.onProgress = opts.onProgress;
  if (opts.signal !== undefined) odeOptions.signal = opts.signal;
  const integration = embeddedRkCore(
    method === 'dop853' ? DOP853 : DOPRI5,
    (_t, y, out) => {
      objective.gradient(y, out);
      for (let i = 0; i < d; i++) out[i] = -(out[i] as number);
    },
    x,
    0,
    t1,
    odeOptions,
    due,
  );
  return flowRun(objective, integration, due);
}

/** Runs the integration, then evaluates the loss at each output reached (pausing when due). */
function* flowRun(objective: Objective, integration: Resumable<OdeResult>, due: DueCheck): Resumable<GradientFlowResult> {
  const r = yield* integration;
  const d = objective.dim;
  const nt = r.t.length;
  const losses = new Float64Array(nt);
  for (let i = 0; i < nt; i++) {
    if (due !== null && due()) yield;
    losses[i] = objective.value(r.y.data.subarray(i * d, (i + 1) * d));
  }
  return {
    points: r.y,
    times: r.t,
    losses,
    final: r.final,
    steps: null,
    stopReason: r.stopReason,
    converged: r.stopReason === 'time',
    evaluations: r.evaluations,
    accepted: r.accepted,
    rejected: r.rejected,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    status: r.status,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    success: r.success,
  };
}
