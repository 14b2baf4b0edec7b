/** Shared helpers of the Fokker–Planck tests: dense copies of a generator, fits and norms. */
import { expect } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { LinearOperator } from '../../src/core/types';

/** The dense matrix of an operator, column by column. */
export function denseOf(op: LinearOperator): Matrix {
  const n = op.dim;
  const m = new Matrix(n, n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    op.apply(e, col);
    for (let i = 0; i < n; i++) m.set(i, j, col[i] as number);
  }
  return m;
}

/** Eigenvalues (real and imaginary parts) of a dense non-symmetric matrix. */
export function eigenvalues(m: Matrix): { re: number[]; im: number[] } {
  const e = new EigenvalueDecomposition(m);
  return { re: e.realEigenvalues, im: e.imaginaryEigenvalues };
}

/** The least-squares slope of log(err) against log(h). */
export function logLogSlope(h: readonly number[], err: readonly number[]): number {
  const x = h.map(Math.log);
  const y = err.map((e) => Math.log(Math.abs(e)));
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
  }
  return sxy / sxx;
}

/** max |a − b| / max |b|. */
export function relMaxError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    e = Math.max(e, Math.abs((a[i] as number) - (b[i] as number)));
    s = Math.max(s, Math.abs(b[i] as number));
  }
  return e / s;
}

export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s;
}

/**
 * Asserts that a generator is a rate matrix: off-diagonal entries ≥ 0 and columns summing to 0
 * (mass conservation), to 1e-13 of its largest entry (n rounding errors of the column sums).
 */
export function expectRateMatrix(op: LinearOperator): void {
  const g = denseOf(op);
  const n = op.dim;
  let scale = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(g.get(i, j)));
  for (let j = 0; j < n; j++) {
    let col = 0;
    for (let i = 0; i < n; i++) {
      col += g.get(i, j);
      if (i !== j) expect(g.get(i, j)).toBeGreaterThanOrEqual(0);
    }
    expect(Math.abs(col)).toBeLessThanOrEqual(1e-13 * scale);
  }
}
