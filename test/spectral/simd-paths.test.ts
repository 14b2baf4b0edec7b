/**
 * The WebAssembly SIMD path and the JavaScript path of the spectral module give the same bits:
 * operators built and Lanczos runs made with the kernels turned off (as where WebAssembly is
 * missing or forbidden by a content-security policy) equal those made with them on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { createRng } from '../../src/random/rng';
import { csrOperator, type CsrMatrix } from '../../src/spectral/csr-operator';
import { denseOperator } from '../../src/spectral/dense-operator';
import { symmetricMatVecJs } from '../../src/spectral/dense-kernels';
import { gridLaplacian } from '../../src/spectral/grid-laplacian';
import { lanczos, type LanczosOptions, type LanczosResult } from '../../src/spectral/lanczos';
import type { SymmetricOperator } from '../../src/core/types';
import { fromEigen, randomOrthogonal } from './helpers';

afterEach(() => {
  setSimdEnabled(true);
});

/** The same construction and computation with the SIMD kernels on, then off. */
function bothPaths<T>(run: () => T): { simd: T; js: T } {
  setSimdEnabled(true);
  const simd = run();
  setSimdEnabled(false);
  const js = run();
  setSimdEnabled(true);
  return { simd, js };
}

const bits = (x: ArrayLike<number>): number[] => Array.from(x);

/** A random sparse symmetric n×n matrix in CSR form (about `perRow` entries a row, both triangles). */
function randomCsr(n: number, perRow: number, seed: number): CsrMatrix {
  const rng = createRng(seed);
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map<number, number>());
  for (let i = 0; i < n; i++) {
    rows[i]?.set(i, 4 + rng.normal());
    for (let e = 0; e < perRow / 2; e++) {
      const j = rng.integer(n);
      const v = rng.normal();
      rows[i]?.set(j, v);
      rows[j]?.set(i, v);
    }
  }
  const rowPointers = [0];
  const columnIndices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    for (const [j, v] of [...r.entries()].sort((a, b) => a[0] - b[0])) {
      columnIndices.push(j);
      values.push(v);
    }
    rowPointers.push(columnIndices.length);
  }
  return { dim: n, rowPointers, columnIndices, values };
}

function expectSameRun(a: LanczosResult, b: LanczosResult): void {
  expect(a.matvecs).toBe(b.matvecs);
  expect(a.restarts).toBe(b.restarts);
  expect(a.converged).toBe(b.converged);
  expect(a.possiblyMissed).toBe(b.possiblyMissed);
  expect(bits(a.values)).toEqual(bits(b.values));
  expect(bits(a.residuals)).toEqual(bits(b.residuals));
  a.vectors.forEach((v, i) => expect(bits(v)).toEqual(bits(b.vectors[i] as Float64Array)));
}

