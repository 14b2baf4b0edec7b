import fc from 'fast-check';
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { lyapunov } from '../../src/analysis/index';
import { realSchur } from '../../src/analysis/schur-kernels';
import { createRng } from '../../src/random/rng';

/** The dense Kronecker reference: vec(AX + XAᵀ) = (A ⊗ I + I ⊗ A) vec X, or vec(X − AXAᵀ) = (I − A ⊗ A) vec X (row-major vec). */
function kroneckerSolve(A: Float64Array, Q: Float64Array, n: number, discrete: boolean): Float64Array {
  const N = n * n;
  const M = new Matrix(N, N);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) {
        for (let l = 0; l < n; l++) {
          const aik = A[i * n + k] as number;
          const ajl = A[j * n + l] as number;
          const v = discrete ? (i === k && j === l ? 1 : 0) - aik * ajl : (j === l ? aik : 0) + (i === k ? ajl : 0);
          M.set(i * n + j, k * n + l, v);
        }
      }
    }
  }
  return Float64Array.from(solve(M, Matrix.columnVector(Array.from(Q))).to1DArray());
}

function relErr(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < a.length; k++) {
    num += ((a[k] as number) - (b[k] as number)) ** 2;
    den += (b[k] as number) ** 2;
  }
  return Math.sqrt(num / den);
}

function randomMatrix(n: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n * n));
}

/** Shift A so that its spectrum lies in Re λ > margin (continuous) — A + s I, s from the Gershgorin bound. */
function stableShift(A: Float64Array, n: number, margin: number): Float64Array {
  let g = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(A[i * n + j] as number);
    g = Math.max(g, row);
  }
  const out = Float64Array.from(A);
  for (let i = 0; i < n; i++) out[i * n + i] = (out[i * n + i] as number) + g + margin;
  return out;
}

function spd(n: number, seed: number): Float64Array {
  const B = randomMatrix(n, seed);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) Q[i * n + j] = (Q[i * n + j] as number) + (B[i * n + k] as number) * (B[j * n + k] as number);
  return Q;
}

