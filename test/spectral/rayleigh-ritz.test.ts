/**
 * The Rayleigh–Ritz step of thick-restart Lanczos against ml-matrix's eigen-decomposition of the
 * same projected matrix, its residual estimates against the residuals of the Ritz vectors, the
 * ranking by `which`, and the restart's choice of pairs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { rngFor } from '../../src/random/rng';
import {
  absorbProduct,
  appendRandom,
  appendVector,
  createLanczosBasis,
  projectedMatrix,
  restartBasis,
  type LanczosBasis,
} from '../../src/spectral/lanczos-basis';
import { rankRitz, rayleighRitz, ritzEstimates, ritzVectors, thickRestartSelection, type LanczosWhich } from '../../src/spectral/rayleigh-ritz';
import { eigenvaluesWithLastComponents } from '../../src/spectral/ritz-kernels';
import { fromEigen, randomOrthogonal } from './helpers';

const EPS = Number.EPSILON;
const WHICH: readonly LanczosWhich[] = ['largest', 'smallest', 'both', 'magnitude'];

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

function matVec(a: Float64Array, n: number, x: Float64Array, y: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (a[i * n + j] as number) * (x[j] as number);
    y[i] = s;
  }
  return y;
}

/** A 'cgs2' basis after `count` Lanczos steps on the row-major symmetric `a` (and one restart if asked). */
function grownBasis(a: Float64Array, n: number, m: number, count: number, seed: number, restart: boolean): LanczosBasis {
  const rng = rngFor('test-rr', seed);
  const b = createLanczosBasis(n, { size: m });
  appendRandom(b, rng);
  const w = new Float64Array(n);
  const run = (steps: number): void => {
    for (let s = 0; s < steps && b.c < b.t; s++) {
      matVec(a, n, b.V[b.c] as Float64Array, w);
      absorbProduct(b, w, 0);
      if (b.c === b.t && b.t < n) appendRandom(b, rng);
    }
  };
  run(count);
  if (restart && b.c > 3) {
    const ritz = rayleighRitz(b, 'largest', 2, () => false, 0);
    restartBasis(
      b,
      ritz.values,
      ritz.vectors,
      thickRestartSelection(ritz, 'largest', 2, () => false),
    );
    run(3);
  }
  return b;
}

