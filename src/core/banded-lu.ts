/**
 * A direct solver for sparse square matrices whose entries lie in a band around the diagonal
 * (after an optional symmetric reordering): LU without pivoting in row-major band storage, with
 * solves for A x = b and Aᵀ x = b from the one factorisation.
 *
 * @module
 */
import { checkKnownOptions, checkOptions, checkPermutation } from './checks';
import { csrMatrix, type CsrMatrix } from './csr';
import { DimensionError, describeValue } from './errors';

/** Options of {@link bandedLu}. */
export interface BandedLuOptions {
  /**
   * A symmetric reordering: `ordering[k]` is the original index of the k-th unknown, so the
   * matrix factorised is P A Pᵀ with (P A Pᵀ)[k, l] = A[ordering[k], ordering[l]]. A permutation of
   * 0..n−1. Default: the identity. Use it to bring entries near the diagonal (e.g. interleave a
   * periodic ring as 0, n−1, 1, n−2, … to turn its corner entries into a band of width 2).
   */
  ordering?: Int32Array | readonly number[];
}

/** The factorisation returned by {@link bandedLu}. */
export interface BandedLu {
  /** n. */
  readonly dim: number;
  /** The lower bandwidth kl of the (reordered) matrix: entries (i, j) with i − j ≤ kl. */
  readonly lowerBandwidth: number;
  /** The upper bandwidth ku of the (reordered) matrix: entries (i, j) with j − i ≤ ku. */
  readonly upperBandwidth: number;
  /** Writes x = A⁻¹ b into `out` (allocated when absent) and returns it; `b` is not changed. O(n (kl + ku)). */
  solve(b: Float64Array, out?: Float64Array): Float64Array;
  /** Writes x = A⁻ᵀ b into `out` (allocated when absent) and returns it; `b` is not changed. O(n (kl + ku)). */
  solveTransposed(b: Float64Array, out?: Float64Array): Float64Array;
}

/**
 * Factorises a sparse square matrix A (CSR, see {@link csrMatrix}) as P A Pᵀ = L U, L unit lower
 * triangular with bandwidth kl and U upper triangular with bandwidth ku, where kl and ku are read
 * from the stored entries after the reordering P (`options.ordering`). There is no pivoting: the
 * factorisation is stable for matrices that are diagonally dominant by rows or by columns (the
 * growth factor is then at most 2), such as the generators of Markov chains with some absorption,
 * M-matrices, and I − Δt G for a generator G; it throws a `RangeError` if a pivot is zero or not
 * finite (a singular matrix, or one that needs pivoting).
 *
 * Cost: O(n·kl·ku) time and 8·n·(kl + ku + 1) bytes (a 2-D grid of nx × ny cells in x-major order
 * has kl = ku = ny: O(nx·ny³) time); each solve O(n·(kl + ku)).
 *
 * @example
 * // the 1-D Laplacian of order 3 with a corner entry (a ring): solve A x = b
 * const lu = bandedLu({ dim: 3, rowPointers: [0, 3, 6, 9], columnIndices: [0, 1, 2, 0, 1, 2, 0, 1, 2],
 *   values: [3, -1, -1, -1, 3, -1, -1, -1, 3] });
 * lu.solve(Float64Array.of(1, 1, 1)); // [1, 1, 1]
 */
export function bandedLu(matrix: CsrMatrix, options?: BandedLuOptions): BandedLu {
  const a = csrMatrix(matrix, 'matrix');
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['ordering']);
  const n = a.dim;
  const order = opts.ordering === undefined ? Int32Array.from({ length: n }, (_, i) => i) : checkPermutation('options.ordering', opts.ordering, n);
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k] as number] = k;
  return bandedLuKernel(n, a.rowPointers, a.columnIndices, a.values, order, position);
}

/**
 * {@link bandedLu} of already checked CSR arrays and a checked permutation (`order[k]` the original
 * index of unknown k, `position` its inverse). @internal
 */
