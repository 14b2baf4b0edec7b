import { checkObjective, checkOptions, checkPositive, checkVector, outVector } from '../core/checks';
import { norm2 } from '../core/blas1';
import type { Objective } from '../core/types';

/** Options of {@link finiteDifferenceHvp}. */
export interface FiniteDifferenceHvpOptions {
  /** Relative step s: the difference step is h = s·(1 + ‖x‖)/‖v‖. Default ∛ε ≈ 6.06e-6. */
  step?: number;
}

/** An objective whose `hvp` is a central difference of its gradient. */
export interface FiniteDifferenceHvpObjective extends Objective {
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  /** The relative step s in use. */
  readonly step: number;
}

/** ∛ε for doubles: the step that balances O(h²) truncation against O(ε/h) rounding. */
export const DEFAULT_FD_STEP = Math.cbrt(Number.EPSILON);

/**
 * Gives an objective that has only a gradient a Hessian-vector product by central differences:
 *
 *   ∇²L(x)·v ≈ (∇L(x + h v) − ∇L(x − h v)) / (2h),   h = s·(1 + ‖x‖)/‖v‖,
 *
 * so the point moves by s·(1 + ‖x‖) whatever the scale of v (and Hv = 0 for v = 0, without a
 * gradient call). Error: truncation ‖v‖·t²/6·‖∇³L[u, u, ·]‖ (u = v/‖v‖, t = h‖v‖ = s(1 + ‖x‖)),
 * which is O(h²), plus rounding ≈ ε·G·‖v‖/t, which is O(ε/h), where G is the scale of the
 * gradient's own rounding (≈ ‖∇L‖ for a well-conditioned gradient; larger when its terms cancel). With the
 * default s = ∛ε ≈ 6e-6 both are ~1e-11 relative for a smooth, unit-scaled objective; the HVP is
 * then accurate to about 10 digits, not to rounding.
 *
 * The result keeps the objective's `dim`, `value` and `gradient` (delegating to it) and replaces any
 * `hvp` it had; other members (a dense `hessian`, finite-sum methods) are not carried over. Each HVP
 * costs two gradients; workspaces are allocated once here, so the returned objective is not
 * re-entrant (do not call its hvp from inside the wrapped gradient).
 *
 * @example
 * const f = finiteDifferenceHvp({ dim: 2, value: (x) => x[0] ** 4 + x[1] ** 2,
 *   gradient: (x, out = new Float64Array(2)) => { out[0] = 4 * x[0] ** 3; out[1] = 2 * x[1]; return out; } });
 * f.hvp(Float64Array.of(1, 0), Float64Array.of(1, 0)); // ≈ [12, 0]
 */
export function finiteDifferenceHvp(objective: Objective, options?: FiniteDifferenceHvpOptions): FiniteDifferenceHvpObjective {
  const d = checkObjective(objective).dim;
  const opts = checkOptions('options', options);
  const step = checkPositive('options.step', opts.step ?? DEFAULT_FD_STEP);
  const xp = new Float64Array(d);
  const xm = new Float64Array(d);
  const gm = new Float64Array(d);

  return {
    dim: d,
    step,
    value: (x: Float64Array): number => objective.value(x),
    gradient: (x: Float64Array, out?: Float64Array): Float64Array => objective.gradient(x, out),
    hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
      if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
      const o = outVector('out', out, d);
      const vn = norm2(v);
      if (vn === 0) return o.fill(0);
      const h = (step * (1 + norm2(x))) / vn;
      for (let i = 0; i < d; i++) {
        const xi = x[i] as number;
        const dv = h * (v[i] as number);
        xp[i] = xi + dv;
        xm[i] = xi - dv;
      }
      objective.gradient(xp, o);
      objective.gradient(xm, gm);
      // x ± hv are rounded, so the points differ by 2h·v only to ~ε‖x‖: that error is part of the
      // O(ε/h) rounding term above.
      const inv = 1 / (2 * h);
      for (let i = 0; i < d; i++) o[i] = ((o[i] as number) - (gm[i] as number)) * inv;
      return o;
    },
  };
}
