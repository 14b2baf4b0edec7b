import { describe, expect, it } from 'vitest';
import { mergeEnsembles, simulateEnsemble, type EnsembleResult, type SimulateEnsembleOptions } from '../../src/langevin/index';
import { doubleWell, doubleWellFiniteSum, quadratic } from '../../src/objectives/index';
import { ksLambda, normalCdf } from '../helpers/statistics';

/** The inverse Gaussian CDF with mean m and shape λ. */
function inverseGaussianCdf(t: number, m: number, lambda: number): number {
  const s = Math.sqrt(lambda / t);
  return normalCdf(s * (t / m - 1)) + Math.exp((2 * lambda) / m) * normalCdf(-s * (t / m + 1));
}

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
const variance = (a: Float64Array) => {
  const m = mean(a);
  return a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1);
};

/** Brownian motion with drift μ and diffusion D from 0 to the level a. */
function driftedBm(dt: number, walkers: number, bridge: boolean, seed: string): SimulateEnsembleOptions {
  return {
    gradient: (_x, out) => {
      out[0] = -1; // −∇L = μ = 1
    },
    x0: [0],
    dt,
    temperature: 0.5,
    tMax: 40,
    walkers,
    seed,
    stop: { coordinate: 0, atLeast: 1 },
    bridge,
  };
}

describe('simulateEnsemble: first passage', () => {
  it('Brownian motion with drift: bridge-corrected first-passage times follow the inverse Gaussian law (KS test)', async () => {
    // X = μt + √(2D) W, μ = 1, D = 0.5, level a = 1: T ~ IG(mean a/μ = 1, shape a²/2D = 1).
    // 3000 walkers at dt = 0.01. Acceptance: √n·KS < 1.95, Kolmogorov's 0.1% critical value. The
    // uncorrected times at dt = 0.1 are visibly late (O(√dt) bias ≈ 0.58·√(2D dt) ≈ 0.18) and
    // must fail the same test.
    const cdf = (t: number) => inverseGaussianCdf(t, 1, 1);
    const r = await simulateEnsemble(driftedBm(0.01, 3000, true, 'ig'));
    expect(r.escapedCount).toBe(3000); // P(T > 40) ≈ 1e−9 per walker
    expect(ksLambda(r.firstPassage, cdf)).toBeLessThan(1.95);
    const raw = await simulateEnsemble(driftedBm(0.1, 3000, false, 'ig'));
    expect(ksLambda(raw.firstPassage, cdf)).toBeGreaterThan(1.95);
  });

  it('with the bridge correction, mean first-passage times at dt and dt/4 agree within Monte Carlo error; without it they do not', async () => {
    // 20 000 walkers each at dt = 0.1 and 0.025; Var T = aσ²/(2μ³)·2 = 1, so the difference of
    // two means has standard error ≈ √(2/n) = 0.01. Without the correction the discrete passage is
    // late by ≈ 0.5826·√(2D dt)/μ (Siegmund's overshoot constant): 0.18 vs 0.09, a gap of ≈ 9 SE.
    const n = 20_000;
    const [a, b, c, d] = await Promise.all([
      simulateEnsemble(driftedBm(0.1, n, true, 'coarse')),
      simulateEnsemble(driftedBm(0.025, n, true, 'fine')),
      simulateEnsemble(driftedBm(0.1, n, false, 'coarse')),
      simulateEnsemble(driftedBm(0.025, n, false, 'fine')),
    ]);
    const se = (x: EnsembleResult, y: EnsembleResult) => Math.sqrt(variance(x.firstPassage) / n + variance(y.firstPassage) / n);
    expect(Math.abs(mean(a.firstPassage) - mean(b.firstPassage))).toBeLessThan(5 * se(a, b));
    expect(Math.abs(mean(c.firstPassage) - mean(d.firstPassage))).toBeGreaterThan(5 * se(c, d));
    // And both corrected means are within 5 SE of the exact mean a/μ = 1.
    expect(Math.abs(mean(b.firstPassage) - 1)).toBeLessThan(5 * Math.sqrt(variance(b.firstPassage) / n));
  });

  it('censors at tMax: firstPassage is the censoring time and escaped is 0, never NaN or Infinity', async () => {
    const r = await simulateEnsemble({
      objective: doubleWell(),
      x0: [-1],
      dt: 0.01,
      temperature: 0.02,
      tMax: 1,
      walkers: 50,
      seed: 1,
      stop: { coordinate: 0, atLeast: 0 },
    });
    expect(r.escapedCount).toBe(0);
    expect(Array.from(r.escaped)).toEqual(new Array(50).fill(0));
    for (const t of r.firstPassage) expect(t).toBeCloseTo(1, 12);
    expect(Array.from(r.steps)).toEqual(new Array(50).fill(100));
    expect(r.stopReason).toBe('time');
    expect(r.final.shape).toEqual([50, 1]);
  });
});

