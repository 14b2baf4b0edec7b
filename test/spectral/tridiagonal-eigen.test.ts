import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tridiagonalEigen } from '../../src/spectral/tridiagonal-eigen';
import { symmetricEigen } from '../../src/core/symmetric-eigen';

const EPS = Number.EPSILON;

/** ‖T‖₁ of the tridiagonal (an upper bound of ‖T‖₂). */
function tnorm(alpha: Float64Array, beta: Float64Array): number {
  let s = 0;
  for (let i = 0; i < alpha.length; i++) {
    const r = Math.abs(alpha[i] as number) + (i > 0 ? Math.abs(beta[i - 1] as number) : 0) + (i < beta.length ? Math.abs(beta[i] as number) : 0);
    s = Math.max(s, r);
  }
  return s;
}

/** max_i |(T z − λ z)_i| for one eigenpair. */
function residual(alpha: Float64Array, beta: Float64Array, lambda: number, z: Float64Array): number {
  const m = alpha.length;
  let r = 0;
  for (let i = 0; i < m; i++) {
    let t = (alpha[i] as number) * (z[i] as number) - lambda * (z[i] as number);
    if (i > 0) t += (beta[i - 1] as number) * (z[i - 1] as number);
    if (i < m - 1) t += (beta[i] as number) * (z[i + 1] as number);
    r = Math.max(r, Math.abs(t));
  }
  return r;
}

function dense(alpha: Float64Array, beta: Float64Array): number[][] {
  const m = alpha.length;
  const a = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    (a[i] as number[])[i] = alpha[i] as number;
    if (i < m - 1) {
      (a[i] as number[])[i + 1] = beta[i] as number;
      (a[i + 1] as number[])[i] = beta[i] as number;
    }
  }
  return a;
}

