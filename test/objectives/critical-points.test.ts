import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  classifyEigenvalues,
  denseHessian,
  doubleWell,
  finiteDifferenceHvp,
  mullerBrown,
  newtonCriticalPoint,
  quadratic,
  rosenbrock,
  styblinskiTang,
  type CriticalPoint,
} from '../../src/objectives/index';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import type { Objective } from '../../src/core/types';

const EPS = Number.EPSILON;
const norm = (a: Float64Array): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
const maxAbs = (a: Float64Array): number => a.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** Negative eigenvalues of the objective's own dense Hessian at the point (an independent dense solve). */
function morseIndex(f: Objective & { hessian(x: Float64Array): Float64Array }, x: Float64Array): { index: number; values: Float64Array } {
  const { values } = symmetricEigen(f.hessian(x));
  return { index: values.filter((l) => l < 0).length, values };
}

/** The listed record agrees with the objective itself at its point. */
function checkRecord(f: Objective & { hessian(x: Float64Array): Float64Array }, p: CriticalPoint, gradTol: number, valueTol = 0): void {
  expect(norm(f.gradient(p.point))).toBeLessThanOrEqual(gradTol);
  // A closed-form value against the objective's own (rounded) evaluation at the point.
  expect(Math.abs(p.value - f.value(p.point))).toBeLessThanOrEqual(valueTol);
  const { index, values } = morseIndex(f, p.point);
  expect(p.index).toBe(index);
  expect(p.kind).toBe(index === 0 ? 'minimum' : index === f.dim ? 'maximum' : 'saddle');
  // Listed eigenvalues against the dense solve: a few ε·‖H‖ (symmetricEigen's backward error).
  const h = Math.max(1, maxAbs(values));
  values.forEach((l, i) => expect(Math.abs(l - (p.eigenvalues[i] as number))).toBeLessThanOrEqual(64 * f.dim * EPS * h));
}

