/**
 * The Hessian of an objective at a point, as a symmetric operator v ↦ ∇²L(x) v.
 *
 * @module
 */
import { checkObjective, checkOneOf, checkOptions, checkPositive, checkVector, optionWithAlias, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Objective, SymmetricOperator } from '../core/types';
import { DEFAULT_FD_STEP, centralDifferenceHvp, fdDisplacement, fdWorkspace } from '../objectives/finite-difference-hvp';

/** Options of {@link hessianOperator}. */
export interface HessianOperatorOptions {
  /**
   * `'exact'` (default): the objective's own `hvp`. `'finite-difference'`: central differences of
   * the gradient (2 gradients per product), for objectives without an `hvp`.
   */
  method?: 'exact' | 'finite-difference';
  /**
   * Relative step s of the finite difference: the point moves by t = s·(1 + ‖x‖) (objectives'
   * `finiteDifferenceHvp` rule). Default ∛ε ≈ 6.06e-6 (`DEFAULT_FD_STEP`).
   */
  fdStep?: number;
  /** @deprecated Use `fdStep` (same meaning). */
  step?: number;
}

/** A Hessian operator; `point` is its own copy of x (do not mutate). */
export interface HessianOperator extends SymmetricOperator {
  readonly point: Float64Array;
  readonly method: 'exact' | 'finite-difference';
  /** The relative finite-difference step s (null for `'exact'`). */
  readonly fdStep: number | null;
  /** The distance t = s·(1 + ‖x‖) the point moves in each gradient evaluation (null for `'exact'`). */
  readonly fdDisplacement: number | null;
  /** @deprecated Use `fdDisplacement`: the absolute step t of the finite difference (0 for `'exact'`). */
  readonly step: number;
}

/**
 * The finite-difference step of the options, `fdStep` or its deprecated alias `step`, checked under
 * the name that was given. Internal (also read by hessianSummary and sharpnessAlong).
 */
export function readFdStep(opts: { fdStep?: number; step?: number }, prefix = 'options'): number | undefined {
  const v = optionWithAlias(opts, 'fdStep', 'step', prefix);
  if (v === undefined) return undefined;
  return checkPositive(opts.fdStep === undefined ? `${prefix}.step` : `${prefix}.fdStep`, v);
}

/**
 * The operator v ↦ H v with H = ∇²L(x), at a copy of x (later changes to x do not affect it).
 *
 * - `'exact'` (default) calls `objective.hvp(x, v, out)`; throws a `TypeError` when the objective
 *   has no `hvp` (pass `method: 'finite-difference'` then).
 * - `'finite-difference'` uses the central difference of the gradient along u = v/‖v‖, the point
 *   moving by t = s·(1 + ‖x‖) (s = `fdStep`, default ε^(1/3)), rescaled by ‖v‖:
 *   H v ≈ ‖v‖ · (∇L(x + t u) − ∇L(x − t u)) / (2t).
 *   This is objectives' `finiteDifferenceHvp` (the same kernel and step rule, Gill, Murray &
 *   Wright's t = s·(1 + ‖x‖)). Its truncation error is ‖v‖·(t²/6)·∇⁴L(x)[u, u, u, ·] + O(t⁴), its
 *   rounding error about ‖v‖·ε·‖∇L‖/t; scaling the step to ‖x‖ and ‖v‖ keeps both balanced
 *   whatever their size. The product is symmetric only up to that error.
 *
 * `options.step` is a deprecated alias of `options.fdStep`; the result's `step` of `fdDisplacement`.
 *
 * `apply(v, out)` allocates nothing beyond what the objective's `hvp`/`gradient` allocate when given
 * `out` (the finite difference keeps three workspaces of length d). Cost: one HVP, or two gradients.
 *
 * @example
 * const H = hessianOperator(quadratic({ hessian: [[2, 0], [0, 1]] }), new Float64Array(2));
 * H.apply(new Float64Array([1, 1]), new Float64Array(2)); // [2, 1]
 */
export function hessianOperator(objective: Objective, x: Float64Array | readonly number[], options?: HessianOperatorOptions): HessianOperator {
  const d = checkObjective(objective).dim;
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['fdStep', 'method', 'step']);
  const method = checkOneOf('options.method', opts.method ?? 'exact', ['exact', 'finite-difference'] as const);
  const point = Float64Array.from(checkVector('x', x, d));
  const given = readFdStep(opts);
  if (method === 'exact') {
    const hvp = objective.hvp;
    if (typeof hvp !== 'function') {
      throw new TypeError(
        `objective.hvp: expected a function for method 'exact' (the default), received ${describeValue(hvp)}; pass { method: 'finite-difference' } to use central differences of the gradient`,
      );
    }
    return {
      dim: d,
      point,
      method,
      fdStep: null,
      fdDisplacement: null,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
      step: 0,
      apply(v: Float64Array, out: Float64Array): Float64Array {
        const y = hvp.call(objective, point, v, out);
        if (y !== out) out.set(y);
        return out;
      },
    };
  }
  const s = given ?? DEFAULT_FD_STEP;
  const t = fdDisplacement(s, point);
  const work = fdWorkspace(d);
  return {
    dim: d,
    point,
    method,
    fdStep: s,
    fdDisplacement: t,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
    step: t,
    apply(v: Float64Array, out: Float64Array): Float64Array {
      return centralDifferenceHvp(objective, point, t, v, out, work);
    },
  };
}
