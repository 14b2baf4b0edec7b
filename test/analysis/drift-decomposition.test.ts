import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftDecomposition, lyapunov } from '../../src/analysis/index';
import { createRng } from '../../src/random/rng';
import { matMul } from './ou-fixture';

function randomStable(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const A = rng.fillNormal(new Float64Array(n * n));
  let g = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(A[i * n + j] as number);
    g = Math.max(g, row);
  }
  for (let i = 0; i < n; i++) A[i * n + i] = (A[i * n + i] as number) + g + 0.2;
  return A;
}

function randomSpd(n: number, seed: number): Float64Array {
  const B = createRng(seed).fillNormal(new Float64Array(n * n));
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) D[i * n + j] = (D[i * n + j] as number) + ((B[i * n + k] as number) * (B[j * n + k] as number)) / n;
  for (let i = 0; i < n; i++) D[i * n + i] = (D[i * n + i] as number) + 0.05;
  return D;
}

describe('driftDecomposition', () => {
  it('by hand: A = [[1, 1], [−1, 1]], D = I gives Q = [[0, 1], [−1, 0]], U = I; a gradient drift A = DU gives Q = 0', () => {
    const r = driftDecomposition(
      [
        [1, 1],
        [-1, 1],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    );
    [0, 1, -1, 0].forEach((v, k) => expect(r.rotation[k]).toBeCloseTo(v, 14));
    [1, 0, 0, 1].forEach((v, k) => expect(r.potential[k]).toBeCloseTo(v, 14));
    expect(r.modifiedLoss([1, 2])).toBeCloseTo(2.5, 14);
    // A = D U with D = diag(2, 1), U = [[1, 0.5], [0.5, 2]]: reversible, Q = 0 and U recovered.
    const g = driftDecomposition(
      [
        [2, 1],
        [0.5, 2],
      ],
      [
        [2, 0],
        [0, 1],
      ],
    );
    for (const v of g.rotation) expect(Math.abs(v)).toBeLessThan(1e-14);
    [1, 0.5, 0.5, 2].forEach((v, k) => expect(g.potential[k]).toBeCloseTo(v, 13));
  });

  it('fast-check (seed 3): (D + Q)U reproduces A, Q = −Qᵀ exactly, U = Uᵀ ≻ 0 and U = Σ⁻¹ with Σ from lyapunov(A, 2D)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
        const A = randomStable(n, seed);
        const D = randomSpd(n, seed + 1);
        const r = driftDecomposition(A, D);
        expect(r.relativeResidual).toBeLessThan(1e-12);
        const rec = matMul(
          D.map((v, k) => v + (r.rotation[k] as number)),
          r.potential,
          n,
        );
        let err = 0;
        let na = 0;
        for (let k = 0; k < n * n; k++) {
          err = Math.max(err, Math.abs((rec[k] as number) - (A[k] as number)));
          na = Math.max(na, Math.abs(A[k] as number));
        }
        expect(err).toBeLessThan(1e-11 * na);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect((r.rotation[i * n + j] as number) + (r.rotation[j * n + i] as number)).toBe(0);
            expect(r.potential[i * n + j]).toBe(r.potential[j * n + i]);
          }
        }
        const sigma = lyapunov(
          A,
          D.map((v) => 2 * v),
        ).solution;
        const us = matMul(r.potential, sigma, n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs((us[i * n + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-10);
      }),
      { seed: 3, numRuns: 100 },
    );
  });

  it("U's Boltzmann density is stationary: the Fokker–Planck flux −Axp − D∇p (finite differences) is divergence-free", () => {
    const n = 3;
    const A = randomStable(n, 42);
    const D = randomSpd(n, 43);
    const { potential: U, covariance: S } = driftDecomposition(A, D);
    // Points and steps on the scale of the stationary law: σ = √(tr Σ / n).
    const sd = Math.sqrt(((S[0] as number) + (S[4] as number) + (S[8] as number)) / n);
    const h = 1e-4 * sd;
    const p = (x: number[]): number => {
      let s = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += x[i]! * (U[i * n + j] as number) * x[j]!;
      return Math.exp(-s / 2);
    };
    // ∇p = −Ux p is used in closed form (it is the Boltzmann density's gradient, whatever Q is); the
    // divergence is a central difference (h = 10⁻⁴σ: its error falls as h², measured ~1e-7 relative here).
    const flux = (x: number[], withDiffusion: boolean): number[] =>
      x.map((_, i) => {
        let ax = 0;
        let dux = 0;
        for (let j = 0; j < n; j++) {
          ax += (A[i * n + j] as number) * x[j]!;
          let ux = 0;
          for (let k = 0; k < n; k++) ux += (U[j * n + k] as number) * x[k]!;
          dux += (D[i * n + j] as number) * ux;
        }
        return (-ax + (withDiffusion ? dux : 0)) * p(x);
      });
    const divergence = (x: number[], withDiffusion: boolean): number => {
      let div = 0;
      for (let i = 0; i < n; i++) {
        const e = x.slice();
        const f = x.slice();
        e[i]! += h;
        f[i]! -= h;
        div += (flux(e, withDiffusion)[i]! - flux(f, withDiffusion)[i]!) / (2 * h);
      }
      return div;
    };
    const rng = createRng(5);
    for (let t = 0; t < 10; t++) {
      const x = Array.from({ length: n }, () => sd * rng.normal());
      // The drift's divergence −tr(A)p + (Ax)ᵀUx p is a sum of terms of size |tr A|·p; the full flux's
      // cancels to the FD error.
      const trA = (A[0] as number) + (A[4] as number) + (A[8] as number);
      expect(Math.abs(divergence(x, true))).toBeLessThan(1e-5 * Math.abs(trA) * p(x));
    }
    // A wrong U (Σ⁻¹ scaled by 1.1) is not stationary: the test can fail.
    const wrong = U.map((v) => 1.1 * v);
    const x0 = [0.3 * sd, -0.5 * sd, 0.4 * sd];
    let div = 0;
    for (let i = 0; i < n; i++) {
      const fl = (x: number[]): number => {
        let ax = 0;
        let dux = 0;
        for (let j = 0; j < n; j++) {
          ax += (A[i * n + j] as number) * x[j]!;
          let ux = 0;
          for (let k = 0; k < n; k++) ux += (wrong[j * n + k] as number) * x[k]!;
          dux += (D[i * n + j] as number) * ux;
        }
        return (-ax + dux) * p(x);
      };
      const e = x0.slice();
      const f = x0.slice();
      e[i]! += h;
      f[i]! -= h;
      div += (fl(e) - fl(f)) / (2 * h);
    }
    expect(Math.abs(div)).toBeGreaterThan(1e-3 * Math.abs((A[0] as number) + (A[4] as number) + (A[8] as number)) * p(x0));
  });

  it('refuses unstable drifts, bad diffusions and bad input, naming the argument', () => {
    expect(() =>
      driftDecomposition(
        [
          [-1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/^A: expected a stable drift/);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, -2],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/^A: /);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, -1],
        ],
      ),
    ).toThrow(/^D: expected a non-zero symmetric positive semi-definite/);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ),
    ).toThrow(/^D: /);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 0],
        ],
      ),
    ).toThrow(/^D: expected noise that reaches every direction/);
    // Singular D but a rotation carries the noise everywhere: Σ ≻ 0, accepted.
    expect(
      driftDecomposition(
        [
          [1, 1],
          [-1, 1],
        ],
        [
          [1, 0],
          [0, 0],
        ],
      ).relativeResidual,
    ).toBeLessThan(1e-12);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0.5],
          [0, 1],
        ],
      ),
    ).toThrow(/^D: expected a symmetric matrix/);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [[1]],
      ),
    ).toThrow(/^D: expected a 2×2 matrix/);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        { q: 1 } as never,
      ),
    ).toThrow(/^options.q: unknown option/);
    expect(() =>
      driftDecomposition(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ).modifiedLoss([1]),
    ).toThrow(/^x: expected length 2/);
  });
});
