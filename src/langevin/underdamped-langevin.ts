/**
 * The underdamped Langevin SDE by BAOAB (Leimkuhler & Matthews), with the exact
 * Ornstein–Uhlenbeck step for the friction and noise.
 *
 * @module
 */
import { checkNonNegative, checkOptions, checkPositive, checkKnownOptions } from '../core/checks';
import type { SquareMatrixLike } from '../core/dense';
import { createRecorder, runToEnd, runToEndAsync, type Recorder } from '../core/run/recorder';
import type { LongRunOptions, Objective, Seed } from '../core/types';
import { noiseModel } from './diffusion-kernels';
import {
  LANGEVIN_RUN_OPTIONS,
  defaultEvery,
  dimensionHint,
  initialState,
  readCommon,
  readDrift,
  toResult,
  type GradientFunction,
  type LangevinLiveState,
} from './run-kernels';
import { readStop } from './stop-kernels';
import type { LangevinProgress, LangevinResult, LangevinState, StopPredicate, StopRegion } from './types';
import { exp } from '../core/elementary/index';

/** Options of {@link underdampedLangevin}. */
export interface UnderdampedLangevinOptions extends LongRunOptions<LangevinProgress> {
  /** The potential L. Exactly one of `objective` and `gradient`. */
  objective?: Objective;
  /** ∇L alone, `(x, out) => …` (losses are then null); the dimension is x0's length. */
  gradient?: GradientFunction;
  /** Initial position θ₀; null with `resume`. */
  x0: Float64Array | readonly number[] | null;
  /** Initial velocity v₀ (default 0). */
  v0?: Float64Array | readonly number[];
  /** Time step dt > 0. */
  dt: number;
  /** Number of steps in this call. */
  steps: number;
  /** The friction rate γ ≥ 0, in 1/time (OpenMM's convention). γ = 0 is Hamiltonian (velocity Verlet). */
  friction: number;
  /** The mass m > 0 (default 1). */
  mass?: number;
  /**
   * kT ≥ 0, so that ⟨v vᵀ⟩ = kT/m at equilibrium; or a constant symmetric PSD matrix K (noise
   * √(2γ m) K^{1/2} dW, e.g. the heavy-ball SGD noise of `heavyBallSde`).
   */
  temperature: number | SquareMatrixLike;
  /** Seed of `rngFor('langevin', seed)` (default 0; ignored with `resume`). */
  seed?: Seed;
  /** Snapshot every `every` steps (plus the first and last). Default ⌈steps/1000⌉ (≥ 20 when losses cost a `value` call). */
  every?: number;
  /** Record L(θ) at snapshots (default true; needs `objective`). */
  recordLosses?: boolean;
  /** Stop after the step at which this holds for the position θ: a predicate or a region. */
  stop?: StopPredicate | StopRegion;
  /** A `state` from an earlier result: continue it exactly; pass `x0: null`. */
  resume?: LangevinState;
}

/**
 * BAOAB for dθ = v dt, m dv = −∇L(θ) dt − γ m v dt + √(2γ m kT) dW:
 *
 *     B: v ← v − (dt/2m) ∇L(θ)      A: θ ← θ + (dt/2) v
 *     O: v ← c v + √((1 − c²) kT/m) ξ,  c = e^{−γ dt}   (the exact Ornstein–Uhlenbeck flow over dt)
 *     A: θ ← θ + (dt/2) v            B: v ← v − (dt/2m) ∇L(θ)
 *
 * One gradient a step (the last B's gradient is the next step's first). The equilibrium law is
 * ∝ e^{−L(θ)/kT − m|v|²/2kT}; BAOAB's configurational (position) marginal has an O(dt²) error with
 * a small constant and is exact on a harmonic L at any dt, while its velocity variance there is
 * kT/m·(1 − ω²dt²/4) (ω² = k/m), not kT/m: read temperatures off positions. With a
 * matrix K in place of kT the O-step draws √((1 − c²)/m) K^{1/2} ξ.
 *
 * `points` are the positions, `velocities` beside them ([snapshots, d] each); `final` the last
 * position; `state` carries θ, v and the stream (`rngFor('langevin', seed)`) to resume exactly.
 * Stops, divergence, `onProgress` and `signal` as {@link overdampedLangevin}; t = k·dt.
 *
 * Cost per step: one gradient, d normals, O(d) (O(d²) with a matrix K).
 *
 * @example
 * const run = underdampedLangevin({ objective: doubleWell(), x0: [-1], dt: 0.05, steps: 100_000, friction: 1, temperature: 0.3, seed: 2 });
 * run.velocities?.shape; // [snapshots, 1]
 */