describe('simulateEnsemble: streams, shards and long work', () => {
  const opts: SimulateEnsembleOptions = {
    objective: doubleWell(),
    x0: [-1],
    dt: 0.01,
    temperature: 0.15,
    tMax: 30,
    walkers: 24,
    seed: 'shard',
    stop: { coordinate: 0, atLeast: 0 },
  };
  const same = (a: EnsembleResult, b: EnsembleResult) => {
    expect(Array.from(a.firstPassage)).toEqual(Array.from(b.firstPassage));
    expect(Array.from(a.escaped)).toEqual(Array.from(b.escaped));
    expect(Array.from(a.steps)).toEqual(Array.from(b.steps));
    expect(Array.from(a.final.data)).toEqual(Array.from(b.final.data));
    expect(a.walkerRange).toEqual(b.walkerRange);
    expect(a.escapedCount).toBe(b.escapedCount);
  };

  it('shards over walkerRange merge bit for bit into the one-run result, in any order', async () => {
    const all = await simulateEnsemble(opts);
    expect(all.escapedCount).toBeGreaterThan(0);
    expect(all.escapedCount).toBeLessThan(24);
    const parts = await Promise.all(
      [
        [13, 24],
        [0, 7],
        [7, 13],
      ].map((r) => simulateEnsemble({ ...opts, walkerRange: r as [number, number] })),
    );
    same(mergeEnsembles(parts), all);
    const one = await simulateEnsemble({ ...opts, walkerRange: [5, 6] });
    expect(one.firstPassage[0]).toBe(all.firstPassage[5]);
    expect(() => mergeEnsembles([parts[0]!, parts[1]!])).toThrow(/parts: expected contiguous walker ranges/);
    const other = await simulateEnsemble({ ...opts, tMax: 20, walkerRange: [0, 13] });
    expect(() => mergeEnsembles([other, parts[0]!])).toThrow(/parts\[1\]: expected a shard of the same ensemble/);
  });

  it('reports progress at most ~100 times and aborts between walkers with the finished prefix', async () => {
    const many = { ...opts, walkers: 300, tMax: 2 };
    const reports: number[] = [];
    const full = await simulateEnsemble({ ...many, onProgress: (p) => reports.push(p.done) });
    expect(reports.length).toBeLessThanOrEqual(101);
    expect(reports[reports.length - 1]).toBe(300);
    const ctl = new AbortController();
    const part = await simulateEnsemble({
      ...many,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.done >= 90) ctl.abort();
      },
    });
    expect(part.stopReason).toBe('aborted');
    const k = part.firstPassage.length;
    expect(k).toBeGreaterThanOrEqual(90);
    expect(k).toBeLessThan(300);
    expect(part.walkerRange).toEqual([0, k]);
    expect(Array.from(part.firstPassage)).toEqual(Array.from(full.firstPassage.slice(0, k)));
  });

  it('runs underdamped walkers and ball or predicate stops', async () => {
    const u = await simulateEnsemble({ ...opts, method: 'underdamped', friction: 1, temperature: 0.2, walkers: 40 });
    expect(u.escapedCount).toBeGreaterThan(0);
    for (let i = 0; i < 40; i++) if (u.escaped[i] === 1) expect(u.final.get(i, 0)).toBeGreaterThanOrEqual(0);
    const ball = await simulateEnsemble({ ...opts, stop: { center: [1], radius: 0.2 } });
    for (let i = 0; i < 24; i++) if (ball.escaped[i] === 1) expect(Math.abs(ball.final.get(i, 0) - 1)).toBeLessThanOrEqual(0.2);
    const fn = await simulateEnsemble({ ...opts, stop: (x) => x[0]! >= 0, bridge: false });
    const data = await simulateEnsemble({ ...opts, bridge: false });
    expect(Array.from(fn.firstPassage)).toEqual(Array.from(data.firstPassage));
  });

  it('bad input names the argument', async () => {
    await expect(simulateEnsemble({ ...opts, dt: 0 })).rejects.toThrow(/options\.dt: expected a positive number/);
    await expect(simulateEnsemble({ ...opts, x0: [0, 0] })).rejects.toThrow(/options\.x0: expected length 1/);
    await expect(simulateEnsemble({ ...opts, walkers: 0 })).rejects.toThrow(/options\.walkers/);
    await expect(simulateEnsemble({ ...opts, walkerRange: [5, 30] })).rejects.toThrow(/options\.walkerRange\[1\]/);
    await expect(simulateEnsemble({ ...opts, tMax: 0.001 })).rejects.toThrow(/options\.tMax: expected at least one step/);
    await expect(simulateEnsemble({ ...opts, diffusion: [[-1]], temperature: undefined })).rejects.toThrow(
      /options\.diffusion: expected a symmetric positive semi-definite/,
    );
    await expect(simulateEnsemble({ ...opts, method: 'sgd', lr: 0.1, batchSize: 1 })).rejects.toThrow(/objective\.size/);
  });
});

