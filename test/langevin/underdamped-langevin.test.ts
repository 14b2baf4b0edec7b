import { describe, expect, it } from 'vitest';
import { heavyBallSde, underdampedLangevin, underdampedLangevinAsync, type LangevinState } from '../../src/langevin/index';
import { doubleWell, quadratic } from '../../src/objectives/index';

/** ∫ f e^{−L/kT} / ∫ e^{−L/kT} on [−4, 4] by Simpson's rule (20 000 intervals). */
function boltzmannMean(f: (x: number) => number, L: (x: number) => number, kT: number): number {
  const n = 20_000;
  const a = -4;
  const h = 8 / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i <= n; i++) {
    const x = a + i * h;
    const w = (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * Math.exp(-L(x) / kT);
    num += w * f(x);
    den += w;
  }
  return num / den;
}

describe('underdampedLangevin (BAOAB)', () => {
  it('on the double well: ⟨v²⟩ = kT/m and the position marginal is Boltzmann (against quadrature)', () => {
    // d = 500 independent double wells L(θ) = θ⁴/4 − θ²/2, kT = 0.25 (= the barrier), γ = 1,
    // m = 2, dt = 0.05 (ω dt = 0.05 at the minima, where BAOAB's configurational bias is O(dt²)
    // with a small constant: ≪ the standard errors here). From θ = −1 at rest, burn-in t = 20,
    // then samples every 10 time units (θ² and v decorrelate within a few units; the sign of θ
    // hops, but θ² and θ⁴ do not see it by symmetry): 15 000 samples, tolerances 5 standard errors.
    const d = 500;
    const kT = 0.25;
    const mass = 2;
    const run = underdampedLangevin({
      gradient: (x, out) => {
        for (let i = 0; i < d; i++) {
          const t = x[i] as number;
          out[i] = t * t * t - t;
        }
      },
      x0: new Float64Array(d).fill(-1),
      dt: 0.05,
      steps: 400 + 30 * 200,
      friction: 1,
      mass,
      temperature: kT,
      seed: 'baoab',
      every: 200,
    });
    expect(run.velocities).not.toBeNull();
    const L = (x: number) => x ** 4 / 4 - x ** 2 / 2;
    const m2 = boltzmannMean((x) => x * x, L, kT);
    const m4 = boltzmannMean((x) => x ** 4, L, kT);
    const m8 = boltzmannMean((x) => x ** 8, L, kT);
    let s2 = 0;
    let s4 = 0;
    let v2 = 0;
    let n = 0;
    for (let s = 3; s < run.points.shape[0]!; s++) {
      for (let i = 0; i < d; i++) {
        const x = run.points.get(s, i);
        const v = run.velocities!.get(s, i);
        s2 += x * x;
        s4 += x ** 4;
        v2 += v * v;
        n++;
      }
    }
    expect(n).toBe(15_000);
    const v2Exact = kT / mass;
    expect(Math.abs(v2 / n - v2Exact)).toBeLessThan(5 * v2Exact * Math.sqrt(2 / n));
    expect(Math.abs(s2 / n - m2)).toBeLessThan(5 * Math.sqrt((m4 - m2 * m2) / n));
    expect(Math.abs(s4 / n - m4)).toBeLessThan(5 * Math.sqrt((m8 - m4 * m4) / n));
  });

  it('a matrix temperature K on a harmonic well: the position covariance is K/k (exact for BAOAB at any dt)', () => {
    // L = (k/2)|θ|², K = [[0.3, 0.1], [0.1, 0.2]]: in K's eigenbasis two independent harmonic
    // oscillators with their own kT, whose BAOAB position law is exact. dt = 0.1, γ = 1: samples
    // every 10 time units (correlation ≲ e^{−5}), 2000 of them.
    const k = 2;
    const K = [
      [0.3, 0.1],
      [0.1, 0.2],
    ];
    const samples = 2000;
    const run = underdampedLangevin({
      objective: quadratic({
        hessian: [
          [k, 0],
          [0, k],
        ],
      }),
      x0: [0, 0],
      dt: 0.1,
      steps: 100 * (samples + 1),
      friction: 1,
      temperature: K,
      seed: 5,
      every: 100,
    });
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let s = 2; s < samples + 2; s++) {
      const x = run.points.get(s, 0);
      const y = run.points.get(s, 1);
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    const S = K.map((r) => r.map((v) => v / k));
    const se = (i: number, j: number) => Math.sqrt((S[i]![i]! * S[j]![j]! + S[i]![j]! ** 2) / samples);
    expect(Math.abs(sxx / samples - S[0]![0]!)).toBeLessThan(5 * se(0, 0));
    expect(Math.abs(syy / samples - S[1]![1]!)).toBeLessThan(5 * se(1, 1));
    expect(Math.abs(sxy / samples - S[0]![1]!)).toBeLessThan(5 * se(0, 1));
  });

  it('friction 0 is velocity Verlet: energy is conserved to O(dt²)', () => {
    const f = quadratic({ hessian: [[1]] });
    const run = underdampedLangevin({ objective: f, x0: [1], dt: 0.01, steps: 10_000, friction: 0, temperature: 1, seed: 1, every: 100 });
    for (let s = 0; s < run.points.shape[0]!; s++) {
      const e = 0.5 * run.points.get(s, 0) ** 2 + 0.5 * run.velocities!.get(s, 0) ** 2;
      expect(Math.abs(e - 0.5)).toBeLessThan(1e-4);
    }
  });

  it('resumes bit for bit through JSON; the async form gives the same bits; stops on a region', async () => {
    const opts = { objective: doubleWell(), dt: 0.05, friction: 0.5, mass: 1.5, temperature: 0.3, every: 7 };
    const full = underdampedLangevin({ ...opts, x0: [-1], v0: [0.2], steps: 1000, seed: 8 });
    const half = underdampedLangevin({ ...opts, x0: [-1], v0: [0.2], steps: 500, seed: 8 });
    const state = JSON.parse(JSON.stringify(half.state)) as LangevinState;
    expect(state.velocity).not.toBeNull();
    const rest = underdampedLangevin({ ...opts, x0: null, steps: 500, resume: state });
    expect(Array.from(rest.final)).toEqual(Array.from(full.final));
    expect(rest.state.velocity).toEqual(full.state.velocity);
    const asyncRun = await underdampedLangevinAsync({ ...opts, x0: [-1], v0: [0.2], steps: 1000, seed: 8 });
    expect(Array.from(asyncRun.points.data)).toEqual(Array.from(full.points.data));
    expect(Array.from(asyncRun.velocities!.data)).toEqual(Array.from(full.velocities!.data));
    expect(full.losses![0]).toBe(doubleWell().value(Float64Array.of(-1)));
    const stopped = underdampedLangevin({ ...opts, x0: [-1], steps: 200_000, seed: 1, temperature: 0.5, stop: { coordinate: 0, atLeast: 0 } });
    expect(stopped.stopReason).toBe('predicate');
    expect(stopped.final[0]).toBeGreaterThanOrEqual(0);
  });

  it('bad input names the argument', () => {
    const f = doubleWell();
    const base = { objective: f, x0: [0], dt: 0.1, steps: 10, friction: 1, temperature: 1 };
    expect(() => underdampedLangevin({ ...base, dt: 0 })).toThrow(/options\.dt: expected a positive number/);
    expect(() => underdampedLangevin({ ...base, friction: -1 })).toThrow(/options\.friction/);
    expect(() => underdampedLangevin({ ...base, mass: 0 })).toThrow(/options\.mass/);
    expect(() => underdampedLangevin({ ...base, v0: [0, 0] })).toThrow(/options\.v0: expected length 1, received length 2/);
    expect(() => underdampedLangevin({ ...base, x0: [0, 0] })).toThrow(/options\.x0: expected length 1/);
    expect(() => underdampedLangevin({ ...base, temperature: [[-1]] })).toThrow(/options\.temperature: expected a symmetric positive semi-definite matrix/);
    expect(() => underdampedLangevin({ ...base, temperature: (() => 1) as never })).toThrow(
      /options\.temperature: expected a non-negative number or a constant/,
    );
  });
});

