import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { doubleWell, mullerBrown, quadratic, rosenbrock, styblinskiTang } from '../../src/objectives/index';
import type { Objective } from '../../src/core/types';

type Landscape = Objective & {
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Float64Array;
};

const EPS = Number.EPSILON;
const norm = (a: Float64Array): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
const dotv = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
/** ‖H‖_F bounded by d·max|Hᵢⱼ| (no squaring, so no underflow for tiny entries). */
const frob = (h: Float64Array): number => Math.sqrt(h.length) * h.reduce((m, t) => Math.max(m, Math.abs(t)), 0);

/**
 * Fourth-order central difference of a scalar or vector function along u:
 * (8[f(x+hu) − f(x−hu)] − [f(x+2hu) − f(x−2hu)]) / 12h. Truncation h⁴/30·|∂⁵_u f|; rounding
 * ≈ 1.5·ε·max|f|/h.
 */
function fd4(f: (x: Float64Array) => Float64Array, x: Float64Array, u: Float64Array, h: number): Float64Array {
  const at = (s: number): Float64Array => f(x.map((xi, i) => xi + s * h * (u[i] as number)));
  const p1 = at(1);
  const m1 = at(-1);
  const p2 = at(2);
  const m2 = at(-2);
  return p1.map((_, i) => (8 * ((p1[i] as number) - (m1[i] as number)) - ((p2[i] as number) - (m2[i] as number))) / (12 * h));
}

const unit = (dim: number): fc.Arbitrary<Float64Array> =>
  fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: dim, maxLength: dim })
    .filter((a) => Math.hypot(...a) > 0.1)
    .map((a) => {
      const n = Math.hypot(...a);
      return Float64Array.from(a, (x) => x / n);
    });
const box = (dim: number, lo: number, hi: number): fc.Arbitrary<Float64Array> =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: dim, maxLength: dim }).map((a) => Float64Array.from(a));

/**
 * The four invariants every landscape must satisfy at x, for unit directions u, v.
 *
 * Gradient and HVP against a 4th-order difference with h = 1e-4·(1 + ‖x‖): the landscapes drawn
 * here are polynomials of degree ≤ 4 (quadratic, quartic double well, Styblinski–Tang, Rosenbrock:
 * the fifth derivative is 0, so only rounding, 1.5·ε·|L|/h ≤ 1.5·2.2e-16·4e4/1e-4 ≈ 1e-7 with
 * |L| ≤ 4e4 in the boxes drawn; and for the gradient stencil the same with |∇L| ≤ 4e4), the sextic
 * double well (∂⁵w = 720c₆s and ∂⁶w = 720c₆ with c₆a⁴ = (k − 2κ)/12 ≤ k/12; in the drawn ranges
 * a² = 24ΔL/(k + 4κ) ≥ 24·0.05/30, so a ≥ 0.2, and |s| ≤ 1.5a√d ≤ 3a: the truncation
 * h⁴/30·720c₆·max(1, |s|) ≤ h⁴/30·180k/a⁴·max(1, 3a) ≲ 1e-10) or Müller–Brown
 * (|∂⁵V|, |∂⁶V| ≲ 3e7 in the box, so truncation ≤ (3.3e-4)⁴/30·3e7 ≈ 1e-8; |V|, |∇V| ≤ 1.3e4 so
 * rounding ≤ 1.5·2.2e-16·1.3e4/1e-4 ≈ 4e-8). The error is divided by max(‖∇L‖, 1) (or
 * max(‖Hv‖, 1)), so points near a critical point are judged by the absolute error; 1e-6 leaves a
 * margin of 10 or more over these bounds.
 *
 * u·Hv = v·Hu and hessian(x)·v = hvp(x, v): each side is a few d-term sums of products of entries
 * of H: rounding ≤ 64·d·ε·‖H‖_F is generous (the 64 covers the Householder reflections of the
 * double well) and still 1e-13 relative, far below any real asymmetry.
 */
