/**
 * sparseLu on systems large enough for its blocked dense fronts: fronts of 16 and more go to the
 * WebAssembly SIMD heap (the Schur updates in the `gemm` kernel), separators wider than 32 columns
 * are eliminated in several panels. Checked by the true residual (an O(nnz) product with the CSR
 * matrix, never a re-use of the factors), by the bits of the JavaScript fallback, and on singular
 * and ill-conditioned input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sparseLu } from '../../src/core/sparse-lu';
import { createSimdHeap, setSimdEnabled } from '../../src/core/simd-heap';
import type { CsrMatrix } from '../../src/core/csr';
import { createRng } from '../../src/random/rng';
import { nestedDissection } from '../../src/fokker-planck/grid-kernels';
import { fokkerPlanck1d } from '../../src/fokker-planck/fokker-planck-1d';
import { fokkerPlanck2d } from '../../src/fokker-planck/fokker-planck-2d';
import { clearSharedSymbolic } from '../../src/fokker-planck/generator-kernels';
import { csrOf, type Csr } from './csr-of';
import { denseSolve } from '../helpers/dense-solve';

/**
 * Off-diagonal entries plus a diagonal that dominates the rows (`'rows'`), the columns
 * (`'columns'`) or both, with a random sign: no pivoting is needed, and the growth factor of the
 * LU is at most 2, so the backward error stays at a few ulps times the fill.
 */
function dominated(n: number, off: [number, number, number][], by: 'rows' | 'columns' | 'both', rng: ReturnType<typeof createRng>): Csr {
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  for (const [i, j, v] of off) {
    rowSum[i] = (rowSum[i] as number) + Math.abs(v);
    colSum[j] = (colSum[j] as number) + Math.abs(v);
  }
  const entries = off.slice();
  for (let i = 0; i < n; i++) {
    const s = by === 'rows' ? (rowSum[i] as number) : by === 'columns' ? (colSum[i] as number) : Math.max(rowSum[i] as number, colSum[i] as number);
    entries.push([i, i, (rng.uniform() < 0.5 ? -1 : 1) * (s * (1 + 0.1 * rng.uniform()) + 1e-3)]);
  }
  return csrOf(n, entries);
}

/** A grid-like matrix: nx × ny cells (x-major), 5- or 9-point couplings (wrapping round periodic axes), random non-symmetric values. */
function gridLike(nx: number, ny: number, nine: boolean, xPer: boolean, yPer: boolean, seed: number): Csr {
  const rng = createRng(seed);
  const off: [number, number, number][] = [];
  const link = (i: number, j: number, di: number, dj: number): void => {
    let a = i + di;
    let b = j + dj;
    if (xPer) a = (a + nx) % nx;
    if (yPer) b = (b + ny) % ny;
    if (a < 0 || a >= nx || b < 0 || b >= ny) return;
    const p = i * ny + j;
    const q = a * ny + b;
    if (p === q) return;
    off.push([p, q, rng.normal()], [q, p, rng.normal()]);
  };
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      link(i, j, 1, 0);
      link(i, j, 0, 1);
      if (nine) {
        link(i, j, 1, 1);
        link(i, j, 1, -1);
      }
    }
  }
  const kinds = ['rows', 'columns', 'both'] as const;
  return dominated(nx * ny, off, kinds[rng.integer(3)] as 'rows' | 'columns' | 'both', rng);
}

/** A random sparse non-symmetric matrix: `perRow` random off-diagonal entries a row. */
function randomSparse(n: number, perRow: number, seed: number): Csr {
  const rng = createRng(seed);
  const off: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < perRow; e++) {
      const j = rng.integer(n);
      if (j !== i) off.push([i, j, rng.normal()]);
    }
  }
  const kinds = ['rows', 'columns', 'both'] as const;
  return dominated(n, off, kinds[rng.integer(3)] as 'rows' | 'columns' | 'both', rng);
}

/** The normwise backward error ‖A x − b‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞) of a solve (of Aᵀ when `transposed`), by the CSR product. */
function backwardError(a: Csr, x: Float64Array, b: Float64Array, transposed: boolean): number {
  const n = a.dim;
  const ax = new Float64Array(n);
  const rowAbs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = a.rowPointers[i] as number; k < (a.rowPointers[i + 1] as number); k++) {
      const j = a.columnIndices[k] as number;
      const v = a.values[k] as number;
      if (transposed) {
        ax[j] = (ax[j] as number) + v * (x[i] as number);
        rowAbs[j] = (rowAbs[j] as number) + Math.abs(v);
      } else {
        ax[i] = (ax[i] as number) + v * (x[j] as number);
        rowAbs[i] = (rowAbs[i] as number) + Math.abs(v);
      }
    }
  }
  let r = 0;
  let normA = 0;
  let normX = 0;
  let normB = 0;
  for (let i = 0; i < n; i++) {
    r = Math.max(r, Math.abs((ax[i] as number) - (b[i] as number)));
    normA = Math.max(normA, rowAbs[i] as number);
    normX = Math.max(normX, Math.abs(x[i] as number));
    normB = Math.max(normB, Math.abs(b[i] as number));
  }
  return r / (normA * normX + normB);
}