describe('rayleighRitz', () => {
  it('matches ml-matrix on the projected matrix; residual estimates are the Ritz vectors’ residuals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 50 }), fc.integer({ min: 0, max: 10_000 }), fc.boolean(), fc.constantFrom(...WHICH), (n, seed, restart, which) => {
        const lambda = Array.from({ length: n }, (_, i) => 2 * Math.sin(3 * i + seed));
        const a = fromEigen(lambda, randomOrthogonal(n, seed));
        const normA = Math.max(...lambda.map(Math.abs));
        const m = Math.min(n, 6 + (seed % 10));
        const b = grownBasis(a, n, m, m - 1, seed, restart);
        const c = b.c;
        const wanted = Math.min(c, 1 + (seed % 3));
        const ritz = rayleighRitz(b, which, wanted, () => true, 0);
        // Reference: ml-matrix's symmetric decomposition of (H + Hᵀ)/2.
        const h = projectedMatrix(b);
        const sym = new Matrix(c, c);
        for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) sym.set(i, j, 0.5 * ((h[i * c + j] as number) + (h[j * c + i] as number)));
        const ref = new EigenvalueDecomposition(sym, { assumeSymmetric: true });
        const refValues = [...ref.realEigenvalues].sort((x, y) => x - y);
        expect(ritz.values.length).toBe(c);
        // Both are backward stable decompositions of the same matrix: eigenvalues agree to
        // O(c·ε·‖H‖), ‖H‖ ≤ ‖A‖; 10·c·ε·‖A‖ allows for the two QL sweeps' rounding.
        for (let k = 0; k < c; k++) {
          expect(Math.abs((ritz.values[k] as number) - (refValues[k] as number))).toBeLessThanOrEqual(10 * c * EPS * normA);
          if (k > 0) expect(ritz.values[k] as number).toBeGreaterThanOrEqual(ritz.values[k - 1] as number);
        }
        // H s = θ s with unit s, to the same rounding.
        for (let k = 0; k < c; k++) {
          const s = ritz.vectors[k] as Float64Array;
          expect(Math.abs(Math.sqrt(dot(s, s)) - 1)).toBeLessThanOrEqual(10 * c * EPS);
          for (let i = 0; i < c; i++) {
            let hs = 0;
            for (let j = 0; j < c; j++) hs += sym.get(i, j) * (s[j] as number);
            expect(Math.abs(hs - (ritz.values[k] as number) * (s[i] as number))).toBeLessThanOrEqual(10 * c * EPS * normA);
          }
        }
        // The ‖A‖ estimate is the largest |θ|; with an always-true test every wanted pair counts.
        expect(ritz.normEstimate).toBe(Math.max(...Array.from(ritz.values, Math.abs)));
        expect(ritz.converged).toBe(wanted);
        expect(rayleighRitz(b, which, wanted, () => false, 0).converged).toBe(0);
        expect(ritz.rank).toEqual(rankRitz(ritz.values, which));
        // Residual estimate of pair k = ‖A x − θ x‖ for x = V s (V orthonormal, A V = V G), up to
        // the rounding of the products: 100·c·ε·‖A‖.
        const all = Array.from({ length: c }, (_, k) => k);
        const { vectors: xs, products, stored } = ritzVectors(b, ritz, all);
        expect(stored).toBe(b.keepProducts);
        const ax = new Float64Array(n);
        for (let k = 0; k < c; k++) {
          const x = xs[k] as Float64Array;
          expect(Math.abs(Math.sqrt(dot(x, x)) - 1)).toBeLessThanOrEqual(10 * n * EPS);
          matVec(a, n, x, ax);
          if (stored)
            for (let i = 0; i < n; i++)
              expect(Math.abs((ax[i] as number) - ((products[k] as Float64Array)[i] as number))).toBeLessThanOrEqual(100 * c * EPS * normA);
          const th = ritz.values[k] as number;
          let r = 0;
          for (let i = 0; i < n; i++) r += ((ax[i] as number) - th * (x[i] as number)) ** 2;
          expect(Math.abs(Math.sqrt(r) - (ritz.residuals[k] as number))).toBeLessThanOrEqual(100 * c * EPS * normA);
        }
      }),
      { seed: 2718, numRuns: 40 },
    );
  });

  it('an empty basis gives an empty decomposition and keeps the norm estimate', () => {
    const b = createLanczosBasis(5, { size: 5 });
    const ritz = rayleighRitz(b, 'largest', 2, () => true, 3.5);
    expect(ritz.values.length).toBe(0);
    expect(ritz.rank).toEqual([]);
    expect(ritz.converged).toBe(0);
    expect(ritz.normEstimate).toBe(3.5);
  });
});

