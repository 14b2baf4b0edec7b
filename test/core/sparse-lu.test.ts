import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sparseLu } from '../../src/core/sparse-lu';
import { bandedLu } from '../../src/core/banded-lu';
import type { CsrMatrix } from '../../src/core/csr';
import { createRng } from '../../src/random/rng';
import { csrOf } from './csr-of';

/** A random sparse matrix, diagonally dominant by rows and columns, with a non-symmetric pattern and duplicate entries. */
function randomSparse(n: number, perRow: number, seed: number): { csr: CsrMatrix; dense: Float64Array } {
  const rng = createRng(seed);
  const dense = new Float64Array(n * n);
  const entries: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < perRow; e++) {
      const j = rng.integer(n);
      if (j !== i) entries.push([i, j, rng.normal()]);
    }
  }
  for (const [i, j, v] of entries) dense[i * n + j] = (dense[i * n + j] as number) + v;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += Math.abs(dense[i * n + j] as number) + Math.abs(dense[j * n + i] as number);
    const d = (rng.uniform() < 0.5 ? -1 : 1) * (s + 0.5);
    dense[i * n + i] = d;
    entries.push([i, i, d]);
  }
  return { csr: csrOf(n, entries), dense };
}

function residual(dense: Float64Array, n: number, x: Float64Array, b: Float64Array, transposed: boolean): number {
  let r = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (transposed ? (dense[j * n + i] as number) : (dense[i * n + j] as number)) * (x[j] as number);
    r = Math.max(r, Math.abs(s - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return r / scale;
}

/** The 5-point generator-like matrix of an N × N grid (x-major), diagonally dominant by columns, with a nested-dissection order. */
function grid(N: number, seed: number): { csr: CsrMatrix; nd: Int32Array } {
  const rng = createRng(seed);
  const n = N * N;
  const rows: [number, number][][] = Array.from({ length: n }, () => []);
  const diag = new Float64Array(n);
  const link = (a: number, b: number): void => {
    const kab = 0.5 + rng.uniform();
    const kba = 0.5 + rng.uniform();
    rows[b]?.push([a, kab]);
    rows[a]?.push([b, kba]);
    diag[a] = (diag[a] as number) - kab;
    diag[b] = (diag[b] as number) - kba;
  };
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if (i + 1 < N) link(i * N + j, (i + 1) * N + j);
      if (j + 1 < N) link(i * N + j, i * N + j + 1);
    }
  }
  diag[n - 1] = (diag[n - 1] as number) - 1; // one absorbing cell: non-singular
  const rowPointers = [0];
  const columnIndices: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < n; c++) {
    columnIndices.push(c);
    values.push(diag[c] as number);
    for (const [j, v] of rows[c] as [number, number][]) {
      columnIndices.push(j);
      values.push(v);
    }
    rowPointers.push(columnIndices.length);
  }
  // nested dissection by recursive halving (the separator last)
  const nd: number[] = [];
  const box = (i0: number, i1: number, j0: number, j1: number): void => {
    if (i1 <= i0 || j1 <= j0) return;
    if ((i1 - i0) * (j1 - j0) <= 4) {
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) nd.push(i * N + j);
      return;
    }
    if (i1 - i0 >= j1 - j0) {
      const m = (i0 + i1) >> 1;
      box(i0, m, j0, j1);
      box(m + 1, i1, j0, j1);
      for (let j = j0; j < j1; j++) nd.push(m * N + j);
    } else {
      const m = (j0 + j1) >> 1;
      box(i0, i1, j0, m);
      box(i0, i1, m + 1, j1);
      for (let i = i0; i < i1; i++) nd.push(i * N + m);
    }
  };
  box(0, N, 0, N);
  return { csr: { dim: n, rowPointers, columnIndices, values }, nd: Int32Array.from(nd) };
}

describe('sparseLu', () => {
  it('solves A x = b and Aᵀ x = b for random diagonally dominant sparse matrices in random orders (residual at rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 4 }), fc.integer(), fc.boolean(), (n, perRow, seed, shuffle) => {
        const { csr, dense } = randomSparse(n, perRow, seed);
        const rng = createRng(seed + 7);
        const ordering = Int32Array.from({ length: n }, (_, i) => i);
        if (shuffle) {
          for (let i = n - 1; i > 0; i--) {
            const j = rng.integer(i + 1);
            const t = ordering[i] as number;
            ordering[i] = ordering[j] as number;
            ordering[j] = t;
          }
        }
        const lu = sparseLu(csr, { ordering });
        const b = rng.fillNormal(new Float64Array(n));
        const b0 = Float64Array.from(b);
        expect(residual(dense, n, lu.solve(b), b, false)).toBeLessThan(1e-13);
        expect(residual(dense, n, lu.solveTransposed(b), b, true)).toBeLessThan(1e-13);
        expect(b).toEqual(b0);
      }),
      { seed: 31, numRuns: 80 },
    );
  });

  it('a grid in nested-dissection order: the banded solution, with far less fill than the band', () => {
    const N = 40;
    const { csr, nd } = grid(N, 3);
    const b = createRng(4).fillNormal(new Float64Array(N * N));
    const lu = sparseLu(csr, { ordering: nd });
    const band = bandedLu(csr);
    const x = lu.solve(b);
    const y = band.solve(b);
    const xt = lu.solveTransposed(b);
    const yt = band.solveTransposed(b);
    let e = 0;
    let s = 0;
    for (let i = 0; i < N * N; i++) {
      e = Math.max(e, Math.abs((x[i] as number) - (y[i] as number)), Math.abs((xt[i] as number) - (yt[i] as number)));
      s = Math.max(s, Math.abs(y[i] as number));
    }
    expect(e / s).toBeLessThan(1e-11);
    // the band stores n·(2N + 1) entries; nested dissection far fewer
    expect(lu.factorEntries).toBeLessThan(0.5 * N * N * (2 * N + 1));
    const out = new Float64Array(N * N);
    expect(lu.solve(b, out)).toBe(out);
  });

  it('rejects a zero pivot, a bad ordering and a wrong right-hand side, naming them', () => {
    const singular = { dim: 2, rowPointers: [0, 1, 2], columnIndices: [1, 0], values: [1, 1] };
    expect(() => sparseLu(singular)).toThrow(/sparseLu: expected a matrix that factorises without pivoting, received pivot 0 at row 0/);
    const id = { dim: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] };
    expect(() => sparseLu(id, { ordering: [1, 1] })).toThrow(/options.ordering: expected a permutation/);
    expect(() => sparseLu(id, { ordering: [0] })).toThrow(/options.ordering: expected length 2/);
    expect(() => sparseLu(id).solveTransposed(new Float64Array(3))).toThrow(/b: expected a Float64Array of length 2/);
  });
});
