/**
 * The types the Langevin integrators share: diffusion fields, stop conditions as data, the resume
 * state and the result.
 *
 * @module
 */
import type { Points, RngState, Trajectory } from '../core/types';
import type { RunProgress } from '../core/run/recorder';

/**
 * A state-dependent diffusion matrix: writes D(θ) (d×d, row-major, symmetric positive
 * semi-definite) into `out` and returns it (or returns a fresh array of length d²).
 */
export type DiffusionFunction = (x: Float64Array, out: Float64Array) => unknown;

/** A low-rank-plus-isotropic diffusion D = V diag(values) Vᵀ + isotropic·(I − V Vᵀ), V with orthonormal rows. */
export interface LowRankDiffusion {
  /** The r eigenvalues of D on span(V), each ≥ 0. */
  values: Float64Array;
  /** The r orthonormal directions, r×d row-major (row k is the k-th direction). */
  vectors: Float64Array;
  /** D's value c ≥ 0 on the orthogonal complement of span(V). */
  isotropic: number;
}

/**
 * A state-dependent diffusion D(θ) that the integrators take as option `diffusion`: `'dense'`
 * (`matrix(x, out)` writes the d×d D(θ); the square root costs O(d³) a step) or `'low-rank'`
 * (`lowRank(x)` gives a {@link LowRankDiffusion}; a step costs O(d r)).
 */
export interface DiffusionField {
  readonly dim: number;
  readonly form: 'dense' | 'low-rank';
  /** D(θ), d×d row-major, into `out` when given. Available in both forms (O(d²) memory). */
  matrix(x: Float64Array, out?: Float64Array): Float64Array;
  /** The low-rank form (present when `form` is `'low-rank'`). */
  lowRank?(x: Float64Array): LowRankDiffusion;
}

/**
 * A stop condition as data, which any thread can evaluate: the half-space θ_c ≥ atLeast or
 * θ_c ≤ atMost (coordinate c, 0-based), or the closed ball ‖θ − center‖ ≤ radius.
 */
export type StopRegion =
  { coordinate: number; atLeast: number } | { coordinate: number; atMost: number } | { center: Float64Array | readonly number[]; radius: number };

/** A stop predicate on the calling thread: receives θ_k, the step k and the time t_k. */
export type StopPredicate = (x: Float64Array, step: number, time: number) => boolean;

/** The JSON-ready state from which a Langevin run continues bit for bit (option `resume`, with `x0: null`). */
export interface LangevinState {
  readonly method: 'overdamped-langevin' | 'underdamped-langevin';
  /** θ_k. */
  readonly x: number[];
  /** v_k (underdamped), else null. */
  readonly velocity: number[] | null;
  readonly step: number;
  readonly time: number;
  readonly rngState: RngState;
}

/** Why a Langevin run ended. */
export type LangevinStopReason = 'steps' | 'predicate' | 'diverged' | 'aborted';

/** What `onProgress` of an integrator receives. */
export type LangevinProgress = RunProgress;

/** The result of `overdampedLangevin` and `underdampedLangevin`: a {@link Trajectory} plus how the run ended. */
export interface LangevinResult extends Trajectory {
  /** Global step count of each snapshot. */
  steps: Float64Array;
  /** L(θ) at each snapshot; null when only a gradient was given (or `recordLosses: false`). */
  losses: Float64Array | null;
  /** Underdamped: the velocity at each snapshot, [snapshots, d] beside `points`; null for overdamped runs. */
  velocities: Points | null;
  stopReason: LangevinStopReason;
  /** The step at which a non-finite point (or loss) appeared, when `stopReason` is `'diverged'`; else null. */
  divergedAt: number | null;
  /** Steps taken by this call. */
  stepsTaken: number;
  /** Pass back as option `resume` (also after `JSON.parse(JSON.stringify(state))`) to continue exactly. */
  state: LangevinState;
}
