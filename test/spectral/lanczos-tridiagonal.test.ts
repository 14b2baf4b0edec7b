import { describe, it, expect } from 'vitest';
import { lanczosTridiagonal } from '../../src/spectral/lanczos-tridiagonal';
import { tridiagonalEigen } from '../../src/spectral/tridiagonal-eigen';
import { denseOperator } from '../../src/spectral/dense-operator';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/rng';
import type { SymmetricOperator } from '../../src/core/types';
import { fromEigen, randomOrthogonal } from './helpers';

const EPS = Number.EPSILON;

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

describe('lanczosTridiagonal', () => {
  const n = 40;
  const spectrum = Float64Array.from({ length: n }, (_, i) => Math.cos((7 * i) / n)); // in [−1, 1], ‖A‖ ≤ 1
  const q = randomOrthogonal(n, 11);
  const A = fromEigen(spectrum, q);
  const op = denseOperator(A);
  const v0 = createRng(3).fillNormal(new Float64Array(n));

  it('with n steps and full reorthogonalisation, T has the spectrum of A', () => {
    const r = lanczosTridiagonal(op, v0, n);
    expect(r.steps).toBe(n);
    const { values } = tridiagonalEigen(r.alpha, r.beta);
    const exact = Float64Array.from(spectrum).sort();
    // With full reorthogonalisation T = VᵀAV + E, ‖E‖ = O(n·ε·‖A‖) (Paige): 100·n·ε with ‖A‖ ≤ 1.
    for (let i = 0; i < n; i++) expect(Math.abs((values[i] as number) - (exact[i] as number))).toBeLessThanOrEqual(100 * n * EPS);
  });

  it('returns an orthonormal basis with T = Vᵀ A V', () => {
    const steps = 12;
    const r = lanczosTridiagonal(op, v0, steps, { keepBasis: true });
    const V = r.basis as Float64Array[];
    expect(V.length).toBe(steps);
    const av = new Float64Array(n);
    for (let j = 0; j < steps; j++) {
      op.apply(V[j] as Float64Array, av);
      for (let i = 0; i < steps; i++) {
        const expected = i === j ? (r.alpha[i] as number) : Math.abs(i - j) === 1 ? (r.beta[Math.min(i, j)] as number) : 0;
        // Each entry vᵢᵀAvⱼ has rounding n·ε·‖A‖; the recurrence adds O(j·ε·‖A‖): 100·n·ε is ample.
        expect(Math.abs(dot(V[i] as Float64Array, av) - expected)).toBeLessThanOrEqual(100 * n * EPS);
        // Two Gram–Schmidt passes: orthonormal to O(n·ε).
        expect(Math.abs(dot(V[i] as Float64Array, V[j] as Float64Array) - (i === j ? 1 : 0))).toBeLessThanOrEqual(10 * n * EPS);
      }
    }
  });

  it('Gauss quadrature: e₁ᵀ T^p e₁ = v̂ᵀ A^p v̂ for p ≤ 2m − 1 (with and without reorthogonalisation)', () => {
    const m = 5;
    const vhat = Float64Array.from(v0, (x) => x / Math.sqrt(dot(v0, v0)));
    // v̂ᵀ A^p v̂ = Σ λᵢ^p (qᵢ·v̂)² exactly from the construction A = Q Λ Qᵀ.
    const moment = (p: number): number => spectrum.reduce((s, l, i) => s + l ** p * dot(q[i] as Float64Array, vhat) ** 2, 0);
    for (const reorthogonalize of [true, false]) {
      const r = lanczosTridiagonal(op, v0, m, { reorthogonalize });
      const { values, vectors } = tridiagonalEigen(r.alpha, r.beta, { vectors: true });
      for (let p = 0; p <= 2 * m - 1; p++) {
        let gauss = 0;
        for (let i = 0; i < m; i++) gauss += ((vectors as Float64Array[])[i]?.[0] as number) ** 2 * (values[i] as number) ** p;
        // ‖A‖ ≤ 1, so every moment is O(1) and rounding is O(p·n·ε); 1e-12 is ≥ 100× that.
        expect(Math.abs(gauss - moment(p))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('stops at an invariant subspace (breakdown) with exact Ritz values', () => {
    // diag(1, 2, 3, 4, 5) and v0 in the span of e₂, e₄: the Krylov space has dimension 2.
    const diag: SymmetricOperator = {
      dim: 5,
      apply: (x, out) => {
        for (let i = 0; i < 5; i++) out[i] = (i + 1) * (x[i] as number);
        return out;
      },
    };
    const r = lanczosTridiagonal(diag, new Float64Array([0, 1, 0, 2, 0]), 5);
    expect(r.steps).toBe(2);
    expect(r.alpha.length).toBe(2);
    expect(r.beta.length).toBe(1);
    const { values } = tridiagonalEigen(r.alpha, r.beta);
    // Two exact eigenvalues 2 and 4, to rounding 10·ε·‖A‖.
    expect(Math.abs((values[0] as number) - 2)).toBeLessThanOrEqual(50 * EPS);
    expect(Math.abs((values[1] as number) - 4)).toBeLessThanOrEqual(50 * EPS);
    // steps above dim are capped at dim.
    expect(lanczosTridiagonal(op, v0, 1000).steps).toBe(n);
  });

  it('sees each distinct eigenvalue of a matrix with repeated eigenvalues once (Krylov dimension 2)', () => {
    // A = diag(1, 1, 1, 3, 3): the Krylov space of any v0 has dimension 2 (one vector per eigenvalue).
    const mat = fromEigen([1, 1, 1, 3, 3], randomOrthogonal(5, 2));
    const a = symmetricEigen(mat);
    const r = lanczosTridiagonal(denseOperator(mat), new Float64Array([1, 2, 3, 4, 5]), 5);
    expect(r.steps).toBe(2);
    const { values } = tridiagonalEigen(r.alpha, r.beta);
    // Both are backward stable on a matrix with ‖A‖ = 3: agreement to 100·n·ε·‖A‖ ≈ 3e-13.
    expect(Math.abs((values[0] as number) - (a.values[0] as number))).toBeLessThanOrEqual(100 * 5 * EPS * 3);
    expect(Math.abs((values[1] as number) - (a.values[4] as number))).toBeLessThanOrEqual(100 * 5 * EPS * 3);
  });

  it('checks its arguments', () => {
    expect(() => lanczosTridiagonal(op, v0, 0)).toThrow(/steps: expected an integer ≥ 1, received 0/);
    expect(() => lanczosTridiagonal(op, new Float64Array(3), 2)).toThrow(/v0: expected length 40, received length 3/);
    expect(() => lanczosTridiagonal(op, new Float64Array(n), 2)).toThrow(/v0: expected a non-zero vector/);
    const bad: SymmetricOperator = { dim: 3, apply: (x, out) => out.fill(NaN) };
    expect(() => lanczosTridiagonal(bad, new Float64Array([1, 0, 0]), 2)).toThrow(
      /op.apply: expected finite values, received NaN at index 0 of matrix-vector product 1/,
    );
    expect(() => lanczosTridiagonal(op, v0, 2, { keepBasis: 'yes' as unknown as boolean })).toThrow(/options.keepBasis: expected a boolean/);
  });
});
