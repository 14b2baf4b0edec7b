/**
 * Dense matrices: the one reader of matrices at the public boundary (square: {@link toSquareMatrix};
 * rectangular: {@link toMatrix}), conversion between the library's row-major `Float64Array` and
 * ml-matrix, and the symmetry check that every symmetric-only routine uses.
 *
 * @module
 */
import { Matrix } from 'ml-matrix';
import { DimensionError, NonFiniteError, SymmetryError, describeValue } from './errors';
import { checkAllFinite, checkAllocation, checkFunction, checkInteger } from './checks';
import { toPoints } from './points';
import type { PointsLike } from './types';

/** A dense square matrix as the library accepts it. */
export type SquareMatrixLike = Float64Array | Matrix | readonly (readonly number[])[];

/**
 * Returns `a` as a row-major Float64Array of an n×n matrix and its order n. A Float64Array is taken
 * as is (its length must be a perfect square, or n² when `n` is given); a `Matrix` or `number[][]`
 * is copied. Throws for non-square shapes and NaN/±Infinity.
 */
export function toSquareMatrix(name: string, a: SquareMatrixLike, n?: number): { data: Float64Array; n: number } {
  let data: Float64Array;
  let order: number;
  if (a instanceof Float64Array) {
    order = n ?? Math.round(Math.sqrt(a.length));
    if (order * order !== a.length) {
      throw new DimensionError(`${name}: expected a row-major Float64Array of length n²${n === undefined ? '' : ` = ${n * n}`}, received length ${a.length}`);
    }
    data = a;
  } else if (isMlMatrix(a)) {
    if (a.rows !== a.columns) throw new DimensionError(`${name}: expected a square matrix, received ${a.rows}×${a.columns}`);
    order = a.rows;
    data = Float64Array.from(a.to1DArray());
  } else if (Array.isArray(a)) {
    order = a.length;
    data = new Float64Array(order * order);
    for (let i = 0; i < order; i++) {
      const row = a[i] as readonly number[];
      if (!Array.isArray(row) || row.length !== order) {
        throw new DimensionError(`${name}: expected a square ${order}×${order} array, received a row of ${describeValue(row)} at row ${i}`);
      }
      for (let j = 0; j < order; j++) data[i * order + j] = row[j] as number;
    }
  } else {
    throw new TypeError(`${name}: expected a row-major Float64Array, an ml-matrix Matrix or number[][], received ${describeValue(a)}`);
  }
  if (n !== undefined && order !== n) throw new DimensionError(`${name}: expected a ${n}×${n} matrix, received ${order}×${order}`);
  if (order < 1) throw new DimensionError(`${name}: expected a matrix of order ≥ 1, received order 0`);
  checkAllFinite(name, data);
  return { data, n: order };
}

/**
 * A dense rectangular matrix as the library accepts it: a row-major `Float64Array` (its shape told
 * by the caller), an ml-matrix `Matrix`, `number[][]`, `Float64Array[]` rows or an ndarray [rows, cols].
 */
export type MatrixLike = SquareMatrixLike | PointsLike;

/**
 * Returns `a` as a row-major rows×cols `Float64Array` with its shape: the one reader of
 * rectangular matrices (data sets, design matrices) at the public boundary.
 *
 * - A `Float64Array` is read row-major and taken as is (no copy). Its shape comes from `rows` or
 *   `cols` (at least one must be given; the other is length / given, which must divide evenly).
 * - An ml-matrix `Matrix` is copied.
 * - `number[][]`, `Float64Array[]` and ndarrays [rows, cols] are read by `toPoints` (a packed
 *   row-major ndarray over a Float64Array is taken as is, everything else copied).
 *
 * Throws `DimensionError` when the shape disagrees with `rows`/`cols` or is empty,
 * `NonFiniteError` for NaN/±Infinity, `TypeError` for anything else. O(rows·cols).
 *
 * @example
 * toMatrix('features', new Float64Array([1, 2, 3, 4, 5, 6]), undefined, 3); // { rows: 2, cols: 3, data }
 * toMatrix('features', [[1, 2, 3], [4, 5, 6]]).rows;                          // 2
 */
export function toMatrix(name: string, a: MatrixLike, rows?: number, cols?: number): { data: Float64Array; rows: number; cols: number } {
  let data: Float64Array;
  let r: number;
  let c: number;
  if (a instanceof Float64Array) {
    if (rows === undefined && cols === undefined) {
      throw new DimensionError(
        `${name}: expected an [n, d] set (number[][], ndarray or Matrix), received a flat Float64Array of length ${a.length} whose shape is not known here`,
      );
    }
    if (rows !== undefined) {
      r = rows;
      c = cols ?? (r > 0 ? a.length / r : 0);
    } else {
      c = cols as number;
      r = c > 0 ? a.length / c : 0;
    }
    if (!Number.isInteger(r) || !Number.isInteger(c) || r * c !== a.length) {
      const want =
        rows !== undefined && cols !== undefined
          ? `${rows}×${cols} = ${rows * cols}`
          : rows !== undefined
            ? `a multiple of ${rows} (rows)`
            : `a multiple of ${cols} (columns)`;
      throw new DimensionError(`${name}: expected a row-major Float64Array of length ${want}, received length ${a.length}`);
    }
    data = a;
  } else if (isMlMatrix(a)) {
    const m = a;
    r = m.rows;
    c = m.columns;
    data = Float64Array.from(m.to1DArray());
  } else if (Array.isArray(a) || (typeof a === 'object' && a !== null && Array.isArray((a as { shape?: unknown }).shape))) {
    const p = toPoints(a as PointsLike, name);
    r = p.shape[0] as number;
    c = p.shape[1] as number;
    data = p.data;
  } else {
    throw new TypeError(
      `${name}: expected a matrix (number[][], Float64Array[], ndarray [n, d], ml-matrix Matrix or row-major Float64Array), received ${describeValue(a)}`,
    );
  }
  if (r < 1 || c < 1) throw new DimensionError(`${name}: expected a matrix with at least one row and one column, received ${r}×${c}`);
  if (rows !== undefined && r !== rows) throw new DimensionError(`${name}: expected ${rows} rows, received ${r} rows`);
  if (cols !== undefined && c !== cols) throw new DimensionError(`${name}: expected ${cols} columns, received ${c} columns`);
  // toPoints has checked its inputs for finiteness; a Float64Array or a Matrix is checked here.
  if (a instanceof Float64Array || isMlMatrix(a)) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (!Number.isFinite(v))
        throw new NonFiniteError(`${name}: expected finite values, received ${describeValue(v)} at row ${Math.floor(i / c)}, column ${i % c}`);
    }
  }
  return { data, rows: r, cols: c };
}

