import { describe, expect, it } from 'vitest';
import { dop853, dormandPrince, gradientFlow } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { spectralApply, symmetricWithEigenvalues } from './fixtures';

function relErr(got: Float64Array, exact: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < exact.length; i++) {
    num += ((got[i] as number) - (exact[i] as number)) ** 2;
    den += (exact[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
}

describe('gradientFlow', () => {
  const d = 6;
  const c = Float64Array.from([1, -1, 0.5, 0, 2, -0.5]);
  const x0 = Float64Array.from([2, 0, -1, 1, 1, 3]);
  const cases = [
    { name: 'definite', lambdas: [0.1, 0.3, 1, 2, 5, 10] },
    { name: 'indefinite', lambdas: [-1, -0.2, 0.5, 1, 3, 8] },
  ];

  for (const [{ name, lambdas }, method] of cases.flatMap((cs) => (['dopri5', 'dop853'] as const).map((m) => [cs, m] as const))) {
    it(`equals c + e^{−tH}(x0 − c) at the requested times (${name} H, ${method}), within a small multiple of rtol`, () => {
      const H = symmetricWithEigenvalues(lambdas, 21);
      const f = quadratic({ hessian: H, center: c });
      const eig = symmetricEigen(H);
      const times = [0, 0.013, 0.1, 0.5, 0.77, 1.2, 2, 2.5, 3];
      const rtols = [1e-4, 1e-6, 1e-8, 1e-10];
      const errs: number[] = [];
      for (const rtol of rtols) {
        const flow = gradientFlow(f, x0, { t1: 3, rtol, atol: rtol * 1e-2, times, method });
        expect(flow.success).toBe(true);
        expect(Array.from(flow.times)).toEqual(times);
        let worst = 0;
        times.forEach((t, i) => {
          const exact = spectralApply(eig, c, x0, (l) => Math.exp(-t * l));
          const got = flow.points.data.subarray(i * d, (i + 1) * d);
          worst = Math.max(worst, relErr(got, exact));
          expect(flow.losses[i]).toBe(f.value(got)); // the loss at the returned point, by construction
        });
        expect(Array.from(flow.points.data.subarray(0, d))).toEqual(Array.from(x0));
        expect(Array.from(flow.final)).toEqual(Array.from(flow.points.data.subarray((times.length - 1) * d)));
        // Global error: the controller keeps each local error ≤ tol, but local control gives no
        // rigorous a-priori global bound (HNW II.4: tolerance proportionality, error ≈ C·tol with C of
        // order one, times up to e^{|λ_min| t} = e³ ≈ 20 of propagation in the indefinite case). What
        // is asserted is the contract gradientFlow documents, "to the requested tolerance", as a
        // global error below 5·rtol on these well-scaled problems (observed 0.03–0.6·rtol).
        expect(worst).toBeLessThan(5 * rtol);
        errs.push(worst);
      }
      // Order check: tightening rtol by 100 must cut the error by at least 10 (for a 5th-order
      // method with error-per-step control the error scales like rtol^{≈1}; 10 allows a slack of 10).
      for (let i = 1; i < errs.length; i++) expect(errs[i] as number).toBeLessThan((errs[i - 1] as number) / 10);
    });
  }

  it('reports evaluations (6 per attempted step + 2) and rejected steps', () => {
    let calls = 0;
    const q = quadratic({ hessian: symmetricWithEigenvalues([0.5, 1, 50], 2) });
    const counted = { dim: 3, value: (x: Float64Array) => q.value(x), gradient: (x: Float64Array, out?: Float64Array) => (calls++, q.gradient(x, out)) };
    const flow = gradientFlow(counted, [1, 2, 3], { t1: 5, rtol: 1e-6 });
    expect(flow.evaluations).toBe(calls);
    expect(flow.evaluations).toBe(6 * (flow.accepted + flow.rejected) + 2);
    expect(flow.accepted).toBeGreaterThan(0);
    // Default output grid: 101 equally spaced times from 0 to t1.
    expect(flow.times.length).toBe(101);
    expect(flow.times[0]).toBe(0);
    expect(flow.times[100]).toBe(5);
    expect(flow.times[50]).toBe(2.5);
  });

  it('checks its arguments', () => {
    const q = quadratic({ hessian: [[1, 0], [0, 2]] });
    expect(() => gradientFlow(q, [1, 1], { t1: 0 })).toThrow(/options.t1: expected a positive number, received 0/);
    expect(() => gradientFlow(q, [1], { t1: 1 })).toThrow(/x0: expected length 2, received length 1/);
    expect(() => gradientFlow(q, [1, NaN], { t1: 1 })).toThrow(/x0: expected finite values, received NaN at index 1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, points: 1 })).toThrow(/options.points: expected an integer ≥ 2, received 1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, times: [0, 2] })).toThrow(/options.times: expected times in \[0, 1\], received 2 at index 1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, times: [0.5, 0.2] })).toThrow(/options.times: expected non-decreasing times/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, rtol: -1 })).toThrow(/options.rtol: expected a non-negative number, received -1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, method: 'rk4' as never })).toThrow(/options.method: expected one of 'dopri5', 'dop853'/);
  });
});

