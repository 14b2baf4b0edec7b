import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { asymmetry, checkSymmetricMatrix, symmetrizeInPlace, toSquareMatrix } from '../../src/core/dense';
import { DimensionError, SymmetryError } from '../../src/core/errors';
import { createRng } from '../../src/random/rng';

/** Q diag(λ) Qᵀ with Q a product of d Householder reflections from seeded Gaussian vectors. */
function rotatedSpectrum(values: number[], seed: number): Float64Array {
  const n = values.length;
  const rng = createRng(seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) A[i * n + i] = values[i] as number;
  const v = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    rng.fillNormal(v);
    let vv = 0;
    for (const x of v) vv += x * x;
    // A ← P A P with P = I − 2vvᵀ/vᵀv (symmetric, orthogonal).
    const Av = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Av[i] = (Av[i] as number) + (A[i * n + j] as number) * (v[j] as number);
    let vAv = 0;
    for (let i = 0; i < n; i++) vAv += (v[i] as number) * (Av[i] as number);
    const c = 2 / vv;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        A[i * n + j] =
          (A[i * n + j] as number) -
          c * (v[i] as number) * (Av[j] as number) -
          c * (Av[i] as number) * (v[j] as number) +
          c * c * vAv * (v[i] as number) * (v[j] as number);
      }
    }
  }
  return A;
}

describe('symmetricEigen', () => {
  it('decomposes a 2×2 in closed form', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    const v1 = vectors[1] as Float64Array;
    expect(Math.abs(v1[0] as number)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(v1[0]! * v1[1]!).toBeGreaterThan(0);
  });

  it('recovers a known spectrum under a random rotation, sorted, with orthonormal eigenvectors (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.integer(),
        fc.boolean(),
        (spec, seed, descending) => {
          const n = spec.length;
          const A = rotatedSpectrum(spec, seed);
          const { values, vectors } = symmetricEigen(A, { order: descending ? 'descending' : 'ascending', symmetryTol: 1e-10 });
          const sorted = [...spec].sort((a, b) => (descending ? b - a : a - b));
          // Backward-stable: |λ̂ − λ| ≤ c·n·ε·‖A‖ with ‖A‖ ≤ 10; the rotation itself adds ~n²ε·‖A‖.
          const tol = 200 * n * n * Number.EPSILON * 10;
          for (let i = 0; i < n; i++) expect(Math.abs((values[i] as number) - (sorted[i] as number))).toBeLessThan(tol);
          for (let i = 0; i < n; i++) {
            const vi = vectors[i] as Float64Array;
            // Residual ‖A v − λ v‖ of the same order.
            let r = 0;
            for (let a = 0; a < n; a++) {
              let s = 0;
              for (let b = 0; b < n; b++) s += (A[a * n + b] as number) * (vi[b] as number);
              r += (s - (values[i] as number) * (vi[a] as number)) ** 2;
            }
            expect(Math.sqrt(r)).toBeLessThan(tol);
            for (let j = 0; j <= i; j++) {
              const vj = vectors[j] as Float64Array;
              let d = 0;
              for (let a = 0; a < n; a++) d += (vi[a] as number) * (vj[a] as number);
              expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThan(1e-12);
            }
          }
        },
      ),
      { seed: 3, numRuns: 60 },
    );
  });

  it('accepts Float64Array, Matrix and number[][] alike', () => {
    const a = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const r1 = symmetricEigen(a).values;
    const r2 = symmetricEigen(new Matrix(a)).values;
    const r3 = symmetricEigen(Float64Array.from(a.flat())).values;
    expect(Array.from(r2)).toEqual(Array.from(r1));
    expect(Array.from(r3)).toEqual(Array.from(r1));
    // Trace and determinant are invariants: Σλ = 9, Πλ = det = 4(6−1) − 1(2) = 18.
    expect(r1.reduce((s, x) => s + x, 0)).toBeCloseTo(9, 12);
    expect(r1.reduce((s, x) => s * x, 1)).toBeCloseTo(18, 11);
  });

  it('rejects non-symmetric, non-square and non-finite input', () => {
    expect(() =>
      symmetricEigen([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(SymmetryError);
    expect(() =>
      symmetricEigen([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(/matrix: expected a symmetric matrix .* received relative asymmetry 2.500e-1/);
    expect(() => symmetricEigen(new Float64Array(5))).toThrow(DimensionError);
    expect(() => symmetricEigen(new Float64Array(5))).toThrow('matrix: expected a row-major Float64Array of length n², received length 5');
    expect(() => symmetricEigen(new Matrix(2, 3))).toThrow('matrix: expected a square matrix, received 2×3');
    expect(() => symmetricEigen([[1, 2], [2]])).toThrow('matrix: expected a square 2×2 array, received a row of Array(1) at row 1');
    expect(() => symmetricEigen([[Number.NaN]])).toThrow('matrix: expected finite values, received NaN at index 0');
    expect(() => symmetricEigen([[1]], { order: 'up' as never })).toThrow(`options.order: expected one of 'ascending', 'descending', received "up"`);
    expect(() => toSquareMatrix('h', new Float64Array(4), 3)).toThrow('h: expected a row-major Float64Array of length n² = 9, received length 4');
    expect(() => toSquareMatrix('h', 7 as never)).toThrow(TypeError);
  });

  it('asymmetry and checkSymmetricMatrix measure relative asymmetry', () => {
    const a = Float64Array.from([1, 2, 2 + 1e-13, 1]);
    // Exactly |a₁₀ − a₀₁| / max|aᵢⱼ| of the stored (rounded) entries.
    expect(asymmetry(a, 2)).toBe(((a[2] as number) - 2) / (a[2] as number));
    expect(() => checkSymmetricMatrix('a', a, 2)).not.toThrow();
    expect(() => checkSymmetricMatrix('a', a, 2, 1e-14)).toThrow(SymmetryError);
    expect(asymmetry(new Float64Array(4), 2)).toBe(0);
  });
});

describe('symmetricEigen with subnormal entries', () => {
  it('decomposes a matrix whose couplings are subnormal (ml-matrix alone throws on it)', () => {
    // [[0, 5e-324], [5e-324, −1.3e-14]]: the coupling is 2⁻¹⁰⁷⁴, so the eigenvalues are 0 and
    // −1.3e-14 to within 5e-324²/1.3e-14 (far below one ulp).
    const { values } = symmetricEigen(Float64Array.from([0, 5e-324, 5e-324, -1.3e-14]));
    expect(Array.from(values)).toEqual([-1.3e-14, 0]);
  });
});

describe('symmetrizeInPlace', () => {
  it('replaces A by (A + Aᵀ)/2 in place', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(symmetrizeInPlace(a, 3)).toBe(a);
    expect(Array.from(a)).toEqual([1, 3, 5, 3, 5, 7, 5, 7, 9]);
    expect(asymmetry(a, 3)).toBe(0);
  });
});
