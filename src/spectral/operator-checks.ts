/**
 * Argument checks for symmetric operators, shared by the spectral routines of this module
 * (internal: not re-exported from the module index).
 *
 * @module
 */
import { checkAllFinite, checkFunction, checkInteger } from '../core/checks';
import { describeValue, SymmetryError } from '../core/errors';
import { dot, norm2 } from '../core/blas1';
import type { SymmetricOperator } from '../core/types';

/**
 * Checks that `op` looks like a `SymmetricOperator` (an object with an integer `dim` ≥ `minDim`
 * and an `apply` function) and returns it. Throws `TypeError`/`RangeError` naming `name`.
 */
export function checkOperator(name: string, op: unknown, minDim = 1): SymmetricOperator {
  if (op === null || typeof op !== 'object') {
    throw new TypeError(`${name}: expected a SymmetricOperator { dim, apply(x, out) }, received ${describeValue(op)}`);
  }
  const o = op as { dim?: unknown; apply?: unknown };
  checkInteger(`${name}.dim`, o.dim, minDim);
  checkFunction(`${name}.apply`, o.apply);
  return op as SymmetricOperator;
}

/**
 * `out ← A x` through `op.apply`, then a check that every entry of `out` is finite (O(n), no
 * allocation). Throws `NonFiniteError` "`name`.apply: expected finite values, received NaN at index i"
 * so that a NaN from a user's HVP is reported where it happens instead of poisoning a result.
 */
export function applyFinite(name: string, op: SymmetricOperator, x: Float64Array, out: Float64Array): Float64Array {
  const y = op.apply(x, out);
  // An operator may return a new array instead of writing into out: what it returns is the product.
  const r = y instanceof Float64Array ? y : out;
  checkAllFinite(`${name}.apply`, r);
  return r;
}

/**
 * The symmetry probe of the spectral routines (lanczos, lanczosTridiagonal, spectralDensity):
 * for independent random u, v and their products, |u·Av − v·Au| = 2|uᵀKv| (A = S + K, K skew);
 * throws a SymmetryError naming `name` above 1e-8·‖A‖·‖u‖·‖v‖, ‖A‖ estimated by
 * max(‖Au‖/‖u‖, ‖Av‖/‖v‖).
 */
export function checkSymmetryProbe(name: string, u: Float64Array, v: Float64Array, au: Float64Array, av: Float64Array): void {
  const nu = norm2(u);
  const nv = norm2(v);
  const aNorm = Math.max(norm2(au) / nu, norm2(av) / nv);
  const asym = Math.abs(dot(u, av) - dot(v, au));
  const bound = 1e-8 * aNorm * nu * nv;
  if (asym > bound) {
    throw new SymmetryError(
      `${name}: expected a symmetric operator, received |u·Av − v·Au| = ${asym.toPrecision(3)} > 1e-8·‖A‖·‖u‖·‖v‖ = ${bound.toPrecision(3)} for random u, v`,
    );
  }
}
