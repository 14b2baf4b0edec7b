/**
 * Full-batch gradient descent.
 *
 * @module
 */
import { checkObjective, checkOptions, checkKnownOptions } from '../core/checks';
import type { Objective } from '../core/types';
import { fullGradientRun, prepareRun, runDriver, runDriverAsync, type DriverRun, type OptimResult, type OptimRunOptions } from './driver';
import { checkLearningRate, type LearningRate } from './schedules';
import { createStepWorkspace, gdStepper } from './step';

/** Options of {@link gd}. */
export interface GdOptions extends OptimRunOptions {
  /** η > 0, or a schedule k ↦ η_k (see `stepLr`, `cosineLr`, `inverseTimeLr`). */
  lr: LearningRate;
}

/**
 * Gradient descent θ_{k+1} = θ_k − η_k ∇L(θ_k) from θ_0 = x0, for `steps` steps: Euler's method
 * for the gradient flow dθ/dt = −∇L(θ) with step η, so snapshot k sits at time t_k = η·k
 * (t_k = Σ_{j<k} η_j with a schedule).
 *
 * Snapshots every `every` steps (plus the first and last point) into an ndarray [snapshots, d],
 * with the full loss at each. The run stops early when `stop(θ_k, k)` returns true
 * (`stopReason: 'predicate'`) or when θ_k or L(θ_k) is not finite (`stopReason: 'diverged'`,
 * `divergedAt: k`, `final` the last finite point). `state` continues the run exactly via
 * option `resume`.
 *
 * Cost: `steps` gradients plus one loss per snapshot; memory O(snapshots · d).
 *
 * @example
 * const f = quadratic({ hessian: [[2, 0], [0, 1]] });
 * const run = gd(f, [1, 1], { lr: 0.1, steps: 100, every: 10 });
 * run.points.shape; // [11, 2]
 */
export function gd(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions & { recordLosses: false }): OptimResult<null>;
export function gd(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions & { recordLosses?: true }): OptimResult;
export function gd(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions): OptimResult<Float64Array | null>;
export function gd(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions): OptimResult<Float64Array | null> {
  return runDriver(gdRun(objective, x0, options));
}

/**
 * {@link gd} that yields to the event loop about every 10 ms, so a timer, a UI or an
 * `AbortController` can stop it (`signal`). Same steps, same bits as `gd`.
 *
 * @example
 * const ctl = new AbortController();
 * setTimeout(() => ctl.abort(), 1000);
 * const run = await gdAsync(f, x0, { lr: 0.1, steps: 1e7, signal: ctl.signal }); // stopReason 'aborted'
 */
export function gdAsync(
  objective: Objective,
  x0: Float64Array | readonly number[] | null,
  options: GdOptions & { recordLosses: false },
): Promise<OptimResult<null>>;
export function gdAsync(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions & { recordLosses?: true }): Promise<OptimResult>;
export function gdAsync(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions): Promise<OptimResult<Float64Array | null>>;
export function gdAsync(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions): Promise<OptimResult<Float64Array | null>> {
  return runDriverAsync(gdRun(objective, x0, options));
}

function gdRun(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions): DriverRun {
  checkObjective(objective);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['every', 'lr', 'onProgress', 'recordLosses', 'resume', 'signal', 'steps', 'stop']);
  const lr = checkLearningRate('options.lr', opts.lr);
  const prepared = prepareRun('gd', objective, x0, opts, false);
  const stepper = gdStepper(objective, prepared.state, { lr }, createStepWorkspace(objective.dim));
  return fullGradientRun('gd', objective, prepared, stepper, opts);
}