describe('rankRitz and thickRestartSelection', () => {
  const theta = Float64Array.from([-5, -1, 0.5, 2, 4]);

  it('ranks by which', () => {
    expect(rankRitz(theta, 'largest')).toEqual([4, 3, 2, 1, 0]);
    expect(rankRitz(theta, 'smallest')).toEqual([0, 1, 2, 3, 4]);
    expect(rankRitz(theta, 'magnitude')).toEqual([0, 4, 3, 1, 2]);
    expect(rankRitz(theta, 'both')).toEqual([0, 4, 1, 3, 2]);
    // A tie in |θ|: the higher index (the positive value) first.
    expect(rankRitz(Float64Array.from([-2, 1, 2]), 'magnitude')).toEqual([2, 0, 1]);
  });

  it('keeps the wanted pairs, then the converged other end, within c − 1 and ⌊(c − k′)/2⌋ extra', () => {
    const c = 10;
    const values = Float64Array.from({ length: c }, (_, i) => i);
    const ritz = (converged: number, residuals: number[]): Parameters<typeof thickRestartSelection>[0] => ({
      values,
      vectors: [],
      residuals: Float64Array.from(residuals),
      rank: rankRitz(values, 'largest'),
      converged,
      normEstimate: 9,
      hasVectors: false,
    });
    const test = (_th: number, res: number): boolean => res === 0;
    // Nothing converged: only the 3 wanted.
    expect(thickRestartSelection(ritz(0, new Array<number>(c).fill(1)), 'largest', 3, test)).toEqual([9, 8, 7]);
    // The two bottom pairs converged (the other end): kept after the wanted ones, deflating it.
    const bottom = [0, 0, ...new Array<number>(c - 2).fill(1)];
    expect(thickRestartSelection(ritz(0, bottom), 'largest', 3, test)).toEqual([9, 8, 7, 1, 0]);
    // Two wanted converged and room left: ARPACK's count of more wanted ones (extra = ⌊7/2⌋ = 3).
    const top = [...new Array<number>(c - 2).fill(1), 0, 0];
    expect(thickRestartSelection(ritz(2, top), 'largest', 3, test)).toEqual([9, 8, 7, 6, 5]);
    // Everything converged: 3 + ⌊7/2⌋ = 6 kept, the other end first.
    const keep = thickRestartSelection(ritz(3, new Array<number>(c).fill(0)), 'largest', 3, test);
    expect(keep).toEqual([9, 8, 7, 2, 1, 0]);
    // 'both' and 'magnitude' take no other end.
    const both = { ...ritz(0, new Array<number>(c).fill(0)), rank: rankRitz(values, 'both') };
    expect(thickRestartSelection(both, 'both', 4, test)).toEqual([0, 9, 1, 8]);
    // c = k′ + 1: one fewer than c.
    const small = { ...ritz(0, [1, 1, 1, 1]), values: Float64Array.from([0, 1, 2, 3]), rank: [3, 2, 1, 0] };
    expect(thickRestartSelection(small, 'largest', 3, test)).toEqual([3, 2, 1]);
  });
});