function checkInvariants(f: Landscape, x: Float64Array, u: Float64Array, v: Float64Array): void {
  const d = f.dim;
  const h = 1e-4 * (1 + norm(x));
  const g = f.gradient(x);
  const fdGrad = fd4((y) => Float64Array.of(f.value(y)), x, u, h)[0] as number;
  expect(Math.abs(fdGrad - dotv(g, u)) / Math.max(norm(g), 1)).toBeLessThan(1e-6);

  const hv = f.hvp(x, v);
  const fdHv = fd4((y) => f.gradient(y), x, v, h);
  const diff = hv.map((a, i) => a - (fdHv[i] as number));
  expect(norm(diff) / Math.max(norm(hv), 1)).toBeLessThan(1e-6);

  const H = f.hessian(x);
  const scale = frob(H);
  const hu = f.hvp(x, u);
  expect(Math.abs(dotv(u, hv) - dotv(v, hu))).toBeLessThanOrEqual(64 * d * EPS * scale);

  const Hv = new Float64Array(d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Hv[i] = (Hv[i] as number) + (H[i * d + j] as number) * (v[j] as number);
  expect(norm(Hv.map((a, i) => a - (hv[i] as number)))).toBeLessThanOrEqual(64 * d * EPS * scale);
  // The dense Hessian is symmetric entry by entry (to rounding of its assembly).
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++) expect(Math.abs((H[i * d + j] as number) - (H[j * d + i] as number))).toBeLessThanOrEqual(16 * EPS * scale);
}

const withDirections =
  <T>(dim: (t: T) => number) =>
  (t: T) =>
    fc.tuple(fc.constant(t), unit(dim(t)), unit(dim(t)));

describe('landscapes: gradient, HVP, symmetry and dense Hessian at random parameters and points', () => {
  it('quadratic (random symmetric H, centre)', () => {
    const arb = fc
      .integer({ min: 1, max: 4 })
      .chain((d) => fc.tuple(box(d * d, -3, 3), box(d, -2, 2), box(d, -3, 3)))
      .chain(withDirections(([, c]) => c.length));
    fc.assert(
      fc.property(arb, ([[b, c, x], u, v]) => {
        const d = c.length;
        const H = new Float64Array(d * d);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) H[i * d + j] = (b[i * d + j] as number) + (b[j * d + i] as number);
        checkInvariants(quadratic({ hessian: H, center: c }), x, u, v);
      }),
      { seed: 101, numRuns: 40 },
    );
  });

  it('doubleWell (random barrier, curvatures, dimension, direction, transverse curvatures)', () => {
    const arb = fc
      .integer({ min: 1, max: 4 })
      .chain((d) =>
        fc.tuple(
          fc.double({ min: 0.05, max: 5, noNaN: true }),
          fc.double({ min: 0.1, max: 10, noNaN: true }),
          unit(d),
          box(d - 1, 0.1, 20),
          box(d, -1.5, 1.5),
          fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })), // κ/(k/2): the sextic profile, or the quartic
        ),
      )
      .chain(withDirections(([, , e]) => e.length));
    fc.assert(
      fc.property(arb, ([[barrier, curvature, direction, transverse, p, frac], u, v]) => {
        const curvatureSaddle = frac === null ? undefined : (-frac * curvature) / 2;
        const f = doubleWell({ barrier, curvature, curvatureSaddle, direction, transverse });
        checkInvariants(
          f,
          p.map((t) => t * f.location),
          u,
          v,
        );
      }),
      { seed: 102, numRuns: 60 },
    );
  });

  it('styblinskiTang(d), d = 1 … 4, x ∈ [−5, 5]^d', () => {
    const arb = fc
      .integer({ min: 1, max: 4 })
      .chain((d) => box(d, -5, 5))
      .chain(withDirections((x) => x.length));
    fc.assert(
      fc.property(arb, ([x, u, v]) => checkInvariants(styblinskiTang(x.length), x, u, v)),
      { seed: 103, numRuns: 40 },
    );
  });

  it('rosenbrock(d), d = 2 … 5, x ∈ [−2, 2]^d', () => {
    const arb = fc
      .integer({ min: 2, max: 5 })
      .chain((d) => box(d, -2, 2))
      .chain(withDirections((x) => x.length));
    fc.assert(
      fc.property(arb, ([x, u, v]) => checkInvariants(rosenbrock(x.length), x, u, v)),
      { seed: 104, numRuns: 40 },
    );
  });

  it('mullerBrown on [−1.5, 1.2] × [−0.5, 2]', () => {
    const f = mullerBrown();
    const arb = fc
      .tuple(fc.double({ min: -1.5, max: 1.2, noNaN: true }), fc.double({ min: -0.5, max: 2, noNaN: true }))
      .map(([a, b]) => Float64Array.of(a, b))
      .chain(withDirections(() => 2));
    fc.assert(
      fc.property(arb, ([x, u, v]) => checkInvariants(f, x, u, v)),
      { seed: 105, numRuns: 60 },
    );
  });
});

