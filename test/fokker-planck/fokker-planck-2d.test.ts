import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, solve } from 'ml-matrix';
import { fokkerPlanck1d } from '../../src/fokker-planck/fokker-planck-1d';
import { fokkerPlanck2d } from '../../src/fokker-planck/fokker-planck-2d';
import { nestedDissection } from '../../src/fokker-planck/grid-kernels';
import { expectRateMatrix, logLogSlope, relMaxError, sum } from './helpers';

const doubleWell = (x: number): number => x ** 4 / 4 - x ** 2 / 2;

describe('fokkerPlanck2d: against 1-D products (separable potentials)', () => {
  const Lx = doubleWell;
  const Ly = (y: number): number => 0.8 * y * y + 0.3 * y;
  const D = 0.3;

  it('the stationary density is the product of the 1-D ones, and Boltzmann, to rounding', () => {
    const fp = fokkerPlanck2d({
      potential: (p) => Lx(p[0] as number) + Ly(p[1] as number),
      diffusion: D,
      domain: [
        [-2.5, 2.5],
        [-2, 2],
      ],
      cells: [50, 37],
    });
    const px = fokkerPlanck1d({ potential: Lx, diffusion: D, domain: [-2.5, 2.5], cells: 50 }).stationary();
    const py = fokkerPlanck1d({ potential: Ly, diffusion: D, domain: [-2, 2], cells: 37 }).stationary();
    const p = fp.stationary();
    const prod = new Float64Array(50 * 37);
    for (let i = 0; i < 50; i++) for (let j = 0; j < 37; j++) prod[i * 37 + j] = (px[i] as number) * (py[j] as number);
    for (let k = 0; k < prod.length; k++) expect(Math.abs((p[k] as number) / (prod[k] as number) - 1)).toBeLessThan(1e-11);
    expect(sum(p) * fp.grid.hx * fp.grid.hy).toBeCloseTo(1, 13);
  });

  it('MFPT and escape rate with one absorbing side equal the 1-D ones (potential and drift forms)', () => {
    for (const form of ['potential', 'drift'] as const) {
      const base1 = { diffusion: D, domain: [-2.5, 0.8] as const, cells: 60, boundary: { right: 'absorbing' } as const };
      const tau1 = fokkerPlanck1d(form === 'potential' ? { ...base1, potential: Lx } : { ...base1, drift: (x) => -(x ** 3 - x) });
      const t1 = tau1.meanFirstPassageTime().values;
      const r1 = tau1.escapeRate().rate;
      const base = {
        diffusion: D,
        domain: [
          [-2.5, 0.8],
          [-2, 2],
        ] as const,
        cells: [60, 25] as const,
        boundary: { right: 'absorbing' } as const,
      };
      const fp = fokkerPlanck2d(
        form === 'potential'
          ? { ...base, potential: (p) => Lx(p[0] as number) + Ly(p[1] as number) }
          : {
              ...base,
              drift: (p, out) => {
                out[0] = -((p[0] as number) ** 3 - (p[0] as number));
                out[1] = -(1.6 * (p[1] as number) + 0.3);
              },
            },
      );
      const tau = fp.meanFirstPassageTime();
      for (let i = 0; i < 60; i++)
        for (let j = 0; j < 25; j++) expect(Math.abs((tau.values[i * 25 + j] as number) / (t1[i] as number) - 1)).toBeLessThan(1e-10);
      expect(tau.at(-1, 0.3)).toBeCloseTo(tau1.meanFirstPassageTime().at(-1), 9);
      const r = fp.escapeRate();
      expect(r.converged).toBe(true);
      expect(Math.abs(r.rate / r1 - 1)).toBeLessThan(1e-9);
    }
  });

  it('reflecting walls only: the relaxation rate is the slower of the two 1-D ones', () => {
    const fx = fokkerPlanck1d({ potential: Lx, diffusion: 0.15, domain: [-2, 2], cells: 30 });
    const fy = fokkerPlanck1d({ potential: Ly, diffusion: 0.15, domain: [-2, 2], cells: 20 });
    const fp = fokkerPlanck2d({
      potential: (p) => Lx(p[0] as number) + Ly(p[1] as number),
      diffusion: 0.15,
      domain: [
        [-2, 2],
        [-2, 2],
      ],
      cells: [30, 20],
    });
    const r = fp.escapeRate();
    expect(r.kind).toBe('relaxation');
    expect(r.converged).toBe(true);
    expect(Math.abs(r.rate / Math.min(fx.escapeRate().rate, fy.escapeRate().rate) - 1)).toBeLessThan(1e-9);
  });

  it('evolution of a separable Ornstein–Uhlenbeck from a Gaussian: the exact Gaussian product, at second order', () => {
    const [D1, t] = [0.4, 0.6];
    const g = (z: number, m: number, v: number): number => Math.exp(-((z - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    // x: rate 1, y: rate 2; started at N((1, −0.5), 0.3² I)
    const vx = D1 * (1 - Math.exp(-2 * t)) + 0.09 * Math.exp(-2 * t);
    const vy = (D1 / 2) * (1 - Math.exp(-4 * t)) + 0.09 * Math.exp(-4 * t);
    const errs: number[] = [];
    for (const [nx, ny, steps] of [
      [32, 24, 30],
      [64, 48, 60],
    ] as const) {
      const fp = fokkerPlanck2d({
        potential: (p) => ((p[0] as number) ** 2 + 2 * (p[1] as number) ** 2) / 2,
        diffusion: D1,
        domain: [
          [-4, 4],
          [-3, 3],
        ],
        cells: [nx, ny],
      });
      const { x, y } = fp.grid;
      const p0 = new Float64Array(nx * ny);
      const exact = new Float64Array(nx * ny);
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < ny; j++) {
          p0[i * ny + j] = g(x[i] as number, 1, 0.09) * g(y[j] as number, -0.5, 0.09);
          exact[i * ny + j] = g(x[i] as number, Math.exp(-t), vx) * g(y[j] as number, -0.5 * Math.exp(-2 * t), vy);
        }
      }
      const p = fp.evolve(p0, t, { steps, scheme: 'extrapolated' }).density;
      errs.push(relMaxError(p, exact));
      expect(sum(p) * fp.grid.hx * fp.grid.hy).toBeCloseTo(1, 12);
    }
    // measured 2.4e-2 and 5.8e-3
    expect(errs[1]).toBeLessThan(8e-3);
    expect((errs[0] as number) / (errs[1] as number)).toBeGreaterThan(3.3);
    expect((errs[0] as number) / (errs[1] as number)).toBeLessThan(4.7);
  });
});

describe('fokkerPlanck2d: Boltzmann and non-equilibrium stationary states', () => {
  it('constant isotropic D: a non-separable potential gives the discrete Boltzmann density to rounding (torus, and mixed sides)', () => {
    const D = 0.4;
    for (const [L, boundary] of [
      [
        (p: Float64Array) =>
          Math.cos(2 * Math.PI * (p[0] as number)) * Math.cos(2 * Math.PI * (p[1] as number)) + 0.5 * Math.sin(2 * Math.PI * (p[0] as number)),
        'periodic',
      ],
      [(p: Float64Array) => ((p[1] as number) - Math.sin(2 * Math.PI * (p[0] as number)) / 2) ** 2 * 3, { left: 'periodic', right: 'periodic' }],
    ] as const) {
      const fp = fokkerPlanck2d({
        potential: L,
        diffusion: D,
        domain: [
          [0, 1],
          [-1, 1],
        ],
        cells: [30, 41],
        boundary,
      });
      const p = fp.stationary();
      const w = new Float64Array(30 * 41);
      const pt = new Float64Array(2);
      for (let i = 0; i < 30; i++) {
        for (let j = 0; j < 41; j++) {
          pt[0] = fp.grid.x[i] as number;
          pt[1] = fp.grid.y[j] as number;
          w[i * 41 + j] = Math.exp(-L(pt) / D);
        }
      }
      const z = sum(w) * fp.grid.hx * fp.grid.hy;
      for (let k = 0; k < w.length; k++) expect(Math.abs(((p[k] as number) * z) / (w[k] as number) - 1)).toBeLessThan(1e-11);
      const J = fp.probabilityCurrent(p);
      expect(Math.max(...J.faceX.map(Math.abs), ...J.faceY.map(Math.abs))).toBeLessThan(1e-12 * Math.max(...p));
    }
  });

  it('a constant drift on the torus: uniform density, current b·p exactly', () => {
    const fp = fokkerPlanck2d({
      drift: (_p, out) => out.set([0.7, -0.2]),
      diffusion: [
        [0.3, 0],
        [0, 0.1],
      ],
      domain: [
        [0, 2],
        [0, 1],
      ],
      cells: [12, 9],
      boundary: 'periodic',
    });
    const p = fp.stationary();
    for (const v of p) expect(v).toBeCloseTo(0.5, 13);
    const J = fp.probabilityCurrent(p);
    for (const v of J.x) expect(v).toBeCloseTo(0.35, 13);
    for (const v of J.y) expect(v).toBeCloseTo(-0.1, 13);
  });

  it("Kunin et al.'s non-equilibrium Ornstein–Uhlenbeck b = −A(x − μ): the Lyapunov covariance (second order) and a rotating current", () => {
    const A = [
      [1, 0.8],
      [-0.4, 1.2],
    ] as const;
    const [d1, d2] = [0.3, 0.2];
    const mu = [0.2, -0.1] as const;
    // AΣ + ΣAᵀ = 2D for Σ = [[s11, s12], [s12, s22]]
    const S = solve(
      new Matrix([
        [2 * A[0][0], 2 * A[0][1], 0],
        [A[1][0], A[0][0] + A[1][1], A[0][1]],
        [0, 2 * A[1][0], 2 * A[1][1]],
      ]),
      Matrix.columnVector([2 * d1, 0, 2 * d2]),
    ).to1DArray();
    const [s11, s12, s22] = S as [number, number, number];
    // J = −Ω Σ⁻¹ (x − μ) p with Ω = AΣ − D (antisymmetric): the exact angular momentum E[(x−μ) × J/p]
    const omega = A[0][0] * s12 + A[0][1] * s22; // (AΣ)₁₂ − D₁₂
    const det = s11 * s22 - s12 * s12;
    const Mi = [
      [(-omega * -s12) / det, (-omega * s11) / det],
      [(omega * s22) / det, (omega * -s12) / det],
    ]; // M = −ΩΣ⁻¹ with Ω = [[0, ω], [−ω, 0]]
    const angular = Mi[1]![0]! * s11 + Mi[1]![1]! * s12 - (Mi[0]![0]! * s12 + Mi[0]![1]! * s22);
    const errs: number[] = [];
    const hs: number[] = [];
    const angErrs: number[] = [];
    for (const N of [30, 60]) {
      const fp = fokkerPlanck2d({
        drift: (p, out) => {
          const u = (p[0] as number) - mu[0];
          const v = (p[1] as number) - mu[1];
          out[0] = -(A[0][0] * u + A[0][1] * v);
          out[1] = -(A[1][0] * u + A[1][1] * v);
        },
        diffusion: [
          [d1, 0],
          [0, d2],
        ],
        domain: [
          [-3, 3],
          [-3, 3],
        ],
        cells: [N, N],
      });
      const p = fp.stationary();
      const { x, y, hx, hy } = fp.grid;
      let [c11, c12, c22, mx, my, ang] = [0, 0, 0, 0, 0, 0];
      const J = fp.probabilityCurrent(p);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const w = (p[i * N + j] as number) * hx * hy;
          const u = (x[i] as number) - mu[0];
          const v = (y[j] as number) - mu[1];
          mx += w * u;
          my += w * v;
          c11 += w * u * u;
          c12 += w * u * v;
          c22 += w * v * v;
          ang += hx * hy * (u * (J.y[i * N + j] as number) - v * (J.x[i * N + j] as number));
        }
      }
      errs.push(Math.max(Math.abs(c11 - mx * mx - s11), Math.abs(c12 - mx * my - s12), Math.abs(c22 - my * my - s22)));
      hs.push(hx);
      angErrs.push(Math.abs(ang / angular - 1));
    }
    expect(angular).not.toBe(0);
    // the angular momentum of the current, measured relative errors 2.6e-2 and 6.5e-3 (second order)
    expect(angErrs[1]).toBeLessThan(0.01);
    expect((angErrs[0] as number) / (angErrs[1] as number)).toBeGreaterThan(3.5);
    expect((angErrs[0] as number) / (angErrs[1] as number)).toBeLessThan(4.5);
    // the covariance, measured max errors 1.8e-3 and 4.5e-4
    expect(errs[1]).toBeLessThan(6e-4);
    const slope = logLogSlope(hs, errs);
    expect(slope).toBeGreaterThan(1.8);
    expect(slope).toBeLessThan(2.3);
  });
});

