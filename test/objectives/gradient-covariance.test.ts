import { describe, it, expect } from 'vitest';
import { createRng } from '../../src/random/rng';
import { sampleWithoutReplacement, sampleWithReplacement } from '../../src/random/batch';
import { gradientCovariance, logisticRegression, mlp, sigmoid } from '../../src/objectives/index';

function rows(seed: number, n: number, p: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Σ = (1/N) Σ (gₙ − ḡ)(gₙ − ḡ)ᵀ from explicit per-sample gradients (two passes). */
function directCovariance(g: Float64Array[]): Float64Array {
  const N = g.length;
  const d = (g[0] as Float64Array).length;
  const mean = new Float64Array(d);
  for (const gn of g) for (let i = 0; i < d; i++) mean[i] = (mean[i] as number) + (gn[i] as number) / N;
  const S = new Float64Array(d * d);
  for (const gn of g) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++)
        S[i * d + j] = (S[i * d + j] as number) + (((gn[i] as number) - (mean[i] as number)) * ((gn[j] as number) - (mean[j] as number))) / N;
    }
  }
  return S;
}

describe('gradientCovariance', () => {
  const N = 60;
  const X = rows(1, N, 3);
  const labels = X.map((r, n) => (n % 3 === 0 ? 1 : (r[0] as number) > 0 ? 1 : 0));
  const f = logisticRegression({ features: X, labels, intercept: true, l2: 0.3 });
  const theta = new Float64Array([0.4, -0.2, 0.7, 0.1]);

  it('matches a direct dense computation from hand-written per-sample gradients, for each factor', () => {
    // gₙ = (σ(zₙ) − yₙ)(xₙ, 1), written here independently of the model's kernels.
    const g = X.map((x, n) => {
      const z =
        (theta[0] as number) * (x[0] as number) + (theta[1] as number) * (x[1] as number) + (theta[2] as number) * (x[2] as number) + (theta[3] as number);
      const r = sigmoid(z) - (labels[n] as number);
      return new Float64Array([r * (x[0] as number), r * (x[1] as number), r * (x[2] as number), r]);
    });
    const S = directCovariance(g);
    const B = 7;
    for (const [opts, c] of [
      [{}, 1],
      [{ batchSize: B }, 1 / B],
      [{ batchSize: B, replacement: false }, (N - B) / (B * (N - 1))],
    ] as const) {
      const cov = gradientCovariance(f, theta, opts);
      expect(cov.form).toBe('dense');
      expect(cov.factor).toBeCloseTo(c, 15);
      const expected = S.map((v) => v * c);
      // Sums of N = 60 terms in another order: rounding ~N·ε relative to the largest entry.
      expect(maxAbsDiff(cov.matrix as Float64Array, expected)).toBeLessThan(1e-13 * maxAbs(expected));
    }
    // ḡ is the mean of ∇ℓₙ, without the regulariser's l2·w.
    const mean = gradientCovariance(f, theta).meanGradient;
    const grad = f.gradient(theta);
    for (let i = 0; i < 3; i++) expect(mean[i]).toBeCloseTo((grad[i] as number) - 0.3 * (theta[i] as number), 14);
    expect(mean[3]).toBeCloseTo(grad[3] as number, 14);
  });

  it('gives the same map in dense and operator forms, stored or recomputed', () => {
    const net = mlp({ layers: [3, 4, 3], activation: 'tanh', loss: 'cross-entropy', features: X, targets: X.map((_, n) => n % 3) });
    const x = createRng(2).fillNormal(new Float64Array(net.dim));
    const dense = gradientCovariance(net, x, { batchSize: 4 });
    // Direct: per-sample gradients from one-index batches (another entry point than sampleGradient).
    const g = Array.from({ length: N }, (_, n) => net.batchGradient(x, new Uint32Array([n])));
    const S = directCovariance(g).map((v) => v / 4);
    expect(maxAbsDiff(dense.matrix as Float64Array, S)).toBeLessThan(1e-13 * maxAbs(S));
    const v = createRng(3).fillNormal(new Float64Array(net.dim));
    const Sv = dense.operator.apply(v, new Float64Array(net.dim));
    // Both sides sum the same N·d² products (gₙ − ḡ)ᵢ(gₙ − ḡ)ⱼvⱼ/(4N) in other orders: they differ by
    // ≤ 2(N + d)·ε·Σₙ|gₙ − ḡ|ᵢ Σⱼ|(gₙ − ḡ)ⱼvⱼ|/(4N) per entry (the centred terms cancel in the sum).
    const d = net.dim;
    const mean = new Float64Array(d);
    for (const gn of g) for (let i = 0; i < d; i++) mean[i] = (mean[i] as number) + (gn[i] as number) / N;
    let absSum = 0;
    const absTerms = new Float64Array(d);
    for (const gn of g) {
      let s = 0;
      for (let i = 0; i < d; i++) s += Math.abs(((gn[i] as number) - (mean[i] as number)) * (v[i] as number));
      for (let i = 0; i < d; i++) absTerms[i] = (absTerms[i] as number) + Math.abs(((gn[i] as number) - (mean[i] as number)) * s) / (4 * N);
    }
    for (const t of absTerms) absSum = Math.max(absSum, t);
    const accumulationTol = 2 * (N + d) * Number.EPSILON * absSum;
    for (const store of [true, false]) {
      const op = gradientCovariance(net, x, { batchSize: 4, form: 'operator', store });
      expect(op.form).toBe('operator');
      expect(op.matrix).toBeNull();
      expect(maxAbsDiff(op.operator.apply(v, new Float64Array(net.dim)), Sv)).toBeLessThan(accumulationTol);
    }
  });

  it('keeps its own copy of x: changing x afterwards does not change the operator', () => {
    const net = mlp({ layers: [3, 4, 3], activation: 'tanh', loss: 'cross-entropy', features: X, targets: X.map((_, n) => n % 3) });
    const x = createRng(2).fillNormal(new Float64Array(net.dim));
    const v = createRng(3).fillNormal(new Float64Array(net.dim));
    const op = gradientCovariance(net, x, { batchSize: 4, form: 'operator', store: false });
    const before = op.operator.apply(v, new Float64Array(net.dim));
    x.fill(5); // an optimiser updating θ in place
    // The same computation at the same θ: identical to the last bit.
    expect(Array.from(op.operator.apply(v, new Float64Array(net.dim)))).toEqual(Array.from(before));
  });

  // A small network, so that the exact enumeration below covers a non-linear model.
  const tiny = (n: number) => mlp({ layers: [2, 3, 1], activation: 'gelu', features: rows(4, n, 2), targets: rows(5, n, 1).map((r) => r[0] as number) });

  it('is the exact covariance of the batch gradient over all batches without replacement (N = 7, B = 3)', () => {
    const n = 7;
    const B = 3;
    const net = tiny(n);
    const x = createRng(6).fillNormal(new Float64Array(net.dim));
    const gbar = net.gradient(x);
    const d = net.dim;
    const C = new Float64Array(d * d);
    const mean = new Float64Array(d);
    let count = 0;
    // All C(7, 3) = 35 subsets, each equally likely.
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        for (let c = b + 1; c < n; c++) {
          const gb = net.batchGradient(x, new Uint32Array([a, b, c]));
          count++;
          for (let i = 0; i < d; i++) {
            mean[i] = (mean[i] as number) + (gb[i] as number);
            for (let j = 0; j < d; j++)
              C[i * d + j] = (C[i * d + j] as number) + ((gb[i] as number) - (gbar[i] as number)) * ((gb[j] as number) - (gbar[j] as number));
          }
        }
      }
    }
    expect(count).toBe(35);
    for (let i = 0; i < d * d; i++) C[i] = (C[i] as number) / count;
    for (let i = 0; i < d; i++) expect((mean[i] as number) / count).toBeCloseTo(gbar[i] as number, 13);
    const cov = gradientCovariance(net, x, { batchSize: B, replacement: false });
    expect(cov.factor).toBeCloseTo((n - B) / (B * (n - 1)), 15);
    // Exact identity; rounding over 35 batches of 3 samples.
    expect(maxAbsDiff(cov.matrix as Float64Array, C)).toBeLessThan(1e-12 * maxAbs(C));
    // The factor matters: Σ/B (with replacement) is (N − 1)/(N − B) = 1.5 times larger.
    const withReplacement = gradientCovariance(net, x, { batchSize: B }).matrix as Float64Array;
    expect(maxAbsDiff(withReplacement, C)).toBeGreaterThan(0.2 * maxAbs(C));
  });

  it('is the exact covariance over all ordered batches with replacement (N = 5, B = 3)', () => {
    const n = 5;
    const net = tiny(n);
    const x = createRng(7).fillNormal(new Float64Array(net.dim));
    const gbar = net.gradient(x);
    const d = net.dim;
    const C = new Float64Array(d * d);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        for (let c = 0; c < n; c++) {
          const gb = net.batchGradient(x, new Uint32Array([a, b, c]));
          for (let i = 0; i < d; i++) {
            for (let j = 0; j < d; j++)
              C[i * d + j] = (C[i * d + j] as number) + (((gb[i] as number) - (gbar[i] as number)) * ((gb[j] as number) - (gbar[j] as number))) / 125;
          }
        }
      }
    }
    const cov = gradientCovariance(net, x, { batchSize: 3 });
    expect(maxAbsDiff(cov.matrix as Float64Array, C)).toBeLessThan(1e-12 * maxAbs(C));
  });

  it("agrees with the library's own batch samplers by Monte Carlo (trace, within 5 standard errors)", () => {
    const B = 10;
    const M = 4000;
    const gbar = f.gradient(theta);
    const d = f.dim;
    for (const replacement of [false, true]) {
      const rng = createRng(replacement ? 'mc-with' : 'mc-without');
      const batch = new Uint32Array(B);
      const gb = new Float64Array(d);
      let s = 0;
      let s2 = 0;
      for (let m = 0; m < M; m++) {
        if (replacement) sampleWithReplacement(rng, N, B, batch);
        else sampleWithoutReplacement(rng, N, B, batch);
        f.batchGradient(theta, batch, gb);
        let t = 0;
        for (let i = 0; i < d; i++) t += ((gb[i] as number) - (gbar[i] as number)) ** 2;
        s += t;
        s2 += t * t;
      }
      const mean = s / M;
      const se = Math.sqrt((s2 / M - mean * mean) / (M - 1));
      const cov = gradientCovariance(f, theta, { batchSize: B, replacement }).matrix as Float64Array;
      let trace = 0;
      for (let i = 0; i < d; i++) trace += cov[i * d + i] as number;
      // E‖ĝ − ḡ‖² = tr Cov[ĝ]: 5 standard errors of the Monte Carlo mean.
      expect(Math.abs(mean - trace)).toBeLessThan(5 * se);
      // The two factors differ by (N − B)/(N − 1) = 0.83, i.e. by more than 5 standard errors here,
      // so the check distinguishes them.
      expect(trace * (1 - (N - B) / (N - 1))).toBeGreaterThan(5 * se);
    }
  });

  it('vanishes for the full batch without replacement', () => {
    const cov = gradientCovariance(f, theta, { batchSize: N, replacement: false });
    expect(cov.factor).toBe(0);
    expect(maxAbs(cov.matrix as Float64Array)).toBe(0);
  });

  it('checks its arguments', () => {
    expect(() => gradientCovariance(f, theta, { batchSize: N + 1, replacement: false })).toThrow(
      /options.batchSize: expected an integer in \[1, 60\], received 61/,
    );
    expect(() => gradientCovariance(f, theta, { batchSize: 0 })).toThrow(/options.batchSize: expected an integer ≥ 1, received 0/);
    expect(() => gradientCovariance(f, theta, { form: 'sparse' as never })).toThrow(
      /options.form: expected one of 'dense', 'operator', 'auto', received "sparse"/,
    );
    expect(() => gradientCovariance(f, theta, { replacement: 'no' as never })).toThrow(/options.replacement: expected a boolean, received "no"/);
    expect(() => gradientCovariance(f, theta, { store: 1 as never })).toThrow(/options.store: expected a boolean, received 1/);
    expect(() => gradientCovariance(f, new Float64Array(3))).toThrow(/x: expected length 4, received length 3/);
    expect(() => gradientCovariance({ dim: 2, size: 3 } as never, theta)).toThrow(
      /objective: expected a finite-sum model with sampleGradient\(x, n, out\), received an object/,
    );
    const op = gradientCovariance(f, theta, { form: 'operator' }).operator;
    expect(() => op.apply(new Float64Array(2), new Float64Array(4))).toThrow(/v: expected length 4, received length 2/);
  });
});
