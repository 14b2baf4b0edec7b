/**
 * The run recorder shared by the optimizers and the Langevin integrators: one loop that takes the
 * steps of a discrete method, records snapshots every `every` steps (and the first and last point),
 * stops on a predicate `(x, step, time)`, on divergence or on an `AbortSignal`, reports progress,
 * and keeps the cost of recording small: the loss at a snapshot comes from the step itself when the
 * method computes it anyway (`freeLoss`), and progress reports never evaluate anything.
 *
 * The loop is resumable in chunks, so one algorithm serves a synchronous driver
 * ({@link runToEnd}) and an asynchronous one that yields to the event loop between chunks
 * ({@link runToEndAsync}). @internal
 *
 * @module
 */
import { checkAllocation } from '../checks';
import ndarray from 'ndarray';
import type { Points, StopReason } from '../types';

/** The part of a method's live state that the recorder reads: θ_k, k and t_k. @internal */
export interface RunCursor {
  readonly x: Float64Array;
  readonly step: number;
  readonly time: number;
}

/**
 * One step of a method, in two phases so that a snapshot at θ_k can take the loss the step
 * computes there. @internal
 */
export interface RunStepper {
  /**
   * The work at θ_k that the step needs (a gradient, a minibatch gradient); returns the loss it
   * obtained on the way (L(θ_k) or a minibatch loss, as `freeLoss` says), NaN when none.
   */
  evaluate(): number;
  /** θ_k → θ_{k+1} from what `evaluate` computed; false (state unchanged) when θ_{k+1} would not be finite. */
  advance(): boolean;
}

/** What `onProgress` receives from a recorded run. */
export interface RunProgress {
  /** Steps taken in this call so far. */
  step: number;
  /** The step budget of this call. */
  steps: number;
  /** The continuous time t reached. */
  time: number;
  /**
   * The most recent loss the run has at no extra cost: L(θ_k) when the objective computes it with
   * its gradient, SGD's latest minibatch loss, else the loss at the latest snapshot; null when the
   * run records no losses.
   */
  loss: number | null;
}

/** How a recorded run is configured. @internal */
export interface RecorderConfig {
  /** Steps to take in this call. */
  steps: number;
  /** Snapshot every `every` steps (at global step counts k ≡ 0 mod every), plus the first and last point. */
  every: number;
  /**
   * What `evaluate` returns: `'full'` the loss L(θ_k) (used at snapshots), `'batch'` a minibatch
   * loss (recorded for every step in `batchLosses`), `'none'` nothing.
   */
  freeLoss: 'full' | 'batch' | 'none';
  /** L(x), for snapshots that have no free loss; null to record no losses (then `losses` is null). */
  value: ((x: Float64Array) => number) | null;
  stop: ((x: Float64Array, step: number, time: number) => boolean) | undefined;
  onProgress: ((info: RunProgress) => void) | undefined;
  signal: AbortSignal | undefined;
}

/** Why a recorded run ended. */
export type RunStopReason = Extract<StopReason, 'steps' | 'predicate' | 'diverged' | 'aborted'>;

/** What the recorder returns. @internal */
export interface RunRecord {
  points: Points;
  times: Float64Array;
  steps: Float64Array;
  losses: Float64Array | null;
  batchLosses: Float64Array | null;
  final: Float64Array;
  stopReason: RunStopReason;
  divergedAt: number | null;
  stepsTaken: number;
}

/** A recorded run in progress: `advance(n)` takes up to n more steps and says whether the run has ended. @internal */
export interface Recorder {
  advance(maxSteps: number): boolean;
  result(): RunRecord;
}

/**
 * A recorder over `stepper` from the live `state` (which the stepper advances). The snapshot
 * arrays are allocated once, for ⌊(k₀ + steps)/every⌋ − ⌊k₀/every⌋ + 2 snapshots. @internal
 */
