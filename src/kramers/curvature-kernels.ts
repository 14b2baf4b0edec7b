/**
 * Reading the curvatures that the escape-time formulas take: a number (1-D) or a Hessian (a dense
 * symmetric matrix), checked once at the public boundary into the pieces the formulas need. @internal
 *
 * @module
 */
import { checkFiniteNumber } from '../core/checks';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { DimensionError, describeValue } from '../core/errors';
import { symmetricEigen } from '../core/symmetric-eigen';
import { log } from '../core/elementary/index';

/** The largest Hessian order the formulas accept (a dense O(d³) eigen-decomposition each). @internal */
export const MAX_HESSIAN_ORDER = 2048;

/** A minimum's curvature: the eigenvalues (all > 0), log det and the matrix (row-major), d its order. @internal */
export interface MinimumCurvature {
  d: number;
  values: Float64Array;
  logDet: number;
  matrix: Float64Array;
}

/** An index-1 saddle's curvature: λ⁻ < 0 and its unit eigenvector, log |det| and the matrix. @internal */
export interface SaddleCurvature {
  d: number;
  values: Float64Array;
  negative: number;
  direction: Float64Array;
  logAbsDet: number;
  matrix: Float64Array;
}

/** Relative threshold below which an eigenvalue counts as zero: a degenerate critical point. */
const ZERO_TOL = 1e-12;

function readMatrix(name: string, value: unknown): { data: Float64Array; n: number } {
  if (value instanceof Float64Array && value.length > MAX_HESSIAN_ORDER * MAX_HESSIAN_ORDER) {
    throw new RangeError(`${name}: expected a Hessian of order ≤ ${MAX_HESSIAN_ORDER}, received a Float64Array of length ${value.length}`);
  }
  if (Array.isArray(value) && value.length > MAX_HESSIAN_ORDER) {
    throw new RangeError(`${name}: expected a Hessian of order ≤ ${MAX_HESSIAN_ORDER}, received ${value.length} rows`);
  }
  const m = toSquareMatrix(name, value as SquareMatrixLike);
  if (m.n > MAX_HESSIAN_ORDER) throw new RangeError(`${name}: expected a Hessian of order ≤ ${MAX_HESSIAN_ORDER}, received order ${m.n}`);
  checkSymmetricMatrix(name, m.data, m.n, 1e-10);
  return m;
}

/** True when `value` should be read as a matrix rather than a number. @internal */
export function isMatrixInput(value: unknown): boolean {
  return typeof value !== 'number';
}

/** Checks a minimum's curvature: a positive number, or a positive-definite symmetric matrix. @internal */
export function readMinimum(name: string, value: unknown): MinimumCurvature {
  if (typeof value === 'number') {
    checkFiniteNumber(name, value);
    if (!(value > 0)) throw new RangeError(`${name}: expected a positive curvature H_a > 0 (a minimum), received ${describeValue(value)}`);
    return { d: 1, values: Float64Array.of(value), logDet: log(value), matrix: Float64Array.of(value) };
  }
  if (value === undefined || value === null || typeof value !== 'object') {
    throw new TypeError(
      `${name}: expected a positive number or a positive-definite Hessian (number[][], row-major Float64Array or Matrix), received ${describeValue(value)}`,
    );
  }
  const { data, n } = readMatrix(name, value);
  const values = symmetricEigen(data).values;
  const lmax = Math.max(...Array.from(values, Math.abs));
  const lmin = values[0] as number;
  if (!(lmin > ZERO_TOL * lmax)) {
    throw new RangeError(`${name}: expected a positive-definite Hessian (a minimum), received one with smallest eigenvalue ${describeValue(lmin)}`);
  }
  let logDet = 0;
  for (const l of values) logDet += log(l);
  return { d: n, values, logDet, matrix: Float64Array.from(data) };
}

/** Checks a saddle's curvature: a negative number, or a symmetric matrix with exactly one negative eigenvalue and no zero one. @internal */
export function readSaddle(name: string, value: unknown): SaddleCurvature {
  if (typeof value === 'number') {
    checkFiniteNumber(name, value);
    if (!(value < 0)) throw new RangeError(`${name}: expected a negative curvature H_b < 0 (the top of the barrier), received ${describeValue(value)}`);
    return {
      d: 1,
      values: Float64Array.of(value),
      negative: value,
      direction: Float64Array.of(1),
      logAbsDet: log(-value),
      matrix: Float64Array.of(value),
    };
  }
  if (value === undefined || value === null || typeof value !== 'object') {
    throw new TypeError(
      `${name}: expected a negative number or an index-1 saddle Hessian (number[][], row-major Float64Array or Matrix), received ${describeValue(value)}`,
    );
  }
  const { data, n } = readMatrix(name, value);
  const eig = symmetricEigen(data);
  const values = eig.values;
  const lmax = Math.max(...Array.from(values, Math.abs));
  let neg = 0;
  let logAbsDet = 0;
  for (const l of values) {
    if (!(Math.abs(l) > ZERO_TOL * lmax)) {
      throw new RangeError(`${name}: expected a Hessian with no zero eigenvalue (a non-degenerate saddle), received eigenvalue ${describeValue(l)}`);
    }
    if (l < 0) neg++;
    logAbsDet += log(Math.abs(l));
  }
  if (neg !== 1) {
    throw new RangeError(
      `${name}: expected a Hessian with exactly one negative eigenvalue (an index-1 saddle), received ${neg === 0 ? `none (smallest eigenvalue ${describeValue(values[0])})` : `${neg} negative eigenvalues`}`,
    );
  }
  return { d: n, values, negative: values[0] as number, direction: eig.vectors[0] as Float64Array, logAbsDet, matrix: Float64Array.from(data) };
}

/** Throws unless the minimum and the saddle live in the same dimension. @internal */
export function checkSameOrder(a: { d: number }, b: { d: number }, nameA: string, nameB: string): void {
  if (a.d !== b.d) throw new DimensionError(`${nameB}: expected a ${a.d}×${a.d} Hessian (the order of ${nameA}), received ${b.d}×${b.d}`);
}
