import { describe, expect, it } from 'vitest';
import { empiricalCurrent, linearStationaryCurrent } from '../../src/analysis/index';
import { sampleOu } from './ou-fixture';

describe('empiricalCurrent', () => {
  it('a path around a circle: the current circulates, counter-clockwise, and integrates to the flux through a cut', () => {
    const dt = 0.001;
    const times = Array.from({ length: 6284 * 3 }, (_, k) => k * dt); // three turns
    const points = times.map((t) => [Math.cos(t), Math.sin(t)]);
    const j = empiricalCurrent(
      { points, times },
      {
        cells: [8, 8],
        domain: [
          [-1, 1],
          [-1, 1],
        ],
      },
    );
    // Σ over the column of cells x ∈ [0.75, 1] of J_y·|cell| ≈ the net flux per unit time across y = const through
    // x > 0 … easier: the total ∫ J dx = ⟨ẋ⟩ over the whole plane is 0 for a closed loop; ∫ x J_y − y J_x dx = ⟨x ẏ − y ẋ⟩ = 1.
    const cell = (2 / 8) ** 2;
    let sx = 0;
    let sy = 0;
    let ang = 0;
    for (let a = 0; a < 8; a++) {
      for (let b = 0; b < 8; b++) {
        const c = a * 8 + b;
        sx += (j.jx[c] as number) * cell;
        sy += (j.jy[c] as number) * cell;
        ang += ((j.x[a] as number) * (j.jy[c] as number) - (j.y[b] as number) * (j.jx[c] as number)) * cell;
      }
    }
    expect(Math.abs(sx)).toBeLessThan(1e-3);
    expect(Math.abs(sy)).toBeLessThan(1e-3);
    expect(ang).toBeGreaterThan(0.9); // cell-centre quadrature of ⟨x ẏ − y ẋ⟩ = 1
    expect(ang).toBeLessThan(1.1);
    expect(j.outside).toBe(0);
    const occupied = j.density.reduce((s, v) => s + v * cell, 0);
    expect(occupied).toBeCloseTo(1, 3);
  });

  it('stationary OU: the binned current matches the cell average of −QUx·p(x) within 4.5 SE', () => {
    const A = Float64Array.from([1, 1.5, -1.5, 1]);
    const D = Float64Array.from([1, 0, 0, 1]);
    const dt = 0.005;
    const n = 1_000_000;
    const { data, times } = sampleOu(A, D, 2, dt, n, 4);
    // Σ = D·(A + Aᵀ)/2⁻¹ = I here (A = I + rotation): cells over [−2, 2]².
    const cells = 4;
    const j = empiricalCurrent(
      { points: ndarrayLike(data, n), times },
      {
        cells: [cells, cells],
        domain: [
          [-2, 2],
          [-2, 2],
        ],
        batches: 50,
      },
    );
    // Reference: the cell average of J by a 12×12 midpoint rule inside each cell.
    const q = 12;
    const pts: number[][] = [];
    for (let a = 0; a < cells; a++)
      for (let b = 0; b < cells; b++) for (let u = 0; u < q; u++) for (let v = 0; v < q; v++) pts.push([-2 + a + (u + 0.5) / q, -2 + b + (v + 0.5) / q]);
    const ref = linearStationaryCurrent(A, D, pts).current;
    let worst = 0;
    for (let c = 0; c < cells * cells; c++) {
      let rx = 0;
      let ry = 0;
      for (let k = 0; k < q * q; k++) {
        rx += (ref[(c * q * q + k) * 2] as number) / (q * q);
        ry += (ref[(c * q * q + k) * 2 + 1] as number) / (q * q);
      }
      // Time-step bias of the estimator is O(Δ‖A‖) ≈ 1% of J, below the SE at this sample size (≈ 2–4%).
      expect(Math.abs((j.jx[c] as number) - rx)).toBeLessThan(4.5 * (j.jxStandardError[c] as number));
      expect(Math.abs((j.jy[c] as number) - ry)).toBeLessThan(4.5 * (j.jyStandardError[c] as number));
      worst = Math.max(worst, Math.hypot(rx, ry) / Math.hypot(j.jxStandardError[c] as number, j.jyStandardError[c] as number));
    }
    // The current is resolved, not hidden in the noise: the largest cell current is many SEs.
    expect(worst).toBeGreaterThan(10);
  });

  it('a reversible OU process has zero current within 4.5 SE', () => {
    const A = Float64Array.from([1, 0.3, 0.3, 2]);
    const D = Float64Array.from([1, 0, 0, 1]);
    const n = 300_000;
    const { data, times } = sampleOu(A, D, 2, 0.01, n, 8);
    const j = empiricalCurrent(
      { points: ndarrayLike(data, n), times },
      {
        cells: [3, 3],
        domain: [
          [-1.5, 1.5],
          [-1.5, 1.5],
        ],
        batches: 30,
      },
    );
    for (let c = 0; c < 9; c++) {
      expect(Math.abs(j.jx[c] as number)).toBeLessThan(4.5 * (j.jxStandardError[c] as number));
      expect(Math.abs(j.jy[c] as number)).toBeLessThan(4.5 * (j.jyStandardError[c] as number));
    }
  });

  it('bad input: named errors', () => {
    const times = [0, 1, 2, 3];
    const points = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    expect(() => empiricalCurrent({ points: points.map((p) => [p[0]!]), times })).toThrow(/^trajectory.points: expected dimension ≥ 2/);
    expect(() => empiricalCurrent({ points, times }, { cells: [0, 3] })).toThrow(/^options.cells\[0\]: /);
    expect(() => empiricalCurrent({ points, times }, { cells: [1e5, 1e5] })).toThrow(/^options.cells: expected nx·ny ≤/);
    expect(() =>
      empiricalCurrent(
        { points, times },
        {
          domain: [
            [1, 0],
            [0, 1],
          ],
        },
      ),
    ).toThrow(/^options.domain\[0\]: expected finite lo < hi/);
    expect(() =>
      empiricalCurrent({
        points: [
          [0, 0],
          [1, 0],
          [2, 0],
        ],
        times: [0, 1, 2],
      }),
    ).toThrow(/^trajectory.points: expected a path that spans an area/);
    expect(() => empiricalCurrent({ points, times }, { cell: [2, 2] } as never)).toThrow(/^options.cell: unknown option; did you mean cells\?/);
  });
});

function ndarrayLike(data: Float64Array, n: number): Float64Array[] {
  return Array.from({ length: n }, (_, k) => data.subarray(k * 2, k * 2 + 2));
}