export function bandedLuKernel(n: number, rp: Int32Array, ci: Int32Array, vals: Float64Array, order: Int32Array, position: Int32Array): BandedLu {
  let kl = 0;
  let ku = 0;
  for (let i = 0; i < n; i++) {
    const pi = position[i] as number;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      const d = (position[ci[k] as number] as number) - pi;
      if (d < 0 && -d > kl) kl = -d;
      else if (d > ku) ku = d;
    }
  }
  const w = kl + ku + 1;
  const band = new Float64Array(n * w);
  // (k, l) of the reordered matrix at band[k*w + l − k + kl].
  for (let i = 0; i < n; i++) {
    const pi = position[i] as number;
    const base = pi * w - pi + kl;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      const idx = base + (position[ci[k] as number] as number);
      band[idx] = (band[idx] as number) + (vals[k] as number);
    }
  }
  // Right-looking elimination, four rows of L at a time so that each entry of the pivot row is
  // loaded once per four updates (the same operations in the same order as one row at a time).
  for (let k = 0; k < n; k++) {
    const baseK = k * w - k + kl;
    const pivot = band[baseK + k] as number;
    if (pivot === 0 || !Number.isFinite(pivot)) {
      throw new RangeError(
        `bandedLu: expected a matrix that factorises without pivoting, received pivot ${describeValue(pivot)} at row ${order[k] as number} (reordered row ${k})`,
      );
    }
    const len = Math.min(n - 1, k + ku) - k;
    const iEnd = Math.min(n - 1, k + kl);
    const pk = baseK + k + 1;
    let i = k + 1;
    for (; i + 3 <= iEnd; i += 4) {
      const b1 = i * w - i + kl;
      const b2 = b1 + w - 1;
      const b3 = b2 + w - 1;
      const b4 = b3 + w - 1;
      const l1 = (band[b1 + k] as number) / pivot;
      const l2 = (band[b2 + k] as number) / pivot;
      const l3 = (band[b3 + k] as number) / pivot;
      const l4 = (band[b4 + k] as number) / pivot;
      band[b1 + k] = l1;
      band[b2 + k] = l2;
      band[b3 + k] = l3;
      band[b4 + k] = l4;
      if (l1 === 0 && l2 === 0 && l3 === 0 && l4 === 0) continue;
      const p1 = b1 + k + 1;
      const p2 = b2 + k + 1;
      const p3 = b3 + k + 1;
      const p4 = b4 + k + 1;
      for (let c = 0; c < len; c++) {
        const u = band[pk + c] as number;
        band[p1 + c] = (band[p1 + c] as number) - l1 * u;
        band[p2 + c] = (band[p2 + c] as number) - l2 * u;
        band[p3 + c] = (band[p3 + c] as number) - l3 * u;
        band[p4 + c] = (band[p4 + c] as number) - l4 * u;
      }
    }
    for (; i <= iEnd; i++) {
      const b1 = i * w - i + kl;
      const l1 = (band[b1 + k] as number) / pivot;
      band[b1 + k] = l1;
      if (l1 === 0) continue;
      const p1 = b1 + k + 1;
      for (let c = 0; c < len; c++) band[p1 + c] = (band[p1 + c] as number) - l1 * (band[pk + c] as number);
    }
  }
  const work = new Float64Array(n);
  const checkB = (name: string, b: Float64Array, out: Float64Array | undefined): Float64Array => {
    if (!(b instanceof Float64Array) || b.length !== n)
      throw new DimensionError(`${name}: expected a Float64Array of length ${n}, received ${describeValue(b)}`);
    if (out === undefined) return new Float64Array(n);
    if (!(out instanceof Float64Array) || out.length !== n)
      throw new DimensionError(`out: expected a Float64Array of length ${n}, received ${describeValue(out)}`);
    return out;
  };
  return {
    dim: n,
    lowerBandwidth: kl,
    upperBandwidth: ku,
    solve(b: Float64Array, out?: Float64Array): Float64Array {
      const x = checkB('b', b, out);
      const y = work;
      for (let k = 0; k < n; k++) y[k] = b[order[k] as number] as number;
      // L y = P b (unit lower)
      for (let i = 1; i < n; i++) {
        const baseI = i * w - i + kl;
        let s = y[i] as number;
        for (let j = Math.max(0, i - kl); j < i; j++) s -= (band[baseI + j] as number) * (y[j] as number);
        y[i] = s;
      }
      // U z = y
      for (let i = n - 1; i >= 0; i--) {
        const baseI = i * w - i + kl;
        let s = y[i] as number;
        const jEnd = Math.min(n - 1, i + ku);
        for (let j = i + 1; j <= jEnd; j++) s -= (band[baseI + j] as number) * (y[j] as number);
        y[i] = s / (band[baseI + i] as number);
      }
      for (let k = 0; k < n; k++) x[order[k] as number] = y[k] as number;
      return x;
    },
    solveTransposed(b: Float64Array, out?: Float64Array): Float64Array {
      const x = checkB('b', b, out);
      const z = work;
      for (let k = 0; k < n; k++) z[k] = b[order[k] as number] as number;
      // Uᵀ z = P b, by rows of U (forward, column-oriented)
      for (let j = 0; j < n; j++) {
        const baseJ = j * w - j + kl;
        const zj = (z[j] as number) / (band[baseJ + j] as number);
        z[j] = zj;
        const iEnd = Math.min(n - 1, j + ku);
        for (let i = j + 1; i <= iEnd; i++) z[i] = (z[i] as number) - (band[baseJ + i] as number) * zj;
      }
      // Lᵀ x = z (unit upper), by rows of L (backward)
      for (let j = n - 1; j > 0; j--) {
        const baseJ = j * w - j + kl;
        const xj = z[j] as number;
        for (let i = Math.max(0, j - kl); i < j; i++) z[i] = (z[i] as number) - (band[baseJ + i] as number) * xj;
      }
      for (let k = 0; k < n; k++) x[order[k] as number] = z[k] as number;
      return x;
    },
  };
}
