/**
 * A symmetric operator from a sparse matrix in compressed sparse row (CSR) form.
 *
 * @module
 */
import { checkInteger, checkOptions, checkPositive, checkVector } from '../core/checks';
import { DimensionError, SymmetryError, describeValue } from '../core/errors';
import type { SymmetricOperator } from '../core/types';
import { SIMD_MIN_DIM, createSimdHeap } from '../core/simd-heap';

/**
 * A sparse n×n matrix in CSR form: the entries of row i are `values[k]` at column
 * `columnIndices[k]` for k in [rowPointers[i], rowPointers[i+1]). Duplicate (i, j) entries add up.
 */
export interface CsrMatrix {
  dim: number;
  rowPointers: Int32Array | Uint32Array | readonly number[];
  columnIndices: Int32Array | Uint32Array | readonly number[];
  values: Float64Array | readonly number[];
}

/** Options of {@link csrOperator}. */
export interface CsrOperatorOptions {
  /** Tolerated |aᵢⱼ − aⱼᵢ| relative to max |aᵢⱼ|. Default 1e-12 (as core's `checkSymmetricMatrix`). */
  symmetryTol?: number;
}

/** A CSR operator with its own copies of the arrays (do not mutate). */
export interface CsrOperator extends SymmetricOperator {
  readonly rowPointers: Int32Array;
  readonly columnIndices: Int32Array;
  readonly values: Float64Array;
  /** Number of stored entries. */
  readonly nnz: number;
}

function indexArray(name: string, a: unknown, length: number | undefined, min: number, max: number): Int32Array {
  if (!(a instanceof Int32Array || a instanceof Uint32Array || Array.isArray(a))) {
    throw new TypeError(`${name}: expected an Int32Array, Uint32Array or array of integers, received ${describeValue(a)}`);
  }
  const arr = a as ArrayLike<unknown>;
  if (length !== undefined && arr.length !== length) {
    throw new DimensionError(`${name}: expected length ${length}, received length ${arr.length}`);
  }
  const out = new Int32Array(arr.length);
  for (let k = 0; k < arr.length; k++) {
    const v = arr[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${name}: expected integers in [${min}, ${max}], received ${describeValue(v)} at index ${k}`);
    }
    out[k] = v;
  }
  return out;
}

/**
 * The operator x ↦ A x of a sparse symmetric matrix A given in CSR form (arrays copied).
 *
 * Checked once, at construction: the CSR structure (rowPointers of length n+1 starting at 0 and
 * non-decreasing up to nnz, column indices in [0, n), finite values), and symmetry, exactly and
 * structurally: Aᵀ is assembled (counting sort, O(n + nnz)) and every entry of A − Aᵀ must satisfy
 * |aᵢⱼ − aⱼᵢ| ≤ `symmetryTol` · max |aᵢⱼ| (default 1e-12), else `SymmetryError`.
 *
 * `apply(x, out)` costs nnz multiply-adds and allocates nothing; `out` must not alias `x`.
 *
 * @example
 * // the 1-D Laplacian of order 3
 * const op = csrOperator({ dim: 3, rowPointers: [0, 2, 5, 7], columnIndices: [0, 1, 0, 1, 2, 1, 2],
 *   values: [2, -1, -1, 2, -1, -1, 2] });
 */
export function csrOperator(matrix: CsrMatrix, options?: CsrOperatorOptions): CsrOperator {
  const m = checkOptions('matrix', matrix);
  const opts = checkOptions('options', options);
  const tol = checkPositive('options.symmetryTol', opts.symmetryTol ?? 1e-12);
  const n = checkInteger('matrix.dim', m.dim, 1, 2 ** 31 - 2);
  const rp = indexArray('matrix.rowPointers', m.rowPointers, n + 1, 0, 2 ** 31 - 1);
  if (rp[0] !== 0) throw new RangeError(`matrix.rowPointers: expected rowPointers[0] = 0, received ${describeValue(rp[0])}`);
  for (let i = 0; i < n; i++) {
    if ((rp[i + 1] as number) < (rp[i] as number)) {
      throw new RangeError(`matrix.rowPointers: expected a non-decreasing sequence, received ${rp[i + 1]} after ${rp[i]} at index ${i + 1}`);
    }
  }
  const nnz = rp[n] as number;
  const ci = indexArray('matrix.columnIndices', m.columnIndices, nnz, 0, n - 1);
  // nnz = rowPointers[dim] values; a copy, so later changes by the caller do not reach the operator.
  const v = Float64Array.from(checkVector('matrix.values', m.values, nnz));
  checkCsrSymmetry(n, rp, ci, v, tol);
  // In a WebAssembly heap when there is one (its product kernel runs the same loop without bounds
  // checks, the same bits), else plain arrays.
  const heap = n >= SIMD_MIN_DIM ? createSimdHeap(nnz + Math.ceil((nnz + n + 1) / 2) + 2 * n + 8) : undefined;
  const hv = heap?.alloc(nnz);
  const hrp = heap?.allocInt32(n + 1);
  const hci = heap?.allocInt32(nnz);
  const hx = heap?.alloc(n);
  const hout = heap?.alloc(n);
  if (heap && hv && hrp && hci && hx && hout) {
    hv.set(v);
    hrp.set(rp);
    hci.set(ci);
    const k = heap.kernels;
    return {
      dim: n,
      rowPointers: hrp,
      columnIndices: hci,
      values: hv,
      nnz,
      apply(x: Float64Array, out: Float64Array): Float64Array {
        hx.set(x);
        k.csrMatVec(hrp.byteOffset, hci.byteOffset, hv.byteOffset, hx.byteOffset, hout.byteOffset, n);
        out.set(hout);
        return out;
      },
    };
  }
  return {
    dim: n,
    rowPointers: rp,
    columnIndices: ci,
    values: v,
    nnz,
    apply(x: Float64Array, out: Float64Array): Float64Array {
      for (let i = 0; i < n; i++) {
        let s = 0;
        const end = rp[i + 1] as number;
        for (let k = rp[i] as number; k < end; k++) s += (v[k] as number) * (x[ci[k] as number] as number);
        out[i] = s;
      }
      return out;
    },
  };
}

/** Throws SymmetryError unless A − Aᵀ vanishes entrywise (relative to max |aᵢⱼ|). O(n + nnz). */
function checkCsrSymmetry(n: number, rp: Int32Array, ci: Int32Array, v: Float64Array, tol: number): void {
  const nnz = v.length;
  let amax = 0;
  for (let k = 0; k < nnz; k++) amax = Math.max(amax, Math.abs(v[k] as number));
  if (amax === 0) return;
  // Transpose by counting sort on column index.
  const tp = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) tp[(ci[k] as number) + 1] = (tp[(ci[k] as number) + 1] as number) + 1;
  for (let j = 0; j < n; j++) tp[j + 1] = (tp[j + 1] as number) + (tp[j] as number);
  const fill = tp.slice(0, n);
  const tci = new Int32Array(nnz);
  const tv = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      const j = ci[k] as number;
      const pos = fill[j] as number;
      tci[pos] = i;
      tv[pos] = v[k] as number;
      fill[j] = pos + 1;
    }
  }
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