describe('double well critical points', () => {
  it('defaults: minima ±1 with L = −1/4 and L″ = 2, saddle 0 with L = 0 and L″ = −1, barrier 1/4', () => {
    const f = doubleWell();
    const [m1, m2, s] = f.criticalPoints() as [CriticalPoint, CriticalPoint, CriticalPoint];
    expect(Array.from(m1.point)).toEqual([-1]);
    expect(Array.from(m2.point)).toEqual([1]);
    expect(Array.from(s.point)).toEqual([0]);
    // θ⁴/4 − θ²/2 at ±1 and 0, evaluated by the objective: exact in binary.
    expect(f.value(m1.point)).toBe(-0.25);
    expect(f.value(m2.point)).toBe(-0.25);
    expect(f.value(s.point)).toBe(0);
    expect(f.value(s.point) - f.value(m1.point)).toBe(0.25);
    expect(f.barrier).toBe(0.25);
    expect(f.hessian(m1.point)[0]).toBe(2);
    expect(f.hessian(m2.point)[0]).toBe(2);
    expect(f.hessian(s.point)[0]).toBe(-1);
    expect([f.curvatureMin, f.curvatureSaddle, f.location]).toEqual([2, -1, 1]);
    expect(Array.from(f.gradient(m2.point))).toEqual([0]);
    for (const p of [m1, m2, s]) checkRecord(f, p, 0);
    // In one dimension the barrier top is a maximum of L (Morse index 1 = d).
    expect([m1.kind, m2.kind, s.kind, s.index]).toEqual(['minimum', 'minimum', 'maximum', 1]);
    expect(doubleWell({ dim: 2 }).criticalPoints()[2]!.kind).toBe('saddle');
  });

  it('scaled: the barrier and curvatures asked for, in d dimensions along a random direction', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((d) =>
      fc.tuple(
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }).filter((a) => Math.hypot(...a) > 0.1),
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: d - 1, maxLength: d - 1 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([barrier, curvature, raw, transverse]) => {
        const n = Math.hypot(...raw);
        const e = Float64Array.from(raw, (t) => t / n);
        const f = doubleWell({ barrier, curvature, direction: e, transverse });
        const [m1, m2, s] = f.criticalPoints() as [CriticalPoint, CriticalPoint, CriticalPoint];
        const kmax = Math.max(curvature, ...transverse);
        const a = f.location;
        // ∇L at ±a·e vanishes in exact arithmetic; in floating point each gradient term is of size
        // ΔL/a (profile) or a·kmax (transverse reflection of a·e): 32·d·ε times that.
        const gtol = 32 * f.dim * EPS * (barrier / a + a * kmax);
        // Listed value −ΔL against L(±a·e): c4a⁴ − c2a² rounds to ≤ 8ε·ΔL.
        for (const p of [m1, m2, s]) checkRecord(f, p, gtol, 8 * EPS * barrier);
        // Barrier from the objective's values: each value has rounding ≤ 8ε·ΔL (c4a⁴ − c2a² with
        // the transverse part ~ε²), so 16ε·ΔL.
        expect(Math.abs(f.value(s.point) - f.value(m1.point) - barrier)).toBeLessThanOrEqual(16 * EPS * barrier + 8 * EPS * a * a * kmax * EPS);
        expect(Math.abs(f.value(s.point) - f.value(m2.point) - barrier)).toBeLessThanOrEqual(16 * EPS * barrier + 8 * EPS * a * a * kmax * EPS);
        // Curvature along e: eᵀ H e from the dense Hessian, k at the minima and −k/2 at the saddle
        // (d² products of entries ≤ kmax: 16·d·ε·kmax).
        const eHe = (x: Float64Array): number => {
          const H = f.hessian(x);
          let q = 0;
          for (let i = 0; i < f.dim; i++) for (let j = 0; j < f.dim; j++) q += (e[i] as number) * (H[i * f.dim + j] as number) * (e[j] as number);
          return q;
        };
        const ctol = 16 * f.dim * EPS * kmax;
        expect(Math.abs(eHe(m1.point) - curvature)).toBeLessThanOrEqual(ctol);
        expect(Math.abs(eHe(m2.point) - curvature)).toBeLessThanOrEqual(ctol);
        expect(Math.abs(eHe(s.point) + curvature / 2)).toBeLessThanOrEqual(ctol);
        // The listed spectra: {k, k₁, …} at minima, {−k/2, k₁, …} at the saddle.
        expect(Array.from(m1.eigenvalues)).toEqual([curvature, ...transverse].sort((p, q) => p - q));
        expect(Array.from(s.eigenvalues)).toEqual([-curvature / 2, ...transverse].sort((p, q) => p - q));
        expect([m1.index, m2.index, s.index]).toEqual([0, 0, 1]);
      }),
      { seed: 201, numRuns: 60 },
    );
  });
});

/**
 * Per coordinate, ½(r⁴ − 16r² + 5r) has terms of size ≤ ½(71 + 135 + 15) ≈ 110 at the roots: two
 * evaluation orders differ by ≤ 8ε·110 ≈ 2e-13 per coordinate.
 */
const ST_VALUE_TOL = 8 * EPS * 110;

