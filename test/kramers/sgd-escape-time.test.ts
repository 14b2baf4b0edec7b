/**
 * sgdEscapeTime and whiteNoiseEscapeTime: hand-computed values, the d-dimensional form along the
 * escape direction, and, with SGD-type noise D(θ) = η(1 + θ²)/2B on the double well (the noise of
 * doubleWellFiniteSum, equal to ηH/2B at the minima and the saddle), the exact mean first-passage
 * time from the Fokker–Planck module: log τ is linear in B/η with a slope below and approaching
 * Xie's exponent; a small simulation agrees with it.
 */
import { describe, expect, it } from 'vitest';
import { kramersEscapeTime, scalingFit, sgdEscapeTime, whiteNoiseEscapeTime, estimateEscapeRate } from '../../src/kramers/index';
import { meanFirstPassageTime1d } from '../../src/fokker-planck/index';
import { sgdNoise, simulateEnsemble } from '../../src/langevin/index';
import { doubleWell, doubleWellFiniteSum } from '../../src/objectives/index';

const twoPi = 2 * Math.PI;

describe('sgdEscapeTime: hand-computed values', () => {
  it('1-D: 2π/√(H_a|H_b|)·exp[(2BΔL/η)(s/H_a + (1 − s)/|H_b|)], s = 1/2 by default', () => {
    const want = (twoPi / Math.sqrt(2)) * Math.exp(((2 * 2 * 0.25) / 0.1) * (0.5 / 2 + 0.5 / 1));
    expect(sgdEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 0.1, batchSize: 2 }) / want).toBeCloseTo(1, 13);
    const s = 0.2;
    const want2 = (twoPi / Math.sqrt(6 * 0.5)) * Math.exp(((2 * 1 * 0.3) / 0.01) * (s / 6 + (1 - s) / 0.5));
    const d = sgdEscapeTime({ barrier: 0.3, curvatureMin: 6, curvatureSaddle: -0.5, lr: 0.01, batchSize: 1, s, details: true });
    expect(d.time / want2).toBeCloseTo(1, 12);
    expect(d.exponent).toBeCloseTo(((2 * 1 * 0.3) / 0.01) * (s / 6 + (1 - s) / 0.5), 10);
    expect(d.warnings).toEqual([]);
  });

  it('exponential in B/η and in 1/H_a: SGD favours flat minima; white noise sees H only in the prefactor', () => {
    const base = { barrier: 0.25, curvatureSaddle: -1, lr: 0.1, batchSize: 2 };
    const sharp = sgdEscapeTime({ ...base, curvatureMin: 4, details: true });
    const flat = sgdEscapeTime({ ...base, curvatureMin: 1, details: true });
    expect(flat.exponent - sharp.exponent).toBeCloseTo(((2 * 2 * 0.25) / 0.1) * 0.5 * (1 / 1 - 1 / 4), 12);
    const wSharp = whiteNoiseEscapeTime({ barrier: 0.25, curvatureMin: 4, curvatureSaddle: -1, temperature: 0.05, details: true });
    const wFlat = whiteNoiseEscapeTime({ barrier: 0.25, curvatureMin: 1, curvatureSaddle: -1, temperature: 0.05, details: true });
    expect(wFlat.exponent).toBe(wSharp.exponent);
    expect(wFlat.time / wSharp.time).toBeCloseTo(2, 12); // √(4/1)
    expect(whiteNoiseEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0.05 })).toBe(
      kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05 }),
    );
  });

  it('d-D: H_ae = eᵀH_a e along the saddle’s unstable eigenvector, H_be = λ⁻, prefactor √(|det H_b|/det H_a)/|H_be|', () => {
    // H_a = [[3, 1], [1, 2]] (det 5); H_b = [[1, 2], [2, 1]]: λ⁻ = −1 with e = (1, −1)/√2, so H_ae = (3 − 2 + 2)/2 = 1.5
    const Ha = [
      [3, 1],
      [1, 2],
    ];
    const Hb = [
      [1, 2],
      [2, 1],
    ];
    const u = (2 * 4 * 0.2) / 0.1;
    const want = twoPi * Math.sqrt(3 / 5) * Math.exp(u * (0.3 / 1.5 + 0.7 / 1));
    expect(sgdEscapeTime({ barrier: 0.2, curvatureMin: Ha, curvatureSaddle: Hb, lr: 0.1, batchSize: 4, s: 0.3 }) / want).toBeCloseTo(1, 12);
    // an explicit direction: e = (1, 0): H_ae = 3, H_be = 1 — not negative, refused; e = (1, −2)/√5: H_be = (1 − 8 + 4)/5 = −0.6
    expect(() => sgdEscapeTime({ barrier: 0.2, curvatureMin: Ha, curvatureSaddle: Hb, lr: 0.1, batchSize: 4, direction: [1, 0] })).toThrow(
      /options\.direction/,
    );
    const hae = (3 - 4 + 8) / 5;
    const want2 = ((twoPi * Math.sqrt(3 / 5)) / 0.6) * Math.exp(u * (0.5 / hae + 0.5 / 0.6));
    expect(sgdEscapeTime({ barrier: 0.2, curvatureMin: Ha, curvatureSaddle: Hb, lr: 0.1, batchSize: 4, direction: [1, -2] }) / want2).toBeCloseTo(1, 12);
  });

  it('validity warnings on request', () => {
    const d = sgdEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 0.5, batchSize: 1, details: true });
    expect(d.warnings.join(' ')).toMatch(/ΔL\/D_a .* not large/);
    expect(d.warnings.join(' ')).toMatch(/η·λ_max\(H_a\) = 1\.00 is not small/);
    const u = sgdEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 1.5, batchSize: 100, details: true });
    expect(u.warnings.join(' ')).toMatch(/unstable/);
  });

  it('bad input names the argument', () => {
    const ok = { barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 0.1, batchSize: 2 };
    for (const s of [0, 1, -0.1, 1.5, NaN]) expect(() => sgdEscapeTime({ ...ok, s })).toThrow(/options\.s: expected/);
    expect(() => sgdEscapeTime({ ...ok, batchSize: 2.5 })).toThrow(/options\.batchSize/);
    expect(() => sgdEscapeTime({ ...ok, lr: -1 })).toThrow(/options\.lr/);
    expect(() =>
      sgdEscapeTime({
        ...ok,
        curvatureMin: [
          [1, 0],
          [0, -1],
        ],
        curvatureSaddle: [
          [-1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/options\.curvatureMin: expected a positive-definite/);
    expect(() => sgdEscapeTime({ ...ok, curvatureSaddle: 0.5 })).toThrow(/options\.curvatureSaddle/);
    expect(() => sgdEscapeTime({ ...ok, batchsize: 2 } as never)).toThrow(/options\.batchsize: unknown option; did you mean batchSize\?/);
    expect(() => whiteNoiseEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0 })).toThrow(/options\.temperature/);
    expect(() => whiteNoiseEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1 } as never)).toThrow(/options\.temperature/);
  });
});

