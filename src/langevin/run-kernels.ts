/**
 * What the Langevin integrators share around the run recorder of core: the drift (an objective or
 * a bare gradient), the initial or resumed state, the default snapshot cadence and the result.
 * @internal
 *
 * @module
 */
import ndarray from 'ndarray';
import {
  checkBoolean,
  checkFunction,
  checkInteger,
  checkNonNegative,
  checkObjective,
  checkOptions,
  checkPositiveInteger,
  checkSeed,
  checkSignal,
  checkVector,
  checkKnownOptions,
} from '../core/checks';
import { describeValue } from '../core/errors';
import type { RunRecord } from '../core/run/recorder';
import type { Seed } from '../core/types';
import { rngFor, rngFromState, type Rng } from '../random/rng';
import type { LangevinResult, LangevinState } from './types';

/** A gradient callback: writes ∇L(x) into `out` (and may return it). */
export type GradientFunction = (x: Float64Array, out: Float64Array) => unknown;

/** The drift of a run: `evaluate(x, g)` writes ∇L(x) into g and returns L(x) when it comes free, else NaN. @internal */
export interface Drift {
  dim: number;
  evaluate(x: Float64Array, g: Float64Array): number;
  /** ∇L(x) into g, nothing else (no loss even when it would come free). */
  gradient(x: Float64Array, g: Float64Array): void;
  value: ((x: Float64Array) => number) | null;
  freeLoss: boolean;
}

/** Reads `objective` or `gradient` (exactly one); the dimension comes from the objective or `fallbackDim`. @internal */
export function readDrift(opts: { objective?: unknown; gradient?: unknown }, fallbackDim: number | undefined, prefix = 'options'): Drift {
  const hasO = opts.objective !== undefined;
  const hasG = opts.gradient !== undefined;
  if (hasO === hasG)
    throw new TypeError(`${prefix}.objective: expected exactly one of ${prefix}.objective and ${prefix}.gradient, received ${hasO ? 'both' : 'neither'}`);
  if (hasO) {
    const f = checkObjective(opts.objective, { name: `${prefix}.objective` });
    const vg = f.valueGradient;
    const gradient = (x: Float64Array, g: Float64Array): void => {
      f.gradient(x, g);
    };
    if (vg !== undefined) return { dim: f.dim, evaluate: (x, g) => vg.call(f, x, g), gradient, value: (x) => f.value(x), freeLoss: true };
    return {
      dim: f.dim,
      evaluate: (x, g) => {
        f.gradient(x, g);
        return Number.NaN;
      },
      gradient,
      value: (x) => f.value(x),
      freeLoss: false,
    };
  }
  const grad = checkFunction<GradientFunction>(`${prefix}.gradient`, opts.gradient);
  if (fallbackDim === undefined)
    throw new TypeError(`${prefix}.x0: expected a starting point (its length gives the dimension with ${prefix}.gradient), received null`);
  const gradient = (x: Float64Array, g: Float64Array): void => {
    const r = grad(x, g);
    if (r instanceof Float64Array && r !== g) g.set(r);
  };
  return {
    dim: fallbackDim,
    evaluate: (x, g) => {
      gradient(x, g);
      return Number.NaN;
    },
    gradient,
    value: null,
    freeLoss: false,
  };
}

/** The live state of a Langevin run (the recorder's cursor). @internal */
export interface LangevinLiveState {
  x: Float64Array;
  velocity: Float64Array | null;
  step: number;
  time: number;
  rng: Rng;
}

/** The common options, checked. @internal */
export interface CommonOptions {
  steps: number;
  every: number | undefined;
  recordLosses: boolean;
  signal: AbortSignal | undefined;
}

/**
 * The options every single-path Langevin integrator reads (the drift's `objective | gradient` and
 * `x0`, `dt`, `temperature`, `seed`, `stop`, `resume`, and those of {@link readCommon}); each
 * integrator adds its own to this list for `checkKnownOptions`. @internal
 */
export const LANGEVIN_RUN_OPTIONS = [
  'dt',
  'every',
  'gradient',
  'objective',
  'onProgress',
  'recordLosses',
  'resume',
  'seed',
  'signal',
  'steps',
  'stop',
  'temperature',
  'x0',
] as const;