describe('double well with an independent saddle curvature (sextic profile)', () => {
  it('barrier, curvature at the minima and at the saddle are the three numbers asked for', () => {
    const arb = fc.integer({ min: 1, max: 4 }).chain((d) =>
      fc.tuple(
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }), // κ/(k/2)
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }).filter((a) => Math.hypot(...a) > 0.1),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
      ),
    );
    fc.assert(
      fc.property(arb, ([barrier, curvature, frac, raw, transverse]) => {
        const n = Math.hypot(...raw);
        const e = Float64Array.from(raw, (t) => t / n);
        const kappa = (frac * curvature) / 2;
        const f = doubleWell({ barrier, curvature, curvatureSaddle: -kappa, direction: e, transverse });
        expect(f.curvatureSaddle).toBe(-kappa);
        const [m1, m2, s] = f.criticalPoints() as [CriticalPoint, CriticalPoint, CriticalPoint];
        const a = f.location;
        const kmax = Math.max(curvature, transverse);
        // ∇L at ±a·e: profile terms are of size ≤ (|c₂| + |c₄|a² + c₆a⁴)·a ≲ (κ + k)·a, transverse a·kmax.
        const gtol = 64 * f.dim * EPS * a * (kappa + curvature + kmax);
        // Value −ΔL: three terms of size ≤ (κ + k)a² (≤ 24ΔL·(κ + k)/(k + 4κ) ≤ 24ΔL): 8ε·24ΔL.
        for (const p of [m1, m2, s]) checkRecord(f, p, gtol, 8 * EPS * 24 * barrier);
        expect(Math.abs(f.value(s.point) - f.value(m1.point) - barrier)).toBeLessThanOrEqual(8 * EPS * 24 * barrier);
        // Curvatures along e from the dense Hessian (terms ≤ 30·(κ + k)): 64·d·ε·(κ + k + kmax).
        const eHe = (x: Float64Array): number => {
          const H = f.hessian(x);
          let q = 0;
          for (let i = 0; i < f.dim; i++) for (let j = 0; j < f.dim; j++) q += (e[i] as number) * (H[i * f.dim + j] as number) * (e[j] as number);
          return q;
        };
        const ctol = 64 * f.dim * EPS * (kappa + curvature + kmax);
        expect(Math.abs(eHe(m1.point) - curvature)).toBeLessThanOrEqual(ctol);
        expect(Math.abs(eHe(m2.point) - curvature)).toBeLessThanOrEqual(ctol);
        expect(Math.abs(eHe(s.point) + kappa)).toBeLessThanOrEqual(ctol);
        expect(s.index).toBe(1);
      }),
      { seed: 203, numRuns: 60 },
    );
  });

  it('the profile has no other critical point: L′ along e changes sign only at −a, 0, a', () => {
    for (const [k, kappa] of [
      [2, 1],
      [2, 0.5],
      [2, 0.01],
      [10, 3],
    ] as const) {
      const f = doubleWell({ barrier: 1, curvature: k, curvatureSaddle: -kappa });
      const a = f.location;
      let changes = 0;
      let prev = Math.sign(f.gradient(Float64Array.of(-4 * a))[0] as number);
      // A grid that avoids the three roots exactly (offset by 1/3 of a cell).
      for (let i = 0; i <= 3000; i++) {
        const t = -4 * a + ((i + 1 / 3) * 8 * a) / 3000;
        const sg = Math.sign(f.gradient(Float64Array.of(t))[0] as number);
        if (sg !== prev && sg !== 0) changes++;
        if (sg !== 0) prev = sg;
      }
      expect(changes).toBe(3);
      // And L grows without bound on both sides (bounded below): L(±4a) > L(0).
      expect(f.value(Float64Array.of(4 * a))).toBeGreaterThan(0);
      expect(f.value(Float64Array.of(-4 * a))).toBeGreaterThan(0);
    }
  });

  it('curvatureSaddle = −k/2 is the quartic, bit for bit', () => {
    const q = doubleWell({ barrier: 0.7, curvature: 3 });
    const s = doubleWell({ barrier: 0.7, curvature: 3, curvatureSaddle: -1.5 });
    for (const t of [-2, -0.3, 0.1, 1.7]) expect(s.value(Float64Array.of(t))).toBe(q.value(Float64Array.of(t)));
  });

  it('argument checks', () => {
    expect(() => doubleWell({ curvature: 2, curvatureSaddle: -1.5 })).toThrow(/options.curvatureSaddle: expected a number in \[-1, 0\), received -1.5/);
    expect(() => doubleWell({ curvatureSaddle: 0 })).toThrow(/options.curvatureSaddle: expected a number in \[-1, 0\), received 0/);
    expect(() => doubleWell({ curvatureSaddle: NaN })).toThrow(/options.curvatureSaddle: expected a finite number, received NaN/);
  });
});