describe('dormandPrince', () => {
  it('dense output is exact (to rounding) for a quartic solution: y′ = 4t³, y = t⁴', () => {
    // The continuous extension has order 4, so it reproduces polynomials of degree ≤ 4 exactly and
    // the 5th-order step does too: any error is rounding (~10 ε at |y| ≤ 16).
    const ts = Array.from({ length: 41 }, (_, i) => (2 * i) / 40);
    const r = dormandPrince((t, _y, out) => void (out[0] = 4 * t ** 3), [0], 0, 2, { rtol: 1e-3, atol: 1e-3, times: ts });
    expect(r.success).toBe(true);
    expect(r.accepted).toBeLessThan(41); // so most outputs come from the interpolant
    ts.forEach((t, i) => expect(Math.abs(r.y.get(i, 0) - t ** 4)).toBeLessThan(1e-13));
  });

  it('dense output has order 4: halving the step cuts the interpolation error by ≈ 2⁵ (local)', () => {
    // y′ = y, one step of size h (huge tolerance so it is accepted, h0 = hmax = h): the
    // interpolant's error at mid-step is C h⁵ + O(h⁶) for an order-4 continuous extension.
    const err = (h: number): number => {
      const r = dormandPrince((_t, y, out) => void (out[0] = y[0] as number), [1], 0, h, { h0: h, hmax: h, rtol: 1, atol: 1, times: [h / 2] });
      return Math.abs(r.y.get(0, 0) - Math.exp(h / 2));
    };
    const ratio = err(0.2) / err(0.1);
    // One step: the interpolant's error is C h⁵ + O(h⁶): ratio 2⁵ = 32 within ±25%.
    expect(ratio).toBeGreaterThan(24);
    expect(ratio).toBeLessThan(40);
  });

  it('integrates a time-dependent linear ODE: y′ = −2t y, y = e^{−t²}', () => {
    const r = dormandPrince((t, y, out) => void (out[0] = -2 * t * (y[0] as number)), [1], 0, 3, { rtol: 1e-10, atol: 1e-14, times: [1, 2, 3] });
    // Global error a few times atol + rtol·|y|; 1e-9 absolute is > 10× that for |y| ≤ 1.
    [1, 2, 3].forEach((t, i) => expect(Math.abs(r.y.get(i, 0) - Math.exp(-t * t))).toBeLessThan(1e-9));
  });

  it('reports a blow-up instead of throwing: y′ = y², y(0) = 1 explodes at t = 1', () => {
    const r = dormandPrince((_t, y, out) => void (out[0] = (y[0] as number) ** 2), [1], 0, 2, { times: [0.5, 1.5] });
    expect(r.success).toBe(false);
    expect(['step-size-too-small', 'max-steps']).toContain(r.status);
    // It stalls at the singularity (within the local error there, ~1e-5 in t) with a huge y.
    expect(Math.abs(r.tEnd - 1)).toBeLessThan(1e-5);
    expect(r.final[0]).toBeGreaterThan(1e8);
    expect(r.t.length).toBe(1); // only t = 0.5 reached
    expect(Math.abs(r.y.get(0, 0) - 2)).toBeLessThan(1e-5); // y = 1/(1 − t)
  });

  it('stops at maxSteps and says so', () => {
    const r = dormandPrince((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, 100, { rtol: 1e-12, maxSteps: 5 });
    expect(r.status).toBe('max-steps');
    expect(r.success).toBe(false);
    expect(r.accepted + r.rejected).toBe(5);
  });

  it('checks its arguments', () => {
    const f = (_t: number, y: Float64Array, out: Float64Array): void => void out.set(y);
    expect(() => dormandPrince(f, [1], 1, 1)).toThrow(/t1: expected a number greater than t0 = 1, received 1/);
    expect(() => dormandPrince(f, [1], 0, 1, { rtol: 0, atol: 0 })).toThrow(/options.atol: expected atol > 0 or rtol > 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { facMax: 0.5 })).toThrow(/options.facMax: expected a number in \(1, Infinity\]/);
    expect(() => dormandPrince(1 as never, [1], 0, 1)).toThrow(/f: expected a function/);
    expect(() => dormandPrince(f, [1], 0, 1, { h0: 0 })).toThrow(/options.h0: expected a positive number, received 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { hmax: -1 })).toThrow(/options.hmax: expected a positive number, received -1/);
    expect(() => dormandPrince(f, [1], 0, 1, { maxSteps: 0 })).toThrow(/options.maxSteps: expected an integer ≥ 1, received 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { safety: 1 })).toThrow(/options.safety: expected a number in \(0, 1\), received 1/);
    expect(() => dormandPrince(f, [1], 0, 1, { facMin: 0 })).toThrow(/options.facMin: expected a number in \(0, 1\), received 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { beta: 0.3 })).toThrow(/options.beta: expected a number in \[0, 0.2\], received 0.3/);
  });
});

