import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CholeskyDecomposition } from 'ml-matrix';
import {
  landscape,
  orthogonalMatrix,
  parameterVector,
  pointCloud,
  spdMatrix,
  symmetricMatrix,
  symmetricMatrixWithSpectrum,
  type LandscapeName,
  type SpectralMatrix,
} from '../../src/testing/index';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { toMlMatrix } from '../../src/core/dense';

const EPS = Number.EPSILON;

/**
 * Eigenvalues of A = Q diag(λ) Qᵀ against λ. Q is a product of ≤ n Householder reflections, each
 * applied with O(n) rounding per entry: ‖QᵀQ − I‖ ≲ 4n²ε; A is then within ~(2·4n² + n)ε·max|λ| of
 * an exactly orthogonal similarity of diag(λ), and symmetricEigen adds ~n·ε·‖A‖ (Weyl). So
 * 16·n²·ε·max|λ| bounds the difference.
 */
function expectSpectrum(s: SpectralMatrix, spectrum: ArrayLike<number>): void {
  const want = Float64Array.from(spectrum).sort();
  const got = symmetricEigen(s.matrix).values;
  const scale = Math.max(1e-300, ...Array.from(want, Math.abs));
  got.forEach((l, i) => expect(Math.abs(l - (want[i] as number))).toBeLessThanOrEqual(16 * s.n * s.n * EPS * scale));
  expect(Array.from(s.eigenvalues)).toEqual(Array.from(want));
  // Eigenvectors: ‖A q − λ q‖ to the same rounding level.
  s.eigenvectors.forEach((q, k) => {
    let r = 0;
    for (let i = 0; i < s.n; i++) {
      let aq = 0;
      for (let j = 0; j < s.n; j++) aq += (s.matrix[i * s.n + j] as number) * (q[j] as number);
      r = Math.max(r, Math.abs(aq - (s.eigenvalues[k] as number) * (q[i] as number)));
    }
    expect(r).toBeLessThanOrEqual(16 * s.n * s.n * EPS * scale);
  });
  // Exactly symmetric, entry by entry.
  for (let i = 0; i < s.n; i++) for (let j = 0; j < i; j++) expect(s.matrix[i * s.n + j]).toBe(s.matrix[j * s.n + i]);
}

describe('matrix arbitraries', () => {
  it('orthogonalMatrix: QᵀQ = I to rounding (4n²ε)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), orthogonalMatrix(n))),
        ([n, Q]) => {
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let k = 0; k < n; k++) s += (Q[k * n + i] as number) * (Q[k * n + j] as number);
              expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThanOrEqual(4 * n * n * EPS);
            }
          }
        },
      ),
      { seed: 401, numRuns: 40 },
    );
  });

  it('orthogonalMatrix is not just the identity (the rotation is real)', () => {
    const samples = fc.sample(orthogonalMatrix(3), { seed: 402, numRuns: 20 });
    const offDiagonal = samples.map((Q) => Math.abs(Q[1] as number) + Math.abs(Q[3] as number) + Math.abs(Q[5] as number));
    expect(Math.max(...offDiagonal)).toBeGreaterThan(0.1);
  });

  it('symmetricMatrixWithSpectrum has exactly the requested spectrum', () => {
    const spectra = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        spectra.chain((sp) => fc.tuple(fc.constant(sp), symmetricMatrixWithSpectrum(sp))),
        ([sp, s]) => expectSpectrum(s, sp),
      ),
      { seed: 403, numRuns: 40 },
    );
    // Repeated eigenvalues too.
    fc.assert(
      fc.property(symmetricMatrixWithSpectrum([2, 2, -1, 2]), (s) => expectSpectrum(s, [2, 2, -1, 2])),
      { seed: 404, numRuns: 10 },
    );
  });

  it('symmetricMatrix: spectrum inside the range, as reported', () => {
    fc.assert(
      fc.property(symmetricMatrix(4, { minEigenvalue: -3, maxEigenvalue: 1 }), (s) => {
        expectSpectrum(s, s.eigenvalues);
        for (const l of s.eigenvalues) expect(l >= -3 && l <= 1).toBe(true);
      }),
      { seed: 405, numRuns: 30 },
    );
  });

  it('spdMatrix: positive definite (Cholesky succeeds, eigenvalues ≥ min up to rounding)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => spdMatrix(n, { minEigenvalue: 0.5, maxEigenvalue: 20 })),
        (s) => {
          expectSpectrum(s, s.eigenvalues);
          const { values } = symmetricEigen(s.matrix);
          expect(values[0] as number).toBeGreaterThan(0.5 - 16 * s.n * s.n * EPS * 20);
          expect(new CholeskyDecomposition(toMlMatrix(s.matrix, s.n)).isPositiveDefinite()).toBe(true);
        },
      ),
      { seed: 406, numRuns: 40 },
    );
  });

  it('argument checks', () => {
    expect(() => orthogonalMatrix(0)).toThrow(/n: expected an integer ≥ 1, received 0/);
    expect(() => symmetricMatrixWithSpectrum([])).toThrow(/spectrum: expected at least one eigenvalue, received length 0/);
    expect(() => symmetricMatrixWithSpectrum([1, NaN])).toThrow(/spectrum: expected finite values, received NaN at index 1/);
    expect(() => spdMatrix(3, { minEigenvalue: 0 })).toThrow(/options.minEigenvalue: expected a positive number, received 0/);
    expect(() => spdMatrix(3, { minEigenvalue: 2, maxEigenvalue: 1 })).toThrow(
      /options.maxEigenvalue: expected a number ≥ options.minEigenvalue = 2, received 1/,
    );
    expect(() => symmetricMatrix(2, { maxEigenvalue: Infinity })).toThrow(/options.maxEigenvalue: expected a finite number, received Infinity/);
    expect(() => symmetricMatrix(1.5)).toThrow(/n: expected an integer, received 1.5/);
  });
});