describe('landscapes: closed-form values', () => {
  it('doubleWell() is exactly θ⁴/4 − θ²/2', () => {
    const f = doubleWell();
    expect(f.dim).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (t) => {
        const x = Float64Array.of(t);
        const ref = t ** 4 / 4 - t ** 2 / 2;
        // Two evaluation orders of the same polynomial: a few ε of its largest term.
        expect(Math.abs(f.value(x) - ref)).toBeLessThanOrEqual(4 * EPS * (t ** 4 / 4 + t ** 2 / 2));
        expect(Math.abs((f.gradient(x)[0] as number) - (t ** 3 - t))).toBeLessThanOrEqual(4 * EPS * (Math.abs(t) ** 3 + Math.abs(t)));
        expect(Math.abs((f.hessian(x)[0] as number) - (3 * t * t - 1))).toBeLessThanOrEqual(4 * EPS * (3 * t * t + 1));
      }),
      { seed: 106, numRuns: 50 },
    );
  });

  it('doubleWell in d dimensions splits into w(e·x) + ½Σ kᵢ(qᵢ·x)² with orthonormal qᵢ ⟂ e', () => {
    const e = Float64Array.of(2, -1, 2).map((t) => t / 3);
    const f = doubleWell({ barrier: 1, curvature: 4, direction: e, transverse: [3, 7] });
    const q1 = f.transverseDirection(1);
    const q2 = f.transverseDirection(2);
    // Orthonormality of the basis, to rounding.
    for (const [a, b, want] of [
      [e, q1, 0],
      [e, q2, 0],
      [q1, q2, 0],
      [q1, q1, 1],
      [q2, q2, 1],
    ] as const) {
      expect(Math.abs(dotv(a, b) - want)).toBeLessThan(8 * EPS);
    }
    const x = Float64Array.of(0.3, -1.2, 0.8);
    const s = dotv(e, x);
    const a2 = (8 * 1) / 4; // a² = 8ΔL/k
    const w = 1 * (s ** 4 / a2 ** 2 - (2 * s ** 2) / a2);
    const ref = w + 0.5 * (3 * dotv(q1, x) ** 2 + 7 * dotv(q2, x) ** 2);
    expect(Math.abs(f.value(x) - ref)).toBeLessThan(16 * EPS * Math.abs(ref));
  });

  it('styblinskiTang and rosenbrock values at hand-computed points', () => {
    // ½(1 − 16 + 5) + ½(16 − 64 − 10) = −5 − 29 = −34.
    expect(styblinskiTang(2).value(Float64Array.of(1, -2))).toBe(-34);
    // 100(1 − 0)² + (1 − 0)² + 100(2 − 1)² + (1 − 1)² = 201.
    expect(rosenbrock(3).value(Float64Array.of(0, 1, 2))).toBe(201);
    // Müller–Brown at (0, 0): Σ Aₖ exp(aₖx₀ₖ² − bₖx₀ₖy₀ₖ + cₖy₀ₖ²), computed term by term here.
    const A = [-200, -100, -170, 15];
    const a = [-1, -1, -6.5, 0.7];
    const b = [0, 0, 11, 0.6];
    const c = [-10, -10, -6.5, 0.7];
    const X = [1, 0, -0.5, -1];
    const Y = [0, 0.5, 1.5, 1];
    let ref = 0;
    let sumAbs = 0;
    for (let k = 0; k < 4; k++) {
      const term = A[k]! * Math.exp(a[k]! * X[k]! ** 2 + b[k]! * X[k]! * Y[k]! + c[k]! * Y[k]! ** 2);
      ref += term;
      sumAbs += Math.abs(term);
    }
    // Both sides round each of four exponentials (≲ 2 ulp with their arguments) and the sum:
    // ≤ 8ε·Σ|terms| apart.
    expect(Math.abs(mullerBrown().value(Float64Array.of(0, 0)) - ref)).toBeLessThan(8 * Number.EPSILON * sumAbs);
  });
});

