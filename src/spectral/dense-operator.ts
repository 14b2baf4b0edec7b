/**
 * A symmetric operator from a dense matrix.
 *
 * @module
 */
import { checkOptions, checkPositive, checkKnownOptions } from '../core/checks';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import type { SymmetricOperator } from '../core/types';
import { dotsInto } from '../core/basis-kernels';
import { SIMD_MIN_DIM, createSimdHeap } from '../core/simd-heap';
import { checkApplyShapes } from '../core/csr';

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
 * `apply(x, out)` costs n² multiply-adds (WebAssembly SIMD where available) and allocates nothing;
 * x is copied into the heap first unless it already is a view into it.
 *
 * @example
 * const op = denseOperator([[2, 1], [1, 2]]);
 * op.apply(new Float64Array([1, 0]), new Float64Array(2)); // [2, 1]
 */
export function denseOperator(matrix: SquareMatrixLike, options?: DenseOperatorOptions): DenseOperator {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['symmetryTol']);
  const tol = checkPositive('options.symmetryTol', opts.symmetryTol ?? 1e-12);
  const { data, n } = toSquareMatrix('matrix', matrix);
  checkSymmetricMatrix('matrix', data, n, tol);
  // The matrix goes into a WebAssembly SIMD heap when there is one (its rows swept by the SIMD
  // dot-product kernel, 4–5× faster than JavaScript loops), else stays a plain array; both paths
  // give the same bits. toSquareMatrix copies a Matrix or number[][]; a caller's Float64Array is
  // copied here.
  const heap = n >= SIMD_MIN_DIM ? createSimdHeap(n * n + n + 2) : undefined;
  const inHeap = heap?.alloc(n * n);
  inHeap?.set(data);
  const A = inHeap ?? (data === matrix ? Float64Array.from(data) : data);
  const x2 = heap?.alloc(n);
  const rows = Array.from({ length: n }, (_, i) => A.subarray(i * n, (i + 1) * n));
  return {
    dim: n,
    matrix: A,
    apply(x: Float64Array, out: Float64Array): Float64Array {
      checkApplyShapes(x, out, n);
      if (x2 === undefined) return dotsInto(undefined, rows, 0, n, x, out);
      // x is swept in place when it already lives in this heap, else copied in (out is written by
      // JavaScript either way, from the kernels' results).
      if (x.buffer === heap?.buffer && out.buffer !== x.buffer) return dotsInto(heap, rows, 0, n, x, out);
      x2.set(x);
      return dotsInto(heap, rows, 0, n, x2, out);
    },
  };
}
