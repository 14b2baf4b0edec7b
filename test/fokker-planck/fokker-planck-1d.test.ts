import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fokkerPlanck1d, type Boundary1d } from '../../src/fokker-planck/fokker-planck-1d';
import { meanFirstPassageTime1d } from '../../src/fokker-planck/mean-first-passage-time-1d';
import { denseOf, eigenvalues, expectRateMatrix, logLogSlope, relMaxError, sum } from './helpers';

const doubleWell = (x: number): number => x ** 4 / 4 - x ** 2 / 2;
const doubleWellDrift = (x: number): number => -(x ** 3 - x);
/** Kramers' rate out of a well of the double well: √(L″(−1)·|L″(0)|)/(2π) e^{−ΔL/D}, ΔL = 1/4. */
const kramers = (D: number): number => (Math.SQRT2 / (2 * Math.PI)) * Math.exp(-0.25 / D);

describe('fokkerPlanck1d: stationary densities', () => {
  it('constant D: the stationary state is the discrete Boltzmann density to rounding (reflecting and periodic)', () => {
    for (const [L, D, domain, boundary] of [
      [doubleWell, 0.3, [-2.5, 2.5], 'reflecting'],
      [doubleWell, 0.05, [-2, 2.2], 'reflecting'],
      [(x: number) => Math.cos(2 * Math.PI * x) + 0.3 * Math.sin(4 * Math.PI * x), 0.2, [0, 1], 'periodic'],
    ] as const) {
      const fp = fokkerPlanck1d({ potential: L, diffusion: D, domain, cells: 301, boundary });
      const p = fp.stationary();
      const w = Array.from(fp.grid.centers, (x) => Math.exp(-L(x) / D));
      const z = sum(w) * fp.grid.h;
      for (let i = 0; i < p.length; i++) expect(Math.abs((p[i] as number) - (w[i] as number) / z) / ((w[i] as number) / z)).toBeLessThan(1e-11);
      expect(sum(p) * fp.grid.h).toBeCloseTo(1, 14);
      // zero current everywhere: detailed balance
      const J = fp.probabilityCurrent(p);
      expect(Math.max(...J.map(Math.abs))).toBeLessThan(1e-12 * Math.max(...p));
    }
  });

  it('D(θ) = T(1 + θ²) on the double well: the Itô law (1 + θ²)^{1/T − 1} e^{−θ²/2T}, modes at ±√(1 − 2T), second order', () => {
    const T = 0.2;
    const exact = (x: number): number => (1 + x * x) ** (1 / T - 1) * Math.exp(-(x * x) / (2 * T));
    const errs: number[] = [];
    const hs: number[] = [];
    for (const n of [100, 200, 400, 800]) {
      const fp = fokkerPlanck1d({ potential: doubleWell, diffusion: (x) => T * (1 + x * x), domain: [-3, 3], cells: n });
      const p = fp.stationary();
      const q = Array.from(fp.grid.centers, exact);
      const z = sum(q) * fp.grid.h;
      errs.push(
        relMaxError(
          p,
          q.map((v) => v / z),
        ),
      );
      hs.push(fp.grid.h);
      if (n === 800) {
        let best = 0;
        for (let i = 0; i < n / 2; i++) if ((p[i] as number) > (p[best] as number)) best = i;
        expect(Math.abs((fp.grid.centers[best] as number) + Math.sqrt(1 - 2 * T))).toBeLessThan(fp.grid.h);
      }
    }
    expect(errs[3]).toBeLessThan(1e-4);
    const slope = logLogSlope(hs, errs);
    expect(slope).toBeGreaterThan(1.8);
    expect(slope).toBeLessThan(2.3);
  });

  it('a tilted periodic drift (not a gradient): a constant non-zero current, in the direction of the tilt', () => {
    const fp = fokkerPlanck1d({
      drift: (x) => 0.5 + 2 * Math.PI * 0.3 * Math.sin(2 * Math.PI * x),
      diffusion: 0.2,
      domain: [0, 1],
      cells: 200,
      boundary: 'periodic',
    });
    const p = fp.stationary();
    const J = fp.probabilityCurrent(p);
    expect(J[0]).toBeGreaterThan(0.1);
    for (const j of J) expect(Math.abs(j - (J[0] as number))).toBeLessThan(1e-12);
  });

  it('has no stationary density with an absorbing side', () => {
    const fp = fokkerPlanck1d({ potential: doubleWell, diffusion: 0.3, domain: [-2, 2], cells: 20, boundary: { right: 'absorbing' } });
    expect(() => fp.stationary()).toThrow(/stationary: expected reflecting or periodic sides, received an absorbing side/);
  });
});

