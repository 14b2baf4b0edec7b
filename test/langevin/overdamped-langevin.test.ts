import { describe, expect, it } from 'vitest';
import { overdampedLangevin, overdampedLangevinAsync } from '../../src/langevin/index';
import { doubleWell, quadratic } from '../../src/objectives/index';
import { rngFor } from '../../src/random/index';
import type { LangevinState } from '../../src/langevin/index';

/** ∇L for L(θ) = ½ Σ kᵢ θᵢ²: d independent Ornstein–Uhlenbeck coordinates. */
function separableQuadratic(k: Float64Array) {
  return (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < k.length; i++) out[i] = (k[i] as number) * (x[i] as number);
  };
}

describe('overdampedLangevin: Ornstein–Uhlenbeck', () => {
  it('stationary mean, variance and autocorrelation e^{−kt} within 5 standard errors', () => {
    // d = 1000 independent OU coordinates dθ = −kθ dt + √(2T) dW (k = 1 for half, 2 for the other
    // half), dt = 0.01, from 0. Samples θ(t₀) and θ(t₀ + 1) at t₀ = 5, 11, …, 59: the burn-in
    // leaves a relative variance deficit e^{−2kt₀} ≤ e^{−10}, and samples 6 apart correlate by
    // e^{−6} ≈ 0.0025, so the 10 000 samples per k are independent for the standard error.
    // The Euler–Maruyama chain's own O(dt) biases (variance T/(k(1 − k dt/2)), lag correlation
    // (1 − k dt)^{1/dt}) are under 0.4 standard errors of these estimates; both are checked.
    const d = 1000;
    const dt = 0.01;
    const T = 0.5;
    const k = new Float64Array(d);
    k.fill(1, 0, d / 2);
    k.fill(2, d / 2);
    const run = overdampedLangevin({ gradient: separableQuadratic(k), x0: new Float64Array(d), dt, steps: 6000, temperature: T, seed: 'ou', every: 100 });
    expect(run.stopReason).toBe('steps');
    expect(run.losses).toBeNull();
    const row = (t: number) => Math.round(t / dt / 100);
    for (const [kk, lo, hi] of [
      [1, 0, d / 2],
      [2, d / 2, d],
    ] as const) {
      let s1 = 0;
      let s2 = 0;
      let s12 = 0;
      let n = 0;
      for (let t0 = 5; t0 < 60; t0 += 6) {
        const a = row(t0);
        const b = row(t0 + 1);
        for (let i = lo; i < hi; i++) {
          const x = run.points.get(a, i);
          const y = run.points.get(b, i);
          s1 += x;
          s2 += x * x;
          s12 += x * y;
          n++;
        }
      }
      const variance = T / kk;
      const mean = s1 / n;
      const v = s2 / n; // the mean is known to be 0
      const rho = s12 / s2;
      const seMean = Math.sqrt(variance / n);
      const seVar = variance * Math.sqrt(2 / n);
      const rhoExact = Math.exp(-kk);
      const seRho = Math.sqrt((1 - rhoExact ** 2) / n);
      expect(Math.abs(mean)).toBeLessThan(5 * seMean);
      expect(Math.abs(v - variance)).toBeLessThan(5 * seVar);
      expect(Math.abs(rho - rhoExact)).toBeLessThan(5 * seRho);
      // The chain's exact values, for the same estimates.
      expect(Math.abs(v - T / (kk * (1 - (kk * dt) / 2)))).toBeLessThan(5 * seVar);
      expect(Math.abs(rho - (1 - kk * dt) ** 100)).toBeLessThan(5 * seRho);
    }
  });

  it('a constant diffusion matrix: the stationary covariance solves HΣ + ΣH = 2D (and the chain its discrete Lyapunov equation)', () => {
    // L = ½ θᵀHθ with H = diag(1, 1, …) and D = [[a, c], [c, b]] on pairs: 400 independent pairs
    // would need a 800-d matrix; instead one 2-d run sampled every 8 time units (correlation
    // e^{−8λ_min} < 1e−3 with λ_min = 1) over 4000 samples.
    const D = [
      [0.3, 0.1],
      [0.1, 0.2],
    ];
    const dt = 0.02;
    const every = 400;
    const samples = 2000;
    const run = overdampedLangevin({
      objective: quadratic({
        hessian: [
          [1, 0],
          [0, 1],
        ],
      }),
      x0: [0, 0],
      dt,
      steps: every * samples,
      diffusion: D,
      seed: 4,
      every,
      recordLosses: false,
    });
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let s = 1; s <= samples; s++) {
      const x = run.points.get(s, 0);
      const y = run.points.get(s, 1);
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    // With H = I: Σ = D (continuous), Σ = D/(1 − dt/2) (the chain).
    const f = 1 / (1 - dt / 2);
    const n = samples;
    const se = (i: number, j: number) => Math.sqrt(((D[i]![i]! * D[j]![j]! + D[i]![j]! ** 2) * f * f) / n);
    expect(Math.abs(sxx / n - f * 0.3)).toBeLessThan(5 * se(0, 0));
    expect(Math.abs(syy / n - f * 0.2)).toBeLessThan(5 * se(1, 1));
    expect(Math.abs(sxy / n - f * 0.1)).toBeLessThan(5 * se(0, 1));
  });
});

