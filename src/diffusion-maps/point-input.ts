/**
 * Point input of the diffusion-maps module: the accepted point sets (an ndarray [n, d], `number[][]`,
 * `Float64Array[]`) read into one packed, row-major matrix, and centring. @internal
 *
 * @module
 */
import { toPoints } from '../core/points';
import type { PointsLike } from '../core/types';

/** A packed point set: point i is `data[i·d … i·d + d)`. @internal */
export interface PointMatrix {
  /** Row-major n×d coordinates. */
  data: Float64Array;
  /** Number of points. */
  n: number;
  /** Dimension. */
  d: number;
}

/**
 * Reads `points` (an ndarray of shape [n, d] such as a `Trajectory`'s `points`, `number[][]` or
 * `Float64Array[]`) into a packed n×d matrix. A row-major ndarray over a Float64Array with offset 0
 * is used without a copy (the caller must not mutate `data`). Errors name `name`: `DimensionError`
 * for an empty set, ragged rows or a shape that is not 2-D, `NonFiniteError` for NaN/±Infinity
 * (with the row and column), `TypeError` for anything that is not a point set.
 *
 * @internal
 * @example
 * const { data, n, d } = toPointMatrix('points', [[0, 1], [2, 3]]); // n = 2, d = 2, data = [0, 1, 2, 3]
 */
export function toPointMatrix(name: string, points: unknown): PointMatrix {
  const p = toPoints(points as PointsLike, name);
  const [n, d] = p.shape as [number, number];
  return { data: p.data, n, d };
}

/**
 * The mean m of the points (two passes: the plain mean, then the mean residual added back, so that
 * points shifted by 10⁶ keep their digits), and a centred copy xᵢ − m. Centring is what keeps
 * ‖x‖² + ‖y‖² − 2x·y accurate: its rounding error is relative to ‖x‖² + ‖y‖², which after
 * centring is the spread of the cloud rather than its distance from the origin.
 *
 * Cost O(n·d) time, one n×d copy.
 *
 * @internal
 * @example
 * const { data, mean } = centerPoints(toPointMatrix('points', [[1e6, 0], [1e6 + 2, 0]])); // mean = [1e6 + 1, 0], data = [-1, 0, 1, 0]
 */
export function centerPoints(P: PointMatrix): { data: Float64Array; mean: Float64Array } {
  const mean = pointMean(P);
  const { data: x, n, d } = P;
  const c = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) c[o + k] = (x[o + k] as number) - (mean[k] as number);
  }
  return { data: c, mean };
}

/** The mean of the points, refined by one pass over the residuals. @internal */
export function pointMean(P: PointMatrix): Float64Array {
  const { data: x, n, d } = P;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (x[o + k] as number);
  }
  for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) / n;
  const r = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) r[k] = (r[k] as number) + ((x[o + k] as number) - (mean[k] as number));
  }
  for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (r[k] as number) / n;
  return mean;
}
