/**
 * Gram–Schmidt helpers shared by Hutch++, the Hessian summary and the SLQ deflation (internal: not
 * re-exported from the module index).
 *
 * @module
 */
import { axpy, dot, norm2, scale } from '../core/blas1';

/**
 * u ← (I − QQᵀ) u for orthonormal columns Q, by two passes of modified Gram–Schmidt ("twice is
 * enough": the result is orthogonal to Q to rounding even when u is nearly inside span Q).
 * Allocates nothing. Returns u.
 *
 * @internal
 */
export function projectOut(basis: readonly Float64Array[], u: Float64Array): Float64Array {
  for (let pass = 0; pass < 2; pass++) for (const q of basis) axpy(-dot(q, u), q, u);
  return u;
}

/**
 * Orthonormalises `columns` in place, in order, by modified Gram–Schmidt with reorthogonalisation,
 * and returns those kept: a column whose norm after projection falls to ≤ `dropTol` times its
 * norm before is dropped (it lies in the span of the previous ones to that accuracy).
 *
 * @internal
 */
export function orthonormalize(columns: readonly Float64Array[], dropTol = 1e-10): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const c of columns) {
    const before = norm2(c);
    if (before === 0) continue;
    projectOut(kept, c);
    const after = norm2(c);
    if (after <= dropTol * before) continue;
    scale(1 / after, c);
    kept.push(c);
  }
  return kept;
}