describe('Styblinski–Tang critical points', () => {
  /** The roots of 4t³ − 32t + 5 on three brackets found by sign changes, by bisection to the last bit. */
  function bisectRoots(): number[] {
    const p = (t: number): number => 4 * t ** 3 - 32 * t + 5;
    const brackets: [number, number][] = [
      [-4, -2],
      [0, 1],
      [2, 4],
    ];
    return brackets.map(([lo0, hi0]) => {
      let lo = lo0;
      let hi = hi0;
      expect(Math.sign(p(lo)) * Math.sign(p(hi))).toBe(-1);
      for (let i = 0; i < 200 && hi - lo > 0; i++) {
        const mid = 0.5 * (lo + hi);
        if (mid === lo || mid === hi) break;
        if (Math.sign(p(mid)) === Math.sign(p(lo))) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    });
  }

  it('the three roots of the cubic, and the global minimum ≈ −39.16617·d at x* ≈ −2.903534', () => {
    const ref = bisectRoots();
    const f = styblinskiTang(3);
    // Simple roots, |p′| ≥ 27 at each, |p| rounding ≈ 4ε·100: the roots are determined to ~2e-14.
    f.roots.roots.forEach((r, i) => expect(Math.abs(r - (ref[i] as number))).toBeLessThan(1e-13));
    const gm = f.globalMinimum();
    for (const t of gm.point) expect(Math.abs(t - -2.903534)).toBeLessThan(1e-6); // literature value, 7 digits
    expect(Math.abs(gm.value / 3 - -39.16617)).toBeLessThan(1e-5); // literature value, 7 digits
    // Value from the bisected root, through the objective: f(x*) = 3·½(r⁴ − 16r² + 5r).
    const r0 = ref[0] as number;
    expect(Math.abs(gm.value - 1.5 * (r0 ** 4 - 16 * r0 ** 2 + 5 * r0))).toBeLessThan(1e-12);
    checkRecord(f, gm, 1e-12, ST_VALUE_TOL * 3);
    expect(gm.kind).toBe('minimum');
    // f″ at the roots: 6r² − 16 from the bisected roots.
    f.roots.curvatures.forEach((k, i) => expect(Math.abs(k - (6 * ref[i]! ** 2 - 16))).toBeLessThan(1e-11));
    expect(f.criticalPointCount).toBe(27);
  });

  it('any choice of roots is a critical point with Morse index = number of middle roots', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((d) => fc.array(fc.constantFrom(0, 1, 2), { minLength: d, maxLength: d }));
    fc.assert(
      fc.property(arb, (choice) => {
        const f = styblinskiTang(choice.length);
        const p = f.criticalPoint(choice);
        // |∂ᵢL| = |2r³ − 16r + 2.5| at a root polished to the last bit: rounding ≈ 4ε·(2·27 + 16·3) ≈ 1e-13.
        checkRecord(f, p, 1e-12 * Math.sqrt(choice.length), ST_VALUE_TOL * choice.length);
        expect(p.index).toBe(choice.filter((c) => c === 1).length);
      }),
      { seed: 202, numRuns: 40 },
    );
  });

  it('criticalPoints(): the global minimum and the d index-1 saddles next to it', () => {
    const f = styblinskiTang(4);
    const list = f.criticalPoints();
    expect(list).toHaveLength(5);
    const gm = list[0] as CriticalPoint;
    list.slice(1).forEach((s, i) => {
      checkRecord(f, s, 1e-12, ST_VALUE_TOL * 4);
      expect(s.index).toBe(1);
      // Adjacent: differs from the minimum in coordinate i only.
      s.point.forEach((t, j) => (j === i ? expect(t).not.toBe(gm.point[j]) : expect(t).toBe(gm.point[j])));
      // Its barrier is the 1-D one: f(r₁) − f(r₀).
      expect(Math.abs(s.value - gm.value - ((f.roots.values[1] as number) - (f.roots.values[0] as number)))).toBeLessThan(1e-12);
    });
  });
});

