import { describe, expect, it } from 'vitest';
import { gd, noisyGd, noisyGdStep, createStepState, createStepWorkspace } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import { diagonalQuadratic } from './fixtures';

describe('noisyGd', () => {
  it('stationary variance on a quadratic (OU chain) is 2ηT / (1 − (1 − ηλ)²) per eigen-direction', () => {
    // Independent chains: a diagonal quadratic with each λ repeated m times is m independent
    // 1-D chains per λ. Start at 0 and sample at steps 500, 700, …, 2300: from 0 the variance at
    // step k falls short of the stationary one by the fraction (1 − ηλ)^{2k} ≤ 0.95^{1000} ≈ 5e-23,
    // and the lag-200 correlation (1 − ηλ)^{200} ≤ 3.5e-5, so the 10·m samples per λ are
    // independent for the purpose of the standard error.
    const lams = [0.5, 1, 2];
    const m = 1000;
    const lr = 0.1;
    const T = 0.5;
    const lambdas = new Float64Array(lams.length * m);
    lams.forEach((l, j) => lambdas.fill(l, j * m, (j + 1) * m));
    const f = diagonalQuadratic(lambdas);
    const run = noisyGd(f, new Float64Array(lambdas.length), { lr, temperature: T, steps: 300 + 200 * 10, seed: 'ou', every: 100 });
    const d = lambdas.length;
    lams.forEach((l, j) => {
      let s2 = 0;
      let s1 = 0;
      let count = 0;
      for (let snap = 0; snap < run.steps.length; snap++) {
        const k = run.steps[snap] as number;
        if (k < 300 || (k - 300) % 200 !== 0 || k === 300) continue;
        for (let i = j * m; i < (j + 1) * m; i++) {
          const v = run.points.data[snap * d + i] as number;
          s1 += v;
          s2 += v * v;
          count++;
        }
      }
      expect(count).toBe(10 * m);
      const exact = (2 * lr * T) / (1 - (1 - lr * l) ** 2);
      expect(exact).toBeCloseTo(T / (l * (1 - (lr * l) / 2)), 14);
      const mean = s1 / count;
      const varHat = s2 / count; // the mean is known to be 0
      // Gaussian samples: SE of the mean σ/√n, SE of the second moment σ²·√(2/n). 5 SE.
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(exact / count));
      expect(Math.abs(varHat - exact)).toBeLessThan(5 * exact * Math.sqrt(2 / count));
      // Power: for λ = 2 the continuous law's T/λ is 10% lower, 7 SE away; the test tells them apart.
      if (l === 2) expect(Math.abs(varHat - T / l)).toBeGreaterThan(5 * exact * Math.sqrt(2 / count));
    });
  });

  it('with T = 0 equals GD bit for bit (noise drawn and multiplied by 0)', () => {
    const f = quadratic({
      hessian: [
        [2, 0.5],
        [0.5, 1],
      ],
      center: [1, -1],
    });
    const a = noisyGd(f, [3, 2], { lr: 0.1, temperature: 0, steps: 100, seed: 1 });
    const b = gd(f, [3, 2], { lr: 0.1, steps: 100 });
    expect(Array.from(a.final)).toEqual(Array.from(b.final));
  });

  it('resume is bit-exact: 2000 steps = 1000 + resume 1000, and a JSON round trip of the state', () => {
    const f = quadratic({
      hessian: [
        [2, 0.5],
        [0.5, 1],
      ],
      center: [1, -1],
    });
    const opts = { lr: 0.05, temperature: 0.3, seed: 17, every: 50 };
    const whole = noisyGd(f, [3, 2], { ...opts, steps: 2000 });
    const a = noisyGd(f, [3, 2], { ...opts, steps: 1000 });
    const saved = JSON.parse(JSON.stringify(a.state)) as typeof a.state;
    const b = noisyGd(f, null, { ...opts, steps: 1000, resume: saved });
    expect(Array.from(b.final)).toEqual(Array.from(whole.final));
    expect(Array.from(b.points.data)).toEqual(Array.from(whole.points.data.subarray(20 * 2)));
    expect(b.rngState).toEqual(whole.rngState);
    expect(b.state.time).toBe(whole.state.time);
  });

  it('is built on noisyGdStep', () => {
    const f = quadratic({ hessian: [[1]] });
    const run = noisyGd(f, [1], { lr: 0.1, temperature: 1, steps: 50, seed: 4 });
    const s = createStepState(Float64Array.of(1), 4);
    const ws = createStepWorkspace(1);
    for (let k = 0; k < 50; k++) noisyGdStep(f, s, { lr: 0.1, temperature: 1 }, ws);
    expect(Array.from(s.x)).toEqual(Array.from(run.final));
    expect(() => noisyGdStep(f, createStepState(Float64Array.of(1)), { lr: 0.1, temperature: 1 }, ws)).toThrow(/state.rng: expected a random stream/);
  });

  it('checks its arguments', () => {
    const f = quadratic({ hessian: [[1]] });
    expect(() => noisyGd(f, [0], { lr: 0.1, temperature: -1, steps: 10, seed: 1 })).toThrow(/options.temperature: expected a non-negative number, received -1/);
    expect(() => noisyGd(f, [0], { lr: -0.1, temperature: 1, steps: 10, seed: 1 })).toThrow(/options.lr: expected a positive number, received -0.1/);
    expect(() => noisyGd(f, [0], { lr: 0.1, temperature: 1, steps: 10, seed: Number.NaN })).toThrow(
      /options.seed: expected a finite number or a string, received NaN/,
    );
    // No seed means seed 0, as everywhere in the library.
    expect(Array.from(noisyGd(f, [0], { lr: 0.1, temperature: 1, steps: 10 }).final)).toEqual(
      Array.from(noisyGd(f, [0], { lr: 0.1, temperature: 1, steps: 10, seed: 0 }).final),
    );
    expect(() => noisyGd(f, [0, 1], { lr: 0.1, temperature: 1, steps: 10, seed: 1 })).toThrow(/x0: expected length 1, received length 2/);
    const a = noisyGd(f, [0], { lr: 0.1, temperature: 1, steps: 1, seed: 1 });
    expect(() => noisyGd(f, null, { lr: 0.1, temperature: 1, steps: 1, resume: { ...a.state, rngState: null } })).toThrow(
      /options.resume.rngState: expected an RngState/,
    );
  });
});
