/**
 * Ensembles of independent walkers of an SDE or of a discrete optimizer, with per-walker streams,
 * stop regions, censoring at tMax and first-passage times (bridge-corrected for half-spaces).
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkFunction, checkInteger, checkOptions, checkSignal } from '../core/checks';
import { describeValue } from '../core/errors';
import type { LongRunOptions, Objective, Points, Seed } from '../core/types';
import type { DiffusionInput } from './diffusion-kernels';
import { simulateWalkers, walkerConfig, walkerOutput, type EnsembleMethod } from './ensemble-kernels';
import type { GradientFunction } from './run-kernels';
import type { StopPredicate, StopRegion } from './types';
import type { SquareMatrixLike } from '../core/dense';

/** What `onProgress` of {@link simulateEnsemble} receives. */
export interface EnsembleProgress {
  /** Walkers finished so far (of this range). */
  done: number;
  /** Walkers in this range. */
  total: number;
  /** How many of the finished walkers escaped. */
  escaped: number;
}

/** Options of {@link simulateEnsemble}. */
export interface SimulateEnsembleOptions extends LongRunOptions<EnsembleProgress> {
  /**
   * `'overdamped'` (default: Euler–Maruyama, as `overdampedLangevin`), `'underdamped'` (BAOAB, as
   * `underdampedLangevin`, from rest), `'noisy-gd'` (θ ← θ − η∇L + √(2ηT)ξ) or `'sgd'` (minibatch
   * SGD on a finite-sum objective, θ ← θ − η ∇L_B).
   */
  method?: EnsembleMethod;
  /** The loss (a `FiniteSumObjective` for `'sgd'`). Exactly one of `objective` and `gradient` (not for `'sgd'`). */
  objective?: Objective;
  /** ∇L alone, `(x, out) => …`. */
  gradient?: GradientFunction;
  /** The starting point of every walker (length d). */
  x0: Float64Array | readonly number[];
  /** Time step dt > 0 of the SDE methods. */
  dt?: number;
  /** Learning rate η > 0 of `'sgd'` and `'noisy-gd'` (their time step: t = η·k). */
  lr?: number;
  /** The time limit: walkers run ⌊tMax/dt⌋ steps at most and are censored there. */
  tMax: number;
  /** Number of walkers (an integer ≥ 1). */
  walkers: number;
  /** Walker i draws from `streamRng(seed, i)`. Default 0. */
  seed?: Seed;
  /** T (overdamped, noisy-gd) or kT / a constant matrix K (underdamped). */
  temperature?: number | SquareMatrixLike;
  /** D(θ) for `'overdamped'`: a number, constant matrix, function or `DiffusionField` (as `overdampedLangevin`). */
  diffusion?: DiffusionInput;
  /** Underdamped: the friction rate γ > 0. */
  friction?: number;
  /** Underdamped: the mass (default 1). */
  mass?: number;
  /** SGD: minibatch size B. */
  batchSize?: number;
  /** SGD: draw each batch's B indices with replacement (default true); false: B distinct indices per step. */
  replacement?: boolean;
  /** When a walker has escaped: a region `{ coordinate, atLeast | atMost }` / `{ center, radius }`, or a predicate. */
  stop?: StopRegion | StopPredicate;
  /** Brownian-bridge crossing correction for a half-space stop with `'overdamped'` (default true). */
  bridge?: boolean;
  /** Run only walkers [start, end) of the ensemble (default [0, walkers)): a shard that `mergeEnsembles` joins. */
  walkerRange?: readonly [number, number];
}