/** Reads steps, every, recordLosses, onProgress and signal. @internal */
export function readCommon(opts: { steps?: unknown; every?: unknown; recordLosses?: unknown; onProgress?: unknown; signal?: unknown }): CommonOptions {
  const steps = checkInteger('options.steps', opts.steps, 0);
  const every = opts.every === undefined ? undefined : checkPositiveInteger('options.every', opts.every);
  const recordLosses = checkBoolean('options.recordLosses', opts.recordLosses ?? true);
  if (opts.onProgress !== undefined) checkFunction('options.onProgress', opts.onProgress);
  return { steps, every, recordLosses, signal: checkSignal('options.signal', opts.signal) };
}

/** The starting dimension hint: the length of x0, else of resume.x. @internal */
export function dimensionHint(x0: unknown, resume: unknown): number | undefined {
  if (x0 !== null && x0 !== undefined && typeof (x0 as { length?: unknown }).length === 'number') return (x0 as { length: number }).length;
  if (resume !== null && typeof resume === 'object' && Array.isArray((resume as { x?: unknown }).x)) return (resume as { x: unknown[] }).x.length;
  return undefined;
}

/** The initial state from x0 (and v0) and the seed, or the resumed one. @internal */
export function initialState(
  method: LangevinState['method'],
  d: number,
  opts: { x0?: unknown; v0?: unknown; seed?: Seed; resume?: LangevinState },
  withVelocity: boolean,
): LangevinLiveState {
  if (opts.resume !== undefined) {
    const r = checkOptions('options.resume', opts.resume);
    checkKnownOptions('options.resume', r, ['method', 'rngState', 'step', 'time', 'velocity', 'x']);
    if (r.method !== method) throw new TypeError(`options.resume.method: expected '${method}' (a state from ${method}), received ${describeValue(r.method)}`);
    if (opts.x0 !== null && opts.x0 !== undefined)
      throw new TypeError(`x0: expected null with options.resume (the state carries θ), received ${describeValue(opts.x0)}`);
    const x = Float64Array.from(checkVector('options.resume.x', r.x, d));
    const velocity = withVelocity ? Float64Array.from(checkVector('options.resume.velocity', r.velocity, d)) : null;
    const step = checkInteger('options.resume.step', r.step, 0);
    const time = checkNonNegative('options.resume.time', r.time);
    return { x, velocity, step, time, rng: rngFromState(r.rngState) };
  }
  const x = Float64Array.from(checkVector('options.x0', opts.x0, d));
  const velocity = withVelocity ? (opts.v0 === undefined ? new Float64Array(d) : Float64Array.from(checkVector('options.v0', opts.v0, d))) : null;
  return { x, velocity, step: 0, time: 0, rng: rngFor('langevin', checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed)) };
}

/** Default snapshot cadence: ⌈steps/1000⌉, at least 20 when each recorded loss costs a `value` call. @internal */
export function defaultEvery(steps: number, lossesCostExtra: boolean): number {
  const base = Math.max(1, Math.ceil(steps / 1000));
  return lossesCostExtra ? Math.max(base, 20) : base;
}

/** The JSON-ready state. @internal */
export function saveState(method: LangevinState['method'], s: LangevinLiveState): LangevinState {
  return { method, x: Array.from(s.x), velocity: s.velocity === null ? null : Array.from(s.velocity), step: s.step, time: s.time, rngState: s.rng.state() };
}

/** A recorder's record as a {@link LangevinResult}; `split` d > 0 splits [θ, v] rows of width 2d. @internal */
export function toResult(method: LangevinState['method'], rec: RunRecord, live: LangevinLiveState, split: number): LangevinResult {
  const state = saveState(method, live);
  if (split === 0) {
    return {
      points: rec.points,
      times: rec.times,
      losses: rec.losses,
      final: rec.final,
      steps: rec.steps,
      velocities: null,
      stopReason: rec.stopReason,
      divergedAt: rec.divergedAt,
      stepsTaken: rec.stepsTaken,
      state,
    };
  }
  const d = split;
  const n = rec.points.shape[0] as number;
  const src = rec.points.data;
  const pos = new Float64Array(n * d);
  const vel = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    pos.set(src.subarray(2 * d * i, 2 * d * i + d), d * i);
    vel.set(src.subarray(2 * d * i + d, 2 * d * (i + 1)), d * i);
  }
  return {
    points: ndarray(pos, [n, d]),
    times: rec.times,
    losses: rec.losses,
    final: rec.final.slice(0, d),
    steps: rec.steps,
    velocities: ndarray(vel, [n, d]),
    stopReason: rec.stopReason,
    divergedAt: rec.divergedAt,
    stepsTaken: rec.stepsTaken,
    state,
  };
}