describe('tridiagonalEigen', () => {
  it('gives the closed-form spectrum of tridiag(−1, 2, −1)', () => {
    for (const m of [1, 2, 3, 10, 101]) {
      const { values, vectors } = tridiagonalEigen(new Float64Array(m).fill(2), new Float64Array(m - 1).fill(-1), { vectors: true });
      for (let k = 1; k <= m; k++) {
        // Backward stable QL: |λ̂ − λ| ≤ c·m·ε·‖T‖ with ‖T‖ ≤ 4; c = 4 is generous for m ≤ 101.
        expect(Math.abs((values[k - 1] as number) - (2 - 2 * Math.cos((k * Math.PI) / (m + 1))))).toBeLessThanOrEqual(16 * m * EPS);
        // Eigenvector k is ±sin(jkπ/(m+1)) normalised (distinct eigenvalues, so unique up to sign).
        const z = (vectors as Float64Array[])[k - 1] as Float64Array;
        const norm = Math.sqrt((m + 1) / 2);
        const sign = Math.sign(z[0] as number);
        for (let j = 1; j <= m; j++) {
          // Eigenvector error ≲ m·ε·‖T‖/gap with gap ≥ π²/(m+1)² · 2: for m = 101 ~ 1e-11.
          expect(Math.abs(sign * (z[j - 1] as number) - Math.sin((j * k * Math.PI) / (m + 1)) / norm)).toBeLessThan(1e-10);
        }
      }
    }
  });

  it('agrees with the dense symmetricEigen on random tridiagonals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        // Entries below 1e-6 in magnitude are set to 0: the reference (ml-matrix's tql2) fails on
        // subnormal off-diagonals (see the separate subnormal test), not the code under test.
        fc.array(
          fc.double({ min: -10, max: 10, noNaN: true }).map((x) => (Math.abs(x) < 1e-6 ? 0 : x)),
          { minLength: 80, maxLength: 80 },
        ),
        fc.boolean(),
        (m, raw, repeat) => {
          const alpha = Float64Array.from(raw.slice(0, m));
          // `repeat`: a block-diagonal T (zero couplings) with repeated diagonal values, a deflation case.
          const beta = Float64Array.from(raw.slice(40, 40 + m - 1), (b, i) => (repeat && i % 3 === 0 ? 0 : b));
          if (repeat) for (let i = 1; i < m; i += 2) alpha[i] = alpha[i - 1] as number;
          const ref = symmetricEigen(dense(alpha, beta));
          const got = tridiagonalEigen(alpha, beta, { vectors: true });
          const valuesOnly = tridiagonalEigen(alpha, beta);
          const nrm = tnorm(alpha, beta);
          // Both are backward stable: eigenvalues agree to c·m·ε·‖T‖ (Weyl), c = 16 generous.
          const tol = 16 * m * EPS * nrm + 1e-300;
          for (let i = 0; i < m; i++) {
            expect(Math.abs((got.values[i] as number) - (ref.values[i] as number))).toBeLessThanOrEqual(tol);
            expect(Math.abs((valuesOnly.values[i] as number) - (ref.values[i] as number))).toBeLessThanOrEqual(tol);
            if (i > 0) expect(got.values[i] as number).toBeGreaterThanOrEqual(got.values[i - 1] as number);
          }
          const Z = got.vectors as Float64Array[];
          let first = 0;
          for (let i = 0; i < m; i++) {
            const zi = Z[i] as Float64Array;
            // Residual of each pair: rounding of the accumulated rotations, c·m·ε·‖T‖.
            expect(residual(alpha, beta, got.values[i] as number, zi)).toBeLessThanOrEqual(tol);
            for (let j = 0; j <= i; j++) {
              let d = 0;
              for (let q = 0; q < m; q++) d += (zi[q] as number) * ((Z[j] as Float64Array)[q] as number);
              // Orthonormal to rounding of a product of orthogonal rotations: c·m·ε.
              expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThanOrEqual(16 * m * EPS);
            }
            first += (zi[0] as number) ** 2;
          }
          // Gauss weights (squared first components) sum to 1: Z is orthogonal.
          expect(Math.abs(first - 1)).toBeLessThanOrEqual(16 * m * EPS);
        },
      ),
      { seed: 5150, numRuns: 60 },
    );
  });

  it('is accurate on a graded matrix and with tiny couplings', () => {
    // Diagonal 1, 10⁻³, 10⁻⁶, ... with couplings 10⁻²⁰: eigenvalues equal the diagonal to within
    // β²/gap ≈ 1e-40/gap and rounding ε·max|d|; the QL deflation test must not lump them.
    const m = 6;
    const alpha = Float64Array.from({ length: m }, (_, i) => 10 ** (-3 * i));
    const beta = new Float64Array(m - 1).fill(1e-20);
    const { values } = tridiagonalEigen(alpha, beta);
    const expected = Float64Array.from(alpha).sort();
    for (let i = 0; i < m; i++) expect(Math.abs((values[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(4 * EPS);
  });

  it('handles subnormal and huge entries (scaled by a power of two)', () => {
    // [[0, b], [b, a]] has eigenvalues (a ± √(a² + 4b²))/2; for b = 5e-324 these are a and 0 to
    // within b²/|a| (far below any double), and the eigenvectors are e₂ and e₁.
    const a = -1.3322676295501878e-14;
    const r = tridiagonalEigen(new Float64Array([0, a]), new Float64Array([5e-324]), { vectors: true });
    expect(Array.from(r.values)).toEqual([a, 0]);
    const z = r.vectors as Float64Array[];
    expect(Math.abs((z[0] as Float64Array)[1] as number)).toBe(1);
    expect(Math.abs((z[1] as Float64Array)[0] as number)).toBe(1);
    // A subnormal 2×2 [[0, b], [b, 0]]: eigenvalues ±b exactly (the scaling by 2^1074 is exact).
    const tiny = tridiagonalEigen(new Float64Array([0, 0]), new Float64Array([5e-323]));
    expect(Array.from(tiny.values)).toEqual([-5e-323, 5e-323]);
    // A huge one: tridiag(−1, 2, −1)·1e300, eigenvalues (2 ∓ √2)·1e300 and 2e300, relative error c·ε.
    const big = tridiagonalEigen(new Float64Array(3).fill(2e300), new Float64Array(2).fill(-1e300));
    const exact = [2 - Math.SQRT2, 2, 2 + Math.SQRT2];
    exact.forEach((x, i) => expect(Math.abs((big.values[i] as number) / 1e300 - x)).toBeLessThanOrEqual(16 * EPS));
  });

  it('checks its arguments', () => {
    expect(() => tridiagonalEigen(new Float64Array([1, 2]), new Float64Array([1, 2]))).toThrow(/beta: expected length 1, received length 2/);
    expect(() => tridiagonalEigen(new Float64Array([1, NaN]), new Float64Array([1]))).toThrow(/alpha: expected finite values, received NaN at index 1/);
    expect(() => tridiagonalEigen(new Float64Array(0), new Float64Array(0))).toThrow(/alpha: expected length ≥ 1, received length 0/);
    expect(() => tridiagonalEigen(new Float64Array([1]), new Float64Array(0), { vectors: 1 as unknown as boolean })).toThrow(
      /options.vectors: expected a boolean, received 1/,
    );
  });
});
