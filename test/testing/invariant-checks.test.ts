import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkGradient, checkHvp, checkSymmetric, landscape, symmetricMatrix } from '../../src/testing/index';
import { finiteDifferenceHvp, mullerBrown, quadratic, rosenbrock, styblinskiTang } from '../../src/objectives/index';
import type { Objective, SymmetricOperator } from '../../src/core/types';

const EPS = Number.EPSILON;

/** A dense matrix as an operator (not necessarily symmetric: that is the point of some tests). */
function matrixOperator(A: number[][]): SymmetricOperator {
  const n = A.length;
  return {
    dim: n,
    apply(x, out) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i]![j]! * (x[j] as number);
        out[i] = s;
      }
      return out;
    },
  };
}

describe('the checks pass correct objectives', () => {
  it('on random landscapes at random points (the library’s own landscapes)', () => {
    fc.assert(
      fc.property(landscape({ maxDim: 4 }), ({ objective, point }) => {
        // Gradient: the kit's central difference at t = ∛ε(1 + ‖x‖) errs by ≤ t²/6·|∂³L| + ε|L|/t.
        // Polynomial landscapes in the kit's boxes: ≲ 1e-7 relative to max(‖∇L‖, 1) (floor 1 for
        // points near a critical point). Müller–Brown on its box (measured on a 0.01 grid):
        // |∂³V|/max(‖∇V‖, 1) ≤ 2.6e3 and |V| ≤ 3.4e3, so ≤ (2e-5)²/6·2.6e3 + 2.2e-16·3.4e3/6e-6
        // ≈ 3e-7. Tolerance 1e-6; a wrong gradient gives order one (below).
        expect(checkGradient(objective, point, { floor: 1 }).maxRelativeError).toBeLessThan(1e-6);
        // HVP: ≤ t²/6·|∂⁴L|·‖v‖ + ε‖∇L‖/t over max(‖Hv‖, 1). For Müller–Brown the worst case over
        // its box of t²/6·2·|∂⁴V|/max(σ_min(∇²V), 1) is 1.2e-5 (measured on a 0.01 grid, near points
        // where ∇²V is nearly singular), rounding ≤ 2.2e-16·1.5e4/6e-6 ≈ 6e-7: tolerance 3e-5
        // (the polynomials stay below 1e-7).
        const hvp = checkHvp(objective, point, undefined, { floor: 1 });
        expect(hvp.maxRelativeError).toBeLessThan(3e-5);
        // hessian(x)·v against hvp(x, v) and u·Hv against v·Hu: rounding only, d-term sums of
        // products bounded by ‖H‖_F: ≤ 4·d·ε·‖H‖_F absolute (+1e-300 for fast-check's
        // subnormal eigenvalues, whose products underflow).
        const H = objective.hessian(point);
        // ‖H‖_F ≤ d·max|Hᵢⱼ| (computed without squaring, which would underflow for tiny entries).
        const hf = objective.dim * H.reduce((a, t) => Math.max(a, Math.abs(t)), 0);
        for (const p of hvp.probes) {
          const hd = p.direction.length;
          let e2 = 0;
          for (let i = 0; i < hd; i++) {
            let t = 0;
            for (let j = 0; j < hd; j++) t += (H[i * hd + j] as number) * (p.direction[j] as number);
            e2 += (t - (p.analytic[i] as number)) ** 2;
          }
          expect(Math.sqrt(e2)).toBeLessThanOrEqual(4 * objective.dim * EPS * hf + 1e-300);
        }
        for (const p of checkSymmetric(objective, point).probes) expect(p.absoluteError).toBeLessThanOrEqual(4 * objective.dim * EPS * hf + 1e-300);
      }),
      { seed: 501, numRuns: 60 },
    );
  });

  it('at a generic point the gradient check is far tighter than 1e-6 (default step)', () => {
    const r = checkGradient(styblinskiTang(3), [0.3, -1, 2]);
    expect(r.probes).toHaveLength(3); // coordinate directions for d ≤ 16
    // Truncation t²/6·|∂³L| = (6e-6·3.3)²/6·24 ≈ 2e-9; rounding ε·|L|/t ≈ 2e-16·20/2e-5 ≈ 2e-10;
    // over ‖∇L‖ ≈ 15: ≈ 1e-10.
    expect(r.maxRelativeError).toBeLessThan(1e-8);
    expect(checkGradient(rosenbrock(20), new Float64Array(20).fill(0.5)).probes).toHaveLength(16); // random directions for d > 16
  });

  it('symmetric operators and symmetric matrices pass checkSymmetric', () => {
    fc.assert(
      fc.property(symmetricMatrix(5), (s) => {
        const op: SymmetricOperator = {
          dim: 5,
          apply(x, out) {
            for (let i = 0; i < 5; i++) {
              let t = 0;
              for (let j = 0; j < 5; j++) t += (s.matrix[i * 5 + j] as number) * (x[j] as number);
              out[i] = t;
            }
            return out;
          },
        };
        const scale = Math.max(...Array.from(s.eigenvalues, Math.abs));
        // |u·Av − v·Au| for an exactly symmetric A: two 5-term sums each way, ≤ 4·5·ε·‖A‖.
        for (const p of checkSymmetric(op).probes) expect(p.absoluteError).toBeLessThanOrEqual(20 * EPS * scale);
      }),
      { seed: 502, numRuns: 30 },
    );
  });
});

