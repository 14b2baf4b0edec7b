import { describe, expect, it } from 'vitest';
import { doubleWell, doubleWellFiniteSum } from '../../src/objectives/index';

describe('doubleWellFiniteSum', () => {
  it('z_j have mean 0 and variance σ_z²; the mean loss is the double well; ℓ_j = L + z_j G with G′ = √(1 + θ²)', () => {
    const f = doubleWellFiniteSum({ size: 300, noise: 0.7, barrier: 0.5, curvature: 3, seed: 4 });
    const z = f.coefficients;
    let m = 0;
    let s = 0;
    for (const v of z) {
      m += v;
      s += v * v;
    }
    expect(Math.abs(m / z.length)).toBeLessThan(1e-15);
    expect(s / z.length).toBeCloseTo(0.49, 14);
    const w = doubleWell({ barrier: 0.5, curvature: 3 });
    expect(f.barrier).toBe(0.5);
    expect(f.location).toBe(w.location);
    for (const t of [-1.3, -0.2, 0, 0.8]) {
      const x = Float64Array.of(t);
      expect(f.value(x)).toBeCloseTo(w.value(x), 13);
      expect(f.gradient(x)[0]).toBeCloseTo(w.gradient(x)[0]!, 13);
      expect(f.hessian(x)[0]).toBeCloseTo(w.hessian(x)[0]!, 12);
      const batch = Uint32Array.of(5, 17, 17, 200);
      const zb = (z[5]! + 2 * z[17]! + z[200]!) / 4;
      expect(f.batchGradient(x, batch)[0]).toBeCloseTo(w.gradient(x)[0]! + zb * Math.sqrt(1 + t * t), 13);
      // Per-sample gradient = central difference of the per-sample loss.
      const h = 1e-5;
      const l = (u: number) => f.sampleLosses(Float64Array.of(u))[9]!;
      expect(f.sampleGradient(x, 9)[0]).toBeCloseTo((l(t + h) - l(t - h)) / (2 * h), 7);
      const g = (u: number) => f.batchGradient(Float64Array.of(u), batch)[0]!;
      expect(f.batchHvp(x, batch, Float64Array.of(1))[0]).toBeCloseTo((g(t + h) - g(t - h)) / (2 * h), 7);
    }
  });

  it('σ_z = 0 gives every sample the mean loss; bad input names the argument', () => {
    const f = doubleWellFiniteSum({ size: 10, noise: 0 });
    expect(f.batchValue(Float64Array.of(0.3), Uint32Array.of(2))).toBeCloseTo(doubleWell().value(Float64Array.of(0.3)), 15);
    expect(() => doubleWellFiniteSum({ size: 1 })).toThrow(/options\.size/);
    expect(() => doubleWellFiniteSum({ noise: -1 })).toThrow(/options\.noise/);
    expect(() => doubleWellFiniteSum({ barrier: 0 })).toThrow(/barrier/);
  });
});
