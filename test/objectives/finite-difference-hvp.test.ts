import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_FD_STEP, finiteDifferenceHvp, styblinskiTang, mullerBrown } from '../../src/objectives/index';
import type { Objective } from '../../src/core/types';

const EPS = Number.EPSILON;
const norm = (a: ArrayLike<number>): number => Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0));

/** Styblinski–Tang with its gradient only (the hvp is what we test). */
function gradientOnly(f: Objective): Objective & { calls: number } {
  const g = {
    dim: f.dim,
    calls: 0,
    value: (x: Float64Array) => f.value(x),
    gradient: (x: Float64Array, out?: Float64Array) => {
      g.calls++;
      return f.gradient(x, out);
    },
  };
  return g;
}

const vec = (d: number, lo: number, hi: number): fc.Arbitrary<Float64Array> =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));
const pointAndDirection = fc.integer({ min: 1, max: 5 }).chain((d) =>
  fc.tuple(
    vec(d, -3, 3),
    vec(d, -2, 2).filter((v) => norm(v) > 1e-3),
  ),
);

/**
 * Styblinski–Tang's gradient is a cubic per coordinate, gᵢ(y) = 2y³ − 16y + 5/2, so the central
 * difference is known exactly: (gᵢ(x + hv) − gᵢ(x − hv))/2h = (6xᵢ² − 16)vᵢ + 2h²vᵢ³. What is left
 * is rounding: each gᵢ(y) is computed to ≤ 4ε·(2|y|³ + 16|y| + 2.5), and rounding y = x ± hv moves
 * gᵢ by ≤ ε|y|·|gᵢ′(y)|; two such errors over 2h, doubled for safety.
 */
function roundingBound(x: Float64Array, v: Float64Array, h: number, i: number): number {
  const y = Math.abs(x[i] as number) + h * Math.abs(v[i] as number);
  const G = 2 * y ** 3 + 16 * y + 2.5;
  const dG = 6 * y * y + 16;
  return (2 * (2 * (4 * EPS * G + EPS * y * dG))) / (2 * h);
}