describe('overdampedLangevin: Euler–Maruyama orders on geometric Brownian motion', () => {
  // dX = μX dt + σX dW, X₀ = 1, T = 1: drift −∇L = μx, D(x) = σ²x²/2 (state dependent, so
  // √(2D dt) = σ|x|√dt; X stays positive here). The exact X(T) = exp((μ − σ²/2)T + σW_T) uses the
  // path's own increments √dt ξₖ, read back from the run's stream rngFor('langevin', seed).
  // Strong error e_s = E|X_N − X(T)|; weak error e_w = E[X_N − X(T)] (= E X_N − e^{μT}: the exact
  // solution as a control variate, so the estimate's noise is the strong error's scale). M = 1000
  // paths per level; slopes by least squares on log₂ dt, their standard errors from the per-level
  // standard errors (delta method): ≈ 0.02 strong, ≈ 0.03 weak; tolerances 5 of those.
  const mu = 1;
  const M = 1000;
  function errors(sigma: number, levels: number[]) {
    const strong: number[] = [];
    const weak: number[] = [];
    const strongSe: number[] = [];
    const weakSe: number[] = [];
    for (const l of levels) {
      const n = 2 ** l;
      const dt = 1 / n;
      let es = 0;
      let ew = 0;
      let e2 = 0;
      const xi = new Float64Array(n);
      for (let p = 0; p < M; p++) {
        const seed = `gbm-${sigma}-${l}-${p}`;
        const r = overdampedLangevin({
          gradient: (x, out) => {
            out[0] = -mu * (x[0] as number);
          },
          x0: [1],
          dt,
          steps: n,
          diffusion: (x, out) => {
            out[0] = 0.5 * sigma * sigma * (x[0] as number) ** 2;
            return out;
          },
          seed,
          every: n,
        });
        rngFor('langevin', seed).fillNormal(xi);
        let w = 0;
        for (let k = 0; k < n; k++) w += Math.sqrt(dt) * (xi[k] as number);
        const diff = (r.final[0] as number) - Math.exp(mu - 0.5 * sigma * sigma + sigma * w);
        es += Math.abs(diff);
        ew += diff;
        e2 += diff * diff;
      }
      const ms = es / M;
      const mw = ew / M;
      strong.push(ms);
      weak.push(Math.abs(mw));
      strongSe.push(Math.sqrt((e2 / M - ms * ms) / M) / ms);
      weakSe.push(Math.sqrt((e2 / M - mw * mw) / M) / Math.abs(mw));
    }
    return { strong: fit(levels, strong, strongSe), weak: fit(levels, weak, weakSe) };
  }
  function fit(levels: number[], ys: number[], ses: number[]) {
    const xs = levels.map((l) => -l); // log₂ dt
    const ls = ys.map((y) => Math.log2(y));
    const xm = xs.reduce((a, b) => a + b) / xs.length;
    const ym = ls.reduce((a, b) => a + b) / ls.length;
    let sxy = 0;
    let sxx = 0;
    let v = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i]! - xm) * (ls[i]! - ym);
      sxx += (xs[i]! - xm) ** 2;
      v += (xs[i]! - xm) ** 2 * (ses[i]! / Math.LN2) ** 2; // Var(log₂ y) = (relative se / ln 2)²
    }
    return { slope: sxy / sxx, se: Math.sqrt(v) / sxx };
  }

  it('strong order ½: slope of E|X_N − X(T)| against dt', () => {
    // σ = 1, dt = 2⁻⁵ … 2⁻⁹: there the O(√dt) term dominates (with σ = 0.5 and coarser steps the
    // O(dt) drift error still tilts the fitted slope to ≈ 0.55).
    const { strong } = errors(1, [5, 6, 7, 8, 9]);
    expect(strong.se).toBeLessThan(0.03);
    expect(Math.abs(strong.slope - 0.5)).toBeLessThan(5 * strong.se);
  });

  it('weak order 1: slope of |E X_N − E X(T)| against dt', () => {
    // σ = 0.5, dt = 2⁻³ … 2⁻⁷. The reference is the chain's exact weak slope, from
    // E X_N = (1 + μ dt)^N, which differs from 1 by its O(dt) pre-asymptotic term (checked < 0.05).
    const levels = [3, 4, 5, 6, 7];
    const { weak } = errors(0.5, levels);
    const exact = fit(
      levels,
      levels.map((l) => Math.exp(mu) - (1 + mu / 2 ** l) ** (2 ** l)),
      levels.map(() => 0),
    ).slope;
    expect(Math.abs(exact - 1)).toBeLessThan(0.05);
    expect(weak.se).toBeLessThan(0.06);
    expect(Math.abs(weak.slope - exact)).toBeLessThan(5 * weak.se);
  });
});

