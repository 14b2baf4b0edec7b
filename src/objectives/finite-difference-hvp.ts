/**
 * Hessian-vector products by central differences of the gradient: the one step rule of the
 * library (`finiteDifferenceHvp` here, and the spectral module's `hessianOperator` in its
 * 'finite-difference' mode).
 *
 * @module
 */
import { checkObjective, checkOptions, checkPositive, checkVector, optionWithAlias, outVector, checkKnownOptions } from '../core/checks';
import { norm2 } from '../core/blas1';
import type { Objective } from '../core/types';
import { cbrt } from '../core/elementary/index';

/** Options of {@link finiteDifferenceHvp}. */
export interface FiniteDifferenceHvpOptions {
  /** Relative step s: the point moves by t = s·(1 + ‖x‖) along v/‖v‖. Default ∛ε ≈ 6.06e-6 ({@link DEFAULT_FD_STEP}). */
  fdStep?: number;
  /** @deprecated Use `fdStep` (same meaning). */
  step?: number;
}

/** An objective whose `hvp` is a central difference of its gradient. */
export interface FiniteDifferenceHvpObjective extends Objective {
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  /** The relative step s in use. */
  readonly fdStep: number;
  /** @deprecated Use `fdStep` (same value). */
  readonly step: number;
}

/** ∛ε for doubles: the step that balances O(h²) truncation against O(ε/h) rounding. */
export const DEFAULT_FD_STEP = cbrt(Number.EPSILON);

/**
 * The distance t = s·(1 + ‖x‖) that the point x moves in each gradient evaluation of the central
 * difference with relative step s (the rule of Gill, Murray & Wright, *Practical Optimization*
 * §8.6: relative to ‖x‖ for large x, where the rounding of x ± t·u is ε‖x‖; absolute, s, near 0,
 * where nothing sets a scale; smooth in x). Internal (shared with `hessianOperator`).
 */
export function fdDisplacement(s: number, x: Float64Array): number {
  return s * (1 + norm2(x));
}

/** Workspaces of {@link centralDifferenceHvp}: three vectors of length d. Internal. */
export interface FdWorkspace {
  readonly xp: Float64Array;
  readonly xm: Float64Array;
  readonly gm: Float64Array;
}

/** Three workspaces of length d for {@link centralDifferenceHvp}. Internal. */
export function fdWorkspace(d: number): FdWorkspace {
  return { xp: new Float64Array(d), xm: new Float64Array(d), gm: new Float64Array(d) };
}

/**
 * out ← (∇L(x + h v) − ∇L(x − h v)) / (2h) with h = t/‖v‖ (the point moves by t along v/‖v‖);
 * 0 for v = 0 (no gradient call). No argument checks. Internal: the one kernel of both
 * `finiteDifferenceHvp` and `hessianOperator`'s 'finite-difference' mode.
 */
export function centralDifferenceHvp(objective: Objective, x: Float64Array, t: number, v: Float64Array, out: Float64Array, work: FdWorkspace): Float64Array {
  const d = x.length;
  const vn = norm2(v);
  if (vn === 0) return out.fill(0);
  const h = t / vn;
  const { xp, xm, gm } = work;
  for (let i = 0; i < d; i++) {
    const xi = x[i] as number;
    const dv = h * (v[i] as number);
    xp[i] = xi + dv;
    xm[i] = xi - dv;
  }
  const gp = objective.gradient(xp, out);
  if (gp !== out) out.set(gp);
  const g2 = objective.gradient(xm, gm);
  // x ± hv are rounded, so the points differ by 2h·v only to ~ε‖x‖: that error is part of the
  // O(ε/h) rounding term of finiteDifferenceHvp's error bound.
  const inv = 1 / (2 * h);
  for (let i = 0; i < d; i++) out[i] = ((out[i] as number) - (g2[i] as number)) * inv;
  return out;
}

/**
 * Gives an objective that has only a gradient a Hessian-vector product by central differences:
 *
 *   ∇²L(x)·v ≈ (∇L(x + h v) − ∇L(x − h v)) / (2h),   h = s·(1 + ‖x‖)/‖v‖,
 *
 * so the point moves by t = s·(1 + ‖x‖) whatever the scale of v (and Hv = 0 for v = 0, without a
 * gradient call). Error: truncation ‖v‖·t²/6·‖∇³L[u, u, ·]‖ (u = v/‖v‖), which is O(h²), plus
 * rounding ≈ ε·G·‖v‖/t, which is O(ε/h), where G is the scale of the gradient's own rounding
 * (≈ ‖∇L‖ for a well-conditioned gradient; larger when its terms cancel), plus ε‖x‖‖H‖‖v‖/t from
 * rounding x ± t·u. With the default s = ∛ε ≈ 6e-6 ({@link DEFAULT_FD_STEP}) these are ~1e-11
 * relative for a smooth, unit-scaled objective; the HVP is then accurate to about 10 digits, not
 * to rounding. The step rule t = s·(1 + ‖x‖) is Gill, Murray & Wright's (*Practical Optimization*
 * §8.6): scaled to ‖x‖ where x is large (so the rounding of x ± t·u stays a fixed fraction of t),
 * absolute near x = 0. `hessianOperator(…, { method: 'finite-difference' })` uses the same rule
 * and the same kernel.
 *
 * The result keeps the objective's `dim`, `value` and `gradient` (delegating to it) and replaces any
 * `hvp` it had; other members (a dense `hessian`, finite-sum methods) are not carried over. Each HVP
 * costs two gradients; workspaces are allocated once here, so the returned objective is not
 * re-entrant (do not call its hvp from inside the wrapped gradient).
 *
 * `options.step` is a deprecated alias of `options.fdStep`.
 *
 * @example
 * const f = finiteDifferenceHvp({ dim: 2, value: (x) => x[0] ** 4 + x[1] ** 2,
 *   gradient: (x, out = new Float64Array(2)) => { out[0] = 4 * x[0] ** 3; out[1] = 2 * x[1]; return out; } });
 * f.hvp(Float64Array.of(1, 0), Float64Array.of(1, 0)); // ≈ [12, 0]
 */
export function finiteDifferenceHvp(objective: Objective, options?: FiniteDifferenceHvpOptions): FiniteDifferenceHvpObjective {
  const d = checkObjective(objective).dim;
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['fdStep', 'step']);
  const given = optionWithAlias(opts, 'fdStep', 'step');
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const step = checkPositive(opts.fdStep === undefined && opts.step !== undefined ? 'options.step' : 'options.fdStep', given ?? DEFAULT_FD_STEP);
  const work = fdWorkspace(d);

  return {
    dim: d,
    fdStep: step,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    step,
    value: (x: Float64Array): number => objective.value(x),
    gradient: (x: Float64Array, out?: Float64Array): Float64Array => objective.gradient(x, out),
    hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
      if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
      const o = outVector('out', out, d);
      return centralDifferenceHvp(objective, x, fdDisplacement(step, x), v, o, work);
    },
  };
}