function shuffled(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const o = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const t = o[i] as number;
    o[i] = o[j] as number;
    o[j] = t;
  }
  return o;
}

/**
 * Backward error bound of the tests: LU without pivoting of a diagonally dominant matrix has
 * growth ≤ 2, so Higham's bound (Thm 9.3) gives a backward error ≲ γ_f·3 with f the largest front
 * (≤ 400 here): about 400·3·1.1e-16 ≈ 1.3e-13 in the worst case; typical errors are ~1e-16. The
 * bound is loose on purpose but still fails for any real mistake (a wrong entry, a lost update, a
 * wrong sign give backward errors of order 1e-3 to 1; checked by mutating the panel update).
 */
const BACKWARD = 2e-13;

describe('sparseLu with blocked fronts (SIMD heap, panels)', () => {
  it('the SIMD path exists here (otherwise the bit-for-bit test below compares the JS path with itself)', () => {
    expect(createSimdHeap(16)).toBeDefined();
  });

  it('fast-check: grid-like matrices (5- and 9-point, periodic axes) in nested-dissection order: true backward error at rounding, for A and Aᵀ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 48 }),
        fc.integer({ min: 3, max: 48 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (nx, ny, nine, xPer, yPer, seed) => {
          const a = gridLike(nx, ny, nine, xPer, yPer, seed);
          const lu = sparseLu(a, { ordering: nestedDissection(nx, ny, xPer, yPer) });
          const b = createRng(seed + 1).fillNormal(new Float64Array(a.dim));
          expect(backwardError(a, lu.solve(b), b, false)).toBeLessThan(BACKWARD);
          expect(backwardError(a, lu.solveTransposed(b), b, true)).toBeLessThan(BACKWARD);
        },
      ),
      { seed: 12, numRuns: 30 },
    );
  });

  it('fast-check: random sparse non-symmetric matrices (n ≤ 300) in random or identity order: true backward error at rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.integer(), (n, perRow, shuffle, seed) => {
        const a = randomSparse(n, perRow, seed);
        const lu = sparseLu(a, shuffle ? { ordering: shuffled(n, seed + 2) } : {});
        const b = createRng(seed + 3).fillNormal(new Float64Array(n));
        expect(backwardError(a, lu.solve(b), b, false)).toBeLessThan(BACKWARD);
        expect(backwardError(a, lu.solveTransposed(b), b, true)).toBeLessThan(BACKWARD);
      }),
      { seed: 13, numRuns: 40 },
    );
  });

  it('a 20 × 20 nine-point grid, periodic in y (separators of 40 cells: two panels), against dense Gaussian elimination', () => {
    const a = gridLike(20, 20, true, false, true, 99);
    const n = a.dim;
    const lu = sparseLu(a, { ordering: nestedDissection(20, 20, false, true) });
    // dense Gaussian elimination with partial pivoting, for an independent x
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = a.rowPointers[i] as number; k < (a.rowPointers[i + 1] as number); k++) {
        const at = i * n + (a.columnIndices[k] as number);
        m[at] = (m[at] as number) + (a.values[k] as number);
      }
    }
    const b = createRng(5).fillNormal(new Float64Array(n));
    const y = denseSolve(m, b, n);
    const x = lu.solve(b);
    let e = 0;
    let s = 0;
    for (let i = 0; i < n; i++) {
      e = Math.max(e, Math.abs((x[i] as number) - (y[i] as number)));
      s = Math.max(s, Math.abs(y[i] as number));
    }
    // both backward stable on a well-conditioned (dominant) matrix: forward error ≲ κ·1e-15
    expect(e / s).toBeLessThan(1e-11);
  });

  it('the JavaScript fallback gives the same bits as the SIMD path (grid and random sparse systems)', () => {
    const cases: [Csr, Int32Array | undefined][] = [
      [gridLike(40, 40, false, false, false, 7), nestedDissection(40, 40, false, false)],
      [gridLike(30, 30, true, true, true, 8), nestedDissection(30, 30, true, true)],
      [randomSparse(300, 4, 9), shuffled(300, 10)],
    ];
    for (const [a, ordering] of cases) {
      const b = createRng(11).fillNormal(new Float64Array(a.dim));
      const opts = ordering === undefined ? {} : { ordering };
      const simd = sparseLu(a, opts);
      const was = setSimdEnabled(false);
      let js;
      try {
        js = sparseLu(a, opts);
      } finally {
        setSimdEnabled(was);
      }
      expect(Array.from(js.solve(b))).toEqual(Array.from(simd.solve(b)));
      expect(Array.from(js.solveTransposed(b))).toEqual(Array.from(simd.solveTransposed(b)));
    }
  });

  it('singular input: an exactly zero pivot in a large front throws, naming the row', () => {
    // a tridiagonal block of order 199 and a last row equal to row 0 (zero in the last column):
    // rank n − 1, so the last pivot of the identity order is 0 (the elimination of row n − 1 by
    // row 0 cancels it exactly, and nothing is left to fill its diagonal)
    const n = 200;
    const entries: [number, number, number][] = [];
    for (let i = 0; i < n - 1; i++) {
      entries.push([i, i, 4]);
      if (i + 1 < n - 1) entries.push([i, i + 1, 1], [i + 1, i, 1]);
    }
    // row n−1 := row 0 (the same entries), column n−1 zero except the diagonal 0
    entries.push([n - 1, 0, 4], [n - 1, 1, 1], [n - 1, n - 1, 0]);
    const a: CsrMatrix = csrOf(n, entries);
    expect(() => sparseLu(a)).toThrow(/sparseLu: expected a matrix that factorises without pivoting, received pivot 0 at row 199/);
    // a non-finite entry reaches a pivot: a RangeError too, never a silent NaN solution
    const bad = csrOf(3, [
      [0, 0, 1],
      [1, 1, Number.POSITIVE_INFINITY],
      [2, 2, 1],
    ]);
    expect(() => sparseLu(bad)).toThrow(RangeError);
  });
});

