/**
 * What `gd`, `sgd` and `noisyGd` share around the run recorder of core: their common options,
 * argument checks, resuming from a saved (or JSON-parsed) state, the cost-aware default snapshot
 * cadence, and the result. @internal
 *
 * @module
 */
import { checkBoolean, checkFunction, checkInteger, checkOptions, checkPositiveInteger, checkSeed, checkSignal, checkVector } from '../core/checks';
import { describeValue } from '../core/errors';
import { createRecorder, runToEnd, runToEndAsync, type RunProgress, type RunStepper, type RunStopReason } from '../core/run/recorder';
import type { FiniteSumObjective, LongRunOptions, Objective, RngState, Seed, Trajectory } from '../core/types';
import { checkSavedState, createStepState, restoreUnchecked, saveStepState, type ResumeState, type StepState } from './step';

/** Why a run ended: its step budget, the `stop` predicate, a non-finite point or loss, or its `signal`. */
export type OptimStopReason = RunStopReason;

/** What `onProgress` receives (see {@link RunProgress}: never an extra loss evaluation). */
export type OptimProgress = RunProgress;

/** Options that every discrete driver (`gd`, `sgd`, `noisyGd`) accepts. */
export interface OptimRunOptions extends LongRunOptions<OptimProgress> {
  /** Number of steps to take in this call (an integer ≥ 0). */
  steps: number;
  /**
   * Snapshot every `every` steps (at global step counts k ≡ 0 mod every), plus the first and the
   * last point of the call. The default keeps recording cheap: max(1, ⌈steps / 1000⌉) (at most
   * ~1000 snapshots) when the losses at snapshots come free (the objective has `valueGradient`, or
   * `recordLosses: false`); otherwise it is raised so that the extra loss evaluations cost at most
   * about 5% of the run (see each driver).
   */
  every?: number;
  /**
   * Record the loss at each snapshot (default true). With false, `losses` is null and no loss is
   * evaluated for recording (SGD's minibatch losses, which come free, are still recorded).
   */
  recordLosses?: boolean;
  /** Stops the run after a step when it returns true (e.g. θ left a basin). Receives θ_k, k and t_k. */
  stop?: (x: Float64Array, step: number, time: number) => boolean;
  /**
   * A `state` from an earlier result, or `JSON.parse(JSON.stringify(state))`: continue that run
   * exactly (pass `x0: null`; `seed` is then ignored).
   */
  resume?: ResumeState;
}

/** The result of `gd`, `sgd` and `noisyGd`: a {@link Trajectory} plus how the run ended. */
export interface OptimResult<Losses extends Float64Array | null = Float64Array> extends Trajectory {
  /** Global step count of each snapshot. */
  steps: Float64Array;
  /** L(θ) at each snapshot; null with `recordLosses: false` (the type says which). */
  losses: Losses;
  /**
   * SGD: the minibatch loss L_B(θ_k) of every step of this call (length `stepsTaken`; without the
   * optimizer's weight decay), recorded at no extra cost when the objective has
   * `batchValueGradient` (every model of the library does); null otherwise, and for gd / noisyGd.
   */
  batchLosses: Float64Array | null;
  /** Why the run stopped. */
  stopReason: OptimStopReason;
  /**
   * The step k at which a non-finite θ_k (or loss) appeared, when `stopReason` is `'diverged'`;
   * else null. `final` is then θ_{k−1}, the last finite point (or θ_k with its non-finite loss,
   * when only the loss overflowed).
   */
  divergedAt: number | null;
  /** Steps taken by this call. */
  stepsTaken: number;
  /**
   * Everything needed to continue the run bit for bit, JSON-ready: pass it (or
   * `JSON.parse(JSON.stringify(state))`) back as option `resume`, with `x0: null`.
   */
  state: ResumeState;
  /**
   * The random stream's state at the end.
   * @deprecated Use `state.rngState`. Kept for one release, as a non-enumerable property (so
   * `JSON.stringify(result)` carries the state once).
   */
  readonly rngState?: RngState;
}

/** What {@link prepareRun} returns: the live state and the checked common options. @internal */
export interface PreparedRun {
  state: StepState;
  steps: number;
  /** The user's `every`, or undefined for the driver's default. */
  every: number | undefined;
  recordLosses: boolean;
  signal: AbortSignal | undefined;
}

