import { describe, expect, it } from 'vitest';
import { arealVelocity, driftDecomposition } from '../../src/analysis/index';
import { matMul, sampleOu, transpose } from './ou-fixture';

describe('arealVelocity', () => {
  it('a unit circle at angular speed ω sweeps area ω/2 per unit time (exactly sin(ωΔ)/(2Δ) for chords)', () => {
    const dt = 0.01;
    for (const omega of [1, -2.5]) {
      const times = Array.from({ length: 1001 }, (_, k) => k * dt);
      const points = times.map((t) => [Math.cos(omega * t), Math.sin(omega * t), 7]);
      const r = arealVelocity({ points, times }, { center: [0, 0, 7] });
      expect(r.matrix![1]).toBeCloseTo(Math.sin(omega * dt) / (2 * dt), 12); // plane (0, 1)
      expect(r.matrix![3]).toBeCloseTo(-(r.matrix![1] as number), 14); // antisymmetric
      expect(r.matrix![2]).toBeCloseTo(0, 12); // (0, 2): the third coordinate is constant, at the centre
      const pl = arealVelocity({ points, times }, { plane: [1, 0], center: [0, 0, 0] });
      expect(pl.plane).toBeCloseTo(-Math.sin(omega * dt) / (2 * dt), 12);
      expect(pl.matrix).toBeNull();
    }
  });

  it('stationary OU: the estimate matches its exact finite-Δ mean ½(ΣMᵀ − MΣ)/Δ within 4.5 SE, and Q of driftDecomposition to O(Δ)', () => {
    const A = Float64Array.from([1, 2, -0.5, -1.5, 1.2, 0.3, 0.4, -0.2, 0.8]);
    const D = Float64Array.from([0.5, 0.1, 0, 0.1, 0.3, 0.05, 0, 0.05, 0.4]);
    const d = 3;
    const dt = 0.02;
    const { rotation: Q } = driftDecomposition(A, D);
    for (const seed of [1, 2]) {
      const { data, times, M, sigma } = sampleOu(A, D, d, dt, 300_000, seed);
      const points = Array.from({ length: 300_000 }, (_, k) => data.subarray(k * d, (k + 1) * d));
      const r = arealVelocity({ points, times }, { center: [0, 0, 0], batches: 50 });
      const sMt = matMul(sigma, transpose(M, d), d);
      const mS = matMul(M, sigma, d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          if (i === j) continue;
          const e = i * d + j;
          const exact = ((sMt[e] as number) - (mS[e] as number)) / (2 * dt);
          // Batch means over 50 blocks of 6000 steps (≫ the relaxation time 1/min Re λ ≈ 1.6 = 80 steps).
          expect(Math.abs((r.matrix![e] as number) - exact)).toBeLessThan(4.5 * (r.standardError![e] as number));
          // The finite-Δ mean is Q + O(Δ‖A‖·‖Q‖).
          expect(Math.abs(exact - (Q[e] as number))).toBeLessThan(0.1 * Math.max(...Array.from(Q, Math.abs)));
        }
      }
      // The SE is small enough to resolve the rotation: |Q₀₁| ≫ 4.5 SE.
      expect(Math.abs(Q[1] as number)).toBeGreaterThan(10 * 4.5 * (r.standardError![1] as number));
    }
  });

  it('a reversible process (gradient drift, Q = 0) has zero areal velocity within 4.5 SE', () => {
    const A = Float64Array.from([2, 1, 0.5, 2]); // = D U with D = diag(2, 1), U = [[1, 0.5], [0.5, 2]]
    const D = Float64Array.from([2, 0, 0, 1]);
    const { data, times } = sampleOu(A, D, 2, 0.02, 200_000, 3);
    const points = Array.from({ length: 200_000 }, (_, k) => data.subarray(k * 2, k * 2 + 2));
    const r = arealVelocity({ points, times }, { plane: [0, 1], center: [0, 0], batches: 40 });
    expect(Math.abs(r.plane!)).toBeLessThan(4.5 * r.planeStandardError!);
  });

  it('ensembles pool runs; the default centre is the mean', () => {
    const times = [0, 1, 2, 3];
    const a = {
      points: [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ],
      times,
    };
    const b = {
      points: [
        [11, 10],
        [10, 11],
        [9, 10],
        [10, 9],
      ],
      times,
    };
    const both = arealVelocity([a, b], { plane: [0, 1], center: [0, 0] });
    expect(both.duration).toBe(6);
    const own = arealVelocity(b, { plane: [0, 1] });
    expect(Array.from(own.center)).toEqual([10, 10]);
    expect(own.plane).toBeCloseTo(0.5, 14); // three quarter-turns of unit chords: area 1/2 each, per unit time
  });

  it('bad input: named errors', () => {
    const times = [0, 1, 2, 3];
    const points = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    expect(() => arealVelocity({ points, times }, { plane: [0, 0] })).toThrow(/^options.plane: expected two distinct/);
    expect(() => arealVelocity({ points, times }, { plane: [0, 2] })).toThrow(/^options.plane: expected coordinate indices in \[0, 1\]/);
    expect(() => arealVelocity({ points, times }, { center: [0] })).toThrow(/^options.center: /);
    expect(() => arealVelocity({ points, times }, { batches: 10 })).toThrow(/^options.batches: /);
    expect(() => arealVelocity({ points: points.slice(0, 2), times: times.slice(0, 2) })).toThrow(/^trajectory.points: expected at least 3 snapshots/);
    expect(() => arealVelocity({ points, times }, { centre: [0, 0] } as never)).toThrow(/^options.centre: unknown option; did you mean center\?/);
  });
});