describe('simulateEnsemble: SGD and noisy GD walkers', () => {
  it("SGD's escape on the finite-sum double well matches its SDE surrogate D(θ) = ησ_z²(1 + θ²)/2B (Xie et al.) within Monte Carlo error", async () => {
    // SGD with η = 0.01, B = 1 on ℓ_j = L + z_j G (σ_z = 3.5, N = 2000), from the minimum −a to
    // the saddle θ ≥ 0, against Euler–Maruyama at dt = η with the surrogate diffusion (no bridge:
    // both are chains on the same grid, so they differ only by the law of z̄_B, which is close to
    // normal). 1500 walkers each; mean passage times compared at 5 standard errors of the difference.
    const sigma = 3.5;
    const lr = 0.01;
    const B = 1;
    const model = doubleWellFiniteSum({ size: 2000, noise: sigma, seed: 7 });
    const common = { x0: [-model.location], tMax: 4000, walkers: 1500, stop: { coordinate: 0, atLeast: 0 } };
    const s = await simulateEnsemble({ ...common, method: 'sgd', objective: model, lr, batchSize: B, seed: 'sgd' });
    const e = await simulateEnsemble({
      ...common,
      objective: doubleWell(),
      dt: lr,
      diffusion: (x, out) => {
        out[0] = (lr * sigma * sigma * (1 + x[0]! ** 2)) / (2 * B);
      },
      bridge: false,
      seed: 'sde',
    });
    expect(s.escapedCount).toBe(1500);
    expect(e.escapedCount).toBe(1500);
    const se = Math.sqrt(variance(s.firstPassage) / 1500 + variance(e.firstPassage) / 1500);
    expect(Math.abs(mean(s.firstPassage) - mean(e.firstPassage))).toBeLessThan(5 * se);
    // Times are t = η·k.
    for (let i = 0; i < 20; i++) expect(s.firstPassage[i]).toBeCloseTo(s.steps[i]! * lr, 10);
  });

  it("noisy GD walkers are Euler–Maruyama at dt = η without the bridge; 'sgd' without replacement draws distinct indices", async () => {
    const base = { objective: doubleWell(), x0: [-1], tMax: 5, walkers: 10, seed: 3, stop: { coordinate: 0, atLeast: 0 }, temperature: 0.3 };
    const g = await simulateEnsemble({ ...base, method: 'noisy-gd', lr: 0.01 });
    const e = await simulateEnsemble({ ...base, dt: 0.01, bridge: false });
    expect(Array.from(g.firstPassage)).toEqual(Array.from(e.firstPassage));
    const model = doubleWellFiniteSum({ size: 50, noise: 1, seed: 1 });
    const full = await simulateEnsemble({ x0: [-1], tMax: 1, walkers: 3, method: 'sgd', objective: model, lr: 0.01, batchSize: 50, replacement: false });
    // B = N without replacement is full-batch GD (up to the order of summation).
    let x = -1;
    const f = doubleWell();
    for (let k = 0; k < 100; k++) x -= 0.01 * f.gradient(Float64Array.of(x))[0]!;
    for (let i = 0; i < 3; i++) expect(full.final.get(i, 0)).toBeCloseTo(x, 12);
    expect(quadratic).toBeDefined();
  });
});

describe('simulateEnsemble: a start inside the stop region', () => {
  it('is refused with an error naming x0 (the bridge correction assumes a start outside)', async () => {
    await expect(
      simulateEnsemble({ objective: doubleWell(), x0: [0.5], dt: 0.01, temperature: 0.1, tMax: 1, walkers: 4, seed: 1, stop: { coordinate: 0, atLeast: 0 } }),
    ).rejects.toThrow(/options.x0: expected a start outside the stop region/);
  });
});