/** Checks the options common to all drivers and builds the initial (or resumed) state. @internal */
export function prepareRun(
  method: ResumeState['method'],
  objective: Objective,
  x0: unknown,
  opts: OptimRunOptions & { seed?: Seed },
  needsRng: boolean,
): PreparedRun {
  const steps = checkInteger('options.steps', opts.steps, 0);
  const every = opts.every === undefined ? undefined : checkPositiveInteger('options.every', opts.every);
  const recordLosses = checkBoolean('options.recordLosses', opts.recordLosses ?? true);
  if (opts.stop !== undefined) checkFunction('options.stop', opts.stop);
  if (opts.onProgress !== undefined) checkFunction('options.onProgress', opts.onProgress);
  const signal = checkSignal('options.signal', opts.signal);
  const d = objective.dim;
  let state: StepState;
  if (opts.resume !== undefined) {
    const r = checkOptions('options.resume', opts.resume);
    if (r.method !== method) {
      throw new TypeError(`options.resume.method: expected '${method}' (a state from ${method}), received ${describeValue(r.method)}`);
    }
    const size = (objective as Partial<FiniteSumObjective>).size;
    checkSavedState('options.resume', r, d, method === 'sgd' ? size : undefined);
    if (needsRng && r.rngState == null) throw new TypeError('options.resume.rngState: expected an RngState, received null');
    state = restoreUnchecked(r);
  } else {
    const x = checkVector('x0', x0, d);
    state = createStepState(x, needsRng ? checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed) : undefined);
  }
  return { state, steps, every, recordLosses, signal };
}

/** How a driver runs the recorder over its stepper. @internal */
export interface DriverRun {
  method: ResumeState['method'];
  objective: Objective;
  state: StepState;
  stepper: RunStepper;
  steps: number;
  every: number;
  freeLoss: 'full' | 'batch' | 'none';
  recordLosses: boolean;
  opts: OptimRunOptions;
  signal: AbortSignal | undefined;
}

function recorderFor(run: DriverRun): ReturnType<typeof createRecorder> {
  const { objective } = run;
  return createRecorder(run.state, run.stepper, {
    steps: run.steps,
    every: run.every,
    freeLoss: run.freeLoss,
    value: run.recordLosses ? (x) => objective.value(x) : null,
    stop: run.opts.stop,
    onProgress: run.opts.onProgress,
    signal: run.signal,
  });
}

function toResult(run: DriverRun, rec: ReturnType<ReturnType<typeof createRecorder>['result']>): OptimResult<Float64Array | null> {
  const state = saveStepState(run.state, run.method);
  const result: OptimResult<Float64Array | null> = { ...rec, state };
  if (state.rngState !== null) {
    const rngState = state.rngState;
    Object.defineProperty(result, 'rngState', { get: () => rngState, enumerable: false });
  }
  return result;
}

/** Runs a driver to the end, synchronously. @internal */
export function runDriver(run: DriverRun): OptimResult<Float64Array | null> {
  return toResult(run, runToEnd(recorderFor(run)));
}

/** Runs a driver to the end, yielding to the event loop about every 10 ms. Same bits as {@link runDriver}. @internal */
export async function runDriverAsync(run: DriverRun): Promise<OptimResult<Float64Array | null>> {
  return toResult(run, await runToEndAsync(recorderFor(run)));
}

/**
 * The default snapshot cadence: ⌈steps/1000⌉ (at least 1) raised to `minEvery` when losses are
 * recorded but not free (so that their evaluations stay a small fraction of the run). @internal
 */
export function defaultEvery(steps: number, lossesCostExtra: boolean, minEvery: number): number {
  const base = Math.max(1, Math.ceil(steps / 1000));
  return lossesCostExtra ? Math.max(base, minEvery) : base;
}

/**
 * The smallest default snapshot cadence when each recorded loss costs one `value` call (about one
 * gradient): 20, so that recording costs at most ~5% of the run. @internal
 */
export const LOSS_EVERY_WITHOUT_VALUE_GRADIENT = 20;

/**
 * The run of a full-gradient method (`gd`, `noisyGd`): the loss at θ_k comes with the gradient when
 * the objective has `valueGradient`; without it each recorded loss costs a `value` call, and the
 * default cadence is at least {@link LOSS_EVERY_WITHOUT_VALUE_GRADIENT}. @internal
 */
export function fullGradientRun(method: 'gd' | 'noisy-gd', objective: Objective, prepared: PreparedRun, stepper: RunStepper, opts: OptimRunOptions): DriverRun {
  const { state, steps, every, recordLosses, signal } = prepared;
  const free = objective.valueGradient !== undefined;
  return {
    method,
    objective,
    state,
    stepper,
    steps,
    every: every ?? defaultEvery(steps, recordLosses && !free, LOSS_EVERY_WITHOUT_VALUE_GRADIENT),
    freeLoss: free ? 'full' : 'none',
    recordLosses,
    opts,
    signal,
  };
}