describe('fokkerPlanck1d: evolution', () => {
  it('Ornstein–Uhlenbeck from a Gaussian: the exact transient Gaussian (backward Euler first order in Δt, extrapolated second order)', () => {
    const D = 0.5;
    const [m0, s0, t] = [1.5, 0.3, 0.5];
    const m = m0 * Math.exp(-t);
    const v = D * (1 - Math.exp(-2 * t)) + s0 * s0 * Math.exp(-2 * t);
    const err = { 'backward-euler': [] as number[], extrapolated: [] as number[] };
    for (const [n, steps] of [
      [200, 50],
      [400, 100],
      [800, 200],
    ] as const) {
      const fp = fokkerPlanck1d({ potential: (x) => (x * x) / 2, diffusion: D, domain: [-5, 5], cells: n });
      const p0 = fp.grid.centers.map((x) => Math.exp(-((x - m0) ** 2) / (2 * s0 * s0)));
      const exact = fp.grid.centers.map((x) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v));
      for (const scheme of ['backward-euler', 'extrapolated'] as const) err[scheme].push(relMaxError(fp.evolve(p0, t, { steps, scheme }).density, exact));
    }
    // measured: BE 6.6e-3, 3.2e-3, 1.6e-3 (ratio 2); extrapolated 6.9e-4, 1.7e-4, 4.3e-5 (ratio 4)
    expect(err.extrapolated[2]).toBeLessThan(1e-4);
    expect(err['backward-euler'][2]).toBeLessThan(3e-3);
    const ratioBe = (err['backward-euler'][1] as number) / (err['backward-euler'][2] as number);
    const ratioEx = (err.extrapolated[1] as number) / (err.extrapolated[2] as number);
    expect(ratioBe).toBeGreaterThan(1.8);
    expect(ratioBe).toBeLessThan(2.3);
    expect(ratioEx).toBeGreaterThan(3.5);
    expect(ratioEx).toBeLessThan(4.5);
  });

  it('a long evolution reaches the stationary density', () => {
    const fp = fokkerPlanck1d({ potential: doubleWell, diffusion: 0.3, domain: [-2.5, 2.5], cells: 100 });
    const p0 = fp.grid.centers.map((x) => (x > 1 && x < 1.5 ? 1 : 0));
    expect(relMaxError(fp.evolve(p0, 200, { steps: 200 }).density, fp.stationary())).toBeLessThan(1e-8);
  });

  it('invariants (fast-check): p ≥ 0 and mass conserved for random potentials, diffusions, boundaries and initial densities; the generator is a rate matrix', () => {
    const coef = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({
          a: fc.tuple(coef, coef, coef),
          c: fc.double({ min: 0, max: 1, noNaN: true }),
          d: fc.double({ min: 0.02, max: 2, noNaN: true }),
          dVar: fc.double({ min: 0, max: 0.9, noNaN: true }),
          n: fc.integer({ min: 3, max: 60 }),
          periodic: fc.boolean(),
          useDrift: fc.boolean(),
          t: fc.double({ min: 1e-3, max: 50, noNaN: true }),
          steps: fc.integer({ min: 1, max: 20 }),
          seed: fc.integer({ min: 1, max: 1e6 }),
        }),
        ({ a, c, d, dVar, n, periodic, useDrift, t, steps, seed }) => {
          const L = (x: number): number => a[0] * Math.sin(x) + a[1] * Math.cos(2 * x) + a[2] * Math.sin(3 * x + 1) + (periodic ? 0 : c * x * x);
          const dL = (x: number): number => a[0] * Math.cos(x) - 2 * a[1] * Math.sin(2 * x) + 3 * a[2] * Math.cos(3 * x + 1) + (periodic ? 0 : 2 * c * x);
          const diffusion = dVar === 0 ? d : (x: number): number => d * (1 + dVar * Math.sin(x));
          const boundary: Boundary1d = periodic ? 'periodic' : 'reflecting';
          const base = { diffusion, domain: periodic ? ([0, 2 * Math.PI] as const) : ([-3, 3] as const), cells: n, boundary };
          const fp = fokkerPlanck1d(useDrift ? { ...base, drift: (x) => -dL(x) } : { ...base, potential: L });
          let s = seed;
          const p0 = Array.from({ length: n }, () => {
            s = (s * 16807) % 2147483647;
            return s % 3 === 0 ? 0 : s / 2147483647;
          });
          if (sum(p0) === 0) p0[0] = 1;
          const p = fp.evolve(p0, t, { steps }).density;
          expect(Math.abs(sum(p) * fp.grid.h - 1)).toBeLessThan(1e-12);
          for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
          expectRateMatrix(fp.generator);
        },
      ),
      { seed: 1212, numRuns: 60 },
    );
  });

  it('with absorbing sides, the mass lost per unit time equals the current through the walls', () => {
    const fp = fokkerPlanck1d({ drift: doubleWellDrift, diffusion: 0.4, domain: [-1.7, 2], cells: 80, boundary: 'absorbing' });
    const p = fp.grid.centers.map((x) => Math.exp(-((x - 0.3) ** 2)));
    const gp = fp.generator.apply(Float64Array.from(p), new Float64Array(80));
    const J = fp.probabilityCurrent(p);
    expect(J[0]).toBeLessThan(0);
    expect(J[80]).toBeGreaterThan(0);
    expect(sum(gp) * fp.grid.h).toBeCloseTo((J[0] as number) - (J[80] as number), 12);
  });
});

