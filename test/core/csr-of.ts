/**
 * A CSR matrix from (row, column, value) entries, for the sparse solvers' tests.
 *
 * @module
 */

/** A CSR matrix with plain arrays (what `sparseLu` and `csrMatrix` accept). */
export interface Csr {
  dim: number;
  rowPointers: number[];
  columnIndices: number[];
  values: number[];
}

/** CSR from a list of (row, column, value) entries, sorted by row in place (duplicates kept: sparseLu adds them). */
export function csrOf(n: number, entries: [number, number, number][]): Csr {
  entries.sort((a, b) => a[0] - b[0]);
  const rowPointers = [0];
  const columnIndices: number[] = [];
  const values: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k < entries.length && (entries[k] as [number, number, number])[0] === i) {
      const [, j, v] = entries[k] as [number, number, number];
      columnIndices.push(j);
      values.push(v);
      k++;
    }
    rowPointers.push(columnIndices.length);
  }
  return { dim: n, rowPointers, columnIndices, values };
}
