/**
 * Full-batch gradient descent.
 *
 * @module
 */
import { checkObjective } from '../core/checks';
import { checkOptions } from '../core/checks';
import type { Objective } from '../core/types';
import { prepareRun, runLoop, type OptimResult, type OptimRunOptions } from './driver';
import { checkLearningRate, type LearningRate } from './schedules';
import { createStepWorkspace, gdStep } from './step';

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
export function gd(objective: Objective, x0: Float64Array | readonly number[] | null, options: GdOptions): OptimResult {
  checkObjective(objective);
  const opts = checkOptions('options', options);
  const lr = checkLearningRate('options.lr', opts.lr);
  const { state, steps, every } = prepareRun('gd', objective, x0, opts, false);
  const ws = createStepWorkspace(objective.dim);
  const stepOpts = { lr };
  return runLoop('gd', objective, state, steps, every, opts, () => gdStep(objective, state, stepOpts, ws));
}