describe('fokkerPlanck1d: mean first-passage times', () => {
  it('Brownian motion: the closed forms (reflect–absorb and absorb–absorb): O(h²) at the centres, exact when read at the edges', () => {
    const D = 0.7;
    const fp = fokkerPlanck1d({ drift: () => 0, diffusion: D, domain: [0, 1], cells: 37, boundary: { left: 'reflecting', right: 'absorbing' } });
    const tau = fp.meanFirstPassageTime();
    const exact = (x: number): number => (1 - x * x) / (2 * D);
    // at the centres, the exact parabola shifted by h²/(8D); read at the edges (linear interpolation), exact
    for (const [i, x] of fp.grid.centers.entries()) expect(tau.values[i]).toBeCloseTo(exact(x) + fp.grid.h ** 2 / (8 * D), 12);
    for (const x of fp.grid.edges) expect(tau.at(x)).toBeCloseTo(exact(x), 12);
    const bound = (fp.grid.h ** 2 / (8 * D)) * (1 + 1e-9);
    for (const x of [0.013, 0.3, 0.77, 0.99]) expect(Math.abs(tau.at(x) - exact(x))).toBeLessThanOrEqual(bound);
    const both = fokkerPlanck1d({ drift: () => 0, diffusion: D, domain: [-1, 2], cells: 40, boundary: 'absorbing' });
    const tb = both.meanFirstPassageTime();
    for (const x of both.grid.edges) expect(tb.at(x)).toBeCloseTo(((x + 1) * (2 - x)) / (2 * D), 12);
    expect(tb.at(-1)).toBe(0);
    expect(tb.at(2)).toBe(0);
  });

  it('converges to the quadrature meanFirstPassageTime1d at second order in h (potential and drift forms)', () => {
    const D = 0.25;
    const ref = meanFirstPassageTime1d({ potential: doubleWell, diffusion: D, from: -1, to: 0.8, reflectAt: -2.5 });
    for (const form of ['potential', 'drift'] as const) {
      const hs: number[] = [];
      const errs: number[] = [];
      for (const n of [50, 100, 200, 400, 800]) {
        const base = { diffusion: D, domain: [-2.5, 0.8] as const, cells: n, boundary: { right: 'absorbing' } as const };
        const fp = fokkerPlanck1d(form === 'potential' ? { ...base, potential: doubleWell } : { ...base, drift: doubleWellDrift });
        hs.push(fp.grid.h);
        errs.push(fp.meanFirstPassageTime().at(-1) - ref);
      }
      expect(Math.abs(errs[4] as number) / ref).toBeLessThan(1e-5);
      const slope = logLogSlope(hs, errs);
      expect(slope).toBeGreaterThan(1.8);
      expect(slope).toBeLessThan(2.3);
    }
  });

  it('a target interval inside the domain is absorbing: τ = 0 there, and the time to reach it from the left well', () => {
    const fp = fokkerPlanck1d({ potential: doubleWell, diffusion: 0.2, domain: [-2.5, 2.5], cells: 500 });
    const tau = fp.meanFirstPassageTime([0.99, 1.01]);
    expect(tau.at(1)).toBe(0);
    // the cells whose centre lies in [0.99, 1.01] are the target: its left end sits at the first such centre
    const first = fp.grid.centers.find((x) => x >= 0.99) as number;
    const ref = meanFirstPassageTime1d({ potential: doubleWell, diffusion: 0.2, from: -1, to: first, reflectAt: -2.5 });
    expect(Math.abs(tau.at(-1) / ref - 1)).toBeLessThan(1e-3);
    expect(fp.meanFirstPassageTime((x) => x > 0.99 && x < 1.01).values).toEqual(tau.values);
  });
});

