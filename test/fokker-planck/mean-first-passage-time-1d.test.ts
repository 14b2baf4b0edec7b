import { describe, expect, it } from 'vitest';
import { meanFirstPassageTime1d } from '../../src/fokker-planck/mean-first-passage-time-1d';

const doubleWell = (x: number): number => x ** 4 / 4 - x ** 2 / 2;

/** log T for dθ = −μ dt + √(2D) dW, reflecting at a, absorbed at b > x₀: (1/μ)[(D/μ)(e^{μ(b−a)/D} − e^{μ(x₀−a)/D}) − (b − x₀)]. */
function constantDriftLog(mu: number, D: number, a: number, b: number, x0: number): number {
  const P = (mu * (b - a)) / D;
  return Math.log(D / (mu * mu)) + P + Math.log(1 - Math.exp((mu * (x0 - a)) / D - P) - ((b - x0) * mu * Math.exp(-P)) / D);
}

/**
 * An independent reference: the double integral by cumulative trapezoids on N and 2N points,
 * Richardson-extrapolated (O(h⁴)), in plain doubles (fine while Φ stays within ±700).
 */
function bruteForce(L: (x: number) => number, D: number, a: number, x0: number, b: number, N: number): number {
  const run = (m: number): number => {
    const h = (b - a) / m;
    let inner = 0;
    let outer = 0;
    let prevOuter = 0;
    let prevG = Math.exp(-L(a) / D) / D;
    for (let k = 1; k <= m; k++) {
      const y = a + k * h;
      const g = Math.exp(-L(y) / D) / D;
      inner += (h * (prevG + g)) / 2;
      prevG = g;
      const f = Math.exp(L(y) / D) * inner;
      if (y > x0 + h / 2) outer += (h * (prevOuter + f)) / 2;
      else if (Math.abs(y - x0) <= h / 2) outer = 0;
      prevOuter = f;
    }
    return outer;
  };
  return (4 * run(2 * N) - run(N)) / 3;
}

describe('meanFirstPassageTime1d', () => {
  it('Brownian motion: (b − a)² − (x₀ − a)² over 2D, either orientation', () => {
    expect(meanFirstPassageTime1d({ drift: () => 0, diffusion: 0.5, from: 0.3, to: 1, reflectAt: 0 })).toBeCloseTo(0.91, 14);
    expect(meanFirstPassageTime1d({ drift: () => 0, diffusion: 0.5, from: -0.3, to: -1, reflectAt: 0 })).toBeCloseTo(0.91, 14);
    expect(meanFirstPassageTime1d({ potential: () => 0, diffusion: 2, from: 5, to: 6, reflectAt: 5 })).toBeCloseTo(1 / 4, 14);
  });

  it('constant drift against the wall at Péclet 300 (T ≈ 10¹²⁷): log T to 1e-13, potential, drift, D(x) and mirrored forms', () => {
    const [mu, D, a, b, x0] = [3, 0.01, 0, 1, 0.2];
    const exact = constantDriftLog(mu, D, a, b, x0);
    for (const opts of [
      { drift: () => -mu, diffusion: D, from: x0, to: b, reflectAt: a },
      { potential: (x: number) => mu * x, diffusion: D, from: x0, to: b, reflectAt: a },
      { drift: () => -mu, diffusion: () => D, from: x0, to: b, reflectAt: a },
      { drift: () => mu, diffusion: D, from: -x0, to: -b, reflectAt: -a },
    ]) {
      const r = meanFirstPassageTime1d({ ...opts, errorEstimate: true });
      expect(Math.abs(r.logValue - exact)).toBeLessThan(1e-13 * exact);
      expect(r.value).toBeCloseTo(Math.exp(exact), -115);
      expect(r.error).toBeLessThan(1e-9 * r.value);
    }
    // the potential with a function D takes L′ by finite differences: fewer digits
    const fd = meanFirstPassageTime1d({ potential: (x) => mu * x, diffusion: () => D, from: x0, to: b, reflectAt: a, errorEstimate: true });
    expect(Math.abs(fd.logValue - exact)).toBeLessThan(1e-10 * exact);
    // past the double range: log T is still right
    const huge = meanFirstPassageTime1d({ drift: () => -mu, diffusion: 0.001, from: x0, to: b, reflectAt: a, errorEstimate: true });
    expect(huge.value).toBe(Number.POSITIVE_INFINITY);
    expect(Math.abs(huge.logValue / constantDriftLog(mu, 0.001, a, b, x0) - 1)).toBeLessThan(1e-13);
  });

  it('state-dependent D, no drift: D = 1 + x², T = [y atan y − ½ log(1 + y²)] from x₀ to b − atan(a)(b − x₀)', () => {
    const [a, x0, b] = [-1, 0.5, 2];
    const F = (y: number): number => y * Math.atan(y) - 0.5 * Math.log(1 + y * y);
    const exact = F(b) - F(x0) - Math.atan(a) * (b - x0);
    expect(meanFirstPassageTime1d({ drift: () => 0, diffusion: (x) => 1 + x * x, from: x0, to: b, reflectAt: a })).toBeCloseTo(exact, 13);
  });

  it('the double well at ΔL/D = 50 against an independent Richardson-extrapolated trapezoid (1e-9)', () => {
    const D = 0.25 / 50;
    const ref = bruteForce(doubleWell, D, -2, -1, 1, 1 << 17);
    const ours = meanFirstPassageTime1d({ potential: doubleWell, diffusion: D, from: -1, to: 1, reflectAt: -2 });
    expect(Math.abs(ours / ref - 1)).toBeLessThan(1e-9);
  });

  it('tends to Kramers at low noise with the O(D/ΔL) correction; reflecting at −∞ by default', () => {
    const k = (D: number): number => (Math.SQRT2 / (2 * Math.PI)) * Math.exp(-0.25 / D);
    const c: number[] = [];
    for (const ratio of [50, 200]) {
      const D = 0.25 / ratio;
      const T = meanFirstPassageTime1d({ potential: doubleWell, diffusion: D, from: -1, to: 1 });
      c.push((T * k(D) - 1) * ratio);
      const finite = meanFirstPassageTime1d({ potential: doubleWell, diffusion: D, from: -1, to: 1, reflectAt: -4 });
      expect(Math.abs(T / finite - 1)).toBeLessThan(1e-11);
    }
    // measured 0.384 and 0.377: the first correction's coefficient, the same at both noise levels
    expect(Math.abs((c[0] as number) - (c[1] as number))).toBeLessThan(0.02);
    expect(c[1]).toBeGreaterThan(0.3);
    expect(c[1]).toBeLessThan(0.45);
  });

  it('bad input names the argument', () => {
    const ok = { potential: doubleWell, diffusion: 0.3, from: -1, to: 1 };
    expect(() => meanFirstPassageTime1d({ ...ok, to: -1 })).toThrow(/options.to: expected a point other than options.from/);
    expect(() => meanFirstPassageTime1d({ ...ok, reflectAt: 0 })).toThrow(/options.reflectAt: expected a point on the other side/);
    expect(() => meanFirstPassageTime1d({ ...ok, diffusion: -1 })).toThrow(/options.diffusion: expected a positive number, received -1/);
    expect(() => meanFirstPassageTime1d({ diffusion: 1, from: 0, to: 1 })).toThrow(/options: expected exactly one of potential and drift, received neither/);
    expect(() => meanFirstPassageTime1d({ drift: () => -1, diffusion: 1, from: 0, to: 1 })).toThrow(/options.reflectAt: expected e\^\{−Φ\}\/D to decay/);
  });
});
