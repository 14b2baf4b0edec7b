/**
 * kramersEscapeTime: against values computed by hand from its definition (1-D, Eyring–Kramers,
 * Langer), against the exact mean first-passage time of the Fokker–Planck module (1-D quadrature
 * and a 2-D grid solve: the ratio tends to 1 with error ∝ D/ΔL), and its errors.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { kramersEscapeTime } from '../../src/kramers/index';
import { fokkerPlanck2d, meanFirstPassageTime1d } from '../../src/fokker-planck/index';

const twoPi = 2 * Math.PI;

describe('kramersEscapeTime: hand-computed values', () => {
  it('1-D: τ = 2π/√(H_a|H_b|)·e^{ΔL/D}', () => {
    expect(kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05 })).toBeCloseTo((twoPi / Math.sqrt(2)) * Math.exp(5), 9);
    const t = kramersEscapeTime({ barrier: 3, curvatureMin: 7, curvatureSaddle: -0.5, diffusion: 0.6 });
    expect(t / ((twoPi / Math.sqrt(3.5)) * Math.exp(5))).toBeCloseTo(1, 14);
    // temperature is the same D for the overdamped SDE
    expect(kramersEscapeTime({ barrier: 3, curvatureMin: 7, curvatureSaddle: -0.5, temperature: 0.6 })).toBe(t);
  });

  it('Eyring–Kramers in 2-D: 2π·√(|det H_b|/det H_a)/|λ⁻|·e^{ΔL/D}, in every matrix form', () => {
    const Ha = [
      [3, 1],
      [1, 2],
    ]; // det 5
    const Hb = [
      [1, 2],
      [2, 1],
    ]; // eigenvalues −1, 3: det −3, λ⁻ = −1
    const want = twoPi * Math.sqrt(3 / 5) * Math.exp(2);
    const opts = { barrier: 0.2, diffusion: 0.1 };
    expect(kramersEscapeTime({ ...opts, curvatureMin: Ha, curvatureSaddle: Hb }) / want).toBeCloseTo(1, 13);
    expect(kramersEscapeTime({ ...opts, curvatureMin: Float64Array.of(3, 1, 1, 2), curvatureSaddle: new Matrix(Hb) }) / want).toBeCloseTo(1, 13);
    // a 1×1 matrix is the 1-D formula
    expect(
      kramersEscapeTime({ ...opts, curvatureMin: [[2]], curvatureSaddle: [[-1]] }) / kramersEscapeTime({ ...opts, curvatureMin: 2, curvatureSaddle: -1 }),
    ).toBeCloseTo(1, 14);
  });

  it('underdamped (Kramers–Langer): 2π/κ·√(|det H_b|/det H_a)·e^{ΔL/kT}, κ = √(γ²/4 + |λ⁻|/m) − γ/2, and the high-friction limit', () => {
    const g = 3;
    const m = 2;
    const kappa = Math.sqrt((g * g) / 4 + 1 / m) - g / 2;
    const want = (twoPi / kappa) * Math.sqrt(1 / 2) * Math.exp(0.25 / 0.05);
    const t = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0.05, friction: g, mass: m });
    expect(t / want).toBeCloseTo(1, 13);
    // γ → ∞: γ·m times the overdamped time at D = kT, to O(1/γ²)
    const over = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05 });
    const big = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0.05, friction: 1e3 });
    expect(big / (1e3 * over)).toBeCloseTo(1, 5);
  });

  it('details: the pieces multiply to the number, log τ finite where τ overflows, warnings on request', () => {
    const d = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05, details: true });
    expect(d.prefactor * Math.exp(d.exponent)).toBeCloseTo(d.time, 9);
    expect(d.exponent).toBe(5);
    expect(d.warnings).toEqual([]);
    const far = kramersEscapeTime({ barrier: 1000, curvatureMin: 2, curvatureSaddle: -1, diffusion: 1, details: true });
    expect(far.time).toBe(Infinity);
    expect(far.logTime).toBeCloseTo(Math.log(twoPi / Math.SQRT2) + 1000, 9);
    const rough = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.25, details: true });
    expect(rough.warnings.join(' ')).toMatch(/ΔL\/D = 1\.00/);
    const lowFriction = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0.05, friction: 0.01, details: true });
    expect(lowFriction.warnings.join(' ')).toMatch(/energy-diffusion/);
    // the number itself never changes with details
    expect(kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.25 })).toBe(rough.time);
  });
});

describe('kramersEscapeTime against the exact mean first-passage time', () => {
  it('1-D double well: ratio → 1 with relative error ∝ D/ΔL (to the other minimum; τ/2 to the saddle)', () => {
    // L = θ⁴/4 − θ²/2: ΔL = 1/4, H_a = 2, H_b = −1. Exact T by meanFirstPassageTime1d (quadrature to 1e-13).
    const L = (x: number): number => x ** 4 / 4 - x ** 2 / 2;
    const scaled: number[] = [];
    let prev = Infinity;
    for (const D of [0.025, 0.0125, 0.00625, 0.003125]) {
      const K = kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: D });
      const T = meanFirstPassageTime1d({ potential: L, diffusion: D, from: -1, to: 1 });
      const Ttop = meanFirstPassageTime1d({ potential: L, diffusion: D, from: -1, to: 0 });
      const err = Math.abs(K / T - 1);
      expect(err).toBeLessThan(prev);
      prev = err;
      scaled.push((K / T - 1) / (D / 0.25));
      // the passage to the top of the barrier is half the Kramers time
      expect(Math.abs(K / 2 / Ttop - 1)).toBeLessThan(2 * (D / 0.25));
    }
    // first order: (K/T − 1)/(D/ΔL) settles to a constant, consecutive values within 6%. The next Laplace terms of the
    // two integrals (∫e^{−f/ε} ≈ √(2πε/f″)[1 + ε(5f‴²/24f″³ − f⁗/8f″²)]) give 3D/4 each: T = K(1 + 3D/2 + O(D²)), so the
    // constant is −(3/2)ΔL = −3/8; the Richardson extrapolation of the last two values removes the O(D²) term.
    for (let i = 1; i < scaled.length; i++) expect(Math.abs((scaled[i] as number) / (scaled[i - 1] as number) - 1)).toBeLessThan(0.06);
    const n = scaled.length;
    expect(2 * (scaled[n - 1] as number) - (scaled[n - 2] as number)).toBeCloseTo(-0.375, 2);
  });

  it('2-D Eyring–Kramers against fokkerPlanck2d: transverse curvature 3 at the minimum, 1 at the saddle', () => {
    // L = x⁴/4 − x²/2 + ½(1 + 2x²)y²: minima (±1, 0) with H_a = diag(2, 3), saddle (0, 0) with H_b = diag(−1, 1);
    // the entropic factor √(|det H_b|/det H_a) = 1/√6 differs from the 1-D 1/√2. Grid 160×80 (its error ≈ 0.2%, measured
    // against 240×120, well below the D/ΔL term checked here).
    const drift = (p: Float64Array, out: Float64Array): void => {
      const x = p[0] as number;
      const y = p[1] as number;
      out[0] = -(x ** 3 - x + 2 * x * y * y);
      out[1] = -(1 + 2 * x * x) * y;
    };
    const errs: number[] = [];
    for (const D of [0.05, 0.025, 0.0125]) {
      const fp = fokkerPlanck2d({
        drift,
        diffusion: D,
        domain: [
          [-2, 2],
          [-1.2, 1.2],
        ],
        cells: [160, 80],
      });
      const T = fp
        .meanFirstPassageTime([
          [1, 2],
          [-1.2, 1.2],
        ])
        .at(-1, 0);
      const K = kramersEscapeTime({
        barrier: 0.25,
        curvatureMin: [
          [2, 0],
          [0, 3],
        ],
        curvatureSaddle: [
          [-1, 0],
          [0, 1],
        ],
        diffusion: D,
      });
      errs.push(Math.abs(K / T - 1));
    }
    // first order in D: each halving of D roughly halves the error (ratios 2.2 and 1.9 measured), and at D/ΔL = 0.05 it is < 6%
    expect((errs[0] as number) / (errs[1] as number)).toBeGreaterThan(1.6);
    expect((errs[1] as number) / (errs[2] as number)).toBeGreaterThan(1.6);
    expect((errs[0] as number) / (errs[1] as number)).toBeLessThan(2.6);
    expect(errs[2]).toBeLessThan(0.06);
  }, 20000);
});

describe('kramersEscapeTime: bad input names the argument', () => {
  const ok = { barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05 };
  it('a "minimum" that is not one', () => {
    expect(() => kramersEscapeTime({ ...ok, curvatureMin: -2 })).toThrow(/options\.curvatureMin: expected a positive curvature/);
    expect(() =>
      kramersEscapeTime({
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
    ).toThrow(/options\.curvatureMin: expected a positive-definite Hessian.*smallest eigenvalue -1/);
  });
  it('a saddle with no (or two) negative eigenvalues', () => {
    expect(() => kramersEscapeTime({ ...ok, curvatureSaddle: 1 })).toThrow(/options\.curvatureSaddle: expected a negative curvature/);
    const pd = [
      [2, 0],
      [0, 1],
    ];
    expect(() => kramersEscapeTime({ ...ok, curvatureMin: pd, curvatureSaddle: pd })).toThrow(
      /options\.curvatureSaddle: expected .*exactly one negative eigenvalue.*received none/,
    );
    expect(() =>
      kramersEscapeTime({
        ...ok,
        curvatureMin: pd,
        curvatureSaddle: [
          [-2, 0],
          [0, -1],
        ],
      }),
    ).toThrow(/received 2 negative eigenvalues/);
    expect(() =>
      kramersEscapeTime({
        ...ok,
        curvatureMin: pd,
        curvatureSaddle: [
          [-2, 0],
          [0, 0],
        ],
      }),
    ).toThrow(/options\.curvatureSaddle: expected .*no zero eigenvalue/);
  });
  it('orders, symmetry, numbers and options', () => {
    expect(() =>
      kramersEscapeTime({
        ...ok,
        curvatureMin: [
          [2, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/options\.curvatureSaddle: expected a 2×2 Hessian/);
    expect(() =>
      kramersEscapeTime({
        ...ok,
        curvatureMin: [
          [2, 1],
          [0, 1],
        ],
        curvatureSaddle: [
          [-1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/options\.curvatureMin: expected a symmetric/);
    expect(() => kramersEscapeTime({ ...ok, barrier: 0 })).toThrow(/options\.barrier/);
    expect(() => kramersEscapeTime({ ...ok, diffusion: NaN })).toThrow(/options\.diffusion/);
    expect(() => kramersEscapeTime({ ...ok, temperature: 1 })).toThrow(/exactly one of diffusion and temperature/);
    expect(() => kramersEscapeTime({ ...ok, friction: 1 })).toThrow(/options\.diffusion: expected temperature/);
    expect(() => kramersEscapeTime({ ...ok, mass: 1 })).toThrow(/options\.mass/);
    expect(() => kramersEscapeTime({ ...ok, difusion: 1 } as never)).toThrow(/options\.difusion: unknown option; did you mean diffusion\?/);
    expect(() => kramersEscapeTime({ ...ok, curvatureMin: 'x' } as never)).toThrow(TypeError);
    expect(() => kramersEscapeTime({ ...ok, curvatureMin: new Float64Array(5000 * 5000 + 1) })).toThrow(
      /options\.curvatureMin: expected a Hessian of order ≤ 2048/,
    );
  });
});