describe('fokkerPlanck1d: escape rates', () => {
  it('tends to 1/MFPT and to Kramers at low noise (quasi-stationary, absorbing at the other minimum)', () => {
    const rel: number[] = [];
    for (const ratio of [10, 20]) {
      const D = 0.25 / ratio;
      const fp = fokkerPlanck1d({ potential: doubleWell, diffusion: D, domain: [-2.5, 1], cells: 700, boundary: { right: 'absorbing' } });
      const r = fp.escapeRate();
      expect(r.converged).toBe(true);
      expect(r.kind).toBe('quasi-stationary');
      const tau = fp.meanFirstPassageTime().at(-1);
      expect(Math.abs(r.rate * tau - 1)).toBeLessThan(1e-4);
      const T = meanFirstPassageTime1d({ potential: doubleWell, diffusion: D, from: -1, to: 1, reflectAt: -2.5 });
      expect(Math.abs(r.rate * T - 1)).toBeLessThan(2e-3);
      rel.push(1 - r.rate / kramers(D));
    }
    // Kramers' first correction is O(D/ΔL): measured (1 − λ/k)·ΔL/D = 0.41 and 0.39
    for (const [i, ratio] of [10, 20].entries()) {
      expect((rel[i] as number) * ratio).toBeGreaterThan(0.3);
      expect((rel[i] as number) * ratio).toBeLessThan(0.5);
    }
  });

  it('the quasi-stationary rate is the eigenvalue of the dense restricted generator nearest 0, real even for a non-gradient drift', () => {
    const fp = fokkerPlanck1d({ drift: (x) => 0.8 + 2 * Math.sin(2 * Math.PI * x), diffusion: 0.15, domain: [0, 1], cells: 80, boundary: 'periodic' });
    const target = [0.6, 0.7] as const;
    const r = fp.escapeRate(target);
    expect(r.converged).toBe(true);
    const keep = Array.from(fp.grid.centers.entries())
      .filter(([, x]) => !(x >= target[0] && x <= target[1]))
      .map(([i]) => i);
    const g = denseOf(fp.generator).selection(keep, keep);
    const { re, im } = eigenvalues(g);
    let best = 0;
    for (let k = 1; k < re.length; k++) if (Math.hypot(re[k] as number, im[k] as number) < Math.hypot(re[best] as number, im[best] as number)) best = k;
    expect(im[best]).toBe(0);
    expect(Math.abs(r.rate + (re[best] as number)) / r.rate).toBeLessThan(1e-9);
    // its mode is the quasi-stationary density: ≥ 0, mass 1, zero on the target
    expect(sum(r.mode) * fp.grid.h).toBeCloseTo(1, 12);
    for (const [i, x] of fp.grid.centers.entries()) if (x >= target[0] && x <= target[1]) expect(r.mode[i]).toBe(0);
  });

  it('reflecting walls only: the relaxation rate of the slowest mode, the second eigenvalue of G (≈ k₁₂ + k₂₁ for a double well)', () => {
    const D = 0.05;
    const fp = fokkerPlanck1d({ potential: doubleWell, diffusion: D, domain: [-2.2, 2.2], cells: 150 });
    const r = fp.escapeRate();
    expect(r.kind).toBe('relaxation');
    expect(r.converged).toBe(true);
    const re = eigenvalues(denseOf(fp.generator)).re.sort((a, b) => b - a);
    expect(Math.abs(r.rate + (re[1] as number)) / r.rate).toBeLessThan(1e-8);
    // both directions: twice the one-way rate of the quadrature, to the O(e^{−ΔL/D}) of the two-state picture
    const T = meanFirstPassageTime1d({ potential: doubleWell, diffusion: D, from: -1, to: 0, reflectAt: -2.2 });
    // MFPT to the barrier top is half the time to the other well (half the arrivals recross): k = 1/(2T)
    expect(Math.abs(r.rate / (2 / (2 * T)) - 1)).toBeLessThan(0.03);
  });
});

