/**
 * Conversion of point sets to the library's one representation: an ndarray [n, d] over a
 * contiguous, row-major Float64Array.
 *
 * @module
 */
import ndarray from 'ndarray';
import type { Points, PointsLike } from './types';
import { checkInteger } from './checks';
import { DimensionError, NonFiniteError, describeValue } from './errors';

function isNdArray(x: unknown): x is ndarray.NdArray {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as { shape?: unknown }).shape) &&
    Array.isArray((x as { stride?: unknown }).stride) &&
    typeof (x as { offset?: unknown }).offset === 'number' &&
    typeof (x as { data?: unknown }).data === 'object'
  );
}

function nonFinite(name: string, value: number, i: number, j: number): never {
  throw new NonFiniteError(`${name}: expected finite coordinates, received ${describeValue(value)} at row ${i}, column ${j}`);
}

/**
 * Returns `x` as an ndarray of shape [n, d] over a row-major Float64Array.
 *
 * Accepts an ndarray of shape [n, d] (any strides, any numeric storage), `number[][]` or
 * `Float64Array[]`. A row-major ndarray over a Float64Array with offset 0 is returned as is
 * (no copy); everything else is copied. Throws `DimensionError` for ragged rows, an empty set or a
 * shape that is not 2-D, `NonFiniteError` for NaN/±Infinity, `TypeError` for anything else.
 *
 * @example
 * const p = toPoints([[0, 1], [2, 3]]); // p.shape = [2, 2], p.get(1, 0) = 2
 */
export function toPoints(x: PointsLike, name = 'points'): Points {
  if (isNdArray(x)) {
    if (x.shape.length !== 2) {
      throw new DimensionError(`${name}: expected an ndarray of shape [n, d], received shape [${x.shape.join(', ')}]`);
    }
    const [n, d] = x.shape as [number, number];
    if (n < 1 || d < 1) throw new DimensionError(`${name}: expected at least one point of dimension ≥ 1, received shape [${n}, ${d}]`);
    const [s0, s1] = x.stride as [number, number];
    const isPacked = x.data instanceof Float64Array && x.offset === 0 && s1 === 1 && s0 === d && x.data.length === n * d;
    const data = isPacked ? (x.data as Float64Array) : new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = isPacked ? (data[i * d + j] as number) : x.get(i, j);
        if (!Number.isFinite(v)) nonFinite(name, v, i, j);
        if (!isPacked) data[i * d + j] = v;
      }
    }
    return isPacked ? (x as Points) : ndarray(data, [n, d]);
  }
  if (!Array.isArray(x)) {
    throw new TypeError(`${name}: expected an ndarray [n, d], number[][] or Float64Array[], received ${describeValue(x)}`);
  }
  const n = x.length;
  if (n === 0) throw new DimensionError(`${name}: expected at least one point, received an empty array`);
  const first: unknown = x[0];
  if (!Array.isArray(first) && !(first instanceof Float64Array)) {
    throw new TypeError(`${name}: expected rows that are arrays of numbers or Float64Arrays, received ${describeValue(first)} at row 0`);
  }
  const d = first.length;
  if (d === 0) throw new DimensionError(`${name}: expected points of dimension ≥ 1, received rows of length 0`);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = x[i] as ArrayLike<unknown>;
    if (!Array.isArray(row) && !(row instanceof Float64Array)) {
      throw new TypeError(`${name}: expected rows that are arrays of numbers or Float64Arrays, received ${describeValue(row)} at row ${i}`);
    }
    if (row.length !== d) {
      throw new DimensionError(`${name}: expected every row of length ${d} (as row 0), received length ${row.length} at row ${i}`);
    }
    for (let j = 0; j < d; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number') {
        throw new TypeError(`${name}: expected numbers, received ${describeValue(v)} at row ${i}, column ${j}`);
      }
      if (!Number.isFinite(v)) nonFinite(name, v, i, j);
      data[i * d + j] = v;
    }
  }
  return ndarray(data, [n, d]);
}

/** Row i of a packed point set, as a Float64Array view (no copy). */
export function pointRow(points: Points, i: number): Float64Array {
  const p = points as Partial<Points> | null;
  if (
    p === null ||
    typeof p !== 'object' ||
    !(p.data instanceof Float64Array) ||
    !Array.isArray(p.shape) ||
    p.shape.length !== 2 ||
    typeof p.offset !== 'number'
  ) {
    throw new TypeError(`points: expected Points (an ndarray of shape [n, d] over a Float64Array, see toPoints), received ${describeValue(points)}`);
  }
  checkInteger('i', i, 0, (p.shape[0] as number) - 1);
  const d = points.shape[1] as number;
  return points.data.subarray(points.offset + i * d, points.offset + (i + 1) * d);
}