export function underdampedLangevin(options: UnderdampedLangevinOptions): LangevinResult {
  const { recorder, live, d } = prepare(options);
  return toResult('underdamped-langevin', runToEnd(recorder), live, d);
}

/** {@link underdampedLangevin} yielding to the event loop about every 10 ms; the same bits. */
export async function underdampedLangevinAsync(options: UnderdampedLangevinOptions): Promise<LangevinResult> {
  const { recorder, live, d } = prepare(options);
  return toResult('underdamped-langevin', await runToEndAsync(recorder), live, d);
}

function prepare(options: UnderdampedLangevinOptions): { recorder: Recorder; live: LangevinLiveState; d: number } {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [...LANGEVIN_RUN_OPTIONS, 'friction', 'mass', 'v0']);
  const drift = readDrift(opts, dimensionHint(opts.x0, opts.resume));
  const d = drift.dim;
  const dt = checkPositive('options.dt', opts.dt);
  const common = readCommon(opts);
  const gamma = checkNonNegative('options.friction', opts.friction);
  const mass = checkPositive('options.mass', opts.mass ?? 1);
  if (opts.temperature === undefined) throw new TypeError('options.temperature: expected kT ≥ 0 or a constant PSD matrix, received undefined');
  const c = exp(-gamma * dt);
  // √(2·K·dt′)ξ with dt′ = (1 − c²)/(2m) is the O-step's √((1 − c²)/m) K^{1/2} ξ.
  const noise = noiseModel({ temperature: opts.temperature }, d, (1 - c * c) / (2 * mass), 'options', true);
  const { predicate } = readStop('options.stop', opts.stop, d);
  const start = initialState('underdamped-langevin', d, opts, true);
  const z = new Float64Array(2 * d);
  z.set(start.x);
  z.set(start.velocity as Float64Array, d);
  const pos = z.subarray(0, d);
  const vel = z.subarray(d);
  const live: LangevinLiveState = { x: pos, velocity: vel, step: start.step, time: start.time, rng: start.rng };
  const cursor = {
    x: z,
    get step(): number {
      return live.step;
    },
    get time(): number {
      return live.time;
    },
  };
  const { rng } = live;
  let g = new Float64Array(d);
  let g2 = new Float64Array(d);
  const xi = new Float64Array(d);
  const inc = new Float64Array(d);
  const nz = new Float64Array(2 * d);
  const npos = nz.subarray(0, d);
  const nvel = nz.subarray(d);
  let haveGradient = false;
  let loss = Number.NaN;
  const k0 = live.step;
  const t0 = live.time;
  const h = dt / 2;
  const hm = dt / (2 * mass);
  const stepper = {
    evaluate: (): number => {
      if (!haveGradient) {
        loss = drift.evaluate(pos, g);
        haveGradient = true;
      }
      return loss;
    },
    advance: (): boolean => {
      rng.fillNormal(xi);
      noise.increment(pos, xi, inc);
      for (let i = 0; i < d; i++) {
        let v = (vel[i] as number) - hm * (g[i] as number);
        let x = (pos[i] as number) + h * v;
        v = c * v + (inc[i] as number);
        x += h * v;
        npos[i] = x;
        nvel[i] = v;
      }
      const newLoss = drift.evaluate(npos, g2);
      let acc = 0;
      for (let i = 0; i < d; i++) {
        const v = (nvel[i] as number) - hm * (g2[i] as number);
        nvel[i] = v;
        acc += v - v + ((npos[i] as number) - (npos[i] as number));
      }
      if (acc !== 0) return false;
      z.set(nz);
      const t = g;
      g = g2;
      g2 = t;
      loss = newLoss;
      live.step++;
      live.time = t0 + (live.step - k0) * dt;
      return true;
    },
  };
  const record = common.recordLosses && drift.value !== null;
  const value = drift.value;
  const recorder = createRecorder(cursor, stepper, {
    steps: common.steps,
    every: common.every ?? defaultEvery(common.steps, record && !drift.freeLoss),
    freeLoss: drift.freeLoss ? 'full' : 'none',
    value: record && value !== null ? (zz) => value(zz.subarray(0, d)) : null,
    stop: predicate === undefined ? undefined : (_zz, k, t) => predicate(pos, k, t),
    onProgress: opts.onProgress,
    signal: common.signal,
  });
  return { recorder, live, d };
}