describe('fokkerPlanck2d: mean first-passage times (Brownian motion in a rectangle)', () => {
  /** τ for −DΔτ = 1, τ = 0 on the boundary of [0, a] × [0, b]: the double sine series over odd m, n. */
  function rectangle(x: number, y: number, a: number, b: number, D: number): number {
    let s = 0;
    for (let m = 1; m < 400; m += 2) {
      for (let n = 1; n < 400; n += 2) {
        s +=
          ((16 / (Math.PI ** 2 * m * n)) * (Math.sin((m * Math.PI * x) / a) * Math.sin((n * Math.PI * y) / b))) /
          (D * Math.PI ** 2 * ((m / a) ** 2 + (n / b) ** 2));
      }
    }
    return s;
  }

  it('all sides absorbing: the series solution, at second order in h', () => {
    const D = 0.5;
    const exact = rectangle(0.3, 1.1, 1, 2, D);
    const hs: number[] = [];
    const errs: number[] = [];
    for (const N of [10, 20, 40]) {
      const fp = fokkerPlanck2d({
        drift: (_p, out) => out.fill(0),
        diffusion: D,
        domain: [
          [0, 1],
          [0, 2],
        ],
        cells: [N, 2 * N],
        boundary: 'absorbing',
      });
      hs.push(fp.grid.hx);
      errs.push(fp.meanFirstPassageTime().at(0.3, 1.1) - exact);
    }
    expect(Math.abs(errs[2] as number) / exact).toBeLessThan(2e-3);
    const slope = logLogSlope(hs, errs);
    expect(slope).toBeGreaterThan(1.8);
    expect(slope).toBeLessThan(2.3);
  });

  it('a box target and a predicate target agree; τ = 0 on the target and at absorbing walls', () => {
    const fp = fokkerPlanck2d({
      potential: (p) => ((p[0] as number) ** 2 - 1) ** 2 + (p[1] as number) ** 2,
      diffusion: 0.3,
      domain: [
        [-2, 2],
        [-1.5, 1.5],
      ],
      cells: [40, 30],
      boundary: { top: 'absorbing' },
    });
    const box = fp.meanFirstPassageTime([
      [0.8, 1.2],
      [-0.2, 0.2],
    ]);
    const pred = fp.meanFirstPassageTime((p) => Math.abs((p[0] as number) - 1) <= 0.2 && Math.abs(p[1] as number) <= 0.2);
    expect(pred.values).toEqual(box.values);
    expect(box.at(1, 0)).toBe(0);
    expect(box.at(-1, 1.5)).toBe(0);
    expect(box.at(-1, 0)).toBeGreaterThan(box.at(0.5, 0));
  });
});