describe('Müller–Brown critical points', () => {
  it('three minima and two saddles at the published places', () => {
    const f = mullerBrown();
    const list = f.criticalPoints();
    // Published coordinates (3 decimals) and energies (2 decimals) of minima A, B, C and saddles.
    const published: [number, number, number, 'minimum' | 'saddle'][] = [
      [-0.558, 1.442, -146.7, 'minimum'],
      [0.623, 0.028, -108.17, 'minimum'],
      [-0.05, 0.467, -80.77, 'minimum'],
      [-0.822, 0.624, -40.66, 'saddle'],
      [0.212, 0.293, -72.25, 'saddle'],
    ];
    expect(list).toHaveLength(5);
    list.forEach((p, i) => {
      const [px, py, v, kind] = published[i]!;
      expect(p.converged).toBe(true);
      // Newton's tolerance on ‖∇V‖.
      checkRecord(f, p, 1e-9);
      expect(p.gradientNorm).toBeLessThanOrEqual(1e-9);
      expect(p.kind).toBe(kind);
      // Published to 3 decimals (±5e-4) and 2 decimals (±5e-3): small margins over the rounding.
      expect(Math.abs((p.point[0] as number) - px)).toBeLessThan(6e-4);
      expect(Math.abs((p.point[1] as number) - py)).toBeLessThan(6e-4);
      expect(Math.abs(p.value - v)).toBeLessThan(6e-3);
    });
    // Fresh copies: mutating one does not change the next call.
    (list[0] as CriticalPoint).point[0] = 99;
    expect(f.criticalPoints()[0]!.point[0]).not.toBe(99);
  });
});

describe('Rosenbrock and quadratic critical points', () => {
  it('Rosenbrock: global minimum at 1 with L = 0; the local minimum near (−1, 1, …) for d = 4 … 7', () => {
    for (let d = 2; d <= 8; d++) {
      const f = rosenbrock(d);
      const list = f.criticalPoints();
      const gm = list[0] as CriticalPoint;
      expect(Array.from(gm.point)).toEqual(new Array(d).fill(1));
      expect(gm.value).toBe(0);
      checkRecord(f, gm, 0);
      expect(list).toHaveLength(d >= 4 && d <= 7 ? 2 : 1);
      if (list.length === 2) {
        const lm = list[1] as CriticalPoint;
        checkRecord(f, lm, 1e-9);
        expect(lm.kind).toBe('minimum');
        expect(lm.point[0]).toBeLessThan(-0.7);
        expect(lm.value).toBeGreaterThan(3.5); // a local, not global, minimum (value ≈ 3.7 … 4)
      }
    }
  });

  it('quadratic: the centre, classified by the spectrum of H', () => {
    const f = quadratic({
      hessian: [
        [1, 2],
        [2, 1],
      ],
      center: [0.5, -1],
    }); // eigenvalues −1, 3
    const [p] = f.criticalPoints() as [CriticalPoint];
    expect(Array.from(p.point)).toEqual([0.5, -1]);
    expect([p.kind, p.index, p.value]).toEqual(['saddle', 1, 0]);
    expect(Math.abs((p.eigenvalues[0] as number) + 1)).toBeLessThan(8 * EPS);
    expect(Math.abs((p.eigenvalues[1] as number) - 3)).toBeLessThan(8 * EPS);
    expect(
      quadratic({
        hessian: [
          [-1, 0],
          [0, -2],
        ],
      }).criticalPoints()[0]!.kind,
    ).toBe('maximum');
    expect(
      quadratic({
        hessian: [
          [1, 0],
          [0, 0],
        ],
      }).criticalPoints()[0]!.kind,
    ).toBe('degenerate');
  });
});

