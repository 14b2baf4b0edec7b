import { describe, it, expect } from 'vitest';
import ndarray from 'ndarray';
import { sharpnessAlong } from '../../src/spectral/sharpness-along';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/rng';
import type { Objective, Trajectory } from '../../src/core/types';
import { fromEigen, randomOrthogonal } from './helpers';

const EPS = Number.EPSILON;
const d = 200;
// L(x) = ½ xᵀAx + Σ cᵢ xᵢ⁴/4: ∇L = Ax + c∘x³, ∇²L = A + diag(3cᵢxᵢ²) (exact, closed form).
const rng = createRng(400);
// Spectrum of A: 1.1 on top (a 10% gap over a bulk uniform in [0, 1]: cold Lanczos needs ~40
// steps for tol 1e-8), −0.5 at the bottom.
const A = fromEigen(
  Float64Array.from({ length: d }, (_, i) => (i < 2 ? ([1.1, -0.5][i] as number) : rng.uniform())),
  randomOrthogonal(d, 401),
);
const c = Float64Array.from({ length: d }, () => 0.5 + rng.uniform());
const objective: Objective = {
  dim: d,
  value: (x) => {
    let s = 0;
    for (let i = 0; i < d; i++) {
      let ax = 0;
      for (let j = 0; j < d; j++) ax += (A[i * d + j] as number) * (x[j] as number);
      s += 0.5 * (x[i] as number) * ax + ((c[i] as number) * (x[i] as number) ** 4) / 4;
    }
    return s;
  },
  gradient: (x, out = new Float64Array(d)) => {
    for (let i = 0; i < d; i++) {
      let ax = 0;
      for (let j = 0; j < d; j++) ax += (A[i * d + j] as number) * (x[j] as number);
      out[i] = ax + (c[i] as number) * (x[i] as number) ** 3;
    }
    return out;
  },
  hvp: (x, v, out = new Float64Array(d)) => {
    for (let i = 0; i < d; i++) {
      let av = 0;
      for (let j = 0; j < d; j++) av += (A[i * d + j] as number) * (v[j] as number);
      out[i] = av + 3 * (c[i] as number) * (x[i] as number) ** 2 * (v[i] as number);
    }
    return out;
  },
  hessian: (x) => {
    const h = Float64Array.from(A);
    for (let i = 0; i < d; i++) h[i * d + i] = (h[i * d + i] as number) + 3 * (c[i] as number) * (x[i] as number) ** 2;
    return h;
  },
};
// A smooth path x(t) = t·u + t²·w, 12 snapshots (small steps, as between recorded GD snapshots).
const u = createRng(402).fillNormal(new Float64Array(d), 0, 0.03);
const w = createRng(403).fillNormal(new Float64Array(d), 0, 0.01);
const S = 12;
const data = new Float64Array(S * d);
for (let s = 0; s < S; s++) {
  const t = s / (S - 1);
  for (let i = 0; i < d; i++) data[s * d + i] = t * (u[i] as number) + t * t * (w[i] as number);
}
const trajectory: Trajectory = {
  points: ndarray(data, [S, d]),
  times: Float64Array.from({ length: S }, (_, s) => 0.1 * s),
  losses: new Float64Array(S),
  final: data.slice((S - 1) * d),
  steps: null,
  stopReason: 'steps',
};
const exact = Array.from({ length: S }, (_, s) => symmetricEigen(objective.hessian!(data.subarray(s * d, (s + 1) * d))).values);

