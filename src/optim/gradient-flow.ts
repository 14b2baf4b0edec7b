/**
 * Gradient flow dθ/dt = −∇L(θ), integrated adaptively.
 *
 * @module
 */
import { checkInteger, checkOneOf, checkOptions, checkPositive, checkVector } from '../core/checks';
import type { Objective, Trajectory } from '../core/types';
import { checkObjective } from '../core/checks';
import { dormandPrince, type OdeStatus } from './dormand-prince';
import { dop853 } from './dop853';

/** Options of {@link gradientFlow}. */
export interface GradientFlowOptions {
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
  /** Largest number of attempted steps. Default 100 000. */
  maxSteps?: number;
  /**
   * The integrator: `'dopri5'` (Dormand–Prince 5(4), default) or `'dop853'` (order 8, fewer
   * gradient evaluations for rtol ≲ 1e-8).
   */
  method?: 'dopri5' | 'dop853';
}

/** Result of {@link gradientFlow}: a {@link Trajectory} plus the integrator's report. */
export interface GradientFlowResult extends Trajectory {
  /** Gradient evaluations. */
  evaluations: number;
  /** Accepted steps. */
  accepted: number;
  /** Rejected steps. */
  rejected: number;
  /** 'success', or why it stopped early (outputs reached so far are returned). */
  status: OdeStatus;
  /** status === 'success'. */
  success: boolean;
}

/**
 * The gradient flow dθ/dt = −∇L(θ), θ(0) = x0, on [0, t1], by {@link dormandPrince} (adaptive
 * Dormand–Prince 5(4), Hairer–Nørsett–Wanner step-size control, order-4 dense output at the
 * requested times), or by {@link dop853} (order 8, order-7 dense output) with `method: 'dop853'`. Time is the flow's own: gradient descent with step η after k steps sits near
 * θ(η·k).
 *
 * `points[i]` is θ(times[i]), `losses[i]` = L(θ(times[i])), `final` = θ(t1) (or the last point
 * reached when `success` is false). Defaults: rtol 1e-8, atol 1e-10, 101 equally spaced output
 * times including 0 and t1.
 *
 * Cost: about 6 gradients per step (12 with DOP853, + 3 per step holding an output time), reported
 * in `evaluations`.
 *
 * @example
 * const f = quadratic({ hessian: [[1, 0], [0, 3]] });
 * const flow = gradientFlow(f, [1, 1], { t1: 2, times: [0, 1, 2] });
 * flow.points.get(2, 0); // ≈ e^{−2}
 */
export function gradientFlow(objective: Objective, x0: Float64Array | readonly number[], options: GradientFlowOptions): GradientFlowResult {
  checkObjective(objective);
  const d = objective.dim;
  const x = checkVector('x0', x0, d);
  const opts = checkOptions('options', options);
  const t1 = checkPositive('options.t1', opts.t1);
  const method = checkOneOf('options.method', opts.method ?? 'dopri5', ['dopri5', 'dop853'] as const);
  let times = opts.times;
  if (times === undefined) {
    const m = checkInteger('options.points', opts.points ?? 101, 2);
    const grid = new Float64Array(m);
    const last = grid.length - 1;
    for (let i = 0; i <= last; i++) grid[i] = i === last ? t1 : (t1 * i) / last;
    times = grid;
  }
  const integrate = method === 'dop853' ? dop853 : dormandPrince;
  const r = integrate(
    (_t, y, out) => {
      objective.gradient(y, out);
      for (let i = 0; i < d; i++) out[i] = -(out[i] as number);
    },
    x,
    0,
    t1,
    { rtol: opts.rtol ?? 1e-8, atol: opts.atol ?? 1e-10, times, ...(opts.maxSteps === undefined ? {} : { maxSteps: opts.maxSteps }) },
  );
  const nt = r.t.length;
  const losses = new Float64Array(nt);
  for (let i = 0; i < nt; i++) losses[i] = objective.value(r.y.data.subarray(i * d, (i + 1) * d));
  return {
    points: r.y,
    times: r.t,
    losses,
    final: r.final,
    evaluations: r.evaluations,
    accepted: r.accepted,
    rejected: r.rejected,
    status: r.status,
    success: r.success,
  };
}
