import { describe, expect, it } from 'vitest';
import { bandwidth } from '../../src/diffusion-maps/bandwidth';
import { createRng } from '../../src/random/rng';

const TAU = 2 * Math.PI;
const circle = (N: number): number[][] => Array.from({ length: N }, (_, i) => [Math.cos((TAU * i) / N), Math.sin((TAU * i) / N)]);

describe('bandwidth', () => {
  it("'auto': ε at the steepest point of T(ε), a curve that rises from n to n + n·k", () => {
    const N = 200;
    const r = bandwidth(circle(N));
    expect(r.rule).toBe('auto');
    expect(r.epsilon).toBe(r.curve.epsilonAtMax);
    const { epsilons, sums, slopes } = r.curve;
    for (let k = 1; k < epsilons.length; k++) {
      expect(epsilons[k]).toBeGreaterThan(epsilons[k - 1] as number);
      expect(sums[k]).toBeGreaterThanOrEqual(sums[k - 1] as number);
    }
    // the flat ends: only the diagonal at tiny ε; every kept pair (64 neighbours a point) at huge ε
    expect((sums[0] as number) / N - 1).toBeLessThan(1e-4);
    expect((sums[sums.length - 1] as number) / (N + N * 64)).toBeGreaterThan(0.95);
    // the refined maximum is at least the largest grid slope, and ε lies inside the grid
    expect(r.curve.maxSlope).toBeGreaterThanOrEqual(Math.max(...slopes) - 1e-12);
    expect(r.epsilon).toBeGreaterThan(epsilons[0] as number);
    // a circle is one-dimensional: 2 · max slope ≈ 1 (grid discreteness, well below 5 %)
    expect(Math.abs(r.dimension - 1)).toBeLessThan(0.05);
    // scale covariance: coordinates × 3 give ε × 9
    const big = bandwidth(circle(N).map((p) => p.map((x) => 3 * x)));
    expect(big.epsilon / r.epsilon).toBeCloseTo(9, 6);
  });

  it("'median' and 'kth-neighbor' against their definitions", () => {
    const N = 40; // < 65: the pairs are all pairs
    const pts = circle(N);
    const all: number[] = [];
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) all.push(2 - 2 * Math.cos((TAU * (i - j)) / N));
    all.sort((a, b) => a - b);
    const med = 0.5 * ((all[all.length / 2 - 1] as number) + (all[all.length / 2] as number));
    expect(bandwidth(pts, { rule: 'median' }).epsilon).toBeCloseTo(med, 12);
    // neighbours at offsets ±1, ±2, ±3, ±4: the 7th nearest is at offset 4 for every point
    expect(bandwidth(pts, { rule: 'kth-neighbor' }).epsilon).toBeCloseTo(2 - 2 * Math.cos((TAU * 4) / N), 12);
    expect(bandwidth(pts, { rule: 'kth-neighbor', k: 2 }).epsilon).toBeCloseTo(2 - 2 * Math.cos(TAU / N), 12);
  });

  it('kNN pairs (neighbors: k) and a noisy cloud', () => {
    const rng = createRng(9);
    const pts = Array.from({ length: 300 }, () => [rng.normal(), rng.normal(), 0.01 * rng.normal()]);
    const a = bandwidth(pts, { neighbors: 20 });
    expect(a.epsilon).toBeGreaterThan(0);
    // T(∞) counts the symmetrised kNN edges: between n·k and 2·n·k, plus the diagonal
    const last = a.curve.sums[a.curve.sums.length - 1] as number;
    expect(last).toBeGreaterThan(300 + 300 * 20 * 0.99);
    expect(last).toBeLessThan(300 + 2 * 300 * 20);
    expect(Math.abs(a.dimension - 2)).toBeLessThan(0.5); // a thin 2-D sheet (biased low by its edge)
  });

  it.each([
    ['an unknown rule', () => bandwidth(circle(10), { rule: 'mean' as 'auto' }), /options\.rule: expected one of/],
    ['k ≥ n', () => bandwidth(circle(10), { rule: 'kth-neighbor', k: 10 }), /options\.k: expected an integer in \[1, 9\]/],
    ['neighbours ≥ n', () => bandwidth(circle(10), { neighbors: 10 }), /options\.neighbors/],
    ['one point', () => bandwidth([[1, 2]]), /points: expected at least 2 points/],
    ['identical points', () => bandwidth([[1], [1], [1]]), /points: expected at least two distinct points/],
    ['NaN', () => bandwidth([[1], [NaN]]), /points: expected finite/],
    ['an unknown option', () => bandwidth(circle(10), { rul: 'auto' } as never), /options\.rul: unknown option; did you mean rule\?/],
  ])('bad input: %s', (_, f, message) => {
    expect(f).toThrow(message);
  });
});