describe('dop853', () => {
  it('has order 8 per step and an order-7 interpolant: halving h divides the errors by ≈ 2⁹ and 2⁸', () => {
    // One step of y′ = −y from 1 (huge tolerance, h0 = hmax = h): local errors C h⁹ at the step end
    // and C′ h⁸ at mid-step; between h = 0.4 and 0.2 the ratios must be within ±30% of 512 and 256.
    const run = (h: number): [number, number] => {
      const r = dop853((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, h, { h0: h, hmax: h, rtol: 1, atol: 1, times: [h / 2, h] });
      expect(r.accepted).toBe(1);
      // 11 stages + FSAL evaluation + 3 dense-output stages + the initial f(y0).
      expect(r.evaluations).toBe(16);
      return [Math.abs(r.y.get(0, 0) - Math.exp(-h / 2)), Math.abs(r.y.get(1, 0) - Math.exp(-h))];
    };
    const [mid1, end1] = run(0.4);
    const [mid2, end2] = run(0.2);
    expect(end1 / end2).toBeGreaterThan(512 * 0.7);
    expect(end1 / end2).toBeLessThan(512 * 1.3);
    expect(mid1 / mid2).toBeGreaterThan(256 * 0.7);
    expect(mid1 / mid2).toBeLessThan(256 * 1.3);
  });

  it('dense output is exact (to rounding) for a degree-7 solution: y′ = 7t⁶, y = t⁷', () => {
    const ts = Array.from({ length: 41 }, (_, i) => (2 * i) / 40);
    const r = dop853((t, _y, out) => void (out[0] = 7 * t ** 6), [0], 0, 2, { rtol: 1e-3, atol: 1e-3, times: ts });
    expect(r.success).toBe(true);
    expect(r.accepted).toBeLessThan(20);
    // |y| ≤ 2⁷ = 128: rounding ~ a few ε·128 ≈ 1e-13.
    ts.forEach((t, i) => expect(Math.abs(r.y.get(i, 0) - t ** 7)).toBeLessThan(1e-12));
  });

  it('needs fewer evaluations than DOPRI5 at tight tolerance for the same problem', () => {
    const q = quadratic({ hessian: symmetricWithEigenvalues([0.1, 1, 3, 10], 4) });
    const a = gradientFlow(q, [1, 2, 3, 4], { t1: 10, rtol: 1e-11, atol: 1e-14, times: [10] });
    const b = gradientFlow(q, [1, 2, 3, 4], { t1: 10, rtol: 1e-11, atol: 1e-14, times: [10], method: 'dop853' });
    expect(b.evaluations).toBeLessThan(a.evaluations / 2);
  });

  it('reports max-steps and checks its arguments', () => {
    const f = (_t: number, y: Float64Array, out: Float64Array): void => void out.set(y);
    const r = dop853((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, 100, { rtol: 1e-13, maxSteps: 3 });
    expect(r.status).toBe('max-steps');
    expect(r.accepted + r.rejected).toBe(3);
    expect(() => dop853(f, [1], 1, 0)).toThrow(/t1: expected a number greater than t0 = 1, received 0/);
    expect(() => dop853(f, [1], 0, 1, { rtol: 0, atol: 0 })).toThrow(/options.atol: expected atol > 0 or rtol > 0/);
    expect(() => dop853(f, [NaN], 0, 1)).toThrow(/y0: expected finite values, received NaN at index 0/);
    expect(() => dop853(f, [], 0, 1)).toThrow(/y0: expected at least one component, received length 0/);
    expect(() => dormandPrince(f, new Float64Array(0), 0, 1)).toThrow(/y0: expected at least one component, received length 0/);
    expect(() => dop853(f, [1], 0, 1, { times: [2] })).toThrow(/options.times: expected times in \[0, 1\], received 2 at index 0/);
  });
});
