/**
 * Mean rotation in phase space: the areal velocity ½⟨x ∧ dx⟩/dt of a trajectory.
 *
 * @module
 */
import { checkInteger, checkKnownOptions, checkOptions, checkVector } from '../core/checks';
import { DimensionError } from '../core/errors';
import { checkPlane, readTrajectories, type TrajectoryLike } from './trajectory-input';

/** The largest dimension for the full d×d matrix (larger d needs `plane`). */
export const AREAL_VELOCITY_MAX_DIM = 1000;

/** Options of {@link arealVelocity}. */
export interface ArealVelocityOptions {
  /** Only the plane of coordinates [i, j]: O(n) instead of O(n·d²). Default: every pair. */
  plane?: readonly [number, number];
  /** The point rotated about (length d). Default: the time average of the trajectory (all runs). */
  center?: Float64Array | readonly number[];
  /** Contiguous blocks per run for the batch-means standard error (≥ 2). Default 20. */
  batches?: number;
}

/** Result of {@link arealVelocity}. */
export interface ArealVelocityResult {
  /**
   * L, row-major d×d antisymmetric: L_ij = (1/2T) Σ_k [(x_k − c)_i Δx_{k,j} − (x_k − c)_j Δx_{k,i}],
   * area swept per unit time in the (i, j) plane (positive: from axis i towards axis j). Null with `plane`.
   */
  matrix: Float64Array | null;
  /** Batch-means standard errors of `matrix`'s entries (null with `plane`). */
  standardError: Float64Array | null;
  /** L_ij for `plane` [i, j], else null. */
  plane: number | null;
  /** Its standard error, else null. */
  planeStandardError: number | null;
  /** The centre c used. */
  center: Float64Array;
  /** Total time T summed over runs. */
  duration: number;
  /** Number of batches behind the standard errors (batches × runs). */
  batches: number;
}

/**
 * The mean areal velocity L = ½⟨(x − c) ∧ dx⟩/dt of one run or an ensemble: the rate at which the
 * path sweeps area in each coordinate plane, the signature of a non-equilibrium (rotational)
 * stationary state (Kunin et al. 2021: SGD's limiting dynamics rotate in phase space). For the
 * stationary linear SDE dx = −Ax dt + √(2D) dW, E L = Q, the rotational part of A = (D + Q)U
 * (`driftDecomposition`); L = 0 for a reversible (gradient) process.
 *
 * The increment Δx_k = x_{k+1} − x_k pairs with x_k; since x_k ∧ Δx_k = x_k ∧ x_{k+1} equals the
 * midpoint rule's value, the Itô and Stratonovich readings agree. T = Σ (t_{k+1} − t_k). Standard
 * error: the entries of L over `batches` contiguous blocks of each run (batch means; valid when a
 * block is much longer than the correlation time), sd/√(blocks).
 *
 * Cost O(R·n·d²), or O(R·n) with `plane`; d ≤ {@link AREAL_VELOCITY_MAX_DIM} without `plane`.
 *
 * @example
 * import { arealVelocity } from 'sgd-dynamics/analysis';
 * const times = Array.from({ length: 401 }, (_, k) => k * 0.01);
 * const points = times.map((t) => [Math.cos(t), Math.sin(t)]); // unit circle, one radian per unit time
 * arealVelocity({ points, times }, { plane: [0, 1], center: [0, 0] }).plane; // ≈ 0.5
 */
export function arealVelocity(trajectory: TrajectoryLike | readonly TrajectoryLike[], options?: ArealVelocityOptions): ArealVelocityResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['plane', 'center', 'batches']);
  const { runs } = readTrajectories(trajectory, 3);
  const { n, d } = runs[0] as (typeof runs)[number];
  const plane = opts.plane === undefined ? null : checkPlane('options.plane', opts.plane, d);
  if (plane === null && d > AREAL_VELOCITY_MAX_DIM) {
    throw new DimensionError(`trajectory: expected dimension ≤ ${AREAL_VELOCITY_MAX_DIM} for the full matrix (pass options.plane for one pair), received ${d}`);
  }
  const nb = checkInteger('options.batches', opts.batches ?? Math.min(20, n - 1), 2, n - 1);
  let center: Float64Array;
  if (opts.center !== undefined) center = checkVector('options.center', opts.center, d);
  else {
    center = new Float64Array(d);
    for (const run of runs) for (let k = 0; k < n; k++) for (let c = 0; c < d; c++) center[c] = (center[c] as number) + (run.data[k * d + c] as number);
    for (let c = 0; c < d; c++) center[c] = (center[c] as number) / (n * runs.length);
  }
  const pairs: [number, number][] = [];
  if (plane !== null) pairs.push(plane);
  else for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) pairs.push([i, j]);
  const P = pairs.length;
  const total = new Float64Array(P);
  const blockRates: Float64Array[] = [];
  let duration = 0;
  const block = new Float64Array(P);
  for (const run of runs) {
    const x = run.data;
    for (let b = 0; b < nb; b++) {
      const k0 = Math.floor((b * (n - 1)) / nb);
      const k1 = Math.floor(((b + 1) * (n - 1)) / nb);
      block.fill(0);
      for (let k = k0; k < k1; k++) {
        const r0 = k * d;
        const r1 = r0 + d;
        for (let p = 0; p < P; p++) {
          const [i, j] = pairs[p] as [number, number];
          const xi = (x[r0 + i] as number) - (center[i] as number);
          const xj = (x[r0 + j] as number) - (center[j] as number);
          const dxi = (x[r1 + i] as number) - (x[r0 + i] as number);
          const dxj = (x[r1 + j] as number) - (x[r0 + j] as number);
          block[p] = (block[p] as number) + (xi * dxj - xj * dxi);
        }
      }
      const dt = (run.times[k1] as number) - (run.times[k0] as number);
      duration += dt;
      for (let p = 0; p < P; p++) total[p] = (total[p] as number) + (block[p] as number) / 2;
      blockRates.push(block.map((v) => v / (2 * dt)));
    }
  }
  const rate = total.map((v) => v / duration);
  for (const v of rate)
    if (!Number.isFinite(v)) throw new RangeError('trajectory.points: expected coordinates whose products x·Δx are finite, received values that overflowed');
  const m = blockRates.length;
  const se = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let mean = 0;
    for (const br of blockRates) mean += br[p] as number;
    mean /= m;
    let ss = 0;
    for (const br of blockRates) ss += ((br[p] as number) - mean) ** 2;
    se[p] = Math.sqrt(ss / (m - 1) / m);
  }
  if (plane !== null) return { matrix: null, standardError: null, plane: rate[0] as number, planeStandardError: se[0] as number, center, duration, batches: m };
  const matrix = new Float64Array(d * d);
  const standardError = new Float64Array(d * d);
  for (let p = 0; p < P; p++) {
    const [i, j] = pairs[p] as [number, number];
    matrix[i * d + j] = rate[p] as number;
    matrix[j * d + i] = -(rate[p] as number);
    standardError[i * d + j] = se[p] as number;
    standardError[j * d + i] = se[p] as number;
  }
  return { matrix, standardError, plane: null, planeStandardError: null, center, duration, batches: m };
}