describe('lyapunov', () => {
  it('closed forms: diagonal A gives Σᵢⱼ = Qᵢⱼ/(aᵢ + aⱼ), and Qᵢⱼ/(1 − aᵢaⱼ) discrete', () => {
    const a = [0.5, 1, 3];
    const A = new Float64Array(9);
    a.forEach((v, i) => (A[i * 3 + i] = v));
    const Q = spd(3, 4);
    const c = lyapunov(A, Q).solution;
    const dd = lyapunov(
      A.map((v) => v / 4),
      Q,
      { discrete: true },
    ).solution;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        expect(c[i * 3 + j]).toBeCloseTo((Q[i * 3 + j] as number) / ((a[i] as number) + (a[j] as number)), 13);
        expect(dd[i * 3 + j]).toBeCloseTo((Q[i * 3 + j] as number) / (1 - ((a[i] as number) * (a[j] as number)) / 16), 13);
      }
    }
  });

  it('the Schur kernel: U orthogonal, T quasi-triangular with 2×2 blocks only for complex pairs, A = U T Uᵀ', () => {
    for (const [n, seed] of [
      [1, 1],
      [2, 2],
      [7, 3],
      [30, 4],
    ] as const) {
      const A = randomMatrix(n, seed);
      const { t, u, im, converged } = realSchur(A, n);
      expect(converged).toBe(true);
      const Um = Matrix.from1DArray(n, n, Array.from(u));
      const Tm = Matrix.from1DArray(n, n, Array.from(t));
      expect(relErr(Float64Array.from(Um.mmul(Tm).mmul(Um.transpose()).to1DArray()), A)).toBeLessThan(1e-13);
      expect(relErr(Float64Array.from(Um.transpose().mmul(Um).to1DArray()), Float64Array.from(Matrix.eye(n).to1DArray()))).toBeLessThan(1e-13);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i - 1; j++) expect(t[i * n + j]).toBe(0);
        if (i + 1 < n && t[(i + 1) * n + i] !== 0) {
          expect(im[i]).not.toBe(0); // a 2×2 block is a complex pair
          if (i + 2 < n) expect(t[(i + 2) * n + i + 1]).toBe(0); // blocks never overlap
        }
      }
    }
  });

  it('fast-check (seed 7): random stable A and random Q, continuous and discrete, agree with the dense Kronecker solve', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 1e6 }), fc.boolean(), fc.boolean(), (n, seed, discrete, symmetricQ) => {
        const R = randomMatrix(n, seed);
        // Continuous: shift right of the imaginary axis (Gershgorin); discrete: scale to ρ < 1 (row-sum bound).
        let g = 0;
        for (let i = 0; i < n; i++) {
          let row = 0;
          for (let j = 0; j < n; j++) row += Math.abs(R[i * n + j] as number);
          g = Math.max(g, row);
        }
        const A2 = discrete ? R.map((v) => (0.95 * v) / g) : stableShift(R, n, 0.1);
        const Q = symmetricQ ? spd(n, seed + 1) : randomMatrix(n, seed + 1);
        const r = lyapunov(A2, Q, { discrete });
        expect(relErr(r.solution, kroneckerSolve(A2, Q, n, discrete))).toBeLessThan(1e-10);
        expect(r.relativeResidual).toBeLessThan(1e-13);
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('complex eigenvalues and non-normal A (a rotation, a Jordan-like block, an unstable but non-singular A)', () => {
    const cases: { A: number[][]; discrete: boolean }[] = [
      {
        A: [
          [0.1, 5],
          [-5, 0.1],
        ],
        discrete: false,
      }, // λ = 0.1 ± 5i
      {
        A: [
          [1, 100, 0],
          [0, 1, 100],
          [0, 0, 1],
        ],
        discrete: false,
      }, // non-normal, κ(V) huge
      {
        A: [
          [-1, 2, 0],
          [-2, -1, 0],
          [0, 0, -3],
        ],
        discrete: false,
      }, // all Re λ < 0: still unique
      {
        A: [
          [0.6, 0.7],
          [-0.7, 0.6],
        ],
        discrete: true,
      }, // |λ| = 0.92, complex
      {
        A: [
          [0.9, 10, 0],
          [0, 0.9, 10],
          [0, 0, 0.5],
        ],
        discrete: true,
      }, // non-normal, ρ < 1
      {
        A: [
          [2, 0],
          [0, 0.3],
        ],
        discrete: true,
      }, // ρ > 1 but λᵢλⱼ ≠ 1: unique (indefinite) solution
    ];
    for (const { A, discrete } of cases) {
      const n = A.length;
      const Af = Float64Array.from(A.flat());
      const Q = spd(n, n + 10);
      const r = lyapunov(A, Q, { discrete });
      expect(relErr(r.solution, kroneckerSolve(Af, Q, n, discrete))).toBeLessThan(1e-9);
      // Symmetric Q gives an exactly symmetric Σ.
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(r.solution[i * n + j]).toBe(r.solution[j * n + i]);
    }
  });

  it('larger n (60, 150): backward error O(nε), and Σ ≻ 0 for stable A and Q ≻ 0', () => {
    for (const n of [60, 150]) {
      const A = stableShift(randomMatrix(n, n), n, 0.5);
      const Q = spd(n, n + 1);
      const c = lyapunov(A, Q);
      expect(c.relativeResidual).toBeLessThan(1e-14);
      const Ad = randomMatrix(n, n + 2).map((v) => (0.4 * v) / Math.sqrt(n));
      const d = lyapunov(Ad, Q, { discrete: true });
      expect(d.relativeResidual).toBeLessThan(1e-14);
      const m = Matrix.from1DArray(n, n, Array.from(c.solution));
      expect(new CholeskyDecomposition(m).isPositiveDefinite()).toBe(true);
    }
  });

  it('singular equations and bad input are named errors', () => {
    expect(() =>
      lyapunov(
        [
          [1, 0],
          [0, -1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/^A: expected eigenvalues with λᵢ \+ λⱼ ≠ 0/); // λ₁ + λ₂ = 0
    expect(() =>
      lyapunov(
        [
          [0, 1],
          [-1, 0],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/^A: expected eigenvalues/); // ±i: λ + conj = 0
    expect(() =>
      lyapunov(
        [
          [0, 0],
          [0, 0],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/^A: /);
    expect(() =>
      lyapunov(
        [
          [1, 0],
          [0, 0.5],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        { discrete: true },
      ),
    ).toThrow(/^A: expected eigenvalues with λᵢλⱼ ≠ 1/);
    expect(() =>
      lyapunov(
        [
          [2, 0],
          [0, 0.5],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        { discrete: true },
      ),
    ).toThrow(/λᵢλⱼ ≠ 1/); // 2 · 0.5 = 1
    expect(() =>
      lyapunov(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      ),
    ).toThrow(/^Q: expected a 2×2 matrix/);
    expect(() =>
      lyapunov(
        [
          [1, NaN],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/^A: /);
    expect(() => lyapunov(new Float64Array(3), new Float64Array(4))).toThrow(/^A: /);
    expect(() => lyapunov([[1]], [[1]], { discrete: 1 as unknown as boolean })).toThrow(/^options.discrete: /);
    expect(() => lyapunov([[1]], [[1]], { discrit: true } as never)).toThrow(/^options.discrit: unknown option; did you mean discrete\?/);
    expect(() => lyapunov('A' as never, [[1]])).toThrow(TypeError);
  });
});

describe('review: lyapunov at extreme scales', () => {
  // The singularity test and the relative residual used an unscaled ‖·‖_F: ‖A‖² overflowed for
  // entries ~1e160 (a well-posed equation refused as singular, tol = ∞) and underflowed to 0 for
  // entries ~1e-170 (relativeResidual = 0·∞ = NaN, unflagged). Exact answers: X = diag(qᵢ/(2aᵢ)).
  it('A = diag(1e160, 2e160), Q = I: X = diag(5e-161, 2.5e-161)', () => {
    const r = lyapunov(
      [
        [1e160, 0],
        [0, 2e160],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect((r.solution[0] as number) / 5e-161).toBeCloseTo(1, 14);
    expect((r.solution[3] as number) / 2.5e-161).toBeCloseTo(1, 14);
    expect(Number.isFinite(r.relativeResidual)).toBe(true);
  });
  it('A = diag(1e-170, 2e-170), Q = I: X = diag(5e169, 2.5e169) with a finite relative residual', () => {
    const r = lyapunov(
      [
        [1e-170, 0],
        [0, 2e-170],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect((r.solution[0] as number) / 5e169).toBeCloseTo(1, 14);
    expect((r.solution[3] as number) / 2.5e169).toBeCloseTo(1, 14);
    expect(Number.isFinite(r.relativeResidual)).toBe(true);
    expect(r.relativeResidual).toBeLessThan(1e-15);
  });
});