describe('vector, point and landscape arbitraries', () => {
  it('parameterVector: length and box', () => {
    fc.assert(
      fc.property(parameterVector(5, { scale: 2 }), (x) => {
        expect(x).toBeInstanceOf(Float64Array);
        expect(x.length).toBe(5);
        for (const t of x) expect(Math.abs(t)).toBeLessThanOrEqual(2);
      }),
      { seed: 407, numRuns: 30 },
    );
    expect(() => parameterVector(0)).toThrow(/dim: expected an integer ≥ 1, received 0/);
    expect(() => parameterVector(2, { scale: -1 })).toThrow(/options.scale: expected a positive number, received -1/);
  });

  it('pointCloud: ndarray [n, d] over a Float64Array, n in range, coordinates in the box', () => {
    fc.assert(
      fc.property(pointCloud({ dim: 3, minPoints: 2, maxPoints: 7, scale: 0.5 }), (p) => {
        const [n, d] = p.shape as [number, number];
        expect(d).toBe(3);
        expect(n >= 2 && n <= 7).toBe(true);
        expect(p.data).toBeInstanceOf(Float64Array);
        expect(p.data.length).toBe(n * d);
        for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) expect(Math.abs(p.get(i, j))).toBeLessThanOrEqual(0.5);
      }),
      { seed: 408, numRuns: 30 },
    );
    expect(() => pointCloud({ dim: 0 })).toThrow(/options.dim: expected an integer ≥ 1, received 0/);
    expect(() => pointCloud({ dim: 2, minPoints: 5, maxPoints: 3 })).toThrow(/options.maxPoints: expected an integer ≥ 5, received 3/);
  });

  it('landscape: draws every landscape, each finite at its point, within maxDim', () => {
    const seen = new Set<LandscapeName>();
    fc.assert(
      fc.property(landscape({ maxDim: 3 }), ({ name, objective, point }) => {
        seen.add(name);
        expect(point.length).toBe(objective.dim);
        expect(objective.dim).toBeLessThanOrEqual(3);
        expect(Number.isFinite(objective.value(point))).toBe(true);
        expect(objective.gradient(point).every(Number.isFinite)).toBe(true);
      }),
      { seed: 409, numRuns: 100 },
    );
    expect([...seen].sort()).toEqual(['doubleWell', 'mullerBrown', 'quadratic', 'rosenbrock', 'styblinskiTang']);
    const only = fc.sample(landscape({ names: ['rosenbrock'] }), { seed: 410, numRuns: 10 });
    expect(only.every((c) => c.name === 'rosenbrock')).toBe(true);
    expect(() => landscape({ names: [] })).toThrow(/options.names: expected a non-empty array of landscape names, received Array\(0\)/);
    expect(() => landscape({ names: ['bowl' as LandscapeName] })).toThrow(/options.names: expected names among 'quadratic', .*received "bowl"/);
    expect(() => landscape({ maxDim: 0 })).toThrow(/options.maxDim: expected an integer ≥ 1, received 0/);
  });
});
