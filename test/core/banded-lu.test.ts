import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bandedLu } from '../../src/core/banded-lu';
import type { CsrMatrix } from '../../src/core/csr';
import { createRng } from '../../src/random/rng';

/** A random row- and column-diagonally dominant matrix with entries within `band` of the diagonal of `ordering`, as CSR and dense. */
function randomBanded(n: number, band: number, seed: number, ordering?: Int32Array): { csr: CsrMatrix; dense: Float64Array } {
  const rng = createRng(seed);
  const dense = new Float64Array(n * n);
  const ord = ordering ?? Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < n; k++) {
    for (let l = Math.max(0, k - band); l <= Math.min(n - 1, k + band); l++) {
      if (l !== k && rng.uniform() < 0.7) dense[(ord[k] as number) * n + (ord[l] as number)] = rng.normal();
    }
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(dense[i * n + j] as number) + Math.abs(dense[j * n + i] as number);
    dense[i * n + i] = (rng.uniform() < 0.5 ? -1 : 1) * (s + 0.1);
  }
  const rowPointers = [0];
  const columnIndices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = n - 1; j >= 0; j--) {
      const v = dense[i * n + j] as number;
      if (v !== 0) {
        columnIndices.push(j);
        values.push(v);
      }
    }
    rowPointers.push(columnIndices.length);
  }
  return { csr: { dim: n, rowPointers, columnIndices, values }, dense };
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

describe('bandedLu', () => {
  it('solves A x = b and Aᵀ x = b for diagonally dominant banded matrices (residual at rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 6 }), fc.integer(), (n, band, seed) => {
        const { csr, dense } = randomBanded(n, band, seed);
        const lu = bandedLu(csr);
        expect(lu.lowerBandwidth).toBeLessThanOrEqual(band);
        expect(lu.upperBandwidth).toBeLessThanOrEqual(band);
        const b = createRng(seed + 1).fillNormal(new Float64Array(n));
        const b0 = Float64Array.from(b);
        expect(residual(dense, n, lu.solve(b), b, false)).toBeLessThan(1e-13);
        expect(residual(dense, n, lu.solveTransposed(b), b, true)).toBeLessThan(1e-13);
        expect(b).toEqual(b0);
      }),
      { seed: 12, numRuns: 60 },
    );
  });

  it('reorders: a matrix banded only after the permutation is solved with that bandwidth', () => {
    const n = 30;
    const rng = createRng(5);
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.integer(i + 1);
      const t = perm[i] as number;
      perm[i] = perm[j] as number;
      perm[j] = t;
    }
    const { csr, dense } = randomBanded(n, 2, 9, perm);
    const lu = bandedLu(csr, { ordering: perm });
    expect(lu.lowerBandwidth).toBeLessThanOrEqual(2);
    expect(lu.upperBandwidth).toBeLessThanOrEqual(2);
    const b = rng.fillNormal(new Float64Array(n));
    const out = new Float64Array(n);
    expect(lu.solve(b, out)).toBe(out);
    expect(residual(dense, n, out, b, false)).toBeLessThan(1e-13);
    expect(residual(dense, n, lu.solveTransposed(b), b, true)).toBeLessThan(1e-13);
    // without the ordering the same matrix is factorised with a wide band, and the same answer
    const wide = bandedLu(csr);
    expect(wide.lowerBandwidth).toBeGreaterThan(2);
    expect(residual(dense, n, wide.solve(b), b, false)).toBeLessThan(1e-13);
  });

  it('rejects a zero pivot, a bad ordering and a wrong right-hand side, naming them', () => {
    const singular = { dim: 2, rowPointers: [0, 1, 2], columnIndices: [1, 0], values: [1, 1] };
    expect(() => bandedLu(singular)).toThrow(/bandedLu: expected a matrix that factorises without pivoting, received pivot 0 at row 0/);
    const id = { dim: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] };
    expect(() => bandedLu(id, { ordering: [0, 0] })).toThrow(/options.ordering: expected a permutation/);
    expect(() => bandedLu(id, { ordering: [0] })).toThrow(/options.ordering: expected length 2/);
    expect(() => bandedLu(id).solve(new Float64Array(3))).toThrow(/b: expected a Float64Array of length 2/);
  });
});
