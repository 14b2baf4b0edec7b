/**
 * A symmetric operator from a dense matrix.
 *
 * @module
 */
import { checkOptions, checkPositive } from '../core/checks';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import type { SymmetricOperator } from '../core/types';
import { matVec } from '../core/mat-vec';

/** Options of {@link denseOperator}. */
export interface DenseOperatorOptions {
  /** Relative asymmetry tolerated, as in core's `checkSymmetricMatrix`. Default 1e-12. */
  symmetryTol?: number;
}

/** A dense symmetric operator; `matrix` is its own row-major copy of A (do not mutate). */
export interface DenseOperator extends SymmetricOperator {
  readonly matrix: Float64Array;
}

/**
 * The operator x ↦ A x of a dense symmetric n×n matrix A (row-major `Float64Array`, ml-matrix
 * `Matrix` or `number[][]`; copied). Symmetry is checked once, with core's
 * `checkSymmetricMatrix` (max |aᵢⱼ − aⱼᵢ| ≤ tol · max |aᵢⱼ|, default tol 1e-12): a non-symmetric
 * matrix throws `SymmetryError`.
 *
 * `apply(x, out)` costs n² multiply-adds and allocates nothing; `out` must not alias `x`.
 *
 * @example
 * const op = denseOperator([[2, 1], [1, 2]]);
 * op.apply(new Float64Array([1, 0]), new Float64Array(2)); // [2, 1]
 */
export function denseOperator(matrix: SquareMatrixLike, options?: DenseOperatorOptions): DenseOperator {
  const opts = checkOptions('options', options);
  const tol = checkPositive('options.symmetryTol', opts.symmetryTol ?? 1e-12);
  const { data, n } = toSquareMatrix('matrix', matrix);
  checkSymmetricMatrix('matrix', data, n, tol);
  // toSquareMatrix copies a Matrix or number[][]; only a caller's Float64Array needs a copy here.
  const A = data === matrix ? Float64Array.from(data) : data;
  return {
    dim: n,
    matrix: A,
    apply(x: Float64Array, out: Float64Array): Float64Array {
      return matVec(A, n, n, x, out);
    },
  };
}
