import { describe, expect, it } from 'vitest';
import { constantLr, cosineLr, inverseTimeLr, stepLr } from '../../src/optim/index';

describe('learning-rate schedules', () => {
  it('constant: η_k = lr', () => {
    const s = constantLr(0.3);
    for (const k of [0, 1, 10, 1e6]) expect(s(k)).toBe(0.3);
  });

  it('step: η_k = lr·γ^⌊k/stepSize⌋', () => {
    const s = stepLr(2, { stepSize: 100, gamma: 0.5 });
    expect([s(0), s(99), s(100), s(199), s(200), s(1050)]).toEqual([2, 2, 1, 1, 0.5, 2 / 1024]);
    expect(stepLr(1, { stepSize: 3 })(3)).toBe(0.1); // PyTorch's default γ = 0.1
  });

  it('cosine: η_k = η_min + (lr − η_min)(1 + cos(πk/T))/2, then η_min', () => {
    const s = cosineLr(1, { horizon: 100, minLr: 0.1 });
    expect(s(0)).toBe(1);
    // cos(π/2) = 6e-17 in floating point: half way is 0.55 to rounding (2 ulp).
    expect(s(50)).toBeCloseTo(0.55, 15);
    expect(s(25)).toBeCloseTo(0.1 + (0.9 * (1 + Math.SQRT1_2)) / 2, 15);
    expect(s(100)).toBe(0.1);
    expect(s(500)).toBe(0.1);
  });

  it('1/t: η_k = lr / (1 + a k)^p', () => {
    const s = inverseTimeLr(1, { decay: 0.01 });
    expect(s(0)).toBe(1);
    expect(s(100)).toBe(0.5);
    expect(inverseTimeLr(2, { decay: 1, power: 0.5 })(3)).toBe(1);
  });

  it('checks its arguments', () => {
    expect(() => constantLr(0)).toThrow(/lr: expected a positive number, received 0/);
    expect(() => stepLr(1, { stepSize: 0 })).toThrow(/options.stepSize: expected an integer ≥ 1, received 0/);
    expect(() => stepLr(1, { stepSize: 2, gamma: 1.5 })).toThrow(/options.gamma: expected a number in \(0, 1\], received 1.5/);
    expect(() => cosineLr(1, { horizon: 10, minLr: 2 })).toThrow(/options.minLr: expected a number in \[0, 1\], received 2/);
    expect(() => inverseTimeLr(1, { decay: 0 })).toThrow(/options.decay: expected a positive number, received 0/);
    expect(() => inverseTimeLr(1, { decay: 1, power: 2 })).toThrow(/options.power: expected a number in \(0, 1\], received 2/);
  });

  it('cosineLr: the deprecated option steps still means the horizon', () => {
    const a = cosineLr(1, { horizon: 40, minLr: 0.1 });
    const b = cosineLr(1, { steps: 40, minLr: 0.1 });
    for (const k of [0, 7, 20, 39, 40, 100]) expect(b(k)).toBe(a(k));
    expect(() => cosineLr(1, { horizon: 40, steps: 41 })).toThrow(
      /options.horizon: expected one of options.horizon and its deprecated alias options.steps, received both \(40 and 41\)/,
    );
    expect(() => cosineLr(1, {})).toThrow(/options.horizon: expected an integer/);
  });
});
