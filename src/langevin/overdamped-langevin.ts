/**
 * The overdamped Langevin SDE dθ = −∇L(θ) dt + √(2D(θ)) dW by Euler–Maruyama, on the run recorder
 * that the optimizers use.
 *
 * @module
 */
import { checkOptions, checkPositive, checkKnownOptions } from '../core/checks';
import { createRecorder, runToEnd, runToEndAsync, type Recorder } from '../core/run/recorder';
import { commitIfFinite, eulerMaruyamaUpdate } from '../core/run/step-kernels';
import type { LongRunOptions, Objective, Seed } from '../core/types';
import { noiseModel, type DiffusionInput } from './diffusion-kernels';
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

/** Options of {@link overdampedLangevin}. */
export interface OverdampedLangevinOptions extends LongRunOptions<LangevinProgress> {
  /** The loss L (losses are then recorded at snapshots). Exactly one of `objective` and `gradient`. */
  objective?: Objective;
  /** ∇L alone, `(x, out) => …` writing into `out` (losses are then null); the dimension is x0's length. */
  gradient?: GradientFunction;
  /** θ₀ (length d); null with `resume`. */
  x0: Float64Array | readonly number[] | null;
  /** Time step dt > 0. */
  dt: number;
  /** Number of steps in this call (an integer ≥ 0); the run reaches t = steps·dt. */
  steps: number;
  /** T ≥ 0: D = T·I. Exactly one of `temperature` and `diffusion`. */
  temperature?: number;
  /**
   * D as a number (T·I), a constant symmetric PSD matrix (`number[][]`, row-major `Float64Array`,
   * ml-matrix `Matrix`), a function `(x, out) => D(x)` writing the d×d matrix, or a
   * {@link DiffusionField} such as `sgdNoise(...)`.
   */
  diffusion?: DiffusionInput;
  /** Seed of the noise stream `rngFor('langevin', seed)` (default 0; ignored with `resume`). */
  seed?: Seed;
  /** Snapshot every `every` steps (plus the first and last point). Default ⌈steps/1000⌉ (≥ 20 when losses cost a `value` call). */
  every?: number;
  /** Record L at snapshots (default true; needs `objective`). */
  recordLosses?: boolean;
  /** Stop after the step at which this holds: a predicate `(x, step, time)`, or a region (half-space, ball). */
  stop?: StopPredicate | StopRegion;
  /** A `state` from an earlier result (or its JSON round trip): continue it exactly; pass `x0: null`. */
  resume?: LangevinState;
}

/**
 * Euler–Maruyama for the overdamped Langevin equation in the Itô convention,
 *
 *     dθ = −∇L(θ) dt + √(2 D(θ)) dW,   θ_{k+1} = θ_k − dt ∇L(θ_k) + √(2 D(θ_k) dt) ξ_k,   ξ_k ~ N(0, I),
 *
 * with D a scalar temperature (D = T·I; stationary law ∝ e^{−L/T}), a constant matrix, or a
 * state-dependent matrix D(θ) evaluated at the start of the step (Itô: no noise-induced drift is
 * added). The square root is the symmetric one, S = V Λ^{1/2} Vᵀ from an eigen-decomposition (cyclic
 * Jacobi for D(θ), O(d³) a step; O(d r) for a low-rank field): eigenvalues down to −1e−10·max|λ|
 * are projected to 0 (rounding), a clearly indefinite or non-symmetric D throws (naming the option).
 *
 * Time: step k is at t = k·dt. Snapshots, stop conditions, divergence (a non-finite θ stops the run
 * with `stopReason: 'diverged'`, `final` the last finite point), `onProgress` and `signal` as the
 * optimizers. The noise comes from `rngFor('langevin', seed)`, d normals a step; `state` continues
 * the run bit for bit (1000 steps = 500 + resume 500).
 *
 * Cost per step: one gradient, d normals, O(d) (scalar), O(d²) (constant matrix), O(d³) (dense D(θ)).
 *
 * @example
 * const ou = overdampedLangevin({ objective: quadratic({ hessian: [[1]] }), x0: [0], dt: 0.01, steps: 10_000, temperature: 0.5, seed: 1 });
 * ou.points.shape; // [snapshots, 1]
 */
export function overdampedLangevin(options: OverdampedLangevinOptions): LangevinResult {
  const { recorder, live } = prepare(options);
  return toResult('overdamped-langevin', runToEnd(recorder), live, 0);
}

/** {@link overdampedLangevin} yielding to the event loop about every 10 ms; the same bits. */
export async function overdampedLangevinAsync(options: OverdampedLangevinOptions): Promise<LangevinResult> {
  const { recorder, live } = prepare(options);
  return toResult('overdamped-langevin', await runToEndAsync(recorder), live, 0);
}

function prepare(options: OverdampedLangevinOptions): { recorder: Recorder; live: LangevinLiveState } {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [...LANGEVIN_RUN_OPTIONS, 'diffusion']);
  const drift = readDrift(opts, dimensionHint(opts.x0, opts.resume));
  const d = drift.dim;
  const dt = checkPositive('options.dt', opts.dt);
  const common = readCommon(opts);
  const noise = noiseModel(opts, d, dt);
  const { predicate } = readStop('options.stop', opts.stop, d);
  const live = initialState('overdamped-langevin', d, opts, false);
  const g = new Float64Array(d);
  const xi = new Float64Array(d);
  const inc = new Float64Array(d);
  const next = new Float64Array(d);
  const { rng } = live;
  const k0 = live.step;
  const t0 = live.time;
  const scalar = noise.kind === 'scalar';
  const sigma = noise.sigma;
  const stepper = {
    evaluate: (): number => drift.evaluate(live.x, g),
    advance: (): boolean => {
      rng.fillNormal(xi);
      let acc: number;
      if (scalar) acc = eulerMaruyamaUpdate(live.x, g, dt, sigma, xi, next);
      else {
        noise.increment(live.x, xi, inc);
        acc = eulerMaruyamaUpdate(live.x, g, dt, 1, inc, next);
      }
      if (!commitIfFinite(live.x, next, acc)) return false;
      live.step++;
      live.time = t0 + (live.step - k0) * dt;
      return true;
    },
  };
  const record = common.recordLosses && drift.value !== null;
  const recorder = createRecorder(live, stepper, {
    steps: common.steps,
    every: common.every ?? defaultEvery(common.steps, record && !drift.freeLoss),
    freeLoss: drift.freeLoss ? 'full' : 'none',
    value: record ? drift.value : null,
    stop: predicate,
    onProgress: opts.onProgress,
    signal: common.signal,
  });
  return { recorder, live };
}
