/**
 * The dense symmetric eigen-decomposition A = V Λ Vᵀ (`symmetricEigen`): Householder
 * tridiagonalisation and implicit QL (ml-matrix's tred2/tql2, ported to symmetric-eigen-kernels.ts), with the input symmetrised and tiny entries flushed first. The
 * O(n³) exact reference that the iterative solvers of `spectral` are tested against.
 *
 * @module
 */
import { checkOneOf, checkOptions, checkKnownOptions } from './checks';
import { describeValue } from './errors';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from './dense';
import { symmetricEigenKernel } from './symmetric-eigen-kernels';

/**
 * A copy of `data` with entries below 2⁻⁶⁰·max|aᵢⱼ| set to 0 and the two triangles averaged.
 * ml-matrix's tql2 throws on a subnormal coupling next to a zero diagonal (e.g. [[0, 5e-324],
 * [5e-324, −1.3e-14]]); the flush perturbs A by at most n·2⁻⁶⁰‖A‖, far below the ε‖A‖ backward
 * error of the decomposition itself.
 */
function flushTiny(data: Float64Array, n: number): Float64Array {
  let amax = 0;
  for (let i = 0; i < n * n; i++) amax = Math.max(amax, Math.abs(data[i] as number));
  const floor = amax * 2 ** -60;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const h = 0.5 * ((data[i * n + j] as number) + (data[j * n + i] as number));
      const v = Math.abs(h) < floor ? 0 : h;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** Options of {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /** Order of the returned eigenvalues. Default `'ascending'`. */
  order?: 'ascending' | 'descending';
  /** Relative asymmetry tolerated (see `checkSymmetricMatrix`). Default 1e-12. */
  symmetryTol?: number;
}

/** Result of {@link symmetricEigen}: A vᵢ = λᵢ vᵢ with orthonormal vᵢ. */
export interface SymmetricEigenResult {
  /** Eigenvalues λᵢ, sorted as requested. */
  values: Float64Array;
  /** Unit eigenvectors; `vectors[i]` belongs to `values[i]`. */
  vectors: Float64Array[];
}

/**
 * The full eigen-decomposition A = V Λ Vᵀ of a dense symmetric matrix, by Householder
 * tridiagonalisation and implicit QL (the JAMA/EISPACK tred2/tql2 pair, as ml-matrix implements
 * them, bit for bit), sorted.
 *
 * Cost O(n³) time, O(n²) memory: use it for n up to a few thousand, and as the exact reference that
 * iterative solvers are tested against. Throws `SymmetryError` for a non-symmetric input. The
 * decomposed matrix is (A + Aᵀ)/2 with entries below 2⁻⁶⁰·max|aᵢⱼ| flushed to zero (a perturbation
 * far below rounding), which keeps ml-matrix's QL iteration away from subnormal couplings.
 *
 * @example
 * const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]); // values = [1, 3]
 */
export function symmetricEigen(matrix: SquareMatrixLike, options?: SymmetricEigenOptions): SymmetricEigenResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['order', 'symmetryTol']);
  const order = checkOneOf('options.order', opts.order ?? 'ascending', ['ascending', 'descending'] as const);
  const { data, n } = toSquareMatrix('matrix', matrix);
  const tol: unknown = opts.symmetryTol ?? 1e-12;
  if (typeof tol !== 'number' || !(tol >= 0))
    throw new RangeError(`options.symmetryTol: expected a number ≥ 0 (Infinity skips the check), received ${describeValue(tol)}`);
  checkSymmetricMatrix('matrix', data, n, tol);
  // ml-matrix's tred2/tql2, ported (symmetric-eigen-kernels.ts): row j of vt is the eigenvector of raw[j].
  const { d: raw, vt } = symmetricEigenKernel(flushTiny(data, n), n);
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (raw[a] as number) - (raw[b] as number));
  if (order === 'descending') idx.reverse();
  const values = new Float64Array(n);
  const vectors: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const j = idx[k] as number;
    values[k] = raw[j] as number;
    vectors.push(vt.slice(j * n, j * n + n));
  }
  return { values, vectors };
}