describe('heavyBallSde', () => {
  it("Kunin et al.'s mapping: m = η(1 + β)/2, γ m = 1 − β, √(2γ m kT) = √(η/B)·σ", () => {
    const p = heavyBallSde({ lr: 0.1, momentum: 0.9, batchSize: 8, covariance: 2 });
    expect(p.mass).toBeCloseTo(0.095, 15);
    expect(p.frictionCoefficient).toBeCloseTo(0.1, 15);
    expect(p.friction * p.mass).toBeCloseTo(0.1, 15);
    expect(p.friction).toBeCloseTo((2 * 0.1) / (0.1 * 1.9), 14);
    expect(Math.sqrt(2 * p.friction * p.mass * (p.temperature as number))).toBeCloseTo(Math.sqrt(0.1 / 8) * Math.sqrt(2), 14);
    const m = heavyBallSde({
      lr: 0.2,
      momentum: 0,
      batchSize: 1,
      covariance: [
        [1, 0.5],
        [0.5, 2],
      ],
    });
    expect(Array.from(m.temperature as Float64Array)).toEqual([0.1, 0.05, 0.05, 0.2]);
    expect(heavyBallSde({ lr: 0.1, momentum: 0.5, batchSize: 2 }).temperature).toBeNull();
    expect(() => heavyBallSde({ lr: 0.1, momentum: 1, batchSize: 2 })).toThrow(/options\.momentum: expected a number in \[0, 1\)/);
    expect(() => heavyBallSde({ lr: 0, momentum: 0.5, batchSize: 2 })).toThrow(/options\.lr/);
  });
});
