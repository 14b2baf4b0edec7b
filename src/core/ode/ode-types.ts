/**
 * The neutral types of the ODE integrators in `core/ode` ({@link dormandPrince}, {@link dop853} and
 * their async drivers): the right-hand side, the options, the result and how a run ended. Every
 * module that integrates an ODE (gradient flow, Fokker–Planck `evolve`, Langevin) uses these, so
 * none depends on another for them.
 *
 * @module
 */
import type { LongRunOptions, Points, StopReason } from '../types';

/** The right-hand side f of y' = f(t, y): writes f(t, y) into `out` (it must not keep `y` or `out`). */
export type OdeRhs = (t: number, y: Float64Array, out: Float64Array) => void;

/**
 * What {@link OdeOptions.onProgress} receives: the time `t` reached (the end of the last accepted
 * step), the final time `t1` and the evaluations of f so far.
 */
export interface OdeProgress {
  t: number;
  t1: number;
  evaluations: number;
}

/**
 * Options of {@link dormandPrince} and {@link dop853} (and their async drivers).
 *
 * @example
 * const opts: OdeOptions = { rtol: 1e-8, times: [0, 0.5, 1], onProgress: ({ t }) => console.log(t) };
 */
export interface OdeOptions extends LongRunOptions<OdeProgress> {
  /** Relative tolerance. Default 1e-6. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-9. */
  atol?: number;
  /**
   * Output times, non-decreasing, in [t0, t1]: the solution there comes from the continuous
   * extension (dense output, order 4; order 7 for `dop853`) of the step that covers it, so they do
   * not constrain the step size. Default [t0, t1].
   */
  times?: ArrayLike<number>;
  /** Initial step. Default: Hairer–Nørsett–Wanner's starting-step algorithm (one extra evaluation). */
  h0?: number;
  /** Largest step. Default t1 − t0. */
  hmax?: number;
  /** The budget: largest number of attempted steps before giving up (`stopReason: 'budget'`). Default 100 000. */
  maxSteps?: number;
  /** Safety factor of the step-size controller. Default 0.9. */
  safety?: number;
  /** Smallest ratio h_new / h. Default 0.2 (0.333 for `dop853`). */
  facMin?: number;
  /** Largest ratio h_new / h. Default 10 (6 for `dop853`). */
  facMax?: number;
  /** Lund's PI stabilisation exponent β (0 for the plain controller). Default 0.04 (HNW's DOPRI5; 0 for `dop853`). */
  beta?: number;
  /**
   * Called after an accepted step each time t crosses another 1% of [t0, t1] (at most 100 times,
   * the last at t1). Costs nothing when absent; never triggers extra evaluations.
   */
  onProgress?: (info: OdeProgress) => void;
  /**
   * Checked before every attempted step (so after each accepted step, and right after each
   * `onProgress` call): when aborted, the integration returns the outputs reached so far with
   * `stopReason: 'aborted'`; it does not throw.
   */
  signal?: AbortSignal;
}

/**
 * How an integration ended: `'time'` (it reached t1), `'budget'` (`maxSteps` attempted steps ran
 * out), `'step-size-too-small'` (the step fell below the rounding of t: a singularity, a blow-up
 * to non-finite values, or a tolerance too tight for double precision), `'aborted'` (the
 * `signal` fired).
 */
export type OdeStopReason = Extract<StopReason, 'time' | 'budget' | 'step-size-too-small' | 'aborted'>;

/**
 * How an integration ended, in the old words: `'success'` (= stopReason `'time'`), `'max-steps'`
 * (= `'budget'`), `'step-size-too-small'`, `'aborted'`.
 *
 * @deprecated Read {@link OdeResult.stopReason} ({@link OdeStopReason}); `status` goes in the next release.
 */
export type OdeStatus = 'success' | 'max-steps' | 'step-size-too-small' | 'aborted';

/**
 * Result of {@link dormandPrince} and {@link dop853}.
 *
 * @example
 * const r: OdeResult = dormandPrince((t, y, out) => { out[0] = -y[0]!; }, [1], 0, 1);
 * if (r.stopReason !== 'time') console.warn(`stopped at t = ${r.tEnd}: ${r.stopReason}`);
 */
export interface OdeResult {
  /** The output times reached (all of `times` when `stopReason` is `'time'`). */
  t: Float64Array;
  /** y at those times: ndarray [t.length, n]. */
  y: Points;
  /** y at `tEnd`. */
  final: Float64Array;
  /** Where the integration ended: t1 when `stopReason` is `'time'`. */
  tEnd: number;
  /** Number of evaluations of f (the FSAL stage counted once). */
  evaluations: number;
  /** Accepted steps. */
  accepted: number;
  /** Rejected steps (error estimate above tolerance, or a non-finite stage). */
  rejected: number;
  /** Why it ended. */
  stopReason: OdeStopReason;
  /**
   * Why it ended, in the old words (see {@link OdeStatus}).
   *
   * @deprecated Use `stopReason` (`'success'` is `'time'`, `'max-steps'` is `'budget'`).
   */
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  status: OdeStatus;
  /**
   * `stopReason === 'time'`.
   *
   * @deprecated Use `stopReason === 'time'`.
   */
  success: boolean;
}

/**
 * Options of `dormandPrince` under their old name.
 *
 * @deprecated Use {@link OdeOptions} (from `sgd-dynamics/core`); this alias goes in the next release.
 */
export type DormandPrinceOptions = OdeOptions;

/**
 * Result of `dormandPrince` under its old name.
 *
 * @deprecated Use {@link OdeResult} (from `sgd-dynamics/core`); this alias goes in the next release.
 */
export type DormandPrinceResult = OdeResult;