describe('sharpnessAlong', () => {
  const lr = 0.3;
  const r = sharpnessAlong(trajectory, objective, { which: 'both', lr, traceProbes: 40, seed: 2 });

  it('gives λ_max and λ_min equal to the dense eigenvalues at every snapshot', () => {
    expect(r.convergedEach.every(Boolean)).toBe(true);
    expect(r.convergedEach.length).toBe(S);
    expect(r.converged).toBe(true);
    expect(r.stopReason).toBe('converged');
    expect(r.times).toBe(trajectory.times);
    for (let s = 0; s < S; s++) {
      const ev = exact[s] as Float64Array;
      // Bauer–Fike (residual) plus the dense reference's rounding (~d·ε·‖H‖, ‖H‖ < 2).
      const round = 10 * d * EPS * 2;
      expect(Math.abs((r.lambdaMax[s] as number) - (ev[d - 1] as number))).toBeLessThanOrEqual((r.lambdaMaxError[s] as number) + round);
      expect(Math.abs((r.lambdaMin![s] as number) - (ev[0] as number))).toBeLessThanOrEqual((r.lambdaMinError![s] as number) + round);
      // The default tol 1e-8 ('norm' test, ‖H‖ < 2): the error bars are small.
      expect(r.lambdaMaxError[s]).toBeLessThanOrEqual(1e-8 * 2);
      expect(r.edgeOfStability![s]).toBe(((r.lambdaMax[s] as number) * lr) / 2);
    }
    // The path changes the sharpness: λ_max is not constant (the test is not vacuous).
    expect((exact[S - 1] as Float64Array)[d - 1]! - (exact[0] as Float64Array)[d - 1]!).toBeGreaterThan(1e-4);
  });

  it('uses fewer Hessian-vector products warm-started than cold', () => {
    const cold = sharpnessAlong(trajectory.points, objective, { warmStart: false, seed: 2 });
    const warm = sharpnessAlong(trajectory.points, objective, { seed: 2 });
    expect(warm.totalMatvecs).toBeLessThan(cold.totalMatvecs);
    // Every warm snapshot after the first is cheaper than its cold run.
    for (let s = 1; s < S; s++) expect(warm.matvecs[s]).toBeLessThan(cold.matvecs[s] as number);
    // Both give the same eigenvalues (each within its own error bars of the dense value).
    for (let s = 0; s < S; s++) {
      expect(Math.abs((warm.lambdaMax[s] as number) - (cold.lambdaMax[s] as number))).toBeLessThanOrEqual(
        (warm.lambdaMaxError[s] as number) + (cold.lambdaMaxError[s] as number) + 1e-12,
      );
    }
    // The first snapshot has nothing to start from: identical runs.
    expect(warm.matvecs[0]).toBe(cold.matvecs[0]);
    // Without Lanczos's missed-eigenvalue check (20 HVPs a run) it is cheaper still.
    const unchecked = sharpnessAlong(trajectory.points, objective, { seed: 2, checkMissed: false });
    expect(unchecked.totalMatvecs).toBeLessThan(warm.totalMatvecs);
    expect(Math.abs((unchecked.lambdaMax[S - 1] as number) - (warm.lambdaMax[S - 1] as number))).toBeLessThanOrEqual(
      (unchecked.lambdaMaxError[S - 1] as number) + (warm.lambdaMaxError[S - 1] as number) + 1e-12,
    );
  });

  it('estimates traces with shared probes: unbiased, and differences with a small paired error', () => {
    const tr = (s: number): number => {
      const h = objective.hessian!(data.subarray(s * d, (s + 1) * d));
      let t = 0;
      for (let i = 0; i < d; i++) t += h[i * d + i] as number;
      return t;
    };
    for (let s = 0; s < S; s++) {
      expect(Math.abs((r.trace![s] as number) - tr(s))).toBeLessThanOrEqual(5 * (r.traceStandardError![s] as number));
    }
    expect(r.traceDifferenceStandardError![0]).toBeNaN();
    let pairedSmaller = 0;
    for (let s = 1; s < S; s++) {
      const diff = (r.trace![s] as number) - (r.trace![s - 1] as number);
      const se = r.traceDifferenceStandardError![s] as number;
      // The paired difference is an unbiased estimate of the exact difference: 5 SEs (+ rounding).
      expect(Math.abs(diff - (tr(s) - tr(s - 1)))).toBeLessThanOrEqual(5 * se + 1e-12);
      // and its error is far below that of independent estimates, √(SEᵢ² + SEᵢ₋₁²).
      if (se < 0.5 * Math.hypot(r.traceStandardError![s] as number, r.traceStandardError![s - 1] as number)) pairedSmaller++;
    }
    expect(pairedSmaller).toBe(S - 1);
    expect(r.totalMatvecs).toBe(r.matvecs.reduce((t, m) => t + m, 0) + 40 * S);
  });

  it('accepts number[][] and the largest-only mode', () => {
    const rows = [Array.from(data.subarray(0, d)), Array.from(data.subarray(d, 2 * d))];
    const q = sharpnessAlong(rows, objective, { k: 2 });
    expect(q.lambdaMin).toBeNull();
    expect(q.times).toBeNull();
    expect(q.values[0]!.length).toBe(2);
    expect(Math.abs((q.values[1]![1] as number) - (exact[1] as Float64Array)[d - 2]!)).toBeLessThanOrEqual(1e-6);
  });

  it('rejects bad arguments', () => {
    expect(() => sharpnessAlong(trajectory, objective, { k: d + 1 })).toThrow(/options.k: expected an integer in \[1, 200\], received 201/);
    expect(() => sharpnessAlong(trajectory, objective, { lr: 0 })).toThrow(/options.lr: expected a positive number, received 0/);
    expect(() => sharpnessAlong(trajectory, objective, { which: 'smallest' as never })).toThrow(/options.which: expected one of 'largest', 'both'/);
    expect(() => sharpnessAlong(trajectory, objective, { checkMissed: 1 as never })).toThrow(/options.checkMissed: expected a boolean, received 1/);
    expect(() => sharpnessAlong(trajectory, objective, { traceProbes: -1 })).toThrow(/options.traceProbes: expected an integer ≥ 0, received -1/);
    expect(() => sharpnessAlong([[1, 2]], objective)).toThrow(/trajectory: expected points of dimension objective.dim = 200, received dimension 2/);
    expect(() => sharpnessAlong(5 as never, objective)).toThrow(/trajectory: expected a Trajectory or points/);
    const nanHvp = { ...objective, hvp: (_x: Float64Array, _v: Float64Array, out = new Float64Array(d)) => out.fill(Number.NaN) };
    expect(() => sharpnessAlong(trajectory, nanHvp)).toThrow(/op.apply: expected finite values, received NaN/);
    const { hvp: _h, ...noHvp } = objective;
    expect(() => sharpnessAlong(trajectory, noHvp)).toThrow(/objective.hvp: expected a function for method 'exact'/);
  });
});
