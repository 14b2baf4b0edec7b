/**
 * The loop shared by `gd`, `sgd` and `noisyGd`: argument checks, resuming, snapshots, stop
 * conditions, divergence and progress. @internal
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkFunction, checkInteger, checkNonNegative, checkOptions, checkPositiveInteger, checkVector } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Objective, RngState, Trajectory } from '../core/types';
import { createStepState, restoreStepState, saveStepState, type ResumeState, type StepState } from './step';

/** Why a run ended: its step budget, the `stop` predicate, or a non-finite point or loss. */
export type OptimStopReason = 'steps' | 'predicate' | 'diverged';

/** What `onProgress` receives. */
export interface OptimProgress {
  /** Steps taken in this call so far. */
  step: number;
  /** The step budget of this call. */
  steps: number;
  /** The full loss L(θ) at the current point. */
  loss: number;
}

/** Options that every discrete driver (`gd`, `sgd`, `noisyGd`) accepts. */
export interface OptimRunOptions {
  /** Number of steps to take in this call (an integer ≥ 0). */
  steps: number;
  /**
   * Snapshot every `every` steps (at global step counts k ≡ 0 mod every), plus the first and the
   * last point of the call. Default max(1, ⌈steps / 1000⌉) (at most ~1000 snapshots).
   */
  every?: number;
  /** Stops the run after a step when it returns true (e.g. θ left a basin). Receives θ_k and k. */
  stop?: (x: Float64Array, step: number) => boolean;
  /** Called at most ~100 times (every ⌈steps/100⌉ steps) with the progress and the full loss. */
  onProgress?: (info: OptimProgress) => void;
  /** A `state` from an earlier result: continue that run exactly (`x0` and `seed` are then ignored). */
  resume?: ResumeState;
}

/** The result of `gd`, `sgd` and `noisyGd`: a {@link Trajectory} plus how the run ended. */
export interface OptimResult extends Trajectory {
  /** Global step count of each snapshot. */
  steps: Float64Array;
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
  /** Everything needed to continue the run bit for bit: pass it back as option `resume`. */
  state: ResumeState;
}


/** Checks options common to all drivers and builds the initial state. @internal */
export function prepareRun(
  method: ResumeState['method'],
  objective: Objective,
  x0: unknown,
  opts: OptimRunOptions & { seed?: number | string },
  needsRng: boolean,
): { state: StepState; steps: number; every: number } {
  const steps = checkInteger('options.steps', opts.steps, 0);
  const every = checkPositiveInteger('options.every', opts.every ?? Math.max(1, Math.ceil(steps / 1000)));
  if (opts.stop !== undefined) checkFunction('options.stop', opts.stop);
  if (opts.onProgress !== undefined) checkFunction('options.onProgress', opts.onProgress);
  const d = objective.dim;
  let state: StepState;
  if (opts.resume !== undefined) {
    const r = checkOptions('options.resume', opts.resume);
    if (r.method !== method) {
      throw new TypeError(`options.resume.method: expected '${method}' (a state from ${method}), received ${describeValue(r.method)}`);
    }
    checkVector('options.resume.x', r.x, d);
    checkInteger('options.resume.step', r.step, 0);
    checkNonNegative('options.resume.time', r.time);
    if (r.velocity != null) checkVector('options.resume.velocity', r.velocity, d);
    if (needsRng && r.rngState == null) throw new TypeError('options.resume.rngState: expected an RngState, received null');
    state = restoreStepState(r);
  } else {
    const x = checkVector('x0', x0, d);
    if (needsRng && opts.seed === undefined) throw new TypeError('options.seed: expected a finite number or a string, received undefined');
    state = createStepState(x, needsRng ? opts.seed : undefined);
  }
  return { state, steps, every };
}

/** Runs `stepFn` up to `steps` times from `state`, recording snapshots. @internal */
export function runLoop(
  method: ResumeState['method'],
  objective: Objective,
  state: StepState,
  steps: number,
  every: number,
  opts: OptimRunOptions,
  stepFn: () => boolean,
): OptimResult {
  const d = objective.dim;
  const k0 = state.step;
  const cap = Math.floor((k0 + steps) / every) - Math.floor(k0 / every) + 2;
  const data = new Float64Array(cap * d);
  const times = new Float64Array(cap);
  const stepCounts = new Float64Array(cap);
  const losses = new Float64Array(cap);
  let m = 0;
  let lastRecorded = -1;
  const record = (): number => {
    const loss = objective.value(state.x);
    data.set(state.x, m * d);
    times[m] = state.time;
    stepCounts[m] = state.step;
    losses[m] = loss;
    m++;
    lastRecorded = state.step;
    return loss;
  };
  let stopReason: OptimStopReason = 'steps';
  let divergedAt: number | null = null;
  const { stop, onProgress } = opts;
  const progressEvery = Math.max(1, Math.ceil(steps / 100));

  if (!Number.isFinite(record())) {
    stopReason = 'diverged';
    divergedAt = state.step;
  } else {
    for (let i = 1; i <= steps; i++) {
      if (!stepFn()) {
        stopReason = 'diverged';
        divergedAt = state.step + 1;
        break;
      }
      const k = state.step;
      const atSnapshot = k % every === 0 || i === steps;
      const stopNow = stop !== undefined && stop(state.x, k);
      if (atSnapshot || stopNow) {
        if (!Number.isFinite(record())) {
          stopReason = 'diverged';
          divergedAt = k;
          break;
        }
      }
      if (onProgress !== undefined && (i % progressEvery === 0 || i === steps)) {
        onProgress({ step: i, steps, loss: lastRecorded === k ? (losses[m - 1] as number) : objective.value(state.x) });
      }
      if (stopNow) {
        stopReason = 'predicate';
        break;
      }
    }
  }
  if (lastRecorded !== state.step) record();
  const len = m;
  const pts = len === cap ? data : data.slice(0, len * d);
  const final = Float64Array.from(state.x);
  const saved = saveStepState(state, method);
  const rngState: RngState | undefined = saved.rngState ?? undefined;
  return {
    points: ndarray(pts, [len, d]),
    times: len === cap ? times : times.slice(0, len),
    steps: len === cap ? stepCounts : stepCounts.slice(0, len),
    losses: len === cap ? losses : losses.slice(0, len),
    final,
    ...(rngState === undefined ? {} : { rngState }),
    stopReason,
    divergedAt,
    stepsTaken: state.step - k0,
    state: saved,
  };
}