describe('newtonCriticalPoint', () => {
  it('finds a saddle of a gradient-only objective through finiteDifferenceHvp', () => {
    const mb = mullerBrown();
    const gradOnly: Objective = { dim: 2, value: (x) => mb.value(x), gradient: (x, out) => mb.gradient(x, out) };
    const r = newtonCriticalPoint(finiteDifferenceHvp(gradOnly), [0.2, 0.3]);
    const exact = mb.criticalPoints()[4]!;
    expect(r.converged).toBe(true);
    expect(r.kind).toBe('saddle');
    // Same root of the same gradient, reached with an approximate Jacobian: both solves stop at
    // ‖∇V‖ ≤ 1e-9 and the smallest |eigenvalue| of ∇²V there is > 100, so each lies within
    // 1e-9/100 = 1e-11 of the root, and the two within 2e-11 of each other.
    expect(Math.hypot((r.point[0] as number) - (exact.point[0] as number), (r.point[1] as number) - (exact.point[1] as number))).toBeLessThan(2e-11);
  });

  it('reports converged: false, without throwing, where it cannot converge', () => {
    // L(x) = x₁ + x₂²: no critical point at all (∇L = (1, 2x₂) ≠ 0); the Hessian is singular.
    const f: Objective = {
      dim: 2,
      value: (x) => (x[0] as number) + (x[1] as number) ** 2,
      gradient: (x, out = new Float64Array(2)) => {
        out[0] = 1;
        out[1] = 2 * (x[1] as number);
        return out;
      },
      hessian: () => Float64Array.of(0, 0, 0, 2),
    };
    const r = newtonCriticalPoint(f, [3, 1]);
    expect(r.converged).toBe(false);
    expect(r.gradientNorm).toBe(1); // x₂ → 0 exactly by Newton; ∂₁L = 1 stays
    expect(r.kind).toBe('degenerate');
    // One iteration from far away on Rosenbrock is not enough.
    const one = newtonCriticalPoint(rosenbrock(2), [-1.2, 1], { maxIterations: 1 });
    expect(one.converged).toBe(false);
    expect(one.iterations).toBe(1);
    expect(one.gradientNorm).toBeGreaterThan(1e-9);
  });

  it('maxStep caps each step (more iterations, same root); denseHessian symmetrises an HVP-built matrix', () => {
    const f = rosenbrock(2);
    const free = newtonCriticalPoint(f, [-1.2, 1]);
    const capped = newtonCriticalPoint(f, [-1.2, 1], { maxStep: 0.05, maxIterations: 200 });
    expect(free.converged && capped.converged).toBe(true);
    // From (−1.2, 1) to (1, 1) is a path of length > 2.2: at most 0.05 a step needs > 44 steps.
    expect(capped.iterations).toBeGreaterThan(44);
    expect(Array.from(capped.point).map((t) => Math.abs(t - 1) < 1e-9)).toEqual([true, true]);
    // An HVP whose matrix is slightly non-symmetric: denseHessian returns ½(A + Aᵀ).
    const lopsided: Objective = {
      dim: 2,
      value: () => 0,
      gradient: (_x, out = new Float64Array(2)) => out.fill(0),
      hvp: (_x, v, out = new Float64Array(2)) => {
        out[0] = 2 * (v[0] as number) + 1 * (v[1] as number);
        out[1] = 3 * (v[0] as number) + 4 * (v[1] as number);
        return out;
      },
    };
    expect(Array.from(denseHessian(lopsided, new Float64Array(2)))).toEqual([2, 2, 2, 4]);
  });

  it('classifyEigenvalues', () => {
    expect(classifyEigenvalues(Float64Array.of(-2, -1))).toEqual({ index: 2, kind: 'maximum' });
    expect(classifyEigenvalues(Float64Array.of(-2, 1e-12, 3))).toEqual({ index: 1, kind: 'degenerate' });
    expect(classifyEigenvalues(Float64Array.of(1, 3))).toEqual({ index: 0, kind: 'minimum' });
  });

  it('argument checks', () => {
    const gradOnly: Objective = { dim: 1, value: (x) => (x[0] as number) ** 2, gradient: (x) => Float64Array.of(2 * (x[0] as number)) };
    expect(() => newtonCriticalPoint(gradOnly, [1])).toThrow(/objective: expected an objective with a hessian or an hvp method, received one with neither/);
    expect(() => newtonCriticalPoint(doubleWell(), [1, 2])).toThrow(/x0: expected length 1, received length 2/);
    expect(() => newtonCriticalPoint(doubleWell(), [NaN])).toThrow(/x0: expected finite values, received NaN at index 0/);
    expect(() => newtonCriticalPoint(doubleWell(), [1], { gradientTol: 0 })).toThrow(/options.gradientTol: expected a positive number, received 0/);
    expect(() => newtonCriticalPoint(doubleWell(), [1], { maxIterations: 0 })).toThrow(/options.maxIterations: expected an integer ≥ 1, received 0/);
    expect(() => newtonCriticalPoint(doubleWell(), [1], { zeroTol: -1 })).toThrow(/options.zeroTol: expected a non-negative number, received -1/);
    expect(() => newtonCriticalPoint(doubleWell(), [1], { maxStep: -1 })).toThrow(/options.maxStep: expected a positive number, received -1/);
  });
});