describe('fokkerPlanck2d: invariants and bad input', () => {
  it('fast-check: p ≥ 0 and mass conserved under evolution for random potentials, drifts, diffusions and sides; G a rate matrix', () => {
    const coef = fc.double({ min: -1, max: 1, noNaN: true });
    const side = fc.constantFrom('reflecting', 'periodic');
    fc.assert(
      fc.property(
        fc.record({
          a: fc.tuple(coef, coef, coef),
          nx: fc.integer({ min: 3, max: 9 }),
          ny: fc.integer({ min: 3, max: 9 }),
          bx: side,
          by: side,
          useDrift: fc.boolean(),
          varD: fc.boolean(),
          d: fc.double({ min: 0.05, max: 2, noNaN: true }),
          t: fc.double({ min: 1e-3, max: 20, noNaN: true }),
          steps: fc.integer({ min: 1, max: 10 }),
          seed: fc.integer({ min: 1, max: 1e6 }),
        }),
        ({ a, nx, ny, bx, by, useDrift, varD, d, t, steps, seed }) => {
          const L = (p: Float64Array): number =>
            a[0] * Math.sin(p[0] as number) * Math.cos(p[1] as number) + a[1] * Math.cos(2 * (p[0] as number)) + a[2] * Math.sin(p[1] as number);
          const base = {
            diffusion: varD ? (p: Float64Array) => [d * (1 + 0.5 * Math.sin(p[0] as number)), d * (1 + 0.5 * Math.cos(p[1] as number))] : d,
            domain: [
              [0, 2 * Math.PI],
              [0, 2 * Math.PI],
            ] as const,
            cells: [nx, ny] as const,
            boundary: { left: bx, right: bx, bottom: by, top: by },
          };
          const fp = fokkerPlanck2d(
            useDrift
              ? {
                  ...base,
                  drift: (p, out) => {
                    out[0] = a[0] + a[1] * Math.sin(p[1] as number);
                    out[1] = a[2] * Math.cos(p[0] as number);
                  },
                }
              : { ...base, potential: L },
          );
          let s = seed;
          const n = nx * ny;
          const p0 = Array.from({ length: n }, () => {
            s = (s * 16807) % 2147483647;
            return s % 3 === 0 ? 0 : s / 2147483647;
          });
          if (sum(p0) === 0) p0[0] = 1;
          const p = fp.evolve(p0, t, { steps }).density;
          expect(Math.abs(sum(p) * fp.grid.hx * fp.grid.hy - 1)).toBeLessThan(1e-12);
          for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
          expectRateMatrix(fp.generator);
        },
      ),
      { seed: 2121, numRuns: 40 },
    );
  });

  it('names the argument', () => {
    const ok = {
      potential: (p: Float64Array) => (p[0] as number) ** 2,
      diffusion: 0.3,
      domain: [
        [-1, 1],
        [-1, 1],
      ] as const,
      cells: [5, 5] as const,
    };
    expect(() => fokkerPlanck2d({ ...ok, cells: [2, 5] })).toThrow(/options.cells\[0\]: expected an integer ≥ 3, received 2/);
    expect(() =>
      fokkerPlanck2d({
        ...ok,
        domain: [
          [-1, 1],
          [1, 0],
        ],
      }),
    ).toThrow(/options.domain\[1\]: expected lo < hi, received \[1, 0\]/);
    expect(() => fokkerPlanck2d({ ...ok, diffusion: -1 })).toThrow(/options.diffusion: expected positive finite diffusion coefficients, received -1/);
    // a full tensor beyond the monotone bound |Dxy| ≤ min(Dxx·hy/hx, Dyy·hx/hy) (= 1 on this square grid), or not symmetric
    expect(() =>
      fokkerPlanck2d({
        ...ok,
        diffusion: [
          [1, 1.2],
          [1.2, 2],
        ],
      }),
    ).toThrow(/options.diffusion: expected \|Dxy\| ≤ min\(Dxx·hy\/hx, Dyy·hx\/hy\) = 1 .*received Dxy = 1.2/);
    expect(() =>
      fokkerPlanck2d({
        ...ok,
        diffusion: [
          [1, 0.5],
          [0.4, 1],
        ],
      }),
    ).toThrow(/options.diffusion: expected a symmetric diffusion matrix, received off-diagonal entries 0.5 and 0.4/);
    expect(() => fokkerPlanck2d({ ...ok, diffusion: () => 0 })).toThrow(
      /options.diffusion \(at x = \[-0.8, -0.8\]\): expected positive finite diffusion coefficients, received 0/,
    );
    expect(() => fokkerPlanck2d({ ...ok, boundary: { top: 'periodic' } })).toThrow(/options.boundary: expected 'bottom' and 'top' both periodic or neither/);
    expect(() => fokkerPlanck2d({ ...ok, boundary: { up: 'absorbing' } as never })).toThrow(
      /options.boundary: expected keys left, right, bottom, top, received key 'up'/,
    );
    const fp = fokkerPlanck2d(ok);
    expect(() => fp.evolve(new Float64Array(25), 1)).toThrow(/p0: expected a normalisable density/);
    expect(() => fp.evolve(new Float64Array(24), 1)).toThrow(/p0: expected length 25, received length 24/);
    expect(() => fp.meanFirstPassageTime()).toThrow(/target: expected a target or an absorbing side, received neither/);
    expect(() => fokkerPlanck2d({ ...ok, boundary: 'absorbing' }).stationary()).toThrow(/stationary: expected reflecting or periodic sides/);
  });
});

describe('nestedDissection (internal ordering of the 2-D solves)', () => {
  it('is a permutation of the cells for any size and periodicity', () => {
    for (const [nx, ny] of [
      [3, 3],
      [3, 17],
      [40, 7],
      [33, 32],
    ] as const) {
      for (const [px, py] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ] as const) {
        const o = nestedDissection(nx, ny, px, py);
        expect(o.length).toBe(nx * ny);
        expect(new Set(o).size).toBe(nx * ny);
      }
    }
  });
});
