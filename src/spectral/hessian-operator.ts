/**
 * The Hessian of an objective at a point, as a symmetric operator v ↦ ∇²L(x) v.
 *
 * @module
 */
import { checkObjective, checkOneOf, checkOptions, checkPositive, checkVector } from '../core/checks';
import { norm2 } from '../core/blas1';
import { describeValue } from '../core/errors';
import type { Objective, SymmetricOperator } from '../core/types';

/** Options of {@link hessianOperator}. */
export interface HessianOperatorOptions {
  /**
   * `'exact'` (default): the objective's own `hvp`. `'finite-difference'`: central differences of
   * the gradient (2 gradients per product), for objectives without an `hvp`.
   */
  method?: 'exact' | 'finite-difference';
  /** Relative step s of the finite difference, h = s·max(1, ‖x‖). Default ε^(1/3) ≈ 6.06e-6. */
  step?: number;
}

/** A Hessian operator; `point` is its own copy of x (do not mutate). */
export interface HessianOperator extends SymmetricOperator {
  readonly point: Float64Array;
  readonly method: 'exact' | 'finite-difference';
  /** The absolute step h of the finite difference (0 for `'exact'`). */
  readonly step: number;
}

const DEFAULT_STEP = Math.cbrt(Number.EPSILON);

/**
 * The operator v ↦ H v with H = ∇²L(x), at a copy of x (later changes to x do not affect it).
 *
 * - `'exact'` (default) calls `objective.hvp(x, v, out)`; throws a `TypeError` when the objective
 *   has no `hvp` (pass `method: 'finite-difference'` then).
 * - `'finite-difference'` uses the central difference of the gradient along u = v/‖v‖ with step
 *   h = s·max(1, ‖x‖) (s = `step`, default ε^(1/3)), rescaled by ‖v‖:
 *   H v ≈ ‖v‖ · (∇L(x + h u) − ∇L(x − h u)) / (2h).
 *   Its truncation error is ‖v‖·(h²/6)·∇⁴L(x)[u, u, u, ·] + O(h⁴), its rounding error about
 *   ‖v‖·ε·‖∇L‖/h; scaling the step to ‖x‖ and ‖v‖ keeps both balanced whatever their size.
 *   The product is symmetric only up to that error.
 *
 * `apply(v, out)` allocates nothing beyond what the objective's `hvp`/`gradient` allocate when given
 * `out` (the finite difference keeps two workspaces of length d). Cost: one HVP, or two gradients.
 *
 * @example
 * const H = hessianOperator(quadratic({ hessian: [[2, 0], [0, 1]] }), new Float64Array(2));
 * H.apply(new Float64Array([1, 1]), new Float64Array(2)); // [2, 1]
 */
export function hessianOperator(objective: Objective, x: Float64Array | readonly number[], options?: HessianOperatorOptions): HessianOperator {
  const d = checkObjective(objective).dim;
  const opts = checkOptions('options', options);
  const method = checkOneOf('options.method', opts.method ?? 'exact', ['exact', 'finite-difference'] as const);
  const point = Float64Array.from(checkVector('x', x, d));
  if (method === 'exact') {
    const hvp = objective.hvp;
    if (typeof hvp !== 'function') {
      throw new TypeError(
        `objective.hvp: expected a function for method 'exact' (the default), received ${describeValue(hvp)}; pass { method: 'finite-difference' } to use central differences of the gradient`,
      );
    }
    if (opts.step !== undefined) checkPositive('options.step', opts.step);
    return {
      dim: d,
      point,
      method,
      step: 0,
      apply(v: Float64Array, out: Float64Array): Float64Array {
        hvp.call(objective, point, v, out);
        return out;
      },
    };
  }
  const s = checkPositive('options.step', opts.step ?? DEFAULT_STEP);
  const h = s * Math.max(1, norm2(point));
  const xp = new Float64Array(d);
  const gm = new Float64Array(d);
  return {
    dim: d,
    point,
    method,
    step: h,
    apply(v: Float64Array, out: Float64Array): Float64Array {
      const nv = norm2(v);
      if (nv === 0) {
        out.fill(0);
        return out;
      }
      const t = h / nv;
      for (let i = 0; i < d; i++) xp[i] = (point[i] as number) - t * (v[i] as number);
      objective.gradient(xp, gm);
      for (let i = 0; i < d; i++) xp[i] = (point[i] as number) + t * (v[i] as number);
      objective.gradient(xp, out);
      const c = nv / (2 * h);
      for (let i = 0; i < d; i++) out[i] = c * ((out[i] as number) - (gm[i] as number));
      return out;
    },
  };
}
