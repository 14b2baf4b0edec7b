import { describe, expect, it } from 'vitest';
import { gdFlowGap } from '../../src/analysis/index';
import { quadratic } from '../../src/objectives/quadratic';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { spectralApply, symmetricWithEigenvalues } from '../optim/fixtures';

function norm(v: Float64Array): number {
  return Math.hypot(...v);
}

/** Separable double well L = Σ (xᵢ² − 1)²/4: ∇L = x(x² − 1), ∇²L = diag(3x² − 1). */
function separableWell(d: number) {
  return {
    dim: d,
    value: (x: Float64Array) => x.reduce((s, v) => s + (v * v - 1) ** 2 / 4, 0),
    gradient: (x: Float64Array, out = new Float64Array(d)) => {
      for (let i = 0; i < d; i++) out[i] = (x[i] as number) * ((x[i] as number) ** 2 - 1);
      return out;
    },
  };
}

function separableWellHessian(d: number) {
  return (x: Float64Array) => {
    const h = new Float64Array(d * d);
    for (let i = 0; i < d; i++) h[i * d + i] = 3 * (x[i] as number) ** 2 - 1;
    return h;
  };
}

describe('gdFlowGap', () => {
  it('convex quadratic: equals the closed form, and the gap at fixed t is linear in η', () => {
    const lambdas = [0.3, 0.8, 1.5, 2];
    const H = symmetricWithEigenvalues(lambdas, 5);
    const c = Float64Array.from([1, 0, -1, 0.5]);
    const f = quadratic({ hessian: H, center: c });
    const eig = symmetricEigen(H);
    const x0 = Float64Array.from([2, -1, 1, 3]);
    const T = 1;
    const gapAt = (lr: number): number => {
      const steps = Math.round(T / lr);
      const r = gdFlowGap(f, x0, { lr, steps, every: steps / 10 });
      expect(r.times.length).toBe(11);
      // Each comparison against the closed forms (I − ηH)^k and e^{−tH} on the eigenbasis. The flow
      // is integrated to rtol 1e-10 and GD rounds at ~k·d·ε: 1e-9 absolute covers both.
      for (let i = 0; i < r.times.length; i++) {
        const k = r.steps[i] as number;
        const t = r.times[i] as number;
        const gdx = spectralApply(eig, c, x0, (l) => (1 - lr * l) ** k);
        const gfx = spectralApply(eig, c, x0, (l) => Math.exp(-l * t));
        const exact = norm(Float64Array.from(gdx, (v, j) => v - (gfx[j] as number)));
        expect(Math.abs((r.gap[i] as number) - exact)).toBeLessThan(1e-9);
        expect(r.minEigenvalue?.[i]).toBeCloseTo(0.3, 12);
        expect(r.negativeCurvature?.[i]).toBe(0);
      }
      return r.gap[r.gap.length - 1] as number;
    };
    const lr = 0.01;
    const g1 = gapAt(lr);
    const g2 = gapAt(lr / 2);
    // Per eigen-direction (1 − ηλ)^{T/η} = e^{−λT}(1 − Tλ²η/2 + (T²λ⁴/8 − Tλ³/3)η² + O(η³)):
    // gap = Aη + Bη² with |B_k/A_k| = |Tλ²/4 − 2λ/3| =: ρ_k, so gap(η)/gap(η/2) = 2(1 + δ) with
    // |δ| ≤ 2·max ρ·η (first order ρη/2, factor 4 slack).
    const rho = Math.max(...lambdas.map((l) => Math.abs((T * l * l) / 4 - (2 * l) / 3)));
    expect(g1).toBeGreaterThan(1e-4); // far above the 1e-9 accuracy of the comparison
    expect(Math.abs(g1 / g2 / 2 - 1)).toBeLessThan(2 * rho * lr);
  });

  it('negative eigenvalue: the gap grows like t·e^{|λ_min| t}, as the closed form', () => {
    const mu = 0.5;
    const H = symmetricWithEigenvalues([-mu, 1], 9);
    const f = quadratic({ hessian: H });
    const eig = symmetricEigen(H);
    const x0 = Float64Array.from(eig.vectors[0] as Float64Array, (v) => 0.01 * v); // on the unstable direction
    const lr = 0.01;
    const steps = 1000; // t1 = 10
    const r = gdFlowGap(f, x0, { lr, steps, every: 100, reduction: 4 });
    const a = norm(x0);
    for (let i = 1; i < r.times.length; i++) {
      const k = r.steps[i] as number;
      const t = r.times[i] as number;
      // Closed form on the eigenbasis: GD (1 + ημ)^k a, flow e^{μt} a (relative 1e-9: flow rtol 1e-10).
      const exact = a * (Math.exp(mu * t) - (1 + lr * mu) ** k);
      expect(Math.abs((r.gap[i] as number) - exact)).toBeLessThan(1e-9 * a * Math.exp(mu * t));
      // Asymptotics: gap = a e^{μt}(1 − e^{−μ²ηt/2 + μ³η²t/3 …}) = a e^{μt} μ²ηt/2 (1 − μ²ηt/4 + O(η)):
      // within 1 ± (μ²ηt/4 + μη) of a·t·e^{μt}·μ²η/2 (the second term for the O(η²t) remainder).
      const lead = (a * t * Math.exp(mu * t) * mu * mu * lr) / 2;
      expect(Math.abs((r.gap[i] as number) / lead - 1)).toBeLessThan((mu * mu * lr * t) / 4 + mu * lr);
      // Reduced-step protocol: GD with η/4 for 4k steps, closed form (1 + ημ/4)^{4k}. Both GD runs
      // round at ~d·ε relative per step (4k steps for the reduced one): 100·k·ε relative.
      const red = a * ((1 + lr * mu) ** k - (1 + (lr * mu) / 4) ** (4 * k));
      expect(Math.abs((r.reducedGap?.[i] as number) - Math.abs(red))).toBeLessThan(100 * k * 2.220446049250313e-16 * a * Math.exp(mu * t));
      // Curvature along the flow: λ_min = −μ, ∫ max(0, −λ_min) = μt (trapezoid exact on constants).
      expect(r.minEigenvalue?.[i]).toBeCloseTo(-mu, 12);
      expect(r.negativeCurvature?.[i]).toBeCloseTo(mu * t, 12);
    }
    // The reduced-step gap is ¾ of the flow gap to leading order (GD error ∝ step: η − η/4 = ¾η);
    // each carries the relative remainder bounded above, δ = μ²ηt/4 + μη, so the ratio is within
    // 0.75·2δ of 0.75.
    const last = r.times.length - 1;
    const tLast = r.times[last] as number;
    const delta = (mu * mu * lr * tLast) / 4 + mu * lr;
    expect(Math.abs((r.reducedGap?.[last] as number) / (r.gap[last] as number) - 0.75)).toBeLessThan(0.75 * 2 * delta);
  });

  it('uses the minEigenvalue callback when given, and the dense Hessian otherwise (same numbers)', () => {
    const d = 3;
    const well = { ...separableWell(d), hessian: separableWellHessian(d) };
    const x0 = [0.01, 0.5, -2];
    const a = gdFlowGap(well, x0, { lr: 0.05, steps: 200, every: 20 });
    const b = gdFlowGap(well, x0, { lr: 0.05, steps: 200, every: 20, minEigenvalue: (x) => Math.min(...Array.from(x, (v) => 3 * v * v - 1)) });
    const none = gdFlowGap(well, x0, { lr: 0.05, steps: 200, every: 20, minEigenvalue: false });
    expect(none.minEigenvalue).toBeNull();
    expect(none.negativeCurvature).toBeNull();
    for (let i = 0; i < a.times.length; i++) {
      const flowX = a.flow.points.data.subarray(i * d, (i + 1) * d);
      const expected = Math.min(...Array.from(flowX, (v) => 3 * v * v - 1));
      // Eigenvalues of a diagonal matrix: exact up to the QL iteration's rounding.
      expect(Math.abs((a.minEigenvalue?.[i] as number) - expected)).toBeLessThan(1e-14);
      expect(b.minEigenvalue?.[i]).toBe(expected);
    }
    // x₁ starts at the saddle direction (3x² − 1 < 0 while x² < 1/3): negative curvature accumulates.
    expect(a.negativeCurvature?.[a.times.length - 1]).toBeGreaterThan(0);
    expect(a.minEigenvalue?.[0]).toBeCloseTo(3e-4 - 1, 12);
  });

  it('uses Lanczos on Hessian-vector products above d = 200, even when a dense Hessian exists', () => {
    // The same separable double well with an HVP, ∇²L v = (3x² − 1) ⊙ v, λ_min = min(3xᵢ² − 1), and
    // a dense Hessian that must not be called at d = 300.
    const d = 300;
    let denseCalls = 0;
    const dense = separableWellHessian(d);
    const well = {
      ...separableWell(d),
      hessian: (x: Float64Array) => {
        denseCalls++;
        return dense(x);
      },
      hvp: (x: Float64Array, v: Float64Array, out = new Float64Array(d)) => {
        for (let i = 0; i < d; i++) out[i] = (3 * (x[i] as number) ** 2 - 1) * (v[i] as number);
        return out;
      },
    };
    const x0 = Array.from({ length: d }, (_, i) => (i === 0 ? 0.01 : 0.5 + (1.5 * i) / d));
    const r = gdFlowGap(well, x0, { lr: 0.05, steps: 100, every: 20 });
    for (let i = 0; i < r.times.length; i++) {
      const flowX = r.flow.points.data.subarray(i * d, (i + 1) * d);
      const expected = Math.min(...Array.from(flowX, (v) => 3 * v * v - 1));
      // Lanczos converges to tol·‖H‖ = 1e-8·‖H‖ (‖H‖ ≤ 3·2² − 1 = 11) in the residual; the Ritz
      // value of the isolated smallest eigenvalue errs by at most residual²/gap ≪ residual.
      expect(Math.abs((r.minEigenvalue?.[i] as number) - expected)).toBeLessThan(1e-8 * 11);
    }
    expect(denseCalls).toBe(0);
  });

  it('checks its arguments', () => {
    const f = quadratic({ hessian: [[1]] });
    expect(() => gdFlowGap(f, [1], { lr: 0, steps: 10 })).toThrow(/options.lr: expected a positive number, received 0/);
    expect(() => gdFlowGap(f, [1], { lr: (() => 0.1) as never, steps: 10 })).toThrow(/options.lr: expected a positive number, received a function/);
    expect(() => gdFlowGap(f, [1], { lr: 0.1, steps: 0 })).toThrow(/options.steps: expected an integer ≥ 1, received 0/);
    expect(() => gdFlowGap(f, [1], { lr: 0.1, steps: 10, reduction: 1 })).toThrow(/options.reduction: expected an integer ≥ 2, received 1/);
    expect(() => gdFlowGap(f, [1, 2], { lr: 0.1, steps: 10 })).toThrow(/x0: expected length 1, received length 2/);
    expect(() => gdFlowGap(f, [1], { lr: 0.1, steps: 10, minEigenvalue: 3 as never })).toThrow(/options.minEigenvalue: expected a function/);
    expect(() => gdFlowGap(f, [1], { lr: 0.1, steps: 10, reductoin: 2 } as never)).toThrow(/^options.reductoin: unknown option; did you mean reduction\?/);
    expect(() => gdFlowGap(f, [1], { lr: 0.1, steps: 10, zzUnknownKey: 1 } as never)).toThrow(
      /^options.zzUnknownKey: unknown option; known options: atol, every, lr, minEigenvalue, reduction, rtol, steps/,
    );
  });
});