describe('overdampedLangevin: recording, stops, resume', () => {
  it('records losses from valueGradient, stops on a region, and resumes bit for bit through JSON', () => {
    const f = doubleWell();
    const full = overdampedLangevin({ objective: f, x0: [-1], dt: 0.01, steps: 1000, temperature: 0.2, seed: 3, every: 10 });
    expect(full.points.shape).toEqual([101, 1]);
    expect(full.losses).not.toBeNull();
    for (let i = 0; i < full.times.length; i++) {
      expect(full.times[i]).toBeCloseTo(full.steps[i]! * 0.01, 12);
      expect(full.losses![i]).toBe(f.value(Float64Array.of(full.points.get(i, 0))));
    }
    const half = overdampedLangevin({ objective: f, x0: [-1], dt: 0.01, steps: 500, temperature: 0.2, seed: 3, every: 10 });
    const state = JSON.parse(JSON.stringify(half.state)) as LangevinState;
    const rest = overdampedLangevin({ objective: f, x0: null, dt: 0.01, steps: 500, temperature: 0.2, resume: state, every: 10 });
    expect(Array.from(rest.final)).toEqual(Array.from(full.final));
    expect(rest.times[rest.times.length - 1]).toBeCloseTo(10, 12);

    const stopped = overdampedLangevin({ objective: f, x0: [-1], dt: 0.01, steps: 100_000, temperature: 0.5, seed: 1, stop: { coordinate: 0, atLeast: 0 } });
    expect(stopped.stopReason).toBe('predicate');
    expect(stopped.final[0]).toBeGreaterThanOrEqual(0);
    expect(stopped.stepsTaken).toBeLessThan(100_000);
    const ball = overdampedLangevin({ objective: f, x0: [-1], dt: 0.01, steps: 100_000, temperature: 0.5, seed: 1, stop: { center: [1], radius: 0.1 } });
    expect(ball.stopReason).toBe('predicate');
    expect(Math.abs(ball.final[0]! - 1)).toBeLessThanOrEqual(0.1);
  });

  it('the async form gives the same bits; a non-finite point stops with diverged', async () => {
    const opts = { objective: doubleWell(), x0: [0.3], dt: 0.01, steps: 3000, temperature: 0.3, seed: 9 };
    const a = overdampedLangevin(opts);
    const b = await overdampedLangevinAsync(opts);
    expect(Array.from(b.points.data)).toEqual(Array.from(a.points.data));
    const blow = overdampedLangevin({
      gradient: (x, out) => void (out[0] = -10 * (x[0] as number) ** 3),
      x0: [2],
      dt: 0.1,
      steps: 100,
      temperature: 0,
      seed: 1,
    });
    expect(blow.stopReason).toBe('diverged');
    expect(blow.divergedAt).not.toBeNull();
    expect(Number.isFinite(blow.final[0])).toBe(true);
  });

  it('aborts from onProgress with what it has', () => {
    const ctl = new AbortController();
    const r = overdampedLangevin({
      objective: doubleWell(),
      x0: [-1],
      dt: 0.01,
      steps: 100_000,
      temperature: 0.1,
      onProgress: (p) => {
        if (p.step >= 5000) ctl.abort();
      },
      signal: ctl.signal,
    });
    expect(r.stopReason).toBe('aborted');
    expect(r.stepsTaken).toBe(5000);
  });
});