describe('SIMD and JavaScript paths agree bit for bit', () => {
  it('denseOperator.apply, odd and even n around the SIMD threshold', () => {
    for (const n of [31, 32, 33, 64, 101]) {
      const rng = createRng(`dense-${n}`);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
      const x = rng.fillNormal(new Float64Array(n));
      const { simd, js } = bothPaths(() => {
        const op = denseOperator(a);
        return { y: op.apply(x, new Float64Array(n)), matrix: Array.from(op.matrix), offset: op.matrix.byteOffset };
      });
      // The paths taken: a heap view (past the heap's scratch) from n = 32, a plain array below.
      expect(simd.offset > 0).toBe(n >= 32);
      expect(js.offset).toBe(0);
      expect(bits(simd.y)).toEqual(bits(js.y));
      expect(simd.matrix).toEqual(Array.from(a));
      // Against the definition: |Σ aᵢⱼxⱼ − y| ≤ 2n·ε·Σ|aᵢⱼxⱼ| (two summation orders).
      for (let i = 0; i < n; i++) {
        let s = 0;
        let abs = 0;
        for (let j = 0; j < n; j++) {
          s += (a[i * n + j] as number) * (x[j] as number);
          abs += Math.abs((a[i * n + j] as number) * (x[j] as number));
        }
        expect(Math.abs((simd.y[i] as number) - s)).toBeLessThanOrEqual(2 * n * Number.EPSILON * abs);
      }
    }
  });

  it('denseOperator.apply reads the upper triangle only, in the order of symmetricMatVecJs, and out may be x', () => {
    for (const n of [1, 2, 3, 4, 5, 32, 33, 34, 35, 97, 128]) {
      const rng = createRng(`dense-upper-${n}`);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
      // The strict lower triangle off by a relative 1e-13 (within the default symmetryTol 1e-12):
      // the product is that of the upper triangle's symmetric matrix, bit for bit.
      const b = Float64Array.from(a);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) b[i * n + j] = (b[i * n + j] as number) * (1 + 1e-13);
      const x = rng.fillNormal(new Float64Array(n));
      const want = symmetricMatVecJs(a, x, new Float64Array(n), n);
      const { simd, js } = bothPaths(() => denseOperator(b).apply(x, new Float64Array(n)));
      expect(bits(simd), `n = ${n}`).toEqual(bits(want));
      expect(bits(js), `n = ${n}`).toEqual(bits(want));
      // In place: out = x.
      const xx = Float64Array.from(x);
      const { simd: inPlace } = bothPaths(() => {
        const v = Float64Array.from(xx);
        denseOperator(a).apply(v, v);
        return v;
      });
      expect(bits(inPlace)).toEqual(bits(want));
      // Against the definition (the full rows of a): |Σ aᵢⱼxⱼ − y| ≤ 2n·ε·Σ|aᵢⱼxⱼ|.
      for (let i = 0; i < n; i++) {
        let s = 0;
        let abs = 0;
        for (let j = 0; j < n; j++) {
          s += (a[i * n + j] as number) * (x[j] as number);
          abs += Math.abs((a[i * n + j] as number) * (x[j] as number));
        }
        expect(Math.abs((want[i] as number) - s)).toBeLessThanOrEqual(2 * n * Number.EPSILON * abs);
      }
    }
    // Exact on small integers (every partial sum exact): the 3×3 case by hand.
    const y = denseOperator([
      [1, 2, 3],
      [2, 5, 7],
      [3, 7, 11],
    ]).apply(new Float64Array([1, -1, 2]), new Float64Array(3));
    expect(Array.from(y)).toEqual([1 - 2 + 6, 2 - 5 + 14, 3 - 7 + 22]);
  });

  it('csrOperator.apply on random sparse symmetric matrices, with empty rows', () => {
    for (const [n, perRow, seed] of [
      [40, 6, 1],
      [257, 3, 2],
      [64, 0, 3],
    ] as const) {
      const m = randomCsr(n, perRow, seed);
      const x = createRng(seed + 100).fillNormal(new Float64Array(n));
      const { simd, js } = bothPaths(() => {
        const op = csrOperator(m);
        return { y: op.apply(x, new Float64Array(n)), rp: Array.from(op.rowPointers), ci: Array.from(op.columnIndices), v: Array.from(op.values) };
      });
      expect(bits(simd.y)).toEqual(bits(js.y));
      expect(simd.rp).toEqual(Array.from(m.rowPointers));
      expect(simd.ci).toEqual(Array.from(m.columnIndices));
      expect(simd.v).toEqual(Array.from(m.values));
      // Row by row in entry order: the definition exactly.
      const rp = m.rowPointers;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) s += (m.values[k] as number) * (x[m.columnIndices[k] as number] as number);
        expect(simd.y[i]).toBe(s);
      }
    }
  });

  it('lanczos: values, vectors, residuals and counts, through restarts, both ends and the missed check', () => {
    const n = 150;
    // Three top outliers, two bottom ones, a bulk in [−1, 1].
    const lambda = Float64Array.from({ length: n }, (_, i) => (i < 3 ? 10 - i : i < 5 ? -2 - i : Math.sin(i)));
    const a = fromEigen(lambda, randomOrthogonal(n, 7));
    const cases: [string, () => SymmetricOperator, LanczosOptions][] = [
      ['dense, largest, restarts', () => denseOperator(a), { k: 3, which: 'largest', basisSize: 10, seed: 3 }],
      ['dense, both', () => denseOperator(a), { k: 2, which: 'both', basisSize: 16, seed: 4 }],
      [
        'dense, smallest, start vectors',
        () => denseOperator(a),
        { k: 2, which: 'smallest', basisSize: 14, seed: 5, v0: [Float64Array.from({ length: n }, (_, i) => Math.cos(i))] },
      ],
      ['grid Laplacian, magnitude', () => csrOperator(gridLaplacian(9)), { k: 5, which: 'magnitude', basisSize: 16, seed: 6 }],
      [
        'user closure (its vectors outside any heap)',
        () => {
          const op = denseOperator(a);
          return { dim: n, apply: (x: Float64Array, out: Float64Array) => op.apply(Float64Array.from(x), out) };
        },
        { k: 3, which: 'largest', seed: 8 },
      ],
    ];
    for (const [name, make, opts] of cases) {
      const { simd, js } = bothPaths(() => lanczos(make(), opts));
      expect(simd.converged, name).toBe(true);
      expectSameRun(simd, js);
    }
    // The restart case did restart (so the rotation kernel was compared too).
    const r = lanczos(denseOperator(a), { k: 3, which: 'largest', basisSize: 10, seed: 3 });
    expect(r.restarts).toBeGreaterThan(0);
  });
});