describe('landscapes: argument checks', () => {
  it('doubleWell', () => {
    expect(() => doubleWell({ barrier: -1 })).toThrow(/options.barrier: expected a positive number, received -1/);
    expect(() => doubleWell({ barrier: NaN })).toThrow(/options.barrier: expected a finite number, received NaN/);
    expect(() => doubleWell({ curvature: 0 })).toThrow(/options.curvature: expected a positive number, received 0/);
    expect(() => doubleWell({ dim: 0 })).toThrow(/options.dim: expected an integer ≥ 1, received 0/);
    expect(() => doubleWell({ dim: 2.5 })).toThrow(/options.dim: expected an integer, received 2.5/);
    expect(() => doubleWell({ direction: [0, 0] })).toThrow(/options.direction: expected a unit vector, received a zero vector/);
    expect(() => doubleWell({ direction: [1, 1] })).toThrow(/options.direction: expected a unit vector \(norm 1 within 1e-12\), received norm 1.414/);
    expect(() => doubleWell({ direction: [] })).toThrow(/options.direction: expected a unit vector of length ≥ 1, received length 0/);
    expect(() => doubleWell({ direction: [1, 0], dim: 3 })).toThrow(/options.direction: expected length 3, received length 2/);
    expect(() => doubleWell({ direction: [NaN, 1] })).toThrow(/options.direction: expected finite values, received NaN at index 0/);
    expect(() => doubleWell({ dim: 3, transverse: -2 })).toThrow(/options.transverse: expected a positive number, received -2/);
    expect(() => doubleWell({ dim: 3, transverse: [1, -2] })).toThrow(/options.transverse\[1\]: expected a positive number, received -2/);
    expect(() => doubleWell({ dim: 3, transverse: [1] })).toThrow(/options.transverse: expected length 2, received length 1/);
    const f = doubleWell({ dim: 2 });
    expect(() => f.value(Float64Array.of(1))).toThrow(/x: expected length 2, received length 1/);
    // In the hot methods a Float64Array x is only length-checked (as quadratic does): NaN propagates.
    expect(f.value(Float64Array.of(1, NaN))).toBeNaN();
    expect(() => f.value([1, NaN] as unknown as Float64Array)).toThrow(/x: expected finite values, received NaN at index 1/);
    expect(() => f.hvp(Float64Array.of(1, 0), Float64Array.of(1))).toThrow(/v: expected length 2, received length 1/);
    expect(() => f.gradient(Float64Array.of(1, 0), new Float64Array(3))).toThrow(/out: expected length 2, received length 3/);
    expect(() => f.transverseDirection(2)).toThrow(/i: expected an integer in \[1, 1\], received 2/);
  });

  it('styblinskiTang, rosenbrock, mullerBrown', () => {
    expect(() => styblinskiTang(0)).toThrow(/dim: expected an integer ≥ 1, received 0/);
    expect(() => styblinskiTang(NaN)).toThrow(/dim: expected an integer, received NaN/);
    expect(() => rosenbrock(1)).toThrow(/dim: expected an integer ≥ 2, received 1/);
    expect(() => styblinskiTang(2).gradient(Float64Array.of(1, 2, 3))).toThrow(/x: expected length 2, received length 3/);
    expect(() => rosenbrock(2).hvp(Float64Array.of(1, 2), Float64Array.of(1, 2, 3))).toThrow(/v: expected length 2, received length 3/);
    expect(() => mullerBrown().hessian(Float64Array.of(1))).toThrow(/x: expected length 2, received length 1/);
    const st = styblinskiTang(2);
    expect(() => st.criticalPoint([0])).toThrow(/choice: expected length 2, received length 1/);
    expect(() => st.criticalPoint([0, 3])).toThrow(/choice\[1\]: expected 0, 1 or 2, received 3/);
    expect(() => st.criticalPoint(null as unknown as number[])).toThrow(/choice: expected an array of root indices 0, 1 or 2, received null/);
  });
});