describe('the checks fail wrong objectives', () => {
  it('checkGradient: a gradient with one wrong sign, or missing a factor', () => {
    const st = styblinskiTang(3);
    const x = Float64Array.of(0.3, -1, 2);
    const flipped: Objective = {
      dim: 3,
      value: (y) => st.value(y),
      gradient: (y, out) => {
        const g = st.gradient(y, out);
        g[1] = -(g[1] as number);
        return g;
      },
    };
    const r = checkGradient(flipped, x);
    // ∂₂L = 2(−1)³ + 16 + 2.5 = 16.5 reported as −16.5: error 33 over ‖∇L‖ ≈ 18.
    expect(r.maxRelativeError).toBeGreaterThan(1);
    expect(r.worst).toBe(1);
    const halved: Objective = { dim: 3, value: (y) => st.value(y), gradient: (y, out) => st.gradient(y, out).map((t) => t / 2) };
    expect(checkGradient(halved, x).maxRelativeError).toBeGreaterThan(0.4);
  });

  it('checkHvp: a wrong HVP, and a dense Hessian inconsistent with the HVP', () => {
    const mb = mullerBrown();
    const x = Float64Array.of(-0.3, 0.9);
    const wrong: Objective = {
      dim: 2,
      value: (y) => mb.value(y),
      gradient: (y, out) => mb.gradient(y, out),
      // Hᵀ-like mistake: swaps the components of Hv.
      hvp: (y, v, out) => {
        const r = mb.hvp(y, v, out);
        const t = r[0] as number;
        r[0] = r[1] as number;
        r[1] = t;
        return r;
      },
    };
    expect(checkHvp(wrong, x).maxRelativeError).toBeGreaterThan(0.1);
    const badHessian: Objective = { ...wrong, hvp: (y, v, out) => mb.hvp(y, v, out), hessian: (y) => mb.hessian(y).map((t) => 1.5 * t) };
    const r = checkHvp(badHessian, x);
    for (const p of r.probes) {
      expect(p.hessianRelativeError as number).toBeGreaterThan(0.3); // (1.5 − 1)/1.5
      expect(p.relativeError).toBeGreaterThan(0.3);
    }
  });

  it('checkSymmetric: a non-symmetric operator, and an objective whose hvp is not symmetric', () => {
    // A = [[1, 2], [0, 1]]: u·Av − v·Au = 2(u₁v₂ − v₁u₂), order one for random unit u, v.
    expect(
      checkSymmetric(
        matrixOperator([
          [1, 2],
          [0, 1],
        ]),
        undefined,
        { probes: 8 },
      ).maxRelativeError,
    ).toBeGreaterThan(0.1);
    const q = quadratic({
      hessian: [
        [2, 0],
        [0, 1],
      ],
    });
    const skewed: Objective = {
      ...q,
      hvp: (_x, v, out = new Float64Array(2)) => {
        out[0] = 2 * (v[0] as number) + (v[1] as number);
        out[1] = v[1] as number;
        return out;
      },
    };
    expect(checkSymmetric(skewed, [0, 0], { probes: 8 }).maxRelativeError).toBeGreaterThan(0.05);
  });

  it('NaN in what the objective returns gives an infinite error, not an exception', () => {
    const nan: Objective = {
      dim: 2,
      value: () => NaN,
      gradient: (_x, out = new Float64Array(2)) => out.fill(NaN),
      hvp: (_x, _v, out = new Float64Array(2)) => out.fill(NaN),
    };
    expect(checkGradient(nan, [1, 2]).maxRelativeError).toBe(Infinity);
    expect(checkHvp(nan, [1, 2]).maxRelativeError).toBe(Infinity);
    expect(checkSymmetric(nan, [1, 2]).maxRelativeError).toBe(Infinity);
    expect(
      checkSymmetric(
        matrixOperator([
          [NaN, 0],
          [0, 1],
        ]),
      ).maxRelativeError,
    ).toBe(Infinity);
  });

  it('a finite-difference HVP is symmetric only to its truncation error', () => {
    const st = styblinskiTang(3);
    const fd = finiteDifferenceHvp({ dim: 3, value: (x) => st.value(x), gradient: (x, o) => st.gradient(x, o) }, { step: 1e-2 });
    // With s = 1e-2 the O(h²) term 2h²vᵢ³ is not bilinear: u·H̃v ≠ v·H̃u at the 1e-4 level.
    const r = checkSymmetric(fd, [0.3, -1, 2]);
    expect(r.maxRelativeError).toBeGreaterThan(1e-6);
    expect(r.maxRelativeError).toBeLessThan(1e-1);
  });
});