/** The result of {@link simulateEnsemble}, for the walkers of `walkerRange`. */
export interface EnsembleResult {
  /** Per walker: the first-passage time into the stop region, or the censoring time when it did not escape (never NaN or ∞). */
  firstPassage: Float64Array;
  /** Per walker: 1 when it escaped, 0 when censored (at tMax, or at a non-finite point: then `steps` < ⌊tMax/dt⌋). */
  escaped: Uint8Array;
  /** Per walker: its last point, [walkers in range, d]. */
  final: Points;
  /** Per walker: the steps it took. */
  steps: Float64Array;
  /** The walkers [start, end) held here. */
  walkerRange: [number, number];
  /** The ensemble's size (all ranges together). */
  walkers: number;
  /** The time limit. */
  tMax: number;
  /** Time per step: dt, or η for a discrete method. */
  dt: number;
  /** Σ escaped. */
  escapedCount: number;
  /** `'time'`: every walker escaped or reached tMax; `'aborted'`: the signal fired (the range ends at the last finished walker). */
  stopReason: 'time' | 'aborted';
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Simulates `walkers` independent walkers from x0 until each enters the stop region or reaches
 * tMax, and returns the first-passage times (in the SDE's time t; t = η·k for `'sgd'` and
 * `'noisy-gd'`, so steps = t/η).
 *
 * - Walker i draws every random number from `streamRng(seed, i)` (its normals in blocks of 1024,
 *   its batches, its bridge uniforms), so its numbers do not depend on the other walkers: a run
 *   split into ranges (`walkerRange`) merges with `mergeEnsembles` into exactly the one-run result.
 * - A walker is tested after each step; one that does not escape by step ⌊tMax/dt⌋ is censored:
 *   `escaped` 0 and `firstPassage` the censoring time.
 * - Half-space stops with `'overdamped'` get the Brownian-bridge correction: after a step from a
 *   to b (distances to the boundary, both outside), the path is taken to have crossed with
 *   probability exp(−a b / (D_cc dt)) (D_cc the diffusion along the coordinate at the start of the
 *   step), at the mid-step time; a step that lands inside gets its crossing time by linear
 *   interpolation of the distance. This removes the O(√dt) bias of the discrete first passage.
 *   Balls, predicates, the underdamped method (whose positions are differentiable) and the discrete
 *   optimizers (whose passage is that of the chain itself) get none.
 * - Runs on the calling thread, yielding to the event loop about every 10 ms (between walkers);
 *   `onProgress` at most ~100 times, `signal` checked between walkers.
 *
 * Cost: Σ steps × (one gradient + d normals); memory O(walkers·d).
 *
 * @example
 * const r = await simulateEnsemble({ objective: doubleWell(), x0: [-1], dt: 0.005, temperature: 0.1, tMax: 200, walkers: 1000, seed: 1, stop: { coordinate: 0, atLeast: 0 } });
 * r.escapedCount; // walkers that reached the saddle by t = 200
 */
export async function simulateEnsemble(options: SimulateEnsembleOptions): Promise<EnsembleResult> {
  const opts = checkOptions('options', options);
  const cfg = walkerConfig(opts);
  const [start, end] = readRange(opts.walkerRange, cfg.walkers);
  const onProgress = opts.onProgress === undefined ? undefined : checkFunction<(p: EnsembleProgress) => void>('options.onProgress', opts.onProgress);
  const signal = checkSignal('options.signal', opts.signal);
  const total = end - start;
  const out = walkerOutput(total, cfg.d);
  const reportEvery = Math.max(1, Math.ceil(total / 100));
  let done = 0;
  let escaped = 0;
  let chunk = 1;
  while (done < total && signal?.aborted !== true) {
    const t0 = now();
    const upTo = Math.min(total, done + chunk, (Math.floor(done / reportEvery) + 1) * reportEvery);
    const n = simulateWalkers(cfg, start + done, start + upTo, sliceOutput(out, done, cfg.d), () => signal?.aborted === true);
    for (let i = done; i < done + n; i++) escaped += out.escaped[i] as number;
    done += n;
    if (onProgress !== undefined && (done % reportEvery === 0 || done === total)) onProgress({ done, total, escaped });
    const elapsed = now() - t0;
    if (elapsed < 5 && chunk < 1 << 20) chunk *= 2;
    else if (elapsed > 20 && chunk > 1) chunk >>= 1;
    if (done < total) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  const trim = done !== total;
  return {
    firstPassage: trim ? out.firstPassage.slice(0, done) : out.firstPassage,
    escaped: trim ? out.escaped.slice(0, done) : out.escaped,
    final: ndarray(trim ? out.final.slice(0, done * cfg.d) : out.final, [done, cfg.d]),
    steps: trim ? out.steps.slice(0, done) : out.steps,
    walkerRange: [start, start + done],
    walkers: cfg.walkers,
    tMax: cfg.tMax,
    dt: cfg.dt,
    escapedCount: escaped,
    stopReason: trim ? 'aborted' : 'time',
  };
}

function sliceOutput(out: ReturnType<typeof walkerOutput>, from: number, d: number): ReturnType<typeof walkerOutput> {
  return {
    firstPassage: out.firstPassage.subarray(from),
    escaped: out.escaped.subarray(from),
    steps: out.steps.subarray(from),
    final: out.final.subarray(from * d),
  };
}

/** Reads `walkerRange` [start, end) within [0, walkers]. @internal */
export function readRange(range: unknown, walkers: number): [number, number] {
  if (range === undefined) return [0, walkers];
  if (!Array.isArray(range) || range.length !== 2) throw new TypeError(`options.walkerRange: expected [start, end], received ${describeValue(range)}`);
  const start = checkInteger('options.walkerRange[0]', range[0], 0, walkers);
  const end = checkInteger('options.walkerRange[1]', range[1], start, walkers);
  return [start, end];
}
