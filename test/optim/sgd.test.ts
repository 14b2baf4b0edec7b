import { describe, expect, it } from 'vitest';
import { gd, sgd, sgdStep, createStepState, createStepWorkspace } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import { leastSquares, maxAbsDiff, replicated, symmetricWithEigenvalues } from './fixtures';

const EPS = 2.220446049250313e-16;

describe('sgd', () => {
  const d = 5;
  const H = symmetricWithEigenvalues([0.2, 0.7, 1, 1.5, 2], 11);
  const c = Float64Array.from([1, 0, -1, 2, 0.5]);
  const q = quadratic({ hessian: H, center: c });
  const x0 = Float64Array.from([3, -2, 1, 0, 2]);
  // SGD on N identical copies of q is deterministic: every batch gradient is ∇q.
  const rep = replicated(q, 7);

  it('with batch = N and no replacement equals GD (to rounding: the batch sum runs in a permuted order)', () => {
    const ls = leastSquares(40, d, 2);
    const steps = 300;
    const a = sgd(ls, x0, { lr: 0.05, batchSize: 40, steps, seed: 1, every: 50 });
    const b = gd(ls, x0, { lr: 0.05, steps, every: 50 });
    // Summing N = 40 terms in another order changes the mean gradient by ≤ ~N·ε·G, G = max over
    // samples and coordinates of |rₙ aₙⱼ| (computed at x0, where the residuals are largest); GD on
    // this convex problem (η·λ_max < 2) does not amplify errors, so after k steps the difference is
    // ≤ k·η·N·ε·G. Factor 4 slack for the residuals along the path.
    let G = 0;
    for (let i = 0; i < 40; i++) {
      let r = -(ls.b[i] as number);
      for (let j = 0; j < d; j++) r += (ls.A[i * d + j] as number) * (x0[j] as number);
      for (let j = 0; j < d; j++) G = Math.max(G, Math.abs(r * (ls.A[i * d + j] as number)));
    }
    const tol = 4 * steps * 0.05 * 40 * EPS * G;
    expect(maxAbsDiff(a.final, b.final)).toBeLessThan(tol);
    expect(maxAbsDiff(a.points.data, b.points.data)).toBeLessThan(tol);
    expect(Array.from(a.times)).toEqual(Array.from(b.times));
  });

  it('heavy ball matches θ_{k+1} = θ_k − η g_k + β(θ_k − θ_{k−1}) (PyTorch convention, constant lr)', () => {
    const lr = 0.1;
    const beta = 0.8;
    const steps = 150;
    const run = sgd(rep, x0, { lr, batchSize: 3, momentum: beta, steps, seed: 5, every: 1 });
    let prev = Float64Array.from(x0);
    let cur = Float64Array.from(x0);
    const g = new Float64Array(d);
    for (let k = 0; k < steps; k++) {
      q.gradient(cur, g);
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) next[i] = (cur[i] as number) - lr * (g[i] as number) + beta * ((cur[i] as number) - (prev[i] as number));
      prev = cur;
      cur = next;
      // The two forms round differently, each step by ≤ d·ε·scale (scale = max |θ| ≲ 10); both are
      // stable (spectral radius ≤ √β ≈ 0.89 for ηλ ≤ 0.2, β = 0.8), so a rounding error is
      // amplified by at most ≈ 1/(1 − √β) ≈ 10 before it decays: ≤ 10·(k + 1)·d·ε·10 in all.
      expect(maxAbsDiff(run.points.data.subarray((k + 1) * d, (k + 2) * d), cur)).toBeLessThan(100 * (k + 1) * d * EPS);
    }
  });

  it('Nesterov matches θ_{k+1} = θ_k + β(θ_k − θ_{k−1}) − η(1+β) g_k + βη g_{k−1}', () => {
    // From v_{k+1} = βv_k + g_k, θ_{k+1} = θ_k − η(g_k + βv_{k+1}), eliminating v (g_{−1} := 0, θ_{−1} := θ_0).
    const lr = 0.1;
    const beta = 0.9;
    const steps = 150;
    const run = sgd(rep, x0, { lr, batchSize: 2, momentum: beta, nesterov: true, steps, seed: 5, every: 1 });
    let prev = Float64Array.from(x0);
    let cur = Float64Array.from(x0);
    let gPrev: Float64Array = new Float64Array(d);
    for (let k = 0; k < steps; k++) {
      const g = q.gradient(cur);
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        next[i] =
          (cur[i] as number) + beta * ((cur[i] as number) - (prev[i] as number)) - lr * (1 + beta) * (g[i] as number) + beta * lr * (gPrev[i] as number);
      }
      prev = cur;
      cur = next;
      gPrev = g;
      // As for heavy ball: stable recursion, rounding grows at most linearly.
      expect(maxAbsDiff(run.points.data.subarray((k + 1) * d, (k + 2) * d), cur)).toBeLessThan(100 * (k + 1) * d * EPS);
    }
  });

  it('weight decay λ equals GD on L + (λ/2)‖θ‖²', () => {
    const lambda = 0.3;
    // L + (λ/2)‖θ‖² has gradient H(θ − c) + λθ.
    const reg = {
      dim: d,
      value: (x: Float64Array) => q.value(x) + 0.5 * lambda * x.reduce((s, v) => s + v * v, 0),
      gradient: (x: Float64Array, out = new Float64Array(d)) => {
        q.gradient(x, out);
        for (let i = 0; i < d; i++) out[i] = (out[i] as number) + lambda * (x[i] as number);
        return out;
      },
    };
    const a = sgd(rep, x0, { lr: 0.2, batchSize: 7, weightDecay: lambda, steps: 100, seed: 3 });
    const b = gd(reg, x0, { lr: 0.2, steps: 100 });
    // Same arithmetic (g + λθ, then θ − ηg): bit for bit.
    expect(Array.from(a.final)).toEqual(Array.from(b.final));
  });

  it('replacement sampling: index frequencies pass a chi-square test and each is within 5 SE', () => {
    const n = 20;
    const log: Uint32Array[] = [];
    const ls = leastSquares(n, 2, 4, log);
    const steps = 2000;
    const B = 5;
    sgd(ls, [0, 0], { lr: 0.01, batchSize: B, replacement: true, steps, seed: 9, every: steps });
    expect(log.length).toBe(steps);
    const counts = new Float64Array(n);
    for (const b of log) for (const i of b) counts[i] = (counts[i] as number) + 1;
    const total = steps * B;
    const p = 1 / n;
    const expected = total * p;
    let chi2 = 0;
    for (let i = 0; i < n; i++) {
      chi2 += ((counts[i] as number) - expected) ** 2 / expected;
      // Binomial(total, 1/n): SE = sqrt(total p (1 − p)).
      expect(Math.abs((counts[i] as number) - expected)).toBeLessThan(5 * Math.sqrt(total * p * (1 - p)));
    }
    // χ² with n − 1 degrees of freedom: mean n − 1, SD sqrt(2(n − 1)); accept within 5 SD.
    expect(chi2).toBeLessThan(n - 1 + 5 * Math.sqrt(2 * (n - 1)));
    // With replacement a batch can repeat an index: over 2000 batches of 5 from 20, P(no repeat)
    // = (20·19·18·17·16)/20⁵ ≈ 0.58, so repeats must occur.
    const withRepeat = log.filter((b) => new Set(b).size < b.length).length;
    expect(withRepeat).toBeGreaterThan(0);
    // Expected ≈ 0.42·2000 = 838, binomial SD ≈ 22: within 5 SD.
    const pr = 1 - (20 * 19 * 18 * 17 * 16) / 20 ** 5;
    expect(Math.abs(withRepeat - pr * steps)).toBeLessThan(5 * Math.sqrt(steps * pr * (1 - pr)));
  });

  it('without replacement every epoch visits every sample exactly once, in a fresh order', () => {
    const n = 12;
    const log: Uint32Array[] = [];
    const ls = leastSquares(n, 2, 4, log);
    sgd(ls, [0, 0], { lr: 0.01, batchSize: 4, steps: 30, seed: 2 });
    const orders: string[] = [];
    for (let e = 0; e < 10; e++) {
      const idx = log.slice(3 * e, 3 * e + 3).flatMap((b) => Array.from(b));
      expect(idx.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      orders.push(idx.join(','));
    }
    expect(new Set(orders).size).toBe(10); // 12! orders: a repeat would mean no reshuffling
  });

  it('partial batches: drop keeps B samples and skips N mod B per epoch; small ends each epoch with N mod B', () => {
    const n = 10;
    const logDrop: Uint32Array[] = [];
    sgd(leastSquares(n, 2, 4, logDrop), [0, 0], { lr: 0.01, batchSize: 4, steps: 6, seed: 2 });
    expect(logDrop.map((b) => b.length)).toEqual([4, 4, 4, 4, 4, 4]);
    for (let e = 0; e < 3; e++) {
      const idx = [...(logDrop[2 * e] as Uint32Array), ...(logDrop[2 * e + 1] as Uint32Array)];
      expect(new Set(idx).size).toBe(8);
    }
    const logSmall: Uint32Array[] = [];
    sgd(leastSquares(n, 2, 4, logSmall), [0, 0], { lr: 0.01, batchSize: 4, steps: 6, seed: 2, partialBatch: 'small' });
    expect(logSmall.map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2]);
    for (let e = 0; e < 2; e++) {
      const idx = logSmall.slice(3 * e, 3 * e + 3).flatMap((b) => Array.from(b));
      expect(idx.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('resume is bit-exact: 2000 steps = 1000 + resume 1000 (momentum, Nesterov, both sampling modes)', () => {
    const ls = leastSquares(30, d, 6);
    for (const extra of [{ replacement: false }, { replacement: true }, { nesterov: true, weightDecay: 0.01 }, { partialBatch: 'small' as const }]) {
      const opts = { lr: 0.02, batchSize: 7, momentum: 0.9, seed: 'resume', every: 100, ...extra };
      const whole = sgd(ls, x0, { ...opts, steps: 2000 });
      const a = sgd(ls, x0, { ...opts, steps: 1000 });
      // The state is plain JSON: a file round trip needs no conversion.
      const saved = JSON.parse(JSON.stringify(a.state)) as typeof a.state;
      const b = sgd(ls, null, { ...opts, steps: 1000, seed: 'ignored', resume: saved });
      expect(Array.from(b.final)).toEqual(Array.from(whole.final));
      expect(Array.from(b.points.data)).toEqual(Array.from(whole.points.data.subarray(10 * d)));
      expect(Array.from(b.losses)).toEqual(Array.from(whole.losses.subarray(10)));
      expect(b.rngState).toEqual(whole.rngState);
      expect(Array.from(b.state.velocity ?? [])).toEqual(Array.from(whole.state.velocity ?? []));
    }
  });

  it('is built on sgdStep: a hand-written loop gives the same bits', () => {
    const ls = leastSquares(30, d, 6);
    const run = sgd(ls, x0, { lr: 0.02, batchSize: 7, momentum: 0.5, steps: 100, seed: 8 });
    const s = createStepState(x0, 8);
    const ws = createStepWorkspace(d, 7);
    for (let k = 0; k < 100; k++) sgdStep(ls, s, { lr: 0.02, batchSize: 7, momentum: 0.5 }, ws);
    expect(Array.from(s.x)).toEqual(Array.from(run.final));
  });

  it('reports divergence with the step (lr too large on a quadratic)', () => {
    // 1-D quadratic λ = 1 with η = 3: θ_k = (−2)^k; the loss θ²/2 overflows first at k = 512.
    const f1 = replicated(quadratic({ hessian: [[1]] }), 4);
    const run = sgd(f1, [1], { lr: 3, batchSize: 2, steps: 10_000, seed: 1, every: 1 });
    expect(run.stopReason).toBe('diverged');
    expect(run.divergedAt).toBe(512);
    expect(run.losses.length).toBe(513);
  });

  it('checks its arguments', () => {
    const ls = leastSquares(10, d, 1);
    const base = { lr: 0.1, batchSize: 2, steps: 10, seed: 1 };
    expect(() => sgd(ls, x0, { ...base, lr: 0 })).toThrow(/options.lr: expected a positive number, received 0/);
    expect(() => sgd(ls, x0, { ...base, steps: 1.5 })).toThrow(/options.steps: expected an integer, received 1.5/);
    expect(() => sgd(ls, x0, { ...base, batchSize: 11 })).toThrow(/options.batchSize: expected an integer in \[1, 10\], received 11/);
    expect(() => sgd(ls, x0, { ...base, batchSize: 0 })).toThrow(/options.batchSize: expected an integer in \[1, 10\], received 0/);
    expect(() => sgd(ls, [1, 2], base)).toThrow(/x0: expected length 5, received length 2/);
    expect(() => sgd(ls, [1, NaN, 0, 0, 0], base)).toThrow(/x0: expected finite values, received NaN at index 1/);
    expect(() => sgd(ls, x0, { ...base, momentum: 1 })).toThrow(/options.momentum: expected a number in \[0, 1\), received 1/);
    expect(() => sgd(ls, x0, { ...base, momentum: -0.1 })).toThrow(/options.momentum: expected a number in \[0, 1\), received -0.1/);
    expect(() => sgd(ls, x0, { ...base, nesterov: true })).toThrow(/options.nesterov: expected momentum > 0/);
    expect(() => sgd(ls, x0, { ...base, weightDecay: -1 })).toThrow(/options.weightDecay: expected a non-negative number/);
    expect(() => sgd(ls, x0, { ...base, partialBatch: 'keep' as never })).toThrow(/options.partialBatch: expected one of 'drop', 'small'/);
    expect(() => sgd(ls, x0, { ...base, seed: {} as unknown as number })).toThrow(/options.seed: expected a finite number or a string, received an object/);
    // No seed means seed 0, as everywhere in the library.
    expect(Array.from(sgd(ls, x0, { ...base, seed: undefined }).final)).toEqual(Array.from(sgd(ls, x0, { ...base, seed: 0 }).final));
    expect(() => sgd(q as never, x0, base)).toThrow(/objective.size: expected an integer/);
    const run = sgd(ls, x0, { ...base, momentum: 0.5 });
    const resumeWith = (patch: object) => () => sgd(ls, null, { ...base, momentum: 0.5, resume: { ...run.state, ...patch } });
    expect(resumeWith({ cursor: -1 })).toThrow(/options.resume.cursor: expected an integer in \[0, 10\], received -1/);
    expect(resumeWith({ cursor: 1.5 })).toThrow(/options.resume.cursor: expected an integer, received 1.5/);
    expect(resumeWith({ velocity: [NaN, 0, 0, 0, 0] })).toThrow(/options.resume.velocity: expected finite values, received NaN at index 0/);
    expect(resumeWith({ velocity: [0, 0] })).toThrow(/options.resume.velocity: expected length 5, received length 2/);
    expect(resumeWith({ step: -1 })).toThrow(/options.resume.step: expected an integer ≥ 0, received -1/);
    expect(resumeWith({ x: [0, 0] })).toThrow(/options.resume.x: expected length 5, received length 2/);
    expect(resumeWith({ order: new Uint32Array(3) })).toThrow(/options.resume.order: expected a permutation of length 10, received length 3/);
    expect(() => sgd(ls, x0, { ...base, nesterov: 'yes' as never, momentum: 0.5 })).toThrow(/options.nesterov: expected a boolean, received "yes"/);
    expect(() => sgd(ls, x0, { ...base, replacement: 1 as never })).toThrow(/options.replacement: expected a boolean, received 1/);
    expect(() => sgd(ls, x0, { ...base, onProgress: 3 as never })).toThrow(/options.onProgress: expected a function, received 3/);
    expect(() => sgd({ ...ls, batchGradient: undefined } as never, x0, base)).toThrow(/objective.batchGradient: expected a function, received undefined/);
  });
});
