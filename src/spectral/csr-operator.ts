/**
 * A symmetric operator from a sparse matrix in compressed sparse row (CSR) form.
 *
 * @module
 */
import { checkOptions, checkPositive, checkKnownOptions } from '../core/checks';
import { csrMatrix, csrOperatorFromChecked, type CsrLinearOperator, type CsrMatrix } from '../core/csr';
import { transposeCompressed } from '../core/csr-transpose';
import { SymmetryError } from '../core/errors';
import type { SymmetricOperator } from '../core/types';

export type { CsrMatrix } from '../core/csr';

/** Options of {@link csrOperator}. */
export interface CsrOperatorOptions {
  /** Tolerated |aᵢⱼ − aⱼᵢ| relative to max |aᵢⱼ|. Default 1e-12 (as core's `checkSymmetricMatrix`). */
  symmetryTol?: number;
}

/** A symmetric CSR operator with its own copies of the arrays (do not mutate). */
export interface CsrOperator extends SymmetricOperator, CsrLinearOperator {
  readonly rowPointers: Int32Array;
  readonly columnIndices: Int32Array;
  readonly values: Float64Array;
  /** Number of stored entries. */
  readonly nnz: number;
}

/**
 * The operator x ↦ A x of a sparse symmetric matrix A given in CSR form (arrays copied): core's
 * `csrLinearOperator` with a symmetry check.
 *
 * Checked once, at construction: the CSR structure (core's `csrMatrix`: rowPointers of length n+1
 * starting at 0 and non-decreasing up to nnz, column indices in [0, n), finite values), and
 * symmetry, exactly and structurally: Aᵀ is assembled (counting sort, O(n + nnz)) and every entry
 * of A − Aᵀ must satisfy |aᵢⱼ − aⱼᵢ| ≤ `symmetryTol` · max |aᵢⱼ| (default 1e-12), else
 * `SymmetryError`.
 *
 * `apply(x, out)` costs nnz multiply-adds and allocates nothing; `out` must not alias `x`.
 *
 * @example
 * // the 1-D Laplacian of order 3
 * const op = csrOperator({ dim: 3, rowPointers: [0, 2, 5, 7], columnIndices: [0, 1, 0, 1, 2, 1, 2],
 *   values: [2, -1, -1, 2, -1, -1, 2] });
 */
export function csrOperator(matrix: CsrMatrix, options?: CsrOperatorOptions): CsrOperator {
  checkOptions('matrix', matrix);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['symmetryTol']);
  const tol = checkPositive('options.symmetryTol', opts.symmetryTol ?? 1e-12);
  const a = csrMatrix(matrix, 'matrix');
  checkCsrSymmetry(a.dim, a.rowPointers, a.columnIndices, a.values, tol);
  return csrOperatorFromChecked(a);
}

/** Throws SymmetryError unless A − Aᵀ vanishes entrywise (relative to max |aᵢⱼ|). O(n + nnz). */
function checkCsrSymmetry(n: number, rp: Int32Array, ci: Int32Array, v: Float64Array, tol: number): void {
  const nnz = v.length;
  let amax = 0;
  for (let k = 0; k < nnz; k++) amax = Math.max(amax, Math.abs(v[k] as number));
  if (amax === 0) return;
  const { ptr: tp, idx: tci, vals: tv } = transposeCompressed(n, n, rp, ci, v);
  // Row by row: scratch[j] = (A − Aᵀ)ᵢⱼ over the columns touched by either, then reset.
  const scratch = new Float64Array(n);
  let worst = 0;
  let wi = 0;
  let wj = 0;
  for (let i = 0; i < n; i++) {
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) scratch[ci[k] as number] = (scratch[ci[k] as number] as number) + (v[k] as number);
    for (let k = tp[i] as number; k < (tp[i + 1] as number); k++) scratch[tci[k] as number] = (scratch[tci[k] as number] as number) - (tv[k] as number);
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      const j = ci[k] as number;
      const d = Math.abs(scratch[j] as number);
      if (d > worst) {
        worst = d;
        wi = i;
        wj = j;
      }
    }
    // (No scan over Aᵀ's pattern: a nonzero (A − Aᵀ)ᵢⱼ with aᵢⱼ structurally zero appears with the
    // same magnitude at (j, i), which lies in A's pattern and is scanned in row j.)
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) scratch[ci[k] as number] = 0;
    for (let k = tp[i] as number; k < (tp[i + 1] as number); k++) scratch[tci[k] as number] = 0;
  }
  if (worst > tol * amax) {
    throw new SymmetryError(
      `matrix: expected a symmetric matrix (max |aᵢⱼ − aⱼᵢ| ≤ ${tol}·max |aᵢⱼ|), received relative asymmetry ${(worst / amax).toExponential(3)} at (${wi}, ${wj})`,
    );
  }
}