describe('overdampedLangevin: bad input', () => {
  const f = doubleWell();
  it('names the argument', () => {
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: 0, steps: 10, temperature: 1 })).toThrow(
      /options\.dt: expected a positive number, received 0/,
    );
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: -0.1, steps: 10, temperature: 1 })).toThrow(/options\.dt/);
    expect(() => overdampedLangevin({ objective: f, x0: [0, 1], dt: 0.1, steps: 10, temperature: 1 })).toThrow(
      /options\.x0: expected length 1, received length 2/,
    );
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: 0.1, steps: 10 })).toThrow(/options\.temperature: expected exactly one/);
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: 0.1, steps: 10, temperature: -1 })).toThrow(/options\.temperature/);
    const g = quadratic({
      hessian: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(() =>
      overdampedLangevin({
        objective: g,
        x0: [0, 0],
        dt: 0.1,
        steps: 10,
        diffusion: [
          [1, 2],
          [2, 1],
        ],
      }),
    ).toThrow(/options\.diffusion: expected a symmetric positive semi-definite matrix, received one with eigenvalue -0\.99/);
    expect(() =>
      overdampedLangevin({
        objective: g,
        x0: [0, 0],
        dt: 0.1,
        steps: 10,
        diffusion: [
          [1, 0.5],
          [0, 1],
        ],
      }),
    ).toThrow(/options\.diffusion: expected a symmetric/);
    expect(() =>
      overdampedLangevin({
        objective: g,
        x0: [0, 0],
        dt: 0.1,
        steps: 10,
        diffusion: (x, out) => {
          out.set([1, 0, 0, -0.5 - Math.abs(x[0]!)]);
        },
      }),
    ).toThrow(/options\.diffusion: expected a symmetric positive semi-definite matrix/);
    expect(() => overdampedLangevin({ objective: g, x0: [0, 0], dt: 0.1, steps: 10, diffusion: [[1, 0, 0]] as never })).toThrow(/options\.diffusion/);
    expect(() => overdampedLangevin({ objective: f, gradient: () => undefined, x0: [0], dt: 0.1, steps: 10, temperature: 1 })).toThrow(
      /exactly one of options\.objective and options\.gradient/,
    );
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: 0.1, steps: 10, temperature: 1, stop: { coordinate: 3, atLeast: 0 } })).toThrow(
      /options\.stop\.coordinate/,
    );
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: 0.1, steps: 10, temperature: 1, stop: { coordinate: 0 } as never })).toThrow(
      /options\.stop: expected exactly one of atLeast and atMost/,
    );
    expect(() => overdampedLangevin({ objective: f, x0: [0], dt: 0.1, steps: 1.5, temperature: 1 })).toThrow(/options\.steps/);
  });

  it('projects a rounding-level negative eigenvalue of D(θ) to zero', () => {
    const g = quadratic({
      hessian: [
        [1, 0],
        [0, 1],
      ],
    });
    const r = overdampedLangevin({
      objective: g,
      x0: [0, 0],
      dt: 0.1,
      steps: 100,
      diffusion: [
        [1, 1],
        [1, 1 - 1e-14],
      ],
      seed: 2,
    });
    expect(r.stopReason).toBe('steps');
    // D = uuᵀ with u = (1, 1): all noise along (1, 1), none across it.
    let across = 0;
    for (let i = 0; i < r.points.shape[0]!; i++) across = Math.max(across, Math.abs(r.points.get(i, 0) - r.points.get(i, 1)));
    expect(across).toBeLessThan(1e-6);
  });
});
