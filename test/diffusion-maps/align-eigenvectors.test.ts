import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { alignEigenvectors } from '../../src/diffusion-maps/align-eigenvectors';
import { diffusionMap } from '../../src/diffusion-maps/diffusion-map';
import { createRng } from '../../src/random/rng';

describe('alignEigenvectors', () => {
  it('recovers any permutation and sign flips of orthonormal columns exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), (c, seed) => {
        const n = 30;
        const rng = createRng(seed);
        // orthonormal columns by Gram–Schmidt of random vectors
        const cols: Float64Array[] = [];
        while (cols.length < c) {
          const v = Float64Array.from({ length: n }, () => rng.normal());
          for (const u of cols) {
            let d = 0;
            for (let i = 0; i < n; i++) d += (u[i] as number) * (v[i] as number);
            for (let i = 0; i < n; i++) v[i] = (v[i] as number) - d * (u[i] as number);
          }
          let s = 0;
          for (let i = 0; i < n; i++) s += (v[i] as number) ** 2;
          for (let i = 0; i < n; i++) v[i] = (v[i] as number) / Math.sqrt(s);
          cols.push(v);
        }
        const perm = Array.from({ length: c }, (_, i) => i);
        for (let i = c - 1; i > 0; i--) {
          const j = rng.integer(i + 1);
          [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
        }
        const sg = perm.map(() => (rng.uniform() < 0.5 ? -1 : 1));
        const A = new Float64Array(n * c);
        const B = new Float64Array(n * c);
        for (let i = 0; i < n; i++) {
          for (let r = 0; r < c; r++) {
            A[i * c + r] = (cols[r] as Float64Array)[i] as number;
            B[i * c + (perm[r] as number)] = (sg[r] as number) * ((cols[r] as Float64Array)[i] as number);
          }
        }
        const res = alignEigenvectors(ndarray(A, [n, c]), ndarray(B, [n, c]));
        expect(Array.from(res.order)).toEqual(perm);
        expect(Array.from(res.signs)).toEqual(sg);
        expect(res.minOverlap).toBeCloseTo(1, 12);
        for (let p = 0; p < n * c; p++) expect(res.aligned.data[p]).toBeCloseTo(A[p] as number, 12);
      }),
      { seed: 5, numRuns: 40 },
    );
  });

  it('matches two diffusion maps (their results directly), with unmatched columns and weights', () => {
    const rng = createRng(2);
    const pts = Array.from({ length: 200 }, () => {
      const t = 3 * Math.PI * rng.uniform();
      return [t * Math.cos(t), t * Math.sin(t), rng.uniform()];
    });
    const a = diffusionMap(pts, { components: 4, seed: 1 });
    const b = diffusionMap(pts, { components: 3, seed: 2, epsilon: a.epsilon * 1.1 });
    const r = alignEigenvectors(a, b, { weights: a.stationary });
    expect(Array.from(r.order)).toEqual([0, 1, 2, -1]);
    expect(r.signs[3]).toBe(0);
    expect(r.overlaps[0]).toBeGreaterThan(0.99);
    expect(r.minOverlap).toBe(0);
  });

  it.each([
    ['rows differ', () => alignEigenvectors([[1], [2]], [[1], [2], [3]]), /target: expected 2 rows/],
    ['a non-positive weight', () => alignEigenvectors([[1], [2]], [[1], [2]], { weights: [1, 0] }), /options\.weights: expected positive weights/],
    ['weights of the wrong length', () => alignEigenvectors([[1], [2]], [[1], [2]], { weights: [1] }), /options\.weights: expected length 2/],
    ['NaN', () => alignEigenvectors([[NaN]], [[1]]), /reference: expected finite/],
    ['an unknown option', () => alignEigenvectors([[1]], [[1]], { weight: [1] } as never), /options\.weight: unknown option; did you mean weights\?/],
  ])('bad input: %s', (_, f, message) => {
    expect(f).toThrow(message);
  });
});