describe('argument checks', () => {
  const st = styblinskiTang(2);
  it('checkGradient / checkHvp / checkSymmetric', () => {
    expect(() => checkGradient(st, [1])).toThrow(/x: expected length 2, received length 1/);
    expect(() => checkGradient(st, [1, NaN])).toThrow(/x: expected finite values, received NaN at index 1/);
    expect(() => checkGradient(null as unknown as Objective, [1])).toThrow(/objective: expected an Objective, received null/);
    expect(() => checkGradient(st, [1, 2], { fdStep: 0 })).toThrow(/options.fdStep: expected a positive number, received 0/);
    // The deprecated name of fdStep still works, and means the same step.
    expect(checkGradient(st, [1, 2], { step: 1e-3 })).toEqual(checkGradient(st, [1, 2], { fdStep: 1e-3 }));
    expect(() => checkGradient(st, [1, 2], { step: 1e-3, fdStep: 1e-4 })).toThrow(
      /options.fdStep: expected one of options.fdStep and its deprecated alias options.step/,
    );
    expect(() => checkGradient(st, [1, 2], { probes: 0 })).toThrow(/options.probes: expected an integer ≥ 1, received 0/);
    expect(() => checkGradient(st, [1, 2], { floor: -1 })).toThrow(/options.floor: expected a non-negative number, received -1/);
    expect(() => checkGradient(st, [1, 2], { seed: {} as unknown as number })).toThrow(
      /options.seed: expected a finite number or a string, received an object/,
    );
    const noHvp: Objective = { dim: 2, value: (x) => st.value(x), gradient: (x, o) => st.gradient(x, o) };
    expect(() => checkHvp(noHvp, [1, 2])).toThrow(/objective: expected an Objective with an hvp method, received one without/);
    expect(() => checkHvp(st, [1, 2], [1])).toThrow(/v: expected length 2, received length 1/);
    expect(() => checkHvp(st, [1, 2], [1, 0], { probes: 3 })).toThrow(/options.probes: expected undefined when v is given/);
    expect(() => checkSymmetric(st)).toThrow(/x: expected the point at which to check the objective's Hessian, received undefined/);
    expect(() => checkSymmetric(noHvp, [1, 2])).toThrow(/target: expected an Objective with an hvp method or a SymmetricOperator with an apply method/);
    expect(() => checkSymmetric(matrixOperator([[1]]), [1])).toThrow(/x: expected undefined for a SymmetricOperator, received a point/);
    expect(() => checkSymmetric({ dim: 0, apply: (x: Float64Array) => x })).toThrow(/operator.dim: expected an integer ≥ 1, received 0/);
  });
});
