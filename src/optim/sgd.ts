/**
 * Minibatch stochastic gradient descent with momentum, Nesterov and weight decay (PyTorch's
 * conventions).
 *
 * @module
 */
import { checkBoolean, checkInRange, checkInteger, checkNonNegative, checkObjective, checkOneOf, checkOptions, checkKnownOptions } from '../core/checks';
import type { FiniteSumObjective, Seed } from '../core/types';
import { uncheckedBatchKernels } from '../objectives/finite-sum';
import { defaultEvery, prepareRun, runDriver, runDriverAsync, type DriverRun, type OptimResult, type OptimRunOptions } from './driver';
import { checkLearningRate } from './schedules';
import { createStepWorkspace, sgdStepper, type SgdStepOptions } from './step';

/** Options of {@link sgd}. */
export interface SgdOptions extends OptimRunOptions, SgdStepOptions {
  /** Seed of the sampling stream, `rngFor('optimizer', seed)` (default 0; ignored with `resume`). */
  seed?: Seed;
}

/**
 * Minibatch SGD on a finite sum L = (1/N) Σ ℓₙ, from θ_0 = x0, for `steps` steps, in PyTorch's
 * convention (torch.optim.SGD, dampening 0):
 *
 *     g_k = ∇L_{B_k}(θ_k) + λ θ_k,   v_{k+1} = β v_k + g_k  (v_0 = 0),
 *     θ_{k+1} = θ_k − η_k v_{k+1}               (heavy ball)
 *     θ_{k+1} = θ_k − η_k (g_k + β v_{k+1})     (Nesterov)
 *
 * With constant η, heavy ball is θ_{k+1} = θ_k − η g_k + β(θ_k − θ_{k−1}).
 *
 * Sampling: `replacement: true` draws B i.i.d. uniform indices per step; otherwise (default) each
 * epoch draws a fresh uniform permutation and takes batches in order, so every sample is visited
 * exactly once per epoch. When B does not divide N, `partialBatch: 'drop'` (default) skips the
 * last N mod B samples of each permutation (every batch has exactly B samples), `'small'` uses
 * them as a last, smaller batch. With B = N and no replacement every step is a full-batch GD step
 * (batchGradient over a permutation of all indices: equal to GD up to the rounding of summing in
 * another order).
 *
 * Times t_k = η·k (Σ η_j with a schedule); snapshots, stop conditions, divergence and `resume` as
 * {@link gd}. `state` holds θ, the velocity, the epoch's permutation and position and the RNG state,
 * JSON-ready, so 2000 steps equal 1000 + resume 1000 bit for bit, also through a file.
 *
 * Recording: `batchLosses` holds the minibatch loss of every step, for free (from
 * `batchValueGradient`); `losses` the full loss L(θ) at each snapshot (`objective.value`, O(N)
 * each). A full loss costs about N/(2B) steps, so the default cadence is
 * every = max(⌈steps/1000⌉, ⌈10·N/B⌉): full losses cost at most ~5% of the run. Set `every` for
 * denser snapshots (and `recordLosses: false` to take them without full losses). Progress reports
 * carry the latest minibatch loss and never evaluate a full one.
 *
 * Cost per step: one batch gradient plus O(d + B); no allocation per step.
 *
 * @example
 * const run = sgd(model, x0, { lr: 0.05, batchSize: 32, momentum: 0.9, steps: 10_000, seed: 1 });
 * run.final; // θ after 10 000 steps
 */
export function sgd(
  objective: FiniteSumObjective,
  x0: Float64Array | readonly number[] | null,
  options: SgdOptions & { recordLosses: false },
): OptimResult<null>;
export function sgd(objective: FiniteSumObjective, x0: Float64Array | readonly number[] | null, options: SgdOptions & { recordLosses?: true }): OptimResult;
export function sgd(objective: FiniteSumObjective, x0: Float64Array | readonly number[] | null, options: SgdOptions): OptimResult<Float64Array | null>;
export function sgd(objective: FiniteSumObjective, x0: Float64Array | readonly number[] | null, options: SgdOptions): OptimResult<Float64Array | null> {
  return runDriver(sgdRun(objective, x0, options));
}

/** {@link sgd} that yields to the event loop about every 10 ms (see `gdAsync`). Same bits as `sgd`. */
export function sgdAsync(
  objective: FiniteSumObjective,
  x0: Float64Array | readonly number[] | null,
  options: SgdOptions & { recordLosses: false },
): Promise<OptimResult<null>>;
export function sgdAsync(
  objective: FiniteSumObjective,
  x0: Float64Array | readonly number[] | null,
  options: SgdOptions & { recordLosses?: true },
): Promise<OptimResult>;
export function sgdAsync(
  objective: FiniteSumObjective,
  x0: Float64Array | readonly number[] | null,
  options: SgdOptions,
): Promise<OptimResult<Float64Array | null>>;
export function sgdAsync(
  objective: FiniteSumObjective,
  x0: Float64Array | readonly number[] | null,
  options: SgdOptions,
): Promise<OptimResult<Float64Array | null>> {
  return runDriverAsync(sgdRun(objective, x0, options));
}

function sgdRun(objective: FiniteSumObjective, x0: Float64Array | readonly number[] | null, options: SgdOptions): DriverRun {
  checkObjective(objective, { finiteSum: true });
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [
    'batchSize',
    'every',
    'lr',
    'momentum',
    'nesterov',
    'onProgress',
    'partialBatch',
    'recordLosses',
    'replacement',
    'resume',
    'seed',
    'signal',
    'steps',
    'stop',
    'weightDecay',
  ]);
  const lr = checkLearningRate('options.lr', opts.lr);
  const batchSize = checkInteger('options.batchSize', opts.batchSize, 1, objective.size);
  const momentum = checkInRange('options.momentum', opts.momentum ?? 0, 0, 1, { openMax: true });
  const nesterov = checkBoolean('options.nesterov', opts.nesterov ?? false);
  if (nesterov && momentum === 0) throw new RangeError('options.nesterov: expected momentum > 0 with Nesterov (as PyTorch), received momentum 0');
  const weightDecay = checkNonNegative('options.weightDecay', opts.weightDecay ?? 0);
  const replacement = checkBoolean('options.replacement', opts.replacement ?? false);
  const partialBatch = checkOneOf('options.partialBatch', opts.partialBatch ?? 'drop', ['drop', 'small'] as const);
  const { state, steps, every, recordLosses, signal } = prepareRun('sgd', objective, x0, opts, true);
  if (state.order !== null && state.order.length !== objective.size) {
    throw new RangeError(`options.resume.order: expected a permutation of length ${objective.size}, received length ${state.order.length}`);
  }
  checkInteger('options.resume.cursor', state.cursor, 0, objective.size);
  const ws = createStepWorkspace(objective.dim, batchSize);
  const stepOpts: SgdStepOptions = { lr, batchSize, momentum, nesterov, weightDecay, replacement, partialBatch };
  const free = uncheckedBatchKernels(objective) !== null || objective.batchValueGradient !== undefined;
  return {
    method: 'sgd',
    objective,
    state,
    stepper: sgdStepper(objective, state, stepOpts, ws),
    steps,
    every: every ?? defaultEvery(steps, recordLosses, Math.ceil((10 * objective.size) / batchSize)),
    freeLoss: free ? 'batch' : 'none',
    recordLosses,
    opts,
    signal,
  };
}
