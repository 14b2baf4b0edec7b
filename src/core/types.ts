/**
 * The types that every module shares (DESIGN.md, "Public API").
 *
 * @module
 */
import type { NdArray } from 'ndarray';

/**
 * A differentiable loss L: R^d → R.
 *
 * `gradient(x, out?)` writes ∇L(x) into `out` when given (and returns it), else allocates.
 * `hvp(x, v, out?)` is the Hessian-vector product ∇²L(x)·v; `hessian(x)` the dense d×d Hessian,
 * row-major.
 */
export interface Objective {
  readonly dim: number;
  value(x: Float64Array): number;
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
  hvp?(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian?(x: Float64Array): Float64Array;
  /**
   * L(x) and ∇L(x) in one pass: writes the gradient into `out` and returns the value. Optional;
   * drivers record the loss at no extra cost when it is present.
   */
  valueGradient?(x: Float64Array, out: Float64Array): number;
}

/**
 * A loss that is a mean over `size` samples, L(x) = (1/N) Σₙ ℓₙ(x) (plus any regulariser, which
 * every batch carries whole). `batchValue(x, batch)` is the mean of ℓₙ over the indices in `batch`
 * (plus the regulariser), so that a batch equal to all indices gives `value(x)`.
 */
export interface FiniteSumObjective extends Objective {
  readonly size: number;
  batchValue(x: Float64Array, batch: Uint32Array): number;
  batchGradient(x: Float64Array, batch: Uint32Array, out?: Float64Array): Float64Array;
  batchHvp?(x: Float64Array, batch: Uint32Array, v: Float64Array, out?: Float64Array): Float64Array;
  /**
   * The minibatch loss and its gradient in one pass: writes ∇L_B(x) into `out` (or a new array) and
   * returns L_B(x), the value `batchValue(x, batch)` would return. Optional; SGD records the
   * minibatch loss of every step for free when it is present.
   */
  batchValueGradient?(x: Float64Array, batch: Uint32Array, out: Float64Array): number;
}

/**
 * A linear map x ↦ Ax on R^dim, not necessarily symmetric (a Fokker–Planck generator, a diffusion-map
 * kernel before its symmetric conjugation). `apply` writes Ax into `out` and returns it; callers use
 * the returned array.
 */
export interface LinearOperator {
  readonly dim: number;
  apply(x: Float64Array, out: Float64Array): Float64Array;
}

/**
 * A symmetric linear map x ↦ Ax on R^dim (what Lanczos, power iteration and the trace estimators
 * need). Same shape as {@link LinearOperator}; the symmetry is a promise that the spectral module's
 * operators check with a probe.
 */
export interface SymmetricOperator extends LinearOperator {
  readonly dim: number;
  apply(x: Float64Array, out: Float64Array): Float64Array;
}

/** n points in R^d: an ndarray of shape [n, d] over a Float64Array, row-major. */
export type Points = NdArray<Float64Array>;

/** What public functions accept for a set of n points in R^d. */
export type PointsLike = NdArray | readonly (readonly number[])[] | readonly Float64Array[];

/**
 * The saved state of an `Rng`: a plain, JSON-serialisable object. `rngFromState(state)` continues
 * the exact sequence.
 */
export interface RngState {
  readonly algorithm: 'alea';
  readonly version: 1;
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/**
 * A seed: a finite number or a string. A number is read as its decimal string, so `7` and `'7'` are
 * the same seed. Checked by `checkSeed`; every seeded function defaults to 0.
 */
export type Seed = number | string;

/**
 * How a run or an iterative method ended, one vocabulary for every module (each result narrows it
 * to the reasons it can have):
 *
 * - `'steps'`: it took every step it was asked for (a discrete run's `steps`);
 * - `'time'`: it reached its final time (an ODE's t1, an SDE's tMax);
 * - `'converged'`: it met its tolerance;
 * - `'predicate'`: the user's `stop` predicate returned true;
 * - `'diverged'`: a non-finite point or value appeared;
 * - `'budget'`: a `max…` budget (matvecs, iterations, steps) ran out before the tolerance was met;
 * - `'stalled'`: the method stopped short of its tolerance with budget left, because it could not
 *   make progress (for example Lanczos residual estimates that the true residuals do not confirm);
 * - `'step-size-too-small'`: an adaptive integrator's step fell below the rounding of t;
 * - `'aborted'`: the caller's `AbortSignal` fired; the result holds what was done until then.
 *
 * Absent values in results are `null` (they survive a JSON round trip); `converged` is always one
 * `boolean` for the whole result (true only when everything asked for met its tolerance), with
 * per-item flags under their own names. In an iterative solver's result `converged` is true exactly
 * when `stopReason` is `'converged'`; in an integrator's, when it reached its final time (`'time'`).
 */
export type StopReason = 'steps' | 'time' | 'converged' | 'predicate' | 'diverged' | 'budget' | 'stalled' | 'step-size-too-small' | 'aborted';

/**
 * The options that every entry point that can run for seconds accepts. `onProgress` is called
 * between units of work (at most ~100 times); `signal` is checked between units of work, also right
 * after each `onProgress` call, so aborting from the callback stops a synchronous call. A cancelled
 * run returns what it has with `stopReason: 'aborted'`; it does not throw.
 */
export interface LongRunOptions<P> {
  /** Progress reports between units of work. Never triggers extra work (no extra losses). */
  onProgress?: (info: P) => void;
  /** Checked between units of work: when aborted, the run returns what it has (`stopReason: 'aborted'`). */
  signal?: AbortSignal;
}

/**
 * A recorded run of an optimizer, a flow or an SDE.
 *
 * `points` holds the snapshots (shape [snapshots, d]); `times[i]` is the continuous time of
 * snapshot i (t = η·k for a discrete method with learning rate η after k steps); `steps[i]` its step
 * count (null for continuous flows); `losses[i]` the loss there (null for a run given only a
 * gradient, or with its losses switched off); `final` the last point reached (which is also the
 * last snapshot); `stopReason` how it ended.
 */
export interface Trajectory {
  points: Points;
  times: Float64Array;
  losses: Float64Array | null;
  final: Float64Array;
  steps: Float64Array | null;
  stopReason: StopReason;
}
