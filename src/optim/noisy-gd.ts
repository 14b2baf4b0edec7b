/**
 * Gradient descent with isotropic white noise (the discretised overdamped Langevin equation).
 *
 * @module
 */
import { checkObjective } from '../core/checks';
import { checkNonNegative, checkOptions } from '../core/checks';
import type { Objective } from '../core/types';
import { prepareRun, runLoop, type OptimResult, type OptimRunOptions } from './driver';
import { checkLearningRate, type LearningRate } from './schedules';
import { createStepWorkspace, noisyGdStep } from './step';

/** Options of {@link noisyGd}. */
export interface NoisyGdOptions extends OptimRunOptions {
  /** η > 0, or a schedule k ↦ η_k. */
  lr: LearningRate;
  /** T ≥ 0: the temperature (T = 0 is plain GD, drawing and discarding noise). */
  temperature: number;
  /** Seed of the noise stream (ignored with `resume`, which carries the stream's state). */
  seed?: number | string;
}

/**
 * Noisy gradient descent θ_{k+1} = θ_k − η ∇L(θ_k) + √(2ηT) ξ_k, ξ_k ~ N(0, I_d) i.i.d.
 *
 * Convention (used throughout the library): this is the Euler–Maruyama scheme with time step η for
 * the overdamped Langevin SDE dθ = −∇L(θ) dt + √(2T) dW, so step k sits at time t = η·k
 * (Σ η_j with a schedule) and the continuous stationary law is ∝ exp(−L/T). On a quadratic with
 * curvature λ the discrete chain's stationary variance is 2ηT / (1 − (1 − ηλ)²) = T / (λ(1 − ηλ/2)).
 *
 * Snapshots, stop conditions, divergence and `resume` as {@link gd}; `rngState` and `state` hold the
 * noise stream, so 2000 steps equal 1000 + resume 1000 bit for bit.
 *
 * Cost: `steps` gradients and `steps·d` normal variates.
 *
 * @example
 * const f = quadratic({ hessian: [[1]] });
 * const run = noisyGd(f, [0], { lr: 0.01, temperature: 0.5, steps: 10_000, seed: 1 });
 */
export function noisyGd(objective: Objective, x0: Float64Array | readonly number[] | null, options: NoisyGdOptions): OptimResult {
  checkObjective(objective);
  const opts = checkOptions('options', options);
  const lr = checkLearningRate('options.lr', opts.lr);
  const temperature = checkNonNegative('options.temperature', opts.temperature);
  const { state, steps, every } = prepareRun('noisy-gd', objective, x0, opts, true);
  const ws = createStepWorkspace(objective.dim);
  const stepOpts = { lr, temperature };
  return runLoop('noisy-gd', objective, state, steps, every, opts, () => noisyGdStep(objective, state, stepOpts, ws));
}
