/**
 * Dense square matrices: conversion between the library's row-major `Float64Array` and ml-matrix,
 * and the symmetry check that every symmetric-only routine uses.
 *
 * @module
 */
import { Matrix } from 'ml-matrix';
import { DimensionError, SymmetryError, describeValue } from './errors';
import { checkAllFinite } from './checks';

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
      throw new DimensionError(
        `${name}: expected a row-major Float64Array of length n²${n === undefined ? '' : ` = ${n * n}`}, received length ${a.length}`,
      );
    }
    data = a;
  } else if (Matrix.isMatrix(a)) {
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

/** An ml-matrix `Matrix` holding the row-major n×n `data` (a copy). */
export function toMlMatrix(data: Float64Array, n: number): Matrix {
  return Matrix.from1DArray(n, n, Float64Array.from(data));
}

/**
 * The largest |aᵢⱼ − aⱼᵢ| relative to max |aᵢⱼ| (0 for the zero matrix).
 */
export function asymmetry(data: Float64Array, n: number): number {
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
  const r = asymmetry(data, n);
  if (r > tol) {
    throw new SymmetryError(`${name}: expected a symmetric matrix (max |aᵢⱼ − aⱼᵢ| ≤ ${tol}·max |aᵢⱼ|), received relative asymmetry ${r.toExponential(3)}`);
  }
}

/**
 * The dense symmetric n×n matrix of a linear map given by its products: column j is
 * `apply(eⱼ, column)`, then (A + Aᵀ)/2 so that rounding leaves no asymmetry. n products, O(n²)
 * memory. Row-major.
 */
export function matrixFromProducts(n: number, apply: (v: Float64Array, out: Float64Array) => unknown): Float64Array {
  const A = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    apply(e, col);
    e[j] = 0;
    for (let i = 0; i < n; i++) A[i * n + j] = col[i] as number;
  }
  return symmetrizeInPlace(A, n);
}

/**
 * Replaces the row-major n×n `data` by (A + Aᵀ)/2 in place, so that a matrix assembled column by
 * column from rounded products is symmetric to the last bit. Returns `data`.
 */
export function symmetrizeInPlace(data: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * ((data[i * n + j] as number) + (data[j * n + i] as number));
      data[i * n + j] = m;
      data[j * n + i] = m;
    }
  }
  return data;
}
