import { describe, expect, it } from 'vitest';
import { gd, gdStep, createStepState, createStepWorkspace, stepLr } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { maxAbsDiff, spectralApply, symmetricWithEigenvalues } from './fixtures';

const EPS = 2.220446049250313e-16;

describe('gd', () => {
  const lambdas = [0.1, 0.5, 1, 2, 3, 4];
  const d = lambdas.length;
  const H = symmetricWithEigenvalues(lambdas, 3);
  const c = Float64Array.from([1, -2, 0.5, 3, 0, -1]);
  const f = quadratic({ hessian: H, center: c });
  const eig = symmetricEigen(H);
  const x0 = Float64Array.from([2, 1, -1, 0.5, 4, -3]);

  it('equals the closed form x_k = c + (I − ηH)^k (x0 − c) on a quadratic', () => {
    const lr = 0.2;
    const steps = 200;
    const run = gd(f, x0, { lr, steps, every: 10 });
    expect(run.stopReason).toBe('steps');
    expect(run.points.shape).toEqual([21, d]);
    // Rounding: each step adds O(d·ε·scale) and I − ηH is a contraction (|1 − ηλ| ≤ 0.98), so the
    // error after k steps is at most ~k·d·ε·scale; the eigen-decomposition adds O(d·ε). Factor 4 slack.
    const scale = Math.hypot(...x0) + Math.hypot(...c);
    for (let i = 0; i < run.steps.length; i++) {
      const k = run.steps[i] as number;
      expect(k).toBe(10 * i);
      expect(run.times[i]).toBe(lr * k);
      const exact = spectralApply(eig, c, x0, (l) => (1 - lr * l) ** k);
      const got = run.points.data.subarray(i * d, (i + 1) * d);
      const pointTol = 4 * (k + d) * d * EPS * scale;
      expect(maxAbsDiff(got, exact)).toBeLessThan(pointTol);
      // L = ½ (x − c)ᵀH(x − c): a point error δ (‖δ‖ ≤ √d·pointTol) moves L by ≤ ‖H‖·‖x − c‖·‖δ‖ (+ δ²),
      // and evaluating L rounds at ≤ 2d²ε·‖H‖·scale².
      const normH = Math.max(...Array.from(eig.values, Math.abs));
      const lossTol = normH * scale * Math.sqrt(d) * pointTol * 2 + 2 * d * d * EPS * normH * scale * scale;
      expect(Math.abs((run.losses[i] as number) - f.value(exact))).toBeLessThan(lossTol);
    }
    expect(Array.from(run.final)).toEqual(Array.from(run.points.data.subarray(20 * d)));
    expect(Array.from(run.points.data.subarray(0, d))).toEqual(Array.from(x0));
  });

  it('records the initial and final points when every does not divide steps, and no state in x0 changes', () => {
    const x = Float64Array.from(x0);
    const run = gd(f, x, { lr: 0.1, steps: 25, every: 10 });
    expect(Array.from(run.steps)).toEqual([0, 10, 20, 25]);
    expect(Array.from(x)).toEqual(Array.from(x0));
    expect(run.state.step).toBe(25);
    expect(run.stepsTaken).toBe(25);
  });

  it('is built on gdStep: a hand-written loop gives the same bits', () => {
    const run = gd(f, x0, { lr: 0.15, steps: 50 });
    const s = createStepState(x0);
    const ws = createStepWorkspace(d);
    for (let k = 0; k < 50; k++) expect(gdStep(f, s, { lr: 0.15 }, ws)).toBe(true);
    expect(Array.from(s.x)).toEqual(Array.from(run.final));
  });

  it('with a schedule, times are Σ η_k and the iterates follow the varying rate', () => {
    const sched = stepLr(0.3, { stepSize: 10, gamma: 0.5 });
    const run = gd(f, x0, { lr: sched, steps: 30, every: 10 });
    // η = 0.3 for k < 10, 0.15 for k < 20, 0.075 for k < 30.
    expect(run.times[1]).toBeCloseTo(3, 14);
    expect(run.times[3]).toBeCloseTo(3 + 1.5 + 0.75, 13);
    const exact = spectralApply(eig, c, x0, (l) => (1 - 0.3 * l) ** 10 * (1 - 0.15 * l) ** 10 * (1 - 0.075 * l) ** 10);
    // As in the constant-rate test: 30 contracting steps, rounding ≤ 4·(k + d)·d·ε·scale.
    const scale = Math.hypot(...x0) + Math.hypot(...c);
    expect(maxAbsDiff(run.final, exact)).toBeLessThan(4 * (30 + d) * d * EPS * scale);
  });

  it('resume: 2000 steps equal 1000 + resume 1000 bit for bit', () => {
    const whole = gd(f, x0, { lr: 0.05, steps: 2000, every: 100 });
    const a = gd(f, x0, { lr: 0.05, steps: 1000, every: 100 });
    const b = gd(f, null, { lr: 0.05, steps: 1000, every: 100, resume: a.state });
    expect(Array.from(b.final)).toEqual(Array.from(whole.final));
    expect(Array.from(b.steps)).toEqual(Array.from(whole.steps.subarray(10)));
    expect(Array.from(b.times)).toEqual(Array.from(whole.times.subarray(10)));
    expect(Array.from(b.points.data)).toEqual(Array.from(whole.points.data.subarray(10 * d)));
  });

  it('reports divergence with the step: loss overflow on λ = 1, η = 3', () => {
    // x_k = (1 − 3)^k = (−2)^k; L = x²/2 overflows when x² = 2^{2k} > DBL_MAX, first at k = 512.
    const f1 = quadratic({ hessian: [[1]] });
    const run = gd(f1, [1], { lr: 3, steps: 5000, every: 1 });
    expect(run.stopReason).toBe('diverged');
    expect(run.divergedAt).toBe(512);
    expect(run.final[0]).toBe(2 ** 512);
    expect(run.losses[run.losses.length - 1]).toBe(Infinity);
    // Without loss checks in between, θ itself overflows at k = 1024; final is the last finite point.
    const run2 = gd(f1, [1], { lr: 3, steps: 5000, every: 5000 });
    expect(run2.stopReason).toBe('diverged');
    expect(run2.divergedAt).toBe(1024);
    expect(run2.final[0]).toBe(-(2 ** 1023));
    expect(run2.state.step).toBe(1023);
    expect(run2.final.every(Number.isFinite)).toBe(true);
  });

  it('reports divergence when the gradient is NaN', () => {
    const bad = { dim: 1, value: () => 0, gradient: (_x: Float64Array, out = new Float64Array(1)) => out.fill(NaN) };
    const run = gd(bad, [1], { lr: 0.1, steps: 10 });
    expect(run.stopReason).toBe('diverged');
    expect(run.divergedAt).toBe(1);
    expect(Array.from(run.final)).toEqual([1]);
  });

  it('gdStep returns false and leaves the state untouched when the step would not be finite', () => {
    let poison = false;
    const f1 = { dim: 2, value: () => 0, gradient: (x: Float64Array, out = new Float64Array(2)) => (out.set(x), poison && (out[1] = Infinity), out) };
    const s = createStepState(Float64Array.of(1, 2));
    const ws = createStepWorkspace(2);
    expect(gdStep(f1, s, { lr: 0.5 }, ws)).toBe(true);
    expect([...s.x, s.step, s.time]).toEqual([0.5, 1, 1, 0.5]);
    poison = true;
    expect(gdStep(f1, s, { lr: 0.5 }, ws)).toBe(false);
    expect([...s.x, s.step, s.time]).toEqual([0.5, 1, 1, 0.5]);
  });

  it('stops on the predicate and records that point', () => {
    // 1-D: x_k = 0.9^k from 1 (λ = 1, η = 0.1) first drops below 0.5 at k = ⌈ln 0.5 / ln 0.9⌉ = 7.
    const f1 = quadratic({ hessian: [[1]] });
    const run = gd(f1, [1], { lr: 0.1, steps: 100, every: 50, stop: (x) => (x[0] as number) < 0.5 });
    expect(run.stopReason).toBe('predicate');
    expect(run.stepsTaken).toBe(7);
    expect(Array.from(run.steps)).toEqual([0, 7]);
    expect(run.final[0]).toBeCloseTo(0.9 ** 7, 14);
  });

  it('calls onProgress at most ~100 times, ending at the budget with the final loss, and evaluates no extra loss', () => {
    const calls: { step: number; steps: number; time: number; loss: number | null }[] = [];
    let values = 0;
    const counted = { ...f, value: (x: Float64Array) => (values++, f.value(x)) };
    const run = gd(counted, x0, { lr: 0.1, steps: 1000, every: 1000, onProgress: (p) => calls.push(p) });
    expect(calls.length).toBe(100);
    expect(calls[0]?.step).toBe(10);
    expect(calls[99]).toEqual({ step: 1000, steps: 1000, time: 0.1 * 1000, loss: run.losses[1] });
    // Two snapshots, two losses: the 100 reports cost nothing.
    expect(values).toBeLessThanOrEqual(2);
  });

  it('checks its arguments', () => {
    expect(() => gd(f, x0, { lr: 0, steps: 10 })).toThrow(/options.lr: expected a positive number/);
    expect(() => gd(f, x0, { lr: -1, steps: 10 })).toThrow(/options.lr: expected a positive number, received -1/);
    expect(() => gd(f, x0, { lr: 'a' as unknown as number, steps: 10 })).toThrow(/options.lr: expected a positive number or a schedule function/);
    expect(() => gd(f, x0, { lr: 0.1, steps: 2.5 })).toThrow(/options.steps: expected an integer, received 2.5/);
    expect(() => gd(f, x0, { lr: 0.1, steps: -1 })).toThrow(/options.steps: expected an integer ≥ 0, received -1/);
    expect(() => gd(f, [1, 2], { lr: 0.1, steps: 10 })).toThrow(/x0: expected length 6, received length 2/);
    expect(() => gd(f, [1, 2, NaN, 0, 0, 0], { lr: 0.1, steps: 10 })).toThrow(/x0: expected finite values, received NaN at index 2/);
    expect(() => gd(f, x0, { lr: 0.1, steps: 10, every: 0 })).toThrow(/options.every: expected an integer ≥ 1, received 0/);
    expect(() => gd(f, x0, { lr: 0.1, steps: 10, stop: 1 as never })).toThrow(/options.stop: expected a function/);
    expect(() => gd(f, x0, { lr: () => 0, steps: 10 })).toThrow(/lr: expected the schedule to return a positive finite number, received 0 at step 0/);
    expect(() => gd({} as never, x0, { lr: 0.1, steps: 10 })).toThrow(/objective.dim: expected an integer/);
    const a = gd(f, x0, { lr: 0.1, steps: 1 });
    expect(() => gd(f, x0, { lr: 0.1, steps: 1, resume: { ...a.state, method: 'sgd' } })).toThrow(/options.resume.method: expected 'gd'/);
    expect(() => gd(f, null, { lr: 0.1, steps: 1, resume: { ...a.state, time: Infinity } })).toThrow(
      /options.resume.time: expected a finite number, received Infinity/,
    );
    expect(() => gd(f, null, { lr: 0.1, steps: 1, resume: { ...a.state, time: -1 } })).toThrow(
      /options.resume.time: expected a non-negative number, received -1/,
    );
  });

  it('keeps t = Σ η_k when a run is resumed at another constant rate', () => {
    const first = gd(f, x0, { lr: 0.1, steps: 10 });
    const second = gd(f, null, { lr: 0.2, steps: 10, resume: first.state });
    // 10·0.1 + 10·0.2 = 3, accumulated by ten additions of 0.2 to 1 (≤ 10 roundings of ≤ 4 ulp-sized values).
    expect(Math.abs((second.times[second.times.length - 1] as number) - 3)).toBeLessThan(10 * 4 * Number.EPSILON);
    // An unbroken constant-rate run still has t = η·k exactly.
    expect(first.times[first.times.length - 1]).toBe(0.1 * 10);
  });
});
