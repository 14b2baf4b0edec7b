import { describe, expect, it } from 'vitest';
import { driftDecomposition, linearStationaryCurrent } from '../../src/analysis/index';

describe('linearStationaryCurrent', () => {
  it('J = −Axp − D∇p with p = N(0, Σ), evaluated directly (∇p = −Σ⁻¹x p), and ∫ p = 1 (normalised)', () => {
    const A = [
      [1.2, 0.7, 0],
      [-0.4, 0.9, 0.2],
      [0.1, -0.3, 1.5],
    ];
    const D = [
      [0.6, 0.1, 0],
      [0.1, 0.4, 0],
      [0, 0, 0.8],
    ];
    const dec = driftDecomposition(A, D);
    const x = [
      [0.3, -0.2, 0.5],
      [0, 0, 0],
      [-1, 0.4, 0.2],
    ];
    const r = linearStationaryCurrent(A, D, x);
    const U = dec.potential;
    const S = dec.covariance;
    const det =
      (S[0] as number) * ((S[4] as number) * (S[8] as number) - (S[5] as number) * (S[7] as number)) -
      (S[1] as number) * ((S[3] as number) * (S[8] as number) - (S[5] as number) * (S[6] as number)) +
      (S[2] as number) * ((S[3] as number) * (S[7] as number) - (S[4] as number) * (S[6] as number));
    x.forEach((p, m) => {
      let quad = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) quad += p[i]! * (U[i * 3 + j] as number) * p[j]!;
      const dens = Math.exp(-quad / 2) / Math.sqrt((2 * Math.PI) ** 3 * det);
      expect(r.density[m]).toBeCloseTo(dens, 13);
      for (let i = 0; i < 3; i++) {
        let ax = 0;
        let dgrad = 0;
        for (let j = 0; j < 3; j++) {
          ax += A[i]![j]! * p[j]!;
          let ux = 0;
          for (let k = 0; k < 3; k++) ux += (U[j * 3 + k] as number) * p[k]!;
          dgrad += D[i]![j]! * -ux * dens;
        }
        expect(r.current[m * 3 + i]).toBeCloseTo(-ax * dens - dgrad, 13);
      }
    });
    expect(Array.from(r.current.subarray(3, 6))).toEqual([0, 0, 0]);
  });

  it('bad input: named errors', () => {
    expect(() =>
      linearStationaryCurrent(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        [[1, 2, 3]],
      ),
    ).toThrow(/^points: expected points of dimension 2/);
    expect(() =>
      linearStationaryCurrent(
        [
          [1, 0],
          [0, -1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        [[1, 2]],
      ),
    ).toThrow(/^A: /);
    expect(() =>
      linearStationaryCurrent(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        [],
      ),
    ).toThrow(/^points: /);
  });
});
