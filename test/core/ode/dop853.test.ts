import { describe, expect, it } from 'vitest';
import { dop853, dormandPrince } from '../../../src/core/index';

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

  it('reports max-steps and checks its arguments', () => {
    const f = (_t: number, y: Float64Array, out: Float64Array): void => out.set(y);
    const r = dop853((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, 100, { rtol: 1e-13, maxSteps: 3 });
    expect(r.status).toBe('max-steps');
    expect(r.stopReason).toBe('budget');
    expect(r.accepted + r.rejected).toBe(3);
    expect(() => dop853(f, [1], 1, 0)).toThrow(/t1: expected a number greater than t0 = 1, received 0/);
    expect(() => dop853(f, [1], 0, 1, { rtol: 0, atol: 0 })).toThrow(/options.atol: expected atol > 0 or rtol > 0/);
    expect(() => dop853(f, [NaN], 0, 1)).toThrow(/y0: expected finite values, received NaN at index 0/);
    expect(() => dop853(f, [], 0, 1)).toThrow(/y0: expected at least one component, received length 0/);
    expect(() => dormandPrince(f, new Float64Array(0), 0, 1)).toThrow(/y0: expected at least one component, received length 0/);
    expect(() => dop853(f, [1], 0, 1, { times: [2] })).toThrow(/options.times: expected times in \[0, 1\], received 2 at index 0/);
  });
});