/** Checks that `data` is a row-major n×n Float64Array (O(1): type and length, not the entries). */
function checkSquareData(name: string, data: unknown, n: unknown): number {
  const order = checkInteger('n', n, 0);
  if (!(data instanceof Float64Array)) throw new TypeError(`${name}: expected a row-major Float64Array, received ${describeValue(data)}`);
  if (data.length !== order * order) throw new DimensionError(`${name}: expected length n² = ${order * order}, received length ${data.length}`);
  return order;
}

/**
 * Whether `value` is an ml-matrix `Matrix`: ml-matrix's own test (`Matrix.isMatrix`, which accepts a
 * matrix of another copy of the package), written here so that reading matrices does not load the
 * `Matrix` class, which cannot be tree-shaken. @internal
 */
export function isMlMatrix(value: unknown): value is Matrix {
  return value != null && (value as { klass?: unknown }).klass === 'Matrix';
}

/** An ml-matrix `Matrix` holding the row-major n×n `data` (a copy). */
export function toMlMatrix(data: Float64Array, n: number): Matrix {
  checkSquareData('data', data, n);
  checkAllFinite('data', data);
  return Matrix.from1DArray(n, n, Float64Array.from(data));
}

/**
 * The largest |aᵢⱼ − aⱼᵢ| relative to max |aᵢⱼ| (0 for the zero matrix).
 */
export function asymmetry(data: Float64Array, n: number): number {
  checkSquareData('data', data, n);
  return asymmetryUnchecked(data, n);
}

/** {@link asymmetry} without its O(1) checks. @internal */
function asymmetryUnchecked(data: Float64Array, n: number): number {
  let worst = 0;
  let amax = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = data[i * n + j] as number;
      if (Math.abs(a) > amax) amax = Math.abs(a);
      if (j > i) worst = Math.max(worst, Math.abs(a - (data[j * n + i] as number)));
    }
  }
  return amax === 0 ? 0 : worst / amax;
}

/**
 * Throws `SymmetryError` unless max |aᵢⱼ − aⱼᵢ| ≤ tol · max |aᵢⱼ|. The default tolerance, 1e-12,
 * admits the rounding of a Hessian assembled in floating point and rejects any real asymmetry.
 */
export function checkSymmetricMatrix(name: string, data: Float64Array, n: number, tol = 1e-12): void {
  checkSquareData(name, data, n);
  // tol ≥ 0 (Infinity skips the check); NaN is refused: it would pass any matrix.
  if (typeof tol !== 'number' || !(tol >= 0)) throw new RangeError(`tol: expected a number ≥ 0 (Infinity allowed), received ${describeValue(tol)}`);
  const r = asymmetryUnchecked(data, n);
  // NaN entries make r NaN: not symmetric within any tolerance.
  if (!(r <= tol)) {
    throw new SymmetryError(`${name}: expected a symmetric matrix (max |aᵢⱼ − aⱼᵢ| ≤ ${tol}·max |aᵢⱼ|), received relative asymmetry ${r.toExponential(3)}`);
  }
}

/**
 * The dense symmetric n×n matrix of a linear map given by its products: column j is
 * `apply(eⱼ, column)`, then (A + Aᵀ)/2 so that rounding leaves no asymmetry. n products, O(n²)
 * memory. Row-major.
 */
export function matrixFromProducts(n: number, apply: (v: Float64Array, out: Float64Array) => unknown): Float64Array {
  checkInteger('n', n, 1);
  checkAllocation('n', n * n, 'the n×n matrix');
  checkFunction('apply', apply);
  const A = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    apply(e, col);
    e[j] = 0;
    for (let i = 0; i < n; i++) A[i * n + j] = col[i] as number;
  }
  return symmetrizeUnchecked(A, n);
}

/**
 * Replaces the row-major n×n `data` by (A + Aᵀ)/2 in place, so that a matrix assembled column by
 * column from rounded products is symmetric to the last bit. Returns `data`.
 */
export function symmetrizeInPlace(data: Float64Array, n: number): Float64Array {
  checkSquareData('data', data, n);
  checkAllFinite('data', data);
  return symmetrizeUnchecked(data, n);
}

/** {@link symmetrizeInPlace} without its O(1) checks. @internal */
function symmetrizeUnchecked(data: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * ((data[i * n + j] as number) + (data[j * n + i] as number));
      data[i * n + j] = m;
      data[j * n + i] = m;
    }
  }
  return data;
}
