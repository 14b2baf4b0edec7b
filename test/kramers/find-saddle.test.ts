/**
 * findSaddle: the two saddles of Müller–Brown (literature ≈ (−0.822, 0.624), (0.212, 0.293); the
 * objective's own Newton-refined critical points as the exact reference), the d-dimensional double
 * well (closed-form saddle, barrier and escape direction), a gradient-only objective, feeding the
 * formulas, budget/abort reporting, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { findSaddle, kramersEscapeTime } from '../../src/kramers/index';
import { doubleWell, mullerBrown } from '../../src/objectives/index';
import type { Objective } from '../../src/core/types';

describe('findSaddle', () => {
  const V = mullerBrown();
  const [A, B, C, S1, S2] = V.criticalPoints();

  it('Müller–Brown: the saddle between A and C, and between C and B', () => {
    const r1 = findSaddle(V, { from: [-0.55, 1.4], to: [-0.1, 0.5] });
    expect(r1.converged).toBe(true);
    expect(r1.stopReason).toBe('converged');
    expect(r1.saddle.point[0]).toBeCloseTo(-0.822, 3);
    expect(r1.saddle.point[1]).toBeCloseTo(0.624, 3);
    expect(Math.hypot((r1.saddle.point[0] as number) - (S1?.point[0] as number), (r1.saddle.point[1] as number) - (S1?.point[1] as number))).toBeLessThan(1e-9);
    expect(r1.saddle.index).toBe(1);
    expect(r1.saddle.gradientNorm).toBeLessThan(1e-6);
    expect(r1.minima[0].value).toBeCloseTo(A?.value as number, 9);
    expect(r1.minima[1].value).toBeCloseTo(C?.value as number, 9);
    expect(r1.barrier).toBeCloseTo((S1?.value as number) - (A?.value as number), 8);
    expect(r1.barrierReverse).toBeCloseTo((S1?.value as number) - (C?.value as number), 8);

    const r2 = findSaddle(V, { from: [0, 0.45], to: [0.6, 0.05] });
    expect(r2.converged).toBe(true);
    expect(r2.saddle.point[0]).toBeCloseTo(0.212, 3);
    expect(r2.saddle.point[1]).toBeCloseTo(0.293, 3);
    expect(r2.saddle.value).toBeCloseTo(S2?.value as number, 9);
    expect(r2.minima[1].value).toBeCloseTo(B?.value as number, 9);
    // the escape direction is the unstable eigenvector, pointing away from the first minimum
    const H = r2.saddle.hessian;
    const e = r2.escapeDirection;
    const He = [
      (H[0] as number) * (e[0] as number) + (H[1] as number) * (e[1] as number),
      (H[2] as number) * (e[0] as number) + (H[3] as number) * (e[1] as number),
    ];
    expect((He[0] as number) / (e[0] as number)).toBeCloseTo(r2.saddle.eigenvalues[0] as number, 8);
    expect((He[1] as number) / (e[1] as number)).toBeCloseTo(r2.saddle.eigenvalues[0] as number, 8);
    expect(Math.hypot(e[0] as number, e[1] as number)).toBeCloseTo(1, 14);
    expect(
      (e[0] as number) * ((r2.saddle.point[0] as number) - (r2.minima[0].point[0] as number)) +
        (e[1] as number) * ((r2.saddle.point[1] as number) - (r2.minima[0].point[1] as number)),
    ).toBeGreaterThan(0);
    // the band's path and values: relaxed to pathTol (forces ≤ 1e-3·F₀), its top within ~1e-5 of the polished saddle
    expect(r2.path.shape).toEqual([18, 2]);
    expect(Math.max(...r2.pathValues)).toBeCloseTo(r2.saddle.value, 4);
    expect(r2.pathForce).toBeLessThanOrEqual(1e-3 * r2.gradientScale);
  });

  it('Müller–Brown A → B: the band reports the higher of the two saddles', () => {
    const r = findSaddle(V, { from: A?.point as Float64Array, to: B?.point as Float64Array, images: 24 });
    expect(r.converged).toBe(true);
    expect(r.saddle.value).toBeCloseTo(S1?.value as number, 8);
  });

  it('a 3-D double well with a tilted escape direction: saddle at 0, barrier, direction; feeds kramersEscapeTime', () => {
    const e = [1, 2, -2].map((v) => v / 3);
    const f = doubleWell({ barrier: 0.5, curvature: 3, direction: e, transverse: [2, 5] });
    const [m1, m2] = f.criticalPoints();
    const r = findSaddle(f, { from: (m1?.point as Float64Array).map((v) => v + 0.1), to: (m2?.point as Float64Array).map((v) => v - 0.05) });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(Math.abs(r.saddle.point[i] as number)).toBeLessThan(1e-9);
    expect(r.barrier).toBeCloseTo(0.5, 10);
    for (let i = 0; i < 3; i++) expect(r.escapeDirection[i]).toBeCloseTo(e[i] as number, 8);
    const t = kramersEscapeTime({ barrier: r.barrier, curvatureMin: r.minima[0].hessian, curvatureSaddle: r.saddle.hessian, diffusion: 0.05 });
    // closed form: 2π·√(|−1.5|·2·5/(3·2·5))/1.5·e^{10}
    expect(t / ((2 * Math.PI * Math.sqrt(1.5 / 3)) / 1.5) / Math.exp(10)).toBeCloseTo(1, 7);
  });

  it('a gradient-only objective (Hessians by central differences of the gradient)', () => {
    const gOnly = { dim: 2, value: (x: Float64Array) => V.value(x), gradient: (x: Float64Array, out?: Float64Array) => V.gradient(x, out) };
    const r = findSaddle(gOnly, { from: [0, 0.45], to: [0.6, 0.05] });
    expect(r.converged).toBe(true);
    expect(r.saddle.value).toBeCloseTo(S2?.value as number, 9);
    expect(r.saddle.eigenvalues[0]).toBeCloseTo(S2?.eigenvalues[0] as number, 3);
  });

  it('budget and abort are reported, not thrown; progress is reported', () => {
    const b = findSaddle(V, { from: [-0.55, 1.4], to: [-0.1, 0.5], maxIterations: 3 });
    expect(b.converged).toBe(false);
    expect(b.stopReason).toBe('budget');
    const ac = new AbortController();
    let calls = 0;
    const a = findSaddle(V, {
      from: [-0.55, 1.4],
      to: [-0.1, 0.5],
      signal: ac.signal,
      onProgress: () => {
        calls++;
        ac.abort();
      },
    });
    expect(a.stopReason).toBe('aborted');
    expect(a.converged).toBe(false);
    expect(calls).toBe(1);
  });

  it('a landscape that is not finite on the band: diverged, reported, not thrown', () => {
    // NaN in a strip y ∈ (0.9, 1.0) that the straight path from A to C crosses
    const holed = {
      dim: 2,
      value: (x: Float64Array) => ((x[1] as number) > 0.9 && (x[1] as number) < 1 ? NaN : V.value(x)),
      gradient: (x: Float64Array, out?: Float64Array) => V.gradient(x, out),
      hessian: (x: Float64Array) => V.hessian(x),
    };
    const r = findSaddle(holed, { from: [-0.55, 1.4], to: [-0.1, 0.5] });
    expect(r.stopReason).toBe('diverged');
    expect(r.converged).toBe(false);
  });

  it('bad input names the argument', () => {
    expect(() => findSaddle(V, { from: [0, 0], to: [0, 0, 0] })).toThrow(/options\.to: expected length 2/);
    expect(() => findSaddle(V, { from: [NaN, 0], to: [0, 0] })).toThrow(/options\.from/);
    expect(() => findSaddle(V, { from: [-0.55, 1.4], to: [-0.56, 1.41] })).toThrow(/options\.to: expected a point in the basin of another minimum/);
    expect(() => findSaddle(V, { from: [-0.55, 1.4], to: [-0.1, 0.5], images: 0 })).toThrow(/options\.images/);
    expect(() => findSaddle(V, { from: [-0.55, 1.4], to: [-0.1, 0.5], image: 4 } as never)).toThrow(/options\.image: unknown option; did you mean images\?/);
    expect(() => findSaddle(null as never, { from: [0], to: [1] })).toThrow(/objective/);
    expect(() => findSaddle(V, undefined as never)).toThrow(/options\.from/);
  });
});

describe('review: findSaddle on a small-scale landscape', () => {
  // c·L has the same minima, saddles and path as L; the band's tolerance pathTol·F₀ is relative.
  // Before the fix the band's target was pathTol·max(1, F₀): with F₀ < 1 the straight initial band
  // counted as relaxed at iteration 0 (A→B then stalled on a maximum; A→C said converged with an
  // unrelaxed straight `path`).
  const V = mullerBrown();
  const S1 = V.criticalPoints()[3];
  const c = 1e-6;
  const scaled: Objective = {
    dim: 2,
    value: (x) => c * V.value(x),
    gradient: (x, out) => {
      const o = V.gradient(x, out);
      for (let i = 0; i < 2; i++) o[i] = c * (o[i] as number);
      return o;
    },
  };
  it('c = 1e-6: the same saddle as the unscaled landscape, and a band relaxed to pathTol·F₀', () => {
    for (const [from, to] of [
      [
        [-0.558, 1.442],
        [0.623, 0.028],
      ],
      [
        [-0.6, 1.35],
        [0.0, 0.5],
      ],
    ] as const) {
      const r = findSaddle(scaled, { from, to });
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeGreaterThan(0);
      expect(r.pathForce).toBeLessThanOrEqual(1e-3 * r.gradientScale);
      expect(Math.hypot((r.saddle.point[0] as number) - (S1?.point[0] as number), (r.saddle.point[1] as number) - (S1?.point[1] as number))).toBeLessThan(1e-8);
      expect(r.saddle.index).toBe(1);
    }
  });
});
