import { describe, expect, it } from 'vitest';
import { diffusionExponent } from '../../src/analysis/index';
import { createRng } from '../../src/random/rng';

/** R runs of n snapshots of a d-dimensional process x_{k+1} = a·x_k + s·ξ_k (a = 1: Brownian motion), x_0 = s0·ξ. */
function ar1Runs(R: number, n: number, d: number, a: number, s: number, s0: number, dt: number, seed: number) {
  const rng = createRng(seed);
  const times = Float64Array.from({ length: n }, (_, k) => k * dt);
  return Array.from({ length: R }, () => {
    const data = new Float64Array(n * d);
    for (let c = 0; c < d; c++) data[c] = s0 * rng.normal();
    for (let k = 1; k < n; k++) for (let c = 0; c < d; c++) data[k * d + c] = a * (data[(k - 1) * d + c] as number) + s * rng.normal();
    return { points: Array.from({ length: n }, (_, k) => data.subarray(k * d, (k + 1) * d)), times };
  });
}

describe('diffusionExponent', () => {
  it('a ballistic path has exponent 2 and prefactor ‖v‖², exactly; a constant drift plus a start offset does not change it at lag', () => {
    const times = Array.from({ length: 500 }, (_, k) => 0.1 * k);
    const points = times.map((t) => [0.5 * t, -t, 2 * t]);
    const r = diffusionExponent({ points, times });
    expect(r.exponent).toBeCloseTo(2, 12);
    expect(r.prefactor).toBeCloseTo(0.25 + 1 + 4, 10);
    expect(r.r2).toBeCloseTo(1, 12);
    expect(r.interval).toBe('regression');
    const lag = diffusionExponent({ points: points.map((p) => [p[0]! + 3, p[1]!, p[2]!]), times }, { average: 'lag' });
    expect(lag.exponent).toBeCloseTo(2, 12);
    // Step axis: τ = k, so MSD = 5.25·(0.1 k)² and the prefactor is 0.0525.
    const st = diffusionExponent({ points, times, steps: times.map((_, k) => k) }, { axis: 'step' });
    expect(st.prefactor).toBeCloseTo(0.0525, 10);
  });

  it('Brownian motion has exponent 1: the ensemble estimate is within its jackknife interval, for three seeds', () => {
    for (const seed of [1, 2, 3]) {
      const runs = ar1Runs(40, 1000, 3, 1, Math.sqrt(0.01), 0, 0.01, seed);
      const r = diffusionExponent(runs);
      expect(r.interval).toBe('jackknife');
      expect(r.runs).toBe(40);
      // 4.5 jackknife standard errors (the 95% interval alone would fail one seed in 20).
      expect(Math.abs(r.exponent - 1)).toBeLessThan(4.5 * r.standardError);
      expect(r.standardError).toBeLessThan(0.05); // informative, not vacuous
      expect(r.ci95[0]).toBeCloseTo(r.exponent - 2.0226909 * r.standardError, 6); // t_{0.975, 39}
      // MSD(t) = d·t for unit diffusion per coordinate (variance t): prefactor ≈ 3.
      expect(Math.abs(Math.log(r.prefactor / 3))).toBeLessThan(0.25);
    }
  });

  it('jackknife coverage over 200 ensembles of Brownian motion is near 95% (88–99%: 200 draws, SE 1.5%)', () => {
    let covered = 0;
    const reps = 200;
    for (let rep = 0; rep < reps; rep++) {
      const r = diffusionExponent(ar1Runs(12, 200, 1, 1, 1, 0, 1, 1000 + rep), { fitRange: [1, 199] });
      if (r.ci95[0] <= 1 && 1 <= r.ci95[1]) covered++;
    }
    // Binomial SE at p = 0.95, n = 200 is 1.5%; the jackknife over 12 runs is slightly liberal. 88%
    // is ~4.5 SE below 95%: a broken interval (e.g. the OLS one, which covers far less) fails.
    expect(covered / reps).toBeGreaterThan(0.88);
    expect(covered / reps).toBeLessThanOrEqual(0.995);
  });

  it('Brownian motion from one run with lag averaging is close to 1; the one-run OLS interval is labelled as such', () => {
    const [run] = ar1Runs(1, 20000, 2, 1, 1, 0, 1, 9);
    const r = diffusionExponent(run!, { average: 'lag', fitRange: [1, 2000] });
    expect(Math.abs(r.exponent - 1)).toBeLessThan(0.1);
    expect(r.interval).toBe('regression');
  });

  it('an Ornstein–Uhlenbeck process has exponent → 0 at long times (and 1 at short times)', () => {
    // x_{k+1} = e^{−Δ} x_k + √(1 − e^{−2Δ}) ξ: unit stationary variance, relaxation time 1, started stationary.
    const dt = 0.05;
    const a = Math.exp(-dt);
    const runs = ar1Runs(60, 4001, 2, a, Math.sqrt(1 - a * a), 1, dt, 5);
    const late = diffusionExponent(runs, { fitRange: [20, 200] });
    expect(Math.abs(late.exponent)).toBeLessThan(4.5 * late.standardError);
    expect(late.standardError).toBeLessThan(0.04); // ≈ 0.025 measured: 0 is told apart from 1 by ~40 SE
    // MSD → 2·d·Var = 4 on the plateau. Its mean over the fitted lags (τ ≫ 1: the x_k nearly
    // independent) is ≈ Σ_c (mean x_k² + x_0²), whose noise is dominated by the 120 shared x_0²
    // (SE √(2/120)·... ≈ 0.13 in all): 0.6 is ≈ 4.5 SE.
    const plateau = late.msd.reduce((s, v) => s + v, 0) / late.msd.length;
    expect(Math.abs(plateau - 4)).toBeLessThan(0.6);
    // Short times: the exact MSD 4(1 − e^{−τ}) has a log-log slope just below 1; the least-squares slope
    // of the exact curve at the fitted lags must lie within 4.5 jackknife standard errors.
    const early = diffusionExponent(runs, { fitRange: [0.05, 0.5] });
    const lx = Array.from(early.lags, Math.log);
    const ly = Array.from(early.lags, (t) => Math.log(4 * (1 - Math.exp(-t))));
    const mx = lx.reduce((a, b) => a + b) / lx.length;
    const my = ly.reduce((a, b) => a + b) / ly.length;
    const exactSlope = lx.reduce((s, x, i) => s + (x - mx) * (ly[i]! - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(exactSlope).toBeGreaterThan(0.8);
    expect(Math.abs(early.exponent - exactSlope)).toBeLessThan(4.5 * early.standardError);
  });

  it('thins to log-spaced lags: at most `points`, strictly increasing, spanning the range', () => {
    const runs = ar1Runs(3, 5000, 1, 1, 1, 0, 1, 2);
    const r = diffusionExponent(runs, { points: 30 });
    expect(r.lags.length).toBeLessThanOrEqual(30);
    expect(r.lags[0]).toBe(1);
    expect(r.lags[r.lags.length - 1]).toBe(4999);
    for (let i = 1; i < r.lags.length; i++) expect(r.lags[i]).toBeGreaterThan(r.lags[i - 1]!);
  });

  it('bad input: named errors', () => {
    const times = [0, 1, 2, 3, 4];
    const points = times.map((t) => [t]);
    expect(() => diffusionExponent({ points, times }, { fitRange: [3, 3.5] })).toThrow(/^options.fitRange: expected at least 3 snapshot lags/);
    expect(() => diffusionExponent({ points, times }, { fitRange: [2, 1] })).toThrow(/^options.fitRange: /);
    expect(() => diffusionExponent({ points, times }, { fitRange: [NaN, 1] })).toThrow(/^options.fitRange: /);
    expect(() => diffusionExponent({ points: times.map(() => [1]), times })).toThrow(/^trajectory: expected a positive, finite mean squared displacement/);
    expect(() => diffusionExponent({ points, times: [0, 1, 1, 2, 3] })).toThrow(/^trajectory.times: expected strictly increasing/);
    expect(() => diffusionExponent({ points, times: [0, 1, 2] })).toThrow(/^trajectory.times: expected length 5/);
    expect(() => diffusionExponent({ points: [[0], [NaN], [1]], times: [0, 1, 2] })).toThrow(/^trajectory.points: /);
    expect(() => diffusionExponent([])).toThrow(/^trajectory: expected a Trajectory or a non-empty array/);
    expect(() =>
      diffusionExponent([
        { points, times },
        { points: points.slice(1), times: times.slice(1) },
      ]),
    ).toThrow(/^trajectory\[1\].points: expected shape \[5, 1\]/);
    expect(() =>
      diffusionExponent([
        { points, times },
        { points, times: [0, 2, 3, 4, 5] },
      ]),
    ).toThrow(/^trajectory\[1\].times: expected the snapshot times of run 0/);
    expect(() => diffusionExponent({ points, times }, { axis: 'step' })).toThrow(/^trajectory.steps: /);
    expect(() => diffusionExponent({ points, times: [0, 1, 3, 4, 5] }, { average: 'lag' })).toThrow(/equally spaced/);
    expect(() => diffusionExponent({ points, times }, { fitrange: [1, 2] } as never)).toThrow(/^options.fitrange: unknown option; did you mean fitRange\?/);
    expect(() => diffusionExponent(null as never)).toThrow(/^trajectory: /);
  });
});