describe('SGD-type noise on the double well: log τ linear in B/η (exact MFPT)', () => {
  // L = θ⁴/4 − θ²/2 (ΔL = 1/4, H_a = 2, H_b = −1) with D(θ) = (η/2B)(1 + θ²): D = ηH/2B at θ = ±1 and at 0, as Xie assume.
  // Exact exponent: (2B/η)∫₋₁⁰ L′/(1 + θ²) dθ = (2B/η)(ln 2 − 1/2), i.e. Xie's 2ΔL(s/H_a + (1 − s)/|H_b|) at s* = 2 − 8(ln 2 − 1/2).
  const exact = 2 * (Math.log(2) - 0.5);
  const sStar = 2 - 8 * (Math.log(2) - 0.5);
  const logTau = (u: number): number =>
    meanFirstPassageTime1d({ drift: (x) => x - x ** 3, diffusion: (x) => (1 + x * x) / (2 * u), from: -1, to: 1, errorEstimate: true }).logValue;

  it("Xie's exponent at s* is the exact path integral (independent quadrature)", () => {
    const xie = sgdEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 1, batchSize: 1, s: sStar, details: true });
    // ∫₋₁⁰ (θ³ − θ)/(1 + θ²) dθ by the midpoint rule, 2·10⁵ panels
    let q = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const x = -1 + (i + 0.5) / n;
      q += (x ** 3 - x) / (1 + x * x) / n;
    }
    expect(xie.exponent).toBeCloseTo(2 * q, 9);
    expect(xie.exponent).toBeCloseTo(exact, 12);
  });

  it('slopes over doubling windows of B/η stay below the Xie exponent and approach it; scalingFit recovers it', () => {
    const us = [10, 20, 40, 80, 160, 320, 640];
    const ys = us.map(logTau);
    let prevGap = Infinity;
    for (let i = 0; i + 1 < us.length; i++) {
      const slope = ((ys[i + 1] as number) - (ys[i] as number)) / ((us[i + 1] as number) - (us[i] as number));
      const gap = exact - slope;
      expect(gap).toBeGreaterThan(0); // below
      expect(gap).toBeLessThan(prevGap); // approaching
      prevGap = gap;
    }
    expect(prevGap / exact).toBeLessThan(3e-5);
    // the fit over the upper half: slope within 1e-3 of the exponent, an almost perfect line
    const fit = scalingFit(us.slice(3), ys.slice(3).map(Math.exp));
    expect(Math.abs(fit.slope - exact) / exact).toBeLessThan(1e-3);
    expect(fit.r2).toBeGreaterThan(0.999999);
    // the intercept: Xie's prefactor 2π/√(H_a|H_b|) misses the √(D_b/D_a) = √(|H_b|/H_a) of state-dependent noise
    // (Laplace's method on the MFPT integrals): log τ − log τ_Xie → ½ log(1/2)
    const last = us.length - 1;
    const xie = sgdEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 1, batchSize: us[last] as number, s: sStar, details: true });
    expect((ys[last] as number) - xie.logTime).toBeCloseTo(0.5 * Math.log(0.5), 2);
  });

  it('a simulation with this noise agrees with the exact MFPT within 4 standard errors', async () => {
    // B/η = 8, to the top of the barrier (bridge-corrected half-space stop), 600 walkers censored at 3T: the 95% interval is
    // about ±9%; Euler–Maruyama's weak error at dt = 0.01 is ~1% (|L″| dt ≤ 0.02).
    const u = 8;
    // this D is sgdNoise's for SGD with B = 1, η = 1/8 on doubleWellFiniteSum (σ_z = 1): checked at a few points, then
    // given as a plain function (the gradient-covariance field costs N sample gradients a step)
    const field = sgdNoise(doubleWellFiniteSum({ size: 20, noise: 1, seed: 3 }), { lr: 1 / u, batchSize: 1, covariance: 'gradient' });
    for (const x of [-1, -0.3, 0]) expect(field.matrix(Float64Array.of(x))[0]).toBeCloseTo((1 + x * x) / (2 * u), 12);
    const T = meanFirstPassageTime1d({ drift: (x) => x - x ** 3, diffusion: (x) => (1 + x * x) / (2 * u), from: -1, to: 0 });
    const r = await simulateEnsemble({
      objective: doubleWell(),
      x0: [-1],
      dt: 0.01,
      diffusion: (x: Float64Array, out: Float64Array) => {
        out[0] = (1 + (x[0] as number) ** 2) / (2 * u);
      },
      tMax: 3 * T,
      walkers: 600,
      seed: 11,
      stop: { coordinate: 0, atLeast: 0 },
    });
    const e = estimateEscapeRate(r);
    expect(e.censored).toBeGreaterThan(0);
    // tolerance: 4 standard errors of the rate plus the ~1% Euler–Maruyama bias (not the 95% interval, which another
    // seed would miss 5% of the time)
    expect(e.standardError).not.toBeNull();
    expect(Math.abs(e.rate - 1 / T)).toBeLessThan(4 * (e.standardError ?? 0) + 0.01 / T);
  }, 20000);
});