describe('finiteDifferenceHvp', () => {
  it('uses h = s(1 + ‖x‖)/‖v‖: with s = 1e-2 the O(h²) term 2h²vᵢ³ is visible and exact', () => {
    fc.assert(
      fc.property(pointAndDirection, ([x, v]) => {
        const st = styblinskiTang(x.length);
        const s = 1e-2;
        const f = finiteDifferenceHvp(gradientOnly(st), { fdStep: s });
        const h = (s * (1 + norm(x))) / norm(v);
        const fd = f.hvp(x, v);
        const hv = st.hvp(x, v);
        for (let i = 0; i < x.length; i++) {
          const predicted = (hv[i] as number) + 2 * h * h * (v[i] as number) ** 3;
          // hv itself rounds to ≤ 2ε·|(6x² + 16)v|.
          const tol = roundingBound(x, v, h, i) + 2 * EPS * (6 * x[i]! ** 2 + 16) * Math.abs(v[i]!) + 4 * EPS * Math.abs(predicted);
          expect(Math.abs((fd[i] as number) - predicted)).toBeLessThanOrEqual(tol);
        }
      }),
      { seed: 301, numRuns: 60 },
    );
  });

  it('default step ∛ε: |fd − Hv| ≤ truncation 2h²|vᵢ|³ + rounding', () => {
    fc.assert(
      fc.property(pointAndDirection, ([x, v]) => {
        const st = styblinskiTang(x.length);
        const f = finiteDifferenceHvp(gradientOnly(st));
        expect(f.fdStep).toBe(DEFAULT_FD_STEP);
        const h = (DEFAULT_FD_STEP * (1 + norm(x))) / norm(v);
        const fd = f.hvp(x, v);
        const hv = st.hvp(x, v);
        for (let i = 0; i < x.length; i++) {
          const tol = 2 * h * h * Math.abs(v[i] as number) ** 3 + roundingBound(x, v, h, i) + 2 * EPS * (6 * x[i]! ** 2 + 16) * Math.abs(v[i]!);
          expect(Math.abs((fd[i] as number) - (hv[i] as number))).toBeLessThanOrEqual(tol);
        }
        // The bound itself is small: about 1e-8 relative to the scale of the gradient terms.
        expect(norm(fd.map((a, i) => a - (hv[i] as number)))).toBeLessThan(1e-7 * (1 + norm(hv)) * (1 + norm(x)) ** 2);
      }),
      { seed: 302, numRuns: 60 },
    );
  });

  it('Müller–Brown: agrees with the exact HVP to ~2e-9 relative', () => {
    const mb = mullerBrown();
    const f = finiteDifferenceHvp(gradientOnly(mb));
    const x = Float64Array.of(-0.3, 0.9);
    for (const v of [Float64Array.of(1, 0), Float64Array.of(0.3, -0.7), Float64Array.of(100, 50)]) {
      const hv = mb.hvp(x, v);
      const fd = f.hvp(x, v);
      // Truncation t²/6·|∂³_u V|·‖v‖ with t = 6e-6·2 and |∂³V| ≲ 1e5 here: ≈ 2e-6·‖v‖; rounding
      // ε·|∇V|/t·‖v‖ ≈ 2e-16·1e3/1.2e-5 ≈ 2e-8·‖v‖, against ‖Hv‖ ~ 1e3·‖v‖: ≈ 2e-9 relative in
      // all; bound 10× that.
      expect(norm(fd.map((a, i) => a - (hv[i] as number)))).toBeLessThan(2e-8 * norm(hv));
    }
  });

  it('v = 0 gives 0 without calling the gradient; out is written and returned; value/gradient delegate', () => {
    const base = gradientOnly(styblinskiTang(3));
    const f = finiteDifferenceHvp(base);
    const out = new Float64Array(3).fill(7);
    expect(f.hvp(Float64Array.of(1, 2, 3), new Float64Array(3), out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
    expect(base.calls).toBe(0);
    f.hvp(Float64Array.of(1, 2, 3), Float64Array.of(1, 0, 0), out);
    expect(base.calls).toBe(2);
    const x = Float64Array.of(0.5, -1, 2);
    expect(f.value(x)).toBe(base.value(x));
    expect(Array.from(f.gradient(x))).toEqual(Array.from(base.gradient(x)));
    expect(f.dim).toBe(3);
  });

  it('argument checks', () => {
    const base = styblinskiTang(2);
    expect(() => finiteDifferenceHvp(base, { fdStep: 0 })).toThrow(/options.fdStep: expected a positive number, received 0/);
    expect(() => finiteDifferenceHvp(base, { fdStep: NaN })).toThrow(/options.fdStep: expected a finite number, received NaN/);
    expect(() => finiteDifferenceHvp(null as unknown as Objective)).toThrow(/objective: expected an Objective, received null/);
    expect(() => finiteDifferenceHvp({ dim: 2, value: () => 0 } as unknown as Objective)).toThrow(
      /objective: expected an Objective with value and gradient methods/,
    );
    expect(() => finiteDifferenceHvp({ ...base, dim: 0 })).toThrow(/objective.dim: expected an integer ≥ 1, received 0/);
    const f = finiteDifferenceHvp(base);
    expect(() => f.hvp(Float64Array.of(1), Float64Array.of(1, 2))).toThrow(/x: expected length 2, received length 1/);
    expect(() => f.hvp(Float64Array.of(1, 2), Float64Array.of(1))).toThrow(/v: expected length 2, received length 1/);
    expect(() => f.hvp(Float64Array.of(1, 2), Float64Array.of(1, 2), new Float64Array(1))).toThrow(/out: expected length 2, received length 1/);
  });
});