describe('fokkerPlanck1d: bad input', () => {
  const ok = { potential: doubleWell, diffusion: 0.3, domain: [-2, 2] as const, cells: 10 };
  it('names the argument', () => {
    expect(() => fokkerPlanck1d({ ...ok, diffusion: 0 })).toThrow(/options.diffusion: expected a positive number, received 0/);
    expect(() => fokkerPlanck1d({ ...ok, diffusion: (x) => x })).toThrow(/options.diffusion: expected a positive finite D\(x\), received -/);
    expect(() => fokkerPlanck1d({ ...ok, cells: 2 })).toThrow(/options.cells: expected an integer ≥ 3, received 2/);
    expect(() => fokkerPlanck1d({ ...ok, domain: [1, 1] })).toThrow(/options.domain: expected lo < hi, received \[1, 1\]/);
    expect(() => fokkerPlanck1d({ ...ok, drift: (x) => x })).toThrow(/options: expected exactly one of potential and drift, received both/);
    expect(() => fokkerPlanck1d({ ...ok, boundary: { left: 'periodic' } })).toThrow(/options.boundary: expected 'left' and 'right' both periodic or neither/);
    expect(() => fokkerPlanck1d({ ...ok, boundary: 'sticky' as never })).toThrow(/options.boundary: expected one of 'reflecting', 'absorbing', 'periodic'/);
    const fp = fokkerPlanck1d(ok);
    expect(() => fp.evolve(new Array<number>(10).fill(0), 1)).toThrow(/p0: expected a normalisable density/);
    expect(() => fp.evolve([1, -1, 0, 0, 0, 0, 0, 0, 0, 0], 1)).toThrow(/p0: expected non-negative entries, received -1 at index 1/);
    expect(() => fp.evolve([1], 1)).toThrow(/p0: expected length 10, received length 1/);
    expect(() => fp.evolve(new Array<number>(10).fill(1), 0)).toThrow(/t: expected a positive number, received 0/);
    expect(() => fp.meanFirstPassageTime()).toThrow(/target: expected a target or an absorbing side, received neither/);
    expect(() => fp.meanFirstPassageTime([5, 6])).toThrow(/target: expected a target holding at least one cell centre/);
    expect(() => fp.meanFirstPassageTime([-5, 6])).toThrow(/target: expected a target leaving at least one cell outside/);
    expect(() => fp.meanFirstPassageTime([0, 1]).at(3)).toThrow(/x: expected a number in \[-2, 2\], received 3/);
  });
});

describe('fokkerPlanck1d: no silent wrong answer at high barriers', () => {
  // L = (x² − 1)², barrier ΔL = 1. The generator's condition number grows like e^{ΔL/D}; past about
  // 1/ε the direct solves carry no digit (τ even comes out negative). The result must say so.
  const L = (x: number): number => (x * x - 1) ** 2;
  const solve = (D: number) => {
    const fp = fokkerPlanck1d({ potential: L, diffusion: D, domain: [-2.5, 2.5], cells: 4000 });
    const T = meanFirstPassageTime1d({ potential: L, diffusion: D, from: -1, to: 0.9, reflectAt: -2.5 });
    return { r: fp.escapeRate([0.9, 2.5]), m: fp.meanFirstPassageTime([0.9, 2.5]), T };
  };
  it('at ΔL/D = 20 the grid agrees with the quadrature and says it is accurate', () => {
    const { r, m, T } = solve(0.05);
    expect(r.converged).toBe(true);
    expect(m.accurate).toBe(true);
    // Discretisation error at 4000 cells (second order): well under 1e-3.
    expect(Math.abs(r.rate * T - 1)).toBeLessThan(1e-3);
    expect(Math.abs(m.at(-1) / T - 1)).toBeLessThan(1e-3);
  });
  it('at ΔL/D = 33–100, where the solves fail, the rate is flagged stalled and the MFPT inaccurate', () => {
    for (const D of [0.03, 0.025, 0.02, 0.01]) {
      const { r, m } = solve(D);
      expect([r.converged, r.stopReason]).toEqual([false, 'stalled']);
      expect(m.accurate).toBe(false);
      expect(m.errorBound).toBeGreaterThan(1);
    }
  });
});
