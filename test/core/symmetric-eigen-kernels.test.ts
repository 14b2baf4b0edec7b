/**
 * The port of ml-matrix's tred2/tql2 (src/core/symmetric-eigen-kernels.ts) gives ml-matrix's bits:
 * eigenvalues and every eigenvector entry compared with Object.is against ml-matrix's own
 * EigenvalueDecomposition (still a dependency, for `toMlMatrix`), on matrices it was not tuned on:
 * several sizes and seeds, huge and tiny scales, exact zeros, repeated eigenvalues, diagonal and
 * block-diagonal inputs.
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { symmetricEigenKernel } from '../../src/core/symmetric-eigen-kernels';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/index';

/** The first index where the port and ml-matrix differ, or null when every bit agrees. */
function firstDifference(a: Float64Array, n: number): string | null {
  const ml = new EigenvalueDecomposition(Matrix.from1DArray(n, n, Float64Array.from(a)), { assumeSymmetric: true });
  const ours = symmetricEigenKernel(a, n);
  const d = ml.realEigenvalues;
  for (let j = 0; j < n; j++) if (!Object.is(d[j], ours.d[j])) return `value ${j}: ${d[j]} vs ${ours.d[j]}`;
  const V = ml.eigenvectorMatrix;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!Object.is(V.get(i, j), ours.vt[j * n + i])) return `vector ${j}[${i}]`;
  return null;
}

function randomSymmetric(n: number, seed: number, kind: number): Float64Array {
  const rng = createRng(`eig-${seed}`);
  const scale = [1, 1e150, 1e-150, 1][kind % 4] as number;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = kind % 5 === 4 && rng.uniform() < 0.6 ? 0 : rng.normal() * scale;
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  if (kind % 4 === 3) for (let i = 0; i < n; i++) a[i * n + i] = 2; // a shared diagonal: clustered spectrum
  return a;
}

describe('symmetric eigen kernels (tred2/tql2 port)', () => {
  it('match ml-matrix bit for bit on random symmetric matrices of many sizes and scales', () => {
    const diffs: string[] = [];
    for (const n of [1, 2, 3, 5, 8, 13, 21, 40]) {
      for (let seed = 0; seed < 10; seed++) {
        const d = firstDifference(randomSymmetric(n, seed, seed), n);
        if (d !== null) diffs.push(`n=${n} seed=${seed}: ${d}`);
      }
    }
    expect(diffs).toEqual([]);
  });

  it('match ml-matrix on structured inputs: identity, diagonal, zero, block diagonal, rank one', () => {
    const n = 6;
    const cases: Float64Array[] = [];
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    cases.push(eye, new Float64Array(n * n));
    const diag = new Float64Array(n * n);
    for (let i = 0; i < n; i++) diag[i * n + i] = [3, -1, 3, 0, 7, -1][i] as number;
    cases.push(diag);
    const block = new Float64Array(n * n);
    for (const [i, j, v] of [
      [0, 1, 2],
      [2, 3, -1],
      [4, 5, 0.5],
    ] as const) {
      block[i * n + j] = v;
      block[j * n + i] = v;
    }
    cases.push(block);
    const u = [1, -2, 3, 0, 0.5, 4];
    cases.push(Float64Array.from({ length: n * n }, (_, k) => (u[Math.floor(k / n)] as number) * (u[k % n] as number)));
    expect(cases.map((a) => firstDifference(a, n))).toEqual(cases.map(() => null));
  });

  it('symmetricEigen still decomposes: A v = λ v to rounding, on a matrix with a known spectrum', () => {
    // tridiag(−1, 2, −1) of order 12: λ_j = 2 − 2 cos(jπ/13).
    const n = 12;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)));
    const { values, vectors } = symmetricEigen(rows);
    for (let j = 0; j < n; j++) {
      expect(Math.abs((values[j] as number) - (2 - 2 * Math.cos(((j + 1) * Math.PI) / 13)))).toBeLessThan(1e-14);
      const v = vectors[j] as Float64Array;
      for (let i = 0; i < n; i++) {
        const av = 2 * (v[i] as number) - (i > 0 ? (v[i - 1] as number) : 0) - (i < n - 1 ? (v[i + 1] as number) : 0);
        expect(Math.abs(av - (values[j] as number) * (v[i] as number))).toBeLessThan(1e-14);
      }
    }
  });
});
