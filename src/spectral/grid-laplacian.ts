/**
 * The 5-point Laplacian of a rectangular grid with Dirichlet boundaries, in CSR form, and its
 * eigenvalues in closed form: a sparse symmetric test matrix with a known spectrum.
 *
 * @module
 */
import { checkInteger } from '../core/checks';
import type { CsrMatrix } from '../core/csr';
import { cos } from '../core/elementary/index';

/** A CSR matrix (core's `CsrMatrix`) with typed arrays, as returned by {@link gridLaplacian}. */
export interface GridLaplacian extends CsrMatrix {
  dim: number;
  rowPointers: Int32Array;
  columnIndices: Int32Array;
  values: Float64Array;
}

/**
 * The negative 2-D discrete Laplacian −Δ on an nx × ny grid with zero (Dirichlet) boundary values,
 * unscaled (grid spacing 1): (Lu)ᵣ꜀ = 4uᵣ꜀ − uᵣ₋₁,꜀ − uᵣ₊₁,꜀ − uᵣ,꜀₋₁ − uᵣ,꜀₊₁, missing neighbours
 * dropped. Node (row r, column c), 0 ≤ r < ny, 0 ≤ c < nx, has index r·nx + c; column indices are
 * sorted within each row. L is symmetric positive definite, n = nx·ny, nnz = 5n − 2(nx + ny).
 * Its eigenvalues are given by {@link gridLaplacianEigenvalues}. Cost O(n).
 *
 * @example
 * const op = csrOperator(gridLaplacian(100)); // n = 10⁴
 */
export function gridLaplacian(nx: number, ny: number = nx): GridLaplacian {
  checkInteger('nx', nx, 1, 46340);
  checkInteger('ny', ny, 1, 46340);
  const n = nx * ny;
  const rowPointers = new Int32Array(n + 1);
  const nnz = 5 * n - 2 * (nx + ny);
  const columnIndices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  const push = (j: number, a: number): void => {
    columnIndices[k] = j;
    values[k] = a;
    k++;
  };
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const i = r * nx + c;
      rowPointers[i] = k;
      if (r > 0) push(i - nx, -1);
      if (c > 0) push(i - 1, -1);
      push(i, 4);
      if (c < nx - 1) push(i + 1, -1);
      if (r < ny - 1) push(i + nx, -1);
    }
  }
  rowPointers[n] = k;
  return { dim: n, rowPointers, columnIndices, values };
}

/**
 * The eigenvalues of {@link gridLaplacian}(nx, ny), ascending:
 * λᵢⱼ = 4 − 2 cos(πi/(nx+1)) − 2 cos(πj/(ny+1)), 1 ≤ i ≤ nx, 1 ≤ j ≤ ny
 * (sums of the 1-D Dirichlet Laplacians' eigenvalues 2 − 2cos(πi/(m+1)), since L = I⊗T_nx + T_ny⊗I).
 *
 * @example
 * gridLaplacianEigenvalues(2, 1); // [1, 3]
 */
export function gridLaplacianEigenvalues(nx: number, ny: number = nx): Float64Array {
  checkInteger('nx', nx, 1, 46340);
  checkInteger('ny', ny, 1, 46340);
  const out = new Float64Array(nx * ny);
  let k = 0;
  for (let i = 1; i <= nx; i++) {
    const a = 2 - 2 * cos((Math.PI * i) / (nx + 1));
    for (let j = 1; j <= ny; j++) out[k++] = a + 2 - 2 * cos((Math.PI * j) / (ny + 1));
  }
  return out.sort();
}
