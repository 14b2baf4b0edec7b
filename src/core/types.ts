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
}

/** A symmetric linear map x ↦ Ax on R^dim. `apply` writes into `out` and returns it. */
export interface SymmetricOperator {
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
 * A recorded run of an optimizer or a flow.
 *
 * `points` holds the snapshots (shape [snapshots, d]); `times[i]` is the continuous time of
 * snapshot i (t = η·k for a discrete method with learning rate η after k steps); `steps[i]` its step
 * count (absent for continuous flows); `losses[i]` the loss there; `final` the last point reached
 * (which is also the last snapshot); `rngState` the random stream's state at the end, to resume.
 */
export interface Trajectory {
  points: Points;
  times: Float64Array;
  losses: Float64Array;
  final: Float64Array;
  steps?: Float64Array;
  rngState?: RngState;
}
