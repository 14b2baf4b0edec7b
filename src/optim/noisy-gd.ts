/**
 * Gradient descent with isotropic white noise (the discretised overdamped Langevin equation).
 *
 * @module
 */
import { checkNonNegative, checkObjective, checkOptions, checkKnownOptions } from '../core/checks';
import type { Objective, Seed } from '../core/types';
import { fullGradientRun, prepareRun, runDriver, runDriverAsync, type DriverRun, type OptimResult, type OptimRunOptions } from './driver';
import { checkLearningRate, type LearningRate } from './schedules';
import { createStepWorkspace, noisyGdStepper } from './step';

/** Options of {@link noisyGd}. */
export interface NoisyGdOptions extends OptimRunOptions {
  /** η > 0, or a schedule k ↦ η_k. */
  lr: LearningRate;
  /** T ≥ 0: the temperature (T = 0 is plain GD, drawing and discarding noise). */
  temperature: number;
  /**
   * Seed of the noise stream, `rngFor('optimizer', seed)` (default 0; ignored with `resume`, which
   * carries the stream's state).
   */
  seed?: Seed;
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
export function noisyGd(
  objective: Objective,
  x0: Float64Array | readonly number[] | null,
  options: NoisyGdOptions & { recordLosses: false },
): OptimResult<null>;
export function noisyGd(objective: Objective, x0: Float64Array | readonly number[] | null, options: NoisyGdOptions & { recordLosses?: true }): OptimResult;
export function noisyGd(objective: Objective, x0: Float64Array | readonly number[] | null, options: NoisyGdOptions): OptimResult<Float64Array | null>;
export function noisyGd(objective: Objective, x0: Float64Array | readonly number[] | null, options: NoisyGdOptions): OptimResult<Float64Array | null> {
  return runDriver(noisyGdRun(objective, x0, options));
}

/** {@link noisyGd} that yields to the event loop about every 10 ms (see `gdAsync`). Same bits as `noisyGd`. */
export function noisyGdAsync(
  objective: Objective,
  x0: Float64Array | readonly number[] | null,
  options: NoisyGdOptions & { recordLosses: false },
): Promise<OptimResult<null>>;
export function noisyGdAsync(
  objective: Objective,
  x0: Float64Array | readonly number[] | null,
  options: NoisyGdOptions & { recordLosses?: true },
): Promise<OptimResult>;
export function noisyGdAsync(
  objective: Objective,
  x0: Float64Array | readonly number[] | null,
  options: NoisyGdOptions,
): Promise<OptimResult<Float64Array | null>>;
export function noisyGdAsync(
  objective: Objective,
  x0: Float64Array | readonly number[] | null,
  options: NoisyGdOptions,
): Promise<OptimResult<Float64Array | null>> {
  return runDriverAsync(noisyGdRun(objective, x0, options));
}

function noisyGdRun(objective: Objective, x0: Float64Array | readonly number[] | null, options: NoisyGdOptions): DriverRun {
  checkObjective(objective);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['every', 'lr', 'onProgress', 'recordLosses', 'resume', 'seed', 'signal', 'steps', 'stop', 'temperature']);
  const lr = checkLearningRate('options.lr', opts.lr);
  const temperature = checkNonNegative('options.temperature', opts.temperature);
  const prepared = prepareRun('noisy-gd', objective, x0, opts, true);
  const stepper = noisyGdStepper(objective, prepared.state, { lr, temperature }, createStepWorkspace(objective.dim));
  return fullGradientRun('noisy-gd', objective, prepared, stepper, opts);
}
