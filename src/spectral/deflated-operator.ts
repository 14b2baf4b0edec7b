/**
 * The operator deflated against known eigenvectors (internal).
 *
 * @module
 */
import type { SymmetricOperator } from '../core/types';
import { applyFinite } from './operator-checks';
import { projectOut } from './orthonormalize';

/**
 * x ↦ P A P x with P = I − Q Qᵀ, Q the orthonormal columns `basis`: A restricted to the orthogonal
 * complement of span Q (symmetric when A is). Each product is checked finite under `name`. With an
 * empty basis, A itself (checked). Cost per apply: one product of A and 4·|Q|·n flops; allocates
 * one workspace vector once.
 *
 * @internal
 */
export function deflatedOperator(op: SymmetricOperator, basis: readonly Float64Array[], name: string): SymmetricOperator {
  const n = op.dim;
  if (basis.length === 0) return { dim: n, apply: (x, out) => applyFinite(name, op, x, out) };
  const tmp = new Float64Array(n);
  return {
    dim: n,
    apply(x: Float64Array, out: Float64Array): Float64Array {
      tmp.set(x);
      projectOut(basis, tmp);
      applyFinite(name, op, tmp, out);
      return projectOut(basis, out);
    },
  };
}
