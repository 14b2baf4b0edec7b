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
  /** An upper bound on maxᵢₖ |xᵢₖ| where known (`toPointMatrix` sets the maximum itself; Infinity or absent: unknown). */
  maxAbs?: number;
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
  const packed = packedData(points);
  if (packed !== null) {
    // one compare a coordinate: |v| ≤ max fails only for a new maximum, NaN or ±Infinity
    const { data, n, d } = packed;
    let maxAbs = 0;
    for (let t = 0; t < data.length; t++) {
      const v = Math.abs(data[t] as number);
      if (!(v <= maxAbs)) {
        if (!(v < Infinity)) toPoints(points as PointsLike, name); // throws the NonFiniteError naming row and column
        maxAbs = v;
      }
    }
    return { data, n, d, maxAbs };
  }
  const p = toPoints(points as PointsLike, name);
  const [n, d] = p.shape as [number, number];
  let maxAbs = 0;
  for (let t = 0; t < p.data.length; t++) maxAbs = Math.max(maxAbs, Math.abs(p.data[t] as number));
  return { data: p.data, n, d, maxAbs };
}

/** The data of a row-major ndarray [n, d] (n, d ≥ 1) over a whole Float64Array with offset 0 (what `toPoints` passes through uncopied), else null. */
function packedData(x: unknown): PointMatrix | null {
  if (typeof x !== 'object' || x === null) return null;
  const { shape, stride, offset, data } = x as { shape?: unknown; stride?: unknown; offset?: unknown; data?: unknown };
  if (!Array.isArray(shape) || !Array.isArray(stride) || shape.length !== 2 || stride.length !== 2 || offset !== 0 || !(data instanceof Float64Array))
    return null;
  const [n, d] = shape as unknown[];
  const [s0, s1] = stride as unknown[];
  if (typeof n !== 'number' || typeof d !== 'number' || !(n >= 1) || !(d >= 1) || s1 !== 1 || s0 !== d || data.length !== n * d) return null;
  return { data, n, d };
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

/**
 * The mean of the points, refined by one pass over the residuals. Each coordinate's sums run over
 * the rows in order (four rows a sweep of the coordinates, added left to right: the same bits as one
 * row at a time, a quarter of the passes over `mean`). @internal
 */
export function pointMean(P: PointMatrix): Float64Array {
  const { data: x, n, d } = P;
  const mean = new Float64Array(d);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (x[o0 + k] as number) + (x[o1 + k] as number) + (x[o2 + k] as number) + (x[o3 + k] as number);
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (x[o + k] as number);
  }
  for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) / n;
  const r = new Float64Array(d);
  for (i = 0; i < n4; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    for (let k = 0; k < d; k++) {
      const m = mean[k] as number;
      r[k] = (r[k] as number) + ((x[o0 + k] as number) - m) + ((x[o1 + k] as number) - m) + ((x[o2 + k] as number) - m) + ((x[o3 + k] as number) - m);
    }
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) r[k] = (r[k] as number) + ((x[o + k] as number) - (mean[k] as number));
  }
  for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (r[k] as number) / n;
  return mean;
}
