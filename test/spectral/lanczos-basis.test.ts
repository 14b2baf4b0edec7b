/**
 * The Krylov basis record of thick-restart Lanczos: orthonormal after appends, steps and thick
 * restarts, with its projection G satisfying B V[:, 0..c) = V[:, 0..t) G, for both schemes, on
 * random operators, with the SIMD kernels and without.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setSimdEnabled } from '../../src/core/simd-heap';
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
import { rayleighRitz, thickRestartSelection } from '../../src/spectral/rayleigh-ritz';
import { fromEigen, randomOrthogonal } from './helpers';

afterEach(() => {
  setSimdEnabled(true);
});

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

/** y = A x for a row-major n×n A. */
function matVec(a: Float64Array, n: number, x: Float64Array, y: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (a[i * n + j] as number) * (x[j] as number);
    y[i] = s;
  }
  return y;
}

/** max |VᵢᵀVⱼ − δᵢⱼ| over the basis vectors. */
function orthonormalityError(b: LanczosBasis): number {
  let err = 0;
  for (let i = 0; i < b.t; i++) {
    for (let j = 0; j <= i; j++) err = Math.max(err, Math.abs(dot(b.V[i] as Float64Array, b.V[j] as Float64Array) - (i === j ? 1 : 0)));
  }
  return err;
}

/** max over entries of |B V[:, 0..c) − V[:, 0..t) G|, relative to ‖B‖ (the invariant of the 'cgs2' basis). */
function invariantError(b: LanczosBasis, a: Float64Array, n: number, normB: number): number {
  let err = 0;
  const bv = new Float64Array(n);
  for (let j = 0; j < b.c; j++) {
    matVec(a, n, b.V[j] as Float64Array, bv);
    for (let i = 0; i < b.t; i++) {
      const g = b.G[i * b.gcap + j] as number;
      const vi = b.V[i] as Float64Array;
      for (let r = 0; r < n; r++) bv[r] = (bv[r] as number) - g * (vi[r] as number);
    }
    for (let r = 0; r < n; r++) err = Math.max(err, Math.abs(bv[r] as number));
  }
  return err / normB;
}

/** A random symmetric operator with eigenvalues in [−3, 3] (and some repeats), as a dense matrix. */
function randomSymmetric(n: number, seed: number): { a: Float64Array; norm: number } {
  const rng = rngFor('test-basis', seed);
  const lambda = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 2 : 6 * rng.uniform() - 3));
  return { a: fromEigen(lambda, randomOrthogonal(n, seed)), norm: Math.max(...lambda.map(Math.abs)) };
}

/** Lanczos steps on a 'cgs2' basis, with a random restart vector at breakdown (as the driver does). */
function steps(b: LanczosBasis, a: Float64Array, count: number, normEst: number, rng: ReturnType<typeof rngFor>): void {
  const n = b.n;
  const w = new Float64Array(n);
  for (let s = 0; s < count && b.c < b.t; s++) {
    matVec(a, n, b.V[b.c] as Float64Array, w);
    absorbProduct(b, w, normEst);
    if (b.c === b.t && b.t < n) appendRandom(b, rng);
  }
}