describe('2-D Fokker–Planck solves on the blocked factorisation', () => {
  // L = (x² − 1)² + y² separates: with the right side absorbing at x = 0 and reflecting elsewhere,
  // τ does not depend on y and equals the 1-D grid's τ (same faces in x, a different solver: the
  // banded LU), to rounding times the condition number.
  const Lx = (x: number): number => (x * x - 1) ** 2;
  const solves = (D: number, nx: number, ny: number) => {
    const f2 = fokkerPlanck2d({
      potential: (p) => Lx(p[0] as number) + (p[1] as number) ** 2,
      diffusion: D,
      domain: [
        [-2, 0],
        [-1.5, 1.5],
      ],
      cells: [nx, ny],
      boundary: { right: 'absorbing' },
    });
    const f1 = fokkerPlanck1d({ potential: Lx, diffusion: D, domain: [-2, 0], cells: nx, boundary: { right: 'absorbing' } });
    return { m2: f2.meanFirstPassageTime(), m1: f1.meanFirstPassageTime(), r2: f2.escapeRate() };
  };

  it('a moderate barrier (ΔL/D = 10): the 2-D MFPT equals the 1-D grid one in every row and says it is accurate', () => {
    const nx = 80;
    const ny = 40;
    const { m2, m1, r2 } = solves(0.1, nx, ny);
    expect(m2.accurate).toBe(true);
    expect(r2.converged).toBe(true);
    let e = 0;
    let s = 0;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        e = Math.max(e, Math.abs((m2.values[i * ny + j] as number) - (m1.values[i] as number)));
        s = Math.max(s, m1.values[i] as number);
      }
    }
    // errorBound = ε·κ∞ is the normwise bound of the relative error of either solve
    expect(e / s).toBeLessThan(Math.max(1e-12, 4 * m2.errorBound));
  });

  it('a barrier too high for double precision (ΔL/D = 50): flagged (MFPT inaccurate, escape rate stalled), not returned as good', () => {
    const { m2, r2 } = solves(0.02, 80, 40);
    expect(m2.accurate).toBe(false);
    expect(m2.errorBound).toBeGreaterThan(1e-6);
    expect([r2.converged, r2.stopReason]).toEqual([false, 'stalled']);
  });

  it('solvers of one grid share the symbolic analysis and give the bits of a solver that analysed it alone; another pattern is not confused with it', () => {
    const make = (periodic: boolean) =>
      fokkerPlanck2d({
        potential: (p) => Lx(p[0] as number) + 0.5 * (p[1] as number) ** 2 + 0.2 * (p[0] as number) * (p[1] as number),
        diffusion: 0.4,
        domain: [
          [-2, 2],
          [-2, 2],
        ],
        cells: [36, 30],
        ...(periodic ? { boundary: { bottom: 'periodic' as const, top: 'periodic' as const } } : {}),
      });
    clearSharedSymbolic();
    const alone = make(false).stationary();
    const first = make(false);
    const p1 = first.stationary();
    const periodic = make(true).stationary(); // same sizes, another pattern: its own analysis
    const p2 = make(false).stationary(); // shares first's
    expect(Array.from(p1)).toEqual(Array.from(alone));
    expect(Array.from(p2)).toEqual(Array.from(alone));
    clearSharedSymbolic();
    expect(Array.from(make(true).stationary())).toEqual(Array.from(periodic));
    // and the periodic density is a density of the periodic chain: G p = 0 to rounding
    const g = make(true).generator;
    const gp = g.apply(periodic, new Float64Array(g.dim));
    let r = 0;
    let scale = 0;
    for (let i = 0; i < g.dim; i++) {
      r = Math.max(r, Math.abs(gp[i] as number));
      scale = Math.max(scale, Math.abs(periodic[i] as number));
    }
    expect(r / scale).toBeLessThan(1e-10);
    expect(first.grid.x.length).toBe(36);
  });
});