export function createRecorder(state: RunCursor, stepper: RunStepper, cfg: RecorderConfig): Recorder {
  const d = state.x.length;
  const k0 = state.step;
  const { steps, every, freeLoss, value, stop, onProgress, signal } = cfg;
  const cap = Math.floor((k0 + steps) / every) - Math.floor(k0 / every) + 2;
  // Refused up front: the snapshot count (steps/every + 2) times the dimension, and the per-step batch losses.
  checkAllocation('options.steps', cap * d, `the snapshots (options.steps/options.every = ${steps}/${every} + 2 of dimension ${d})`);
  if (freeLoss === 'batch') checkAllocation('options.steps', steps, 'the per-step batch losses');
  const data = new Float64Array(cap * d);
  const times = new Float64Array(cap);
  const stepCounts = new Float64Array(cap);
  const losses = value === null ? null : new Float64Array(cap);
  const batchLosses = freeLoss === 'batch' ? new Float64Array(steps) : null;
  const progressEvery = Math.max(1, Math.ceil(steps / 100));
  let m = 0;
  let lastRecorded = -1;
  let i = 0;
  let latestLoss: number | null = null;
  let pendingStop = false;
  let progressPending = false; // the last report waits for the final snapshot, so it carries its loss
  let done = false;
  let stopReason: RunStopReason = 'steps';
  let divergedAt: number | null = null;

  // Records θ_k with its loss (NaN when losses are not recorded); returns whether the loss is finite.
  const record = (loss: number): boolean => {
    data.set(state.x, m * d);
    times[m] = state.time;
    stepCounts[m] = state.step;
    if (losses !== null) losses[m] = loss;
    m++;
    lastRecorded = state.step;
    if (losses === null) return true;
    if (freeLoss !== 'batch') latestLoss = loss;
    return Number.isFinite(loss);
  };
  // Ends the run, recording the point reached unless it is already the last snapshot; `known` is
  // its loss when the step computed it (a free full loss), else it is evaluated here.
  const finish = (reason: RunStopReason, known?: number): void => {
    stopReason = reason;
    const loss = value === null ? Number.NaN : (known ?? value(state.x));
    if (lastRecorded !== state.step && !record(loss) && reason !== 'diverged') {
      stopReason = 'diverged';
      divergedAt = state.step;
    }
    done = true;
    if (progressPending && onProgress !== undefined) onProgress({ step: i, steps, time: state.time, loss: latestLoss });
  };

  const advance = (maxSteps: number): boolean => {
    for (let n = 0; !done && n < maxSteps; n++) {
      if (signal?.aborted === true) {
        finish('aborted');
        break;
      }
      if (i === steps || pendingStop) {
        finish(pendingStop ? stopReason : 'steps');
        break;
      }
      const k = state.step;
      const free = stepper.evaluate();
      if (freeLoss !== 'none') latestLoss = free;
      if (batchLosses !== null) batchLosses[i] = free;
      if ((i === 0 || k % every === 0) && lastRecorded !== k) {
        const loss = value === null ? Number.NaN : freeLoss === 'full' ? free : value(state.x);
        if (!record(loss)) {
          stopReason = 'diverged';
          divergedAt = k;
          done = true;
          break;
        }
      }
      if (!stepper.advance()) {
        divergedAt = k + 1;
        finish('diverged', freeLoss === 'full' ? free : undefined);
        break;
      }
      i++;
      if (stop !== undefined && stop(state.x, state.step, state.time)) {
        stopReason = 'predicate';
        pendingStop = true;
      }
      if (onProgress !== undefined && (i % progressEvery === 0 || i === steps)) {
        // Reported now with the latest loss at hand; the last one after the final snapshot.
        if (i === steps || pendingStop) progressPending = true;
        else onProgress({ step: i, steps, time: state.time, loss: latestLoss });
      }
    }
    return done;
  };

  const result = (): RunRecord => {
    const len = m;
    const trim = len !== cap;
    return {
      points: ndarray(trim ? data.slice(0, len * d) : data, [len, d]),
      times: trim ? times.slice(0, len) : times,
      steps: trim ? stepCounts.slice(0, len) : stepCounts,
      losses: losses === null ? null : trim ? losses.slice(0, len) : losses,
      batchLosses: batchLosses === null ? null : i === steps ? batchLosses : batchLosses.slice(0, i),
      final: Float64Array.from(state.x),
      stopReason,
      divergedAt,
      stepsTaken: state.step - k0,
    };
  };
  return { advance, result };
}

/** Runs the recorder to its end synchronously. @internal */
export function runToEnd(recorder: Recorder): RunRecord {
  recorder.advance(Number.POSITIVE_INFINITY);
  return recorder.result();
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Runs the recorder to its end in chunks of about `sliceMs` milliseconds, yielding to the event
 * loop (a zero-delay timer) between chunks, so timers, UI events and an `AbortSignal` fired from
 * them are seen. Same steps, same bits as {@link runToEnd}. @internal
 */
export async function runToEndAsync(recorder: Recorder, sliceMs = 10): Promise<RunRecord> {
  let chunk = 16;
  for (;;) {
    const t0 = now();
    if (recorder.advance(chunk)) break;
    const elapsed = now() - t0;
    if (elapsed < sliceMs / 2 && chunk < 1 << 24) chunk *= 2;
    else if (elapsed > 2 * sliceMs && chunk > 1) chunk = Math.max(1, chunk >> 1);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return recorder.result();
}
