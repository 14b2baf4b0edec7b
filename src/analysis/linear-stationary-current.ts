/**
 * The stationary probability current of a linear SDE, J(x) = −A x p(x) − D∇p(x).
 *
 * @module
 */
import { checkKnownOptions, checkOptions } from '../core/checks';
import { type SquareMatrixLike } from '../core/dense';
import { DimensionError } from '../core/errors';
import { toPoints } from '../core/points';
import type { PointsLike } from '../core/types';
import { driftDecomposition } from './drift-decomposition';
import { exp, log } from '../core/elementary/index';

/** Options of {@link linearStationaryCurrent} (none yet; unknown keys are refused). */
export type LinearStationaryCurrentOptions = Record<string, never>;

/** Result of {@link linearStationaryCurrent}. */
export interface LinearStationaryCurrentResult {
  /** J at each point, row-major m×d. */
  current: Float64Array;
  /** The stationary density p = N(0, Σ) at each point (length m). */
  density: Float64Array;
  /** The matrix −QU with J(x) = −QU x · p(x), row-major d×d. */
  circulation: Float64Array;
}

/**
 * The stationary probability current of dx = −Ax dt + √(2D) dW (A stable, D the diffusion matrix):
 * with p = N(0, Σ), Σ = U⁻¹ from `driftDecomposition` (A = (D + Q)U),
 *
 *     J(x) = −A x p(x) − D ∇p(x) = (DU − A) x p(x) = −Q U x · p(x),
 *
 * divergence-free (∇·J = −tr(QU) p + xᵀUQUx p = 0, Q antisymmetric) and zero exactly when Q = 0
 * (detailed balance). The reference for `empiricalCurrent`. Cost O(d³ + m·d²).
 *
 * @param points - m points, [m, d] (ndarray, number[][] or Float64Array[]).
 * @example
 * import { linearStationaryCurrent } from 'sgd-dynamics/analysis';
 * const j = linearStationaryCurrent([[1, 1], [-1, 1]], [[1, 0], [0, 1]], [[1, 0]]);
 * j.current; // [0, p(1, 0)]: counter-clockwise about the origin
 */
export function linearStationaryCurrent(
  A: SquareMatrixLike,
  D: SquareMatrixLike,
  points: PointsLike,
  options?: LinearStationaryCurrentOptions,
): LinearStationaryCurrentResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, []);
  const dec = driftDecomposition(A, D);
  const d = Math.round(Math.sqrt(dec.potential.length));
  const p = toPoints(points, 'points');
  const [m, pd] = p.shape as [number, number];
  if (pd !== d) throw new DimensionError(`points: expected points of dimension ${d} (as A), received ${pd}`);
  const U = dec.potential;
  const Q = dec.rotation;
  const C = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += (Q[i * d + k] as number) * (U[k * d + j] as number);
      C[i * d + j] = 0 - acc;
    }
  }
  // log det U = −log det Σ, from the Cholesky factor of U.
  const L = new Float64Array(d * d);
  let logDetU = 0;
  for (let j = 0; j < d; j++) {
    let s = U[j * d + j] as number;
    for (let k = 0; k < j; k++) s -= (L[j * d + k] as number) ** 2;
    const ljj = Math.sqrt(s);
    L[j * d + j] = ljj;
    logDetU += 2 * log(ljj);
    for (let i = j + 1; i < d; i++) {
      let t = U[i * d + j] as number;
      for (let k = 0; k < j; k++) t -= (L[i * d + k] as number) * (L[j * d + k] as number);
      L[i * d + j] = t / ljj;
    }
  }
  const logNorm = 0.5 * logDetU - 0.5 * d * log(2 * Math.PI);
  const current = new Float64Array(m * d);
  const density = new Float64Array(m);
  const x = p.data;
  for (let r = 0; r < m; r++) {
    const row = r * d;
    const phi = dec.modifiedLoss(x.subarray(row, row + d));
    const dens = exp(logNorm - phi);
    density[r] = dens;
    for (let i = 0; i < d; i++) {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += (C[i * d + j] as number) * (x[row + j] as number);
      current[row + i] = dens === 0 ? 0 : acc * dens;
    }
  }
  return { current, density, circulation: C };
}