describe('ritzEstimates (the structured kernel of the convergence checks)', () => {
  it('matches rayleighRitz in values, residual estimates, ranking and count, also after a restart (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 60 }), fc.integer({ min: 0, max: 10_000 }), fc.boolean(), fc.constantFrom(...WHICH), (n, seed, restart, which) => {
        const lambda = Array.from({ length: n }, (_, i) => 3 * Math.cos(5 * i + seed) + (i % 4 === 0 ? 2 : 0));
        const a = fromEigen(lambda, randomOrthogonal(n, seed));
        const normA = Math.max(...lambda.map(Math.abs));
        const m = Math.min(n, 8 + (seed % 12));
        const b = grownBasis(a, n, m, m - 1, seed, restart);
        const wanted = Math.min(b.c, 1 + (seed % 3));
        const tol = (seed % 5) * 1e-3;
        const test = (_th: number, res: number, nrm: number): boolean => res <= tol * nrm;
        const light = ritzEstimates(b, which, wanted, test, 0);
        // It applies exactly when one unapplied vector couples through its last column only.
        const applies = b.c >= 2 && b.t === b.c + 1 && Array.from({ length: b.c - 1 }, (_, j) => b.G[b.c * b.gcap + j]).every((g) => g === 0);
        expect(light !== null).toBe(applies);
        if (light === null) return;
        const full = rayleighRitz(b, which, wanted, test, 0);
        expect(light.hasVectors).toBe(false);
        expect(full.hasVectors).toBe(true);
        // Both are backward stable decompositions of the same (H + Hᵀ)/2: values within ~c·ε·‖H‖.
        const c = b.c;
        for (let k = 0; k < c; k++) {
          expect(Math.abs((light.values[k] as number) - (full.values[k] as number))).toBeLessThanOrEqual(100 * c * EPS * normA);
          // |β s_last| against ‖G_bottom s‖: the same up to the eigenvector's rounding, ~c·ε/gap.
          expect(Math.abs((light.residuals[k] as number) - (full.residuals[k] as number))).toBeLessThanOrEqual(1e-8 * normA);
        }
        expect(light.rank).toEqual(full.rank);
        expect(Math.abs(light.normEstimate - full.normEstimate)).toBeLessThanOrEqual(100 * c * EPS * normA);
      }),
      { seed: 20261201, numRuns: 100 },
    );
  });

  it('after a restart: the dense block is reduced once a cycle, then O(c²) checks agree with rayleighRitz; an appended direction starts a new block', () => {
    const n = 120;
    const lambda = Array.from({ length: n }, (_, i) => (i < 4 ? 9 - i : 2 * Math.sin(7 * i)));
    const a = fromEigen(lambda, randomOrthogonal(n, 11));
    const rng = rngFor('test-rr-chain', 1);
    const b = createLanczosBasis(n, { size: 40 });
    appendRandom(b, rng);
    const w = new Float64Array(n);
    const step = (): void => {
      matVec(a, n, b.V[b.c] as Float64Array, w);
      absorbProduct(b, w, 0);
    };
    const test = (_th: number, res: number, nrm: number): boolean => res <= 1e-6 * nrm;
    const agree = (): void => {
      const light = ritzEstimates(b, 'largest', 4, test, 0);
      expect(light).not.toBeNull();
      if (light === null) return;
      const full = rayleighRitz(b, 'largest', 4, test, 0);
      for (let k = 0; k < b.c; k++) {
        expect(Math.abs((light.values[k] as number) - (full.values[k] as number))).toBeLessThanOrEqual(100 * b.c * EPS * 9);
        expect(Math.abs((light.residuals[k] as number) - (full.residuals[k] as number))).toBeLessThanOrEqual(1e-8 * 9);
      }
      expect(light.rank).toEqual(full.rank);
      expect(light.converged).toBe(full.converged);
    };
    for (let s = 0; s < 30; s++) step();
    // One chain from the start: a block of one vector.
    expect(b.lastDense).toBe(0);
    agree();
    const ritz = rayleighRitz(b, 'largest', 4, test, 0);
    restartBasis(b, ritz.values, ritz.vectors, thickRestartSelection(ritz, 'largest', 4, test));
    const l = b.c;
    expect(b.lastDense).toBe(l); // the kept Ritz vectors and the residual vector (the arrow)
    expect(b.reducedBlock).toBeNull();
    step();
    for (let s = 0; s < 12; s++) {
      step();
      agree();
      // The block H[0..l] reduced once and kept while the chain grows.
      expect(b.reducedBlock?.p).toBe(l);
    }
    const kept = b.reducedBlock;
    step();
    agree();
    expect(b.reducedBlock).toBe(kept);
    // An appended direction (as the missed-eigenvalue check appends) leaves two unapplied vectors:
    // no single chain, so no structured estimate (rayleighRitz is used).
    expect(appendVector(b, rng.fillNormal(new Float64Array(n)))).toBe(true);
    expect(b.lastDense).toBe(b.t - 1);
    for (let s = 0; s < 3; s++) {
      step();
      expect(ritzEstimates(b, 'largest', 4, test, 0)).toBeNull();
    }
  });

  it('a breakdown (an invariant subspace) continues from a fresh vector: the block extends to it and is reduced anew', () => {
    // A = diag(B₅, C), the start vector inside B's block: after 5 steps the chain breaks down,
    // a random vector ⊥ V continues it, and the chain after it is clean again.
    const n = 60;
    const a = new Float64Array(n * n);
    const q5 = fromEigen([3, 2.5, 1, -1, -2], randomOrthogonal(5, 3));
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) a[i * n + j] = q5[i * 5 + j] as number;
    const qc = fromEigen(
      Array.from({ length: n - 5 }, (_, i) => 4 * Math.cos(i)),
      randomOrthogonal(n - 5, 4),
    );
    for (let i = 0; i < n - 5; i++) for (let j = 0; j < n - 5; j++) a[(i + 5) * n + j + 5] = qc[i * (n - 5) + j] as number;
    const rng = rngFor('test-rr-breakdown', 2);
    const b = createLanczosBasis(n, { size: 40 });
    appendVector(
      b,
      Float64Array.from({ length: n }, (_, i) => (i < 5 ? 1 + i : 0)),
    );
    const w = new Float64Array(n);
    const test = (): boolean => false;
    for (let s = 0; s < 20; s++) {
      matVec(a, n, b.V[b.c] as Float64Array, w);
      absorbProduct(b, w, 0);
      if (b.c === b.t) appendRandom(b, rng);
      if (b.c >= 2 && b.t === b.c + 1) {
        const light = ritzEstimates(b, 'both', 4, test, 0);
        const full = rayleighRitz(b, 'both', 4, test, 0);
        expect(light).not.toBeNull();
        for (let k = 0; k < b.c; k++) {
          expect(Math.abs((light?.values[k] as number) - (full.values[k] as number))).toBeLessThanOrEqual(100 * b.c * EPS * 4);
          expect(Math.abs((light?.residuals[k] as number) - (full.residuals[k] as number))).toBeLessThanOrEqual(1e-8 * 4);
        }
      }
    }
    // The fresh vector after the breakdown is index 5: the block H[0..5], then a chain.
    expect(b.lastDense).toBe(5);
    expect(b.reducedBlock?.p).toBe(5);
  });

  it('eigenvaluesWithLastComponents keeps a row tail below √ε of the row (no cancellation in its norm)', () => {
    // The path graph 0 — 1 — 2 with a weak edge e between 0 and 2: the reflection of row 2 must
    // remove e although e² vanishes beside 1 (e < √ε), else d and e of T are read as if e were 0
    // and λ_max = √2 (eigenvector (½, 1/√2, ½)) moves by 2·e·½·½ = e/2 to first order. Embedded
    // in a larger matrix (a diagonal block in front) too, so that the row is not the first reduced.
    for (const e of [1e-12, 1e-9, 3e-9]) {
      for (const pad of [0, 4]) {
        const c = pad + 3;
        const h = new Float64Array(c * c);
        for (let i = 0; i < pad; i++) h[i * c + i] = -1 - i;
        const set = (i: number, j: number, x: number): void => {
          h[(pad + i) * c + pad + j] = x;
          h[(pad + j) * c + pad + i] = x;
        };
        set(0, 1, 1);
        set(1, 2, 1);
        set(0, 2, e);
        // Exact eigenvalues of the 3×3 block [[0,1,e],[1,0,1],[e,1,0]]: −e, and (e ± √(e² + 8))/2.
        const r = Math.sqrt(e * e + 8);
        const want = [...Array.from({ length: pad }, (_, i) => -1 - i), (e - r) / 2, -e, (e + r) / 2].sort((a, b) => a - b);
        const got = eigenvaluesWithLastComponents(h, c);
        // 100·c·ε·‖H‖ (‖H‖ ≤ max(pad, 2)) against the old error e/2 ≥ 5e-13.
        want.forEach((x, k) => expect(Math.abs((got.values[k] as number) - x)).toBeLessThanOrEqual(100 * c * EPS * Math.max(pad, 2)));
      }
    }
  });

  it('eigenvaluesWithLastComponents against ml-matrix on random symmetric matrices (sizes 1–40)', () => {
    const rng = rngFor('test-rk', 1);
    for (const c of [1, 2, 3, 7, 40]) {
      const h = new Float64Array(c * c);
      for (let i = 0; i < c; i++)
        for (let j = 0; j <= i; j++) {
          const x = rng.normal();
          h[i * c + j] = x;
          h[j * c + i] = x;
        }
      const sym = new Matrix(c, c);
      for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) sym.set(i, j, h[i * c + j] as number);
      const ref = new EigenvalueDecomposition(sym, { assumeSymmetric: true });
      const order = ref.realEigenvalues.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
      const got = eigenvaluesWithLastComponents(Float64Array.from(h), c);
      order.forEach(([v, i], k) => {
        expect(Math.abs((got.values[k] as number) - v)).toBeLessThanOrEqual(100 * c * EPS * 4);
        // Random Gaussian symmetric matrices have gaps ≫ 1e-6 here: components agree to ~ε/gap.
        expect(Math.abs(Math.abs(got.last[k] as number) - Math.abs(ref.eigenvectorMatrix.get(c - 1, i)))).toBeLessThanOrEqual(1e-9);
      });
    }
  });
});
