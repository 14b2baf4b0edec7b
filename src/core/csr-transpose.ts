/**
 * The transpose of a compressed sparse structure by a counting sort (internal): a CSR matrix's
 * transpose, or a column-compressed triangle read by rows. One pass to count, one to place.
 *
 * @internal
 * @module
 */

/** A compressed sparse structure: entries ptr[i] … ptr[i + 1] − 1 of line i, at positions `idx`, values `vals`. @internal */
export interface Compressed {
  ptr: Int32Array;
  idx: Int32Array;
  vals: Float64Array;
}

/**
 * The transpose of the n lines (ptr, idx, vals) whose positions lie in [0, m): line j of the
 * result lists the (i, value) of every entry at position j, in ascending i (lines visited in
 * order), so a row-compressed matrix becomes its transpose and a column-compressed one its
 * row-compressed form. With `out` (ptr of length m + 1, idx and vals of length nnz) it is written
 * there and nothing is allocated but the m cursors. O(n + m + nnz) time. @internal
 */
export function transposeCompressed(
  n: number,
  m: number,
  ptr: ArrayLike<number>,
  idx: ArrayLike<number>,
  vals: ArrayLike<number>,
  out?: Compressed,
): Compressed {
  const tp = out?.ptr.fill(0) ?? new Int32Array(m + 1);
  for (let i = 0; i < n; i++)
    for (let p = ptr[i] as number, e = ptr[i + 1] as number; p < e; p++) tp[(idx[p] as number) + 1] = (tp[(idx[p] as number) + 1] as number) + 1;
  for (let j = 0; j < m; j++) tp[j + 1] = (tp[j + 1] as number) + (tp[j] as number);
  const ti = out?.idx ?? new Int32Array(tp[m] as number);
  const tv = out?.vals ?? new Float64Array(tp[m] as number);
  const next = tp.slice(0, m);
  for (let i = 0; i < n; i++) {
    for (let p = ptr[i] as number, e = ptr[i + 1] as number; p < e; p++) {
      const j = idx[p] as number;
      const q = next[j] as number;
      ti[q] = i;
      tv[q] = vals[p] as number;
      next[j] = q + 1;
    }
  }
  return { ptr: tp, idx: ti, vals: tv };
}