describe('lanczos-basis: the cgs2 basis', () => {
  // V orthonormal: DGKS keeps ‖VᵀV − I‖ at O(√t·ε) ≈ 1e-15; 1e-12 as the brief's bound. The
  // invariant B V = V G holds to rounding of the products and passes, O(t·ε·‖B‖) ≈ 1e-13·‖B‖.
  const ORTHO = 1e-12;
  const INVARIANT = 1e-12;

  it('stays orthonormal with an exact projection after appends, steps and thick restarts (property)', () => {
    let restarts = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 70 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        fc.constantFrom('largest', 'smallest', 'both', 'magnitude' as const),
        (n, seed, simd, which) => {
          setSimdEnabled(simd);
          const { a, norm } = randomSymmetric(n, seed);
          const m = Math.min(n, 4 + (seed % 12));
          const wanted = Math.max(1, Math.min(m - 2, 1 + (seed % 3)));
          const rng = rngFor('test-basis-vectors', seed);
          const b = createLanczosBasis(n, { size: m, extraVectors: 2 + wanted });
          // Two start vectors, one of them a combination of the other and a fresh one.
          const u = rng.fillNormal(new Float64Array(n));
          expect(appendVector(b, Float64Array.from(u))).toBe(true);
          if (n >= 2) {
            const v = rng.fillNormal(new Float64Array(n));
            for (let i = 0; i < n; i++) v[i] = (v[i] as number) + 3 * (u[i] as number);
            expect(appendVector(b, v)).toBe(true);
          }
          // A vector in the span is rejected, and leaves the basis as it was.
          const t0 = b.t;
          expect(appendVector(b, Float64Array.from(u))).toBe(false);
          expect(b.t).toBe(t0);
          let normEst = 0;
          for (let cycle = 0; cycle < 4; cycle++) {
            steps(b, a, Math.min(m, n) - b.c, normEst, rng);
            expect(orthonormalityError(b)).toBeLessThanOrEqual(ORTHO);
            expect(invariantError(b, a, n, norm)).toBeLessThanOrEqual(INVARIANT);
            if (b.c < Math.min(m, n) || b.c <= wanted + 1) break; // the whole space: nothing to restart
            const ritz = rayleighRitz(b, which, wanted, (_th, res, ne) => res <= 1e-8 * ne, normEst);
            normEst = ritz.normEstimate;
            const keep = thickRestartSelection(ritz, which, wanted, (_th, res, ne) => res <= 1e-8 * ne);
            const unapplied = b.t - b.c;
            restartBasis(b, ritz.values, ritz.vectors, keep);
            restarts++;
            expect(b.c).toBe(keep.length);
            expect(b.t).toBe(keep.length + unapplied);
            expect(b.keepProducts).toBe(false);
            expect(orthonormalityError(b)).toBeLessThanOrEqual(ORTHO);
            expect(invariantError(b, a, n, norm)).toBeLessThanOrEqual(INVARIANT);
            // After a restart the projection of the kept Ritz vectors is diagonal: their Ritz values.
            const h = projectedMatrix(b);
            keep.forEach((k, q) => expect(h[q * b.c + q]).toBe(ritz.values[k]));
          }
        },
      ),
      { seed: 90210, numRuns: 40 },
    );
    expect(restarts).toBeGreaterThan(40);
  });

  it('lives in the SIMD heap from dim 32, and gives the same bits without it', () => {
    const n = 48;
    const { a } = randomSymmetric(n, 3);
    const run = (): { V: number[][]; G: number[]; inHeap: boolean } => {
      const rng = rngFor('test-basis-simd', 1);
      const b = createLanczosBasis(n, { size: 12, extraVectors: 3 });
      appendRandom(b, rng);
      steps(b, a, 12, 0, rng);
      const ritz = rayleighRitz(b, 'largest', 3, () => false, 0);
      restartBasis(
        b,
        ritz.values,
        ritz.vectors,
        thickRestartSelection(ritz, 'largest', 3, () => false),
      );
      steps(b, a, 5, ritz.normEstimate, rng);
      return {
        V: b.V.slice(0, b.t).map((v) => Array.from(v)),
        G: Array.from(b.G),
        inHeap: b.heap !== undefined && (b.V[0] as Float64Array).buffer === b.heap.buffer,
      };
    };
    setSimdEnabled(true);
    const simd = run();
    setSimdEnabled(false);
    const js = run();
    expect(js.inHeap).toBe(false);
    expect(simd.V).toEqual(js.V);
    expect(simd.G).toEqual(js.G);
  });

  it('keeps the products W = B V until the first restart, and refuses vectors once it spans the space', () => {
    const n = 6;
    const { a } = randomSymmetric(n, 8);
    const rng = rngFor('test-basis-w', 0);
    const b = createLanczosBasis(n, { size: n });
    appendRandom(b, rng);
    steps(b, a, n, 0, rng);
    expect(b.c).toBe(n);
    expect(b.t).toBe(n);
    const bv = new Float64Array(n);
    for (let j = 0; j < n; j++) expect(Array.from(b.W[j] as Float64Array)).toEqual(Array.from(matVec(a, n, b.V[j] as Float64Array, bv)));
    // t = n: nothing more can be appended.
    expect(appendVector(b, rng.fillNormal(new Float64Array(n)))).toBe(false);
    expect(appendRandom(b, rng)).toBe(false);
  });
});

describe('lanczos-basis: breakdown', () => {
  it('stops at breakdown: an operator with two distinct eigenvalues spans two directions', () => {
    const n = 20;
    const d = Array.from({ length: n }, (_, i) => (i < 7 ? 1 : -2));
    const b = createLanczosBasis(n, { size: 10 });
    appendVector(b, rngFor('test-breakdown', 0).fillNormal(new Float64Array(n)));
    const w = new Float64Array(n);
    let applied = 0;
    for (let j = 0; j < 10 && b.c < b.t; j++) {
      for (let i = 0; i < n; i++) w[i] = (d[i] as number) * ((b.V[b.c] as Float64Array)[i] as number);
      applied++;
      absorbProduct(b, w, 2);
    }
    expect(applied).toBe(2);
    expect(b.c).toBe(2);
    const H = projectedMatrix(b);
    // The 2×2 projection has the two eigenvalues 1 and −2: trace −1, determinant −2 (to rounding).
    expect(Math.abs((H[0] as number) + (H[3] as number) + 1)).toBeLessThanOrEqual(1e-13);
    expect(Math.abs((H[0] as number) * (H[3] as number) - (H[1] as number) * (H[2] as number) + 2)).toBeLessThanOrEqual(1e-13);
  });
});
