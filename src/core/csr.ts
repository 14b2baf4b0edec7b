/**
 * Sparse square matrices in compressed sparse row (CSR) form and the general (not necessarily
 * symmetric) linear operator x ↦ A x they define. The symmetric operator with its symmetry check
 * is the spectral module's `csrOperator`, built on this one.
 *
 * @module
 */
import { checkInteger, checkOptions, checkVector, checkKnownOptions } from './checks';
import { DimensionError, describeValue } from './errors';
import type { LinearOperator } from './types';
import { SIMD_MIN_DIM, createSimdHeap } from './simd-heap';

/**
 * A sparse n×n matrix in CSR form: the entries of row i are `values[k]` at column
 * `columnIndices[k]` for k in [rowPointers[i], rowPointers[i+1]). Duplicate (i, j) entries add up;
 * column indices need not be sorted within a row (each row is summed in entry order).
 */
export interface CsrMatrix {
  /** n, the number of rows and of columns. */
  dim: number;
  /** Length n + 1, starting at 0, non-decreasing, ending at nnz. */
  rowPointers: Int32Array | Uint32Array | readonly number[];
  /** Length nnz, each in [0, n). */
  columnIndices: Int32Array | Uint32Array | readonly number[];
  /** Length nnz, finite. */
  values: Float64Array | readonly number[];
}

/** A checked CSR matrix with its own typed arrays (as returned by {@link csrMatrix}). */
export interface CheckedCsrMatrix extends CsrMatrix {
  readonly dim: number;
  readonly rowPointers: Int32Array;
  readonly columnIndices: Int32Array;
  readonly values: Float64Array;
  /** Number of stored entries (= rowPointers[dim]). */
  readonly nnz: number;
}

/** A CSR operator with its own copies of the arrays (do not mutate). */
export interface CsrLinearOperator extends LinearOperator {
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
 * Checks a CSR matrix and returns a copy with typed arrays (`Int32Array` indices, `Float64Array`
 * values): `dim` an integer in [1, 2³¹ − 2], `rowPointers` of length dim + 1 starting at 0 and
 * non-decreasing, `columnIndices` (length nnz = rowPointers[dim]) integers in [0, dim), `values`
 * (length nnz) finite. Throws `TypeError`, `RangeError`, `DimensionError` or `NonFiniteError`
 * naming `name` and the offending field. Cost O(n + nnz).
 *
 * @example
 * // the 1-D Laplacian of order 3
 * const A = csrMatrix({ dim: 3, rowPointers: [0, 2, 5, 7], columnIndices: [0, 1, 0, 1, 2, 1, 2],
 *   values: [2, -1, -1, 2, -1, -1, 2] });
 * A.nnz; // 7
 */
export function csrMatrix(matrix: CsrMatrix, name = 'matrix'): CheckedCsrMatrix {
  const m = checkOptions(name, matrix);
  checkKnownOptions(name, m, ['columnIndices', 'dim', 'rowPointers', 'values']);
  const n = checkInteger(`${name}.dim`, m.dim, 1, 2 ** 31 - 2);
  const rp = indexArray(`${name}.rowPointers`, m.rowPointers, n + 1, 0, 2 ** 31 - 1);
  if (rp[0] !== 0) throw new RangeError(`${name}.rowPointers: expected rowPointers[0] = 0, received ${describeValue(rp[0])}`);
  for (let i = 0; i < n; i++) {
    if ((rp[i + 1] as number) < (rp[i] as number)) {
      throw new RangeError(`${name}.rowPointers: expected a non-decreasing sequence, received ${rp[i + 1]} after ${rp[i]} at index ${i + 1}`);
    }
  }
  const nnz = rp[n] as number;
  const ci = indexArray(`${name}.columnIndices`, m.columnIndices, nnz, 0, n - 1);
  // A copy, so later changes by the caller do not reach the result.
  const v = Float64Array.from(checkVector(`${name}.values`, m.values, nnz));
  return { dim: n, rowPointers: rp, columnIndices: ci, values: v, nnz };
}

/** Whether the byte ranges of two views into the same buffer overlap. */
function overlaps(a: Float64Array, b: Float64Array): boolean {
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/**
 * The operator x ↦ A x, (Ax)ᵢ = Σ_{k ∈ row i} values[k]·x[columnIndices[k]], of a square sparse
 * matrix A in CSR form, not necessarily symmetric (a Fokker–Planck generator, a random-walk
 * kernel). The matrix is checked and copied once, by {@link csrMatrix}.
 *
 * `apply(x, out)` writes A x into `out` and returns it: nnz multiply-adds, no allocation, and no
 * argument checks (`x` and `out` must have length dim and must not alias). From dim ≥ 32 the arrays
 * live in a WebAssembly heap and the product runs its kernel (the same loop, each row summed in
 * entry order, so the same bits as the JavaScript path used where WebAssembly is unavailable); `x`
 * and `out` are copied in and out of that heap unless they already are views into it.
 *
 * @example
 * // a non-symmetric 2×2 matrix [[1, 2], [0, 3]]
 * const op = csrLinearOperator({ dim: 2, rowPointers: [0, 2, 3], columnIndices: [0, 1, 1], values: [1, 2, 3] });
 * op.apply(Float64Array.of(1, 1), new Float64Array(2)); // [3, 3]
 */
export function csrLinearOperator(matrix: CsrMatrix): CsrLinearOperator {
  return csrOperatorFromChecked(csrMatrix(matrix));
}

/** {@link csrLinearOperator} of an already checked matrix (its arrays are owned by the result). Internal. */
export function csrOperatorFromChecked(a: CheckedCsrMatrix): CsrLinearOperator {
  const { dim: n, rowPointers: rp, columnIndices: ci, values: v, nnz } = a;
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
    const buf = heap.buffer;
    return {
      dim: n,
      rowPointers: hrp,
      columnIndices: hci,
      values: hv,
      nnz,
      apply(x: Float64Array, out: Float64Array): Float64Array {
        checkApplyShapes(x, out, n);
        // Vectors already in this heap are used in place; others are copied (the kernel sees only its memory).
        const xIn = x.buffer === buf;
        const px = xIn ? x.byteOffset : (hx.set(x), hx.byteOffset);
        const direct = out.buffer === buf && !(xIn && overlaps(x, out));
        k.csrMatVec(hrp.byteOffset, hci.byteOffset, hv.byteOffset, px, direct ? out.byteOffset : hout.byteOffset, n);
        if (!direct) out.set(hout);
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
      checkApplyShapes(x, out, n);
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

/**
 * The O(1) check of an operator application: x and out Float64Arrays of length n (a wrong length
 * would read past x or leave out partly unwritten). @internal
 */
export function checkApplyShapes(x: unknown, out: unknown, n: number): void {
  if (!(x instanceof Float64Array) || x.length !== n) throw new DimensionError(`x: expected a Float64Array of length ${n}, received ${describeValue(x)}`);
  if (!(out instanceof Float64Array) || out.length !== n)
    throw new DimensionError(`out: expected a Float64Array of length ${n}, received ${describeValue(out)}`);
}
