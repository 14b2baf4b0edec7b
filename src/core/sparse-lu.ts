/**
 * A sparse direct solver: supernodal multifrontal LU without pivoting on the symmetrised pattern of
 * a square CSR matrix, in a caller-given (fill-reducing) order, with solves for A x = b and
 * Aᵀ x = b from the one factorisation.
 *
 * @module
 */
import { checkKnownOptions, checkOptions, checkPermutation } from './checks';
import { csrMatrix, type CsrMatrix } from './csr';
import { DimensionError, describeValue } from './errors';

/** Options of {@link sparseLu}. */
export interface SparseLuOptions {
  /**
   * A symmetric reordering: `ordering[k]` is the original index of the k-th unknown eliminated (a
   * permutation of 0..n−1). Default: the identity. The fill, and so the cost, depend on it: give a
   * fill-reducing order (nested dissection for a grid: O(n^{3/2}) work in 2-D instead of O(n²)).
   */
  ordering?: Int32Array | readonly number[];
}

/** The factorisation returned by {@link sparseLu}. */
export interface SparseLu {
  /** n. */
  readonly dim: number;
  /** Stored entries of L and U together (the fill included). */
  readonly factorEntries: number;
  /** Number of supernodes (fronts). */
  readonly supernodes: number;
  /** Writes x = A⁻¹ b into `out` (allocated when absent) and returns it; `b` is not changed. */
  solve(b: Float64Array, out?: Float64Array): Float64Array;
  /** Writes x = A⁻ᵀ b into `out` (allocated when absent) and returns it; `b` is not changed. */
  solveTransposed(b: Float64Array, out?: Float64Array): Float64Array;
}

/**
 * Factorises a sparse square matrix A (CSR, see {@link csrMatrix}) as P A Pᵀ = L U by the
 * multifrontal method: the elimination tree of the symmetrised pattern of P A Pᵀ, fundamental
 * supernodes (chains of columns with nested structure, such as the separators of a nested
 * dissection) eliminated together in dense frontal matrices, whose Schur complements are added into
 * the parent's front. No pivoting: stable for matrices diagonally dominant by rows or by columns
 * (Markov generators with some absorption, M-matrices, I − Δt G); a zero or non-finite pivot
 * throws a `RangeError`.
 *
 * Cost: that of the ordering's fill. For an N × N grid in nested-dissection order, O(N³) time and
 * O(N² log N) memory (against O(N⁴) and O(N³) for the band); each solve O(entries of L and U).
 *
 * @example
 * // a 2 × 2 non-symmetric system
 * const lu = sparseLu({ dim: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1, 0, 1], values: [4, 1, 2, 3] });
 * lu.solve(Float64Array.of(5, 5)); // [1, 1]
 */
export function sparseLu(matrix: CsrMatrix, options?: SparseLuOptions): SparseLu {
  const a = csrMatrix(matrix, 'matrix');
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['ordering']);
  const n = a.dim;
  let order: Int32Array;
  if (opts.ordering === undefined) {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  } else order = checkPermutation('options.ordering', opts.ordering, n);
  return sparseLuKernel(n, a.rowPointers, a.columnIndices, a.values, order);
}

interface Front {
  /** Global (permuted) indices of the front: the supernode's columns first. */
  idx: Int32Array;
  /** Supernode width w. */
  w: number;
  /** Rows 0..w−1 of the factored front (f columns): U12 right of the diagonal, L11 below it. */
  upper: Float64Array;
  /** Rows w..f−1, columns 0..w−1: L21. */
  lower: Float64Array;
}

/**
 * The symbolic analysis of {@link sparseLu} for one pattern and order: the permutation of the
 * entries into P A Pᵀ by rows and by columns, the elimination tree, the column structures and the
 * supernodes. Computed once per pattern and reused by every numeric factorisation with that
 * pattern ({@link sparseLuNumeric}). @internal
 */
export interface SparseLuSymbolic {
  n: number;
  nnz: number;
  order: Int32Array;
  /** P A Pᵀ by rows: row pointers and columns; `rowDst[k]` is where CSR entry k lands. */
  brp: Int32Array;
  bci: Int32Array;
  rowDst: Int32Array;
  /** P A Pᵀ by columns: column pointers and rows; `colSrc[d]` is the row-form entry of column-form entry d. */
  bcp: Int32Array;
  bri: Int32Array;
  colSrc: Int32Array;
  parent: Int32Array;
  /** Rows below the diagonal of L in column j (only the last column of each supernode is kept). */
  structs: (Int32Array | null)[];
  snStart: Int32Array;
  snOf: Int32Array;
  ns: number;
}

/**
 * S −= L21 U12 in a dense front F (f × f, row-major): rows/columns w..f−1 of F, L21 in the first w
 * columns of rows w..f−1, U12 in columns w..f−1 of rows 0..w−1. U12ᵀ is packed into `ut` (m × w),
 * then 4 × 4 tiles of S accumulate over k in registers. @internal
 */
function schurUpdate(F: Float64Array, f: number, w: number, m: number, ut: Float64Array): void {
  for (let k = 0; k < w; k++) {
    const row = k * f + w;
    for (let c = 0; c < m; c++) ut[c * w + k] = F[row + c] as number;
  }
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const a0 = (w + r) * f;
    const a1 = a0 + f;
    const a2 = a1 + f;
    const a3 = a2 + f;
    let c = 0;
    for (; c + 3 < m; c += 4) {
      const u0 = c * w;
      const u1 = u0 + w;
      const u2 = u1 + w;
      const u3 = u2 + w;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      let s20 = 0,
        s21 = 0,
        s22 = 0,
        s23 = 0,
        s30 = 0,
        s31 = 0,
        s32 = 0,
        s33 = 0;
      for (let k = 0; k < w; k++) {
        const v0 = ut[u0 + k] as number;
        const v1 = ut[u1 + k] as number;
        const v2 = ut[u2 + k] as number;
        const v3 = ut[u3 + k] as number;
        const l0 = F[a0 + k] as number;
        s00 += l0 * v0;
        s01 += l0 * v1;
        s02 += l0 * v2;
        s03 += l0 * v3;
        const l1 = F[a1 + k] as number;
        s10 += l1 * v0;
        s11 += l1 * v1;
        s12 += l1 * v2;
        s13 += l1 * v3;
        const l2 = F[a2 + k] as number;
        s20 += l2 * v0;
        s21 += l2 * v1;
        s22 += l2 * v2;
        s23 += l2 * v3;
        const l3 = F[a3 + k] as number;
        s30 += l3 * v0;
        s31 += l3 * v1;
        s32 += l3 * v2;
        s33 += l3 * v3;
      }
      const o0 = a0 + w + c;
      const o1 = a1 + w + c;
      const o2 = a2 + w + c;
      const o3 = a3 + w + c;
      F[o0] = (F[o0] as number) - s00;
      F[o0 + 1] = (F[o0 + 1] as number) - s01;
      F[o0 + 2] = (F[o0 + 2] as number) - s02;
      F[o0 + 3] = (F[o0 + 3] as number) - s03;
      F[o1] = (F[o1] as number) - s10;
      F[o1 + 1] = (F[o1 + 1] as number) - s11;
      F[o1 + 2] = (F[o1 + 2] as number) - s12;
      F[o1 + 3] = (F[o1 + 3] as number) - s13;
      F[o2] = (F[o2] as number) - s20;
      F[o2 + 1] = (F[o2 + 1] as number) - s21;
      F[o2 + 2] = (F[o2 + 2] as number) - s22;
      F[o2 + 3] = (F[o2 + 3] as number) - s23;
      F[o3] = (F[o3] as number) - s30;
      F[o3 + 1] = (F[o3 + 1] as number) - s31;
      F[o3 + 2] = (F[o3 + 2] as number) - s32;
      F[o3 + 3] = (F[o3 + 3] as number) - s33;
    }
    for (; c < m; c++) {
      const u0 = c * w;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let k = 0; k < w; k++) {
        const v = ut[u0 + k] as number;
        s0 += (F[a0 + k] as number) * v;
        s1 += (F[a1 + k] as number) * v;
        s2 += (F[a2 + k] as number) * v;
        s3 += (F[a3 + k] as number) * v;
      }
      F[a0 + w + c] = (F[a0 + w + c] as number) - s0;
      F[a1 + w + c] = (F[a1 + w + c] as number) - s1;
      F[a2 + w + c] = (F[a2 + w + c] as number) - s2;
      F[a3 + w + c] = (F[a3 + w + c] as number) - s3;
    }
  }
  for (; r < m; r++) {
    const a0 = (w + r) * f;
    for (let c = 0; c < m; c++) {
      const u0 = c * w;
      let s0 = 0;
      for (let k = 0; k < w; k++) s0 += (F[a0 + k] as number) * (ut[u0 + k] as number);
      F[a0 + w + c] = (F[a0 + w + c] as number) - s0;
    }
  }
}

/**
 * Eliminates row i of a dense front F (f × f, row-major) against the finished pivot rows
 * 0..kmax−1 above it: for each k, l = F[i][k]/F[k][k] is stored at F[i][k] and F[i][c] −= l·F[k][c]
 * for k < c < cend; four pivot rows per pass over the row. @internal
 */
function rowElimination(F: Float64Array, f: number, i: number, kmax: number, cend: number): void {
  const bi = i * f;
  let k = 0;
  for (; k + 3 < kmax; k += 4) {
    const p0 = k * f;
    const p1 = p0 + f;
    const p2 = p1 + f;
    const p3 = p2 + f;
    const l0 = (F[bi + k] as number) / (F[p0 + k] as number);
    const x1 = (F[bi + k + 1] as number) - l0 * (F[p0 + k + 1] as number);
    const l1 = x1 / (F[p1 + k + 1] as number);
    const x2 = (F[bi + k + 2] as number) - l0 * (F[p0 + k + 2] as number) - l1 * (F[p1 + k + 2] as number);
    const l2 = x2 / (F[p2 + k + 2] as number);
    const x3 = (F[bi + k + 3] as number) - l0 * (F[p0 + k + 3] as number) - l1 * (F[p1 + k + 3] as number) - l2 * (F[p2 + k + 3] as number);
    const l3 = x3 / (F[p3 + k + 3] as number);
    F[bi + k] = l0;
    F[bi + k + 1] = l1;
    F[bi + k + 2] = l2;
    F[bi + k + 3] = l3;
    if (l0 === 0 && l1 === 0 && l2 === 0 && l3 === 0) continue;
    for (let c = k + 4; c < cend; c++) {
      F[bi + c] = (F[bi + c] as number) - (l0 * (F[p0 + c] as number) + l1 * (F[p1 + c] as number) + l2 * (F[p2 + c] as number) + l3 * (F[p3 + c] as number));
    }
  }
  for (; k < kmax; k++) {
    const pk = k * f;
    const l = (F[bi + k] as number) / (F[pk + k] as number);
    F[bi + k] = l;
    if (l === 0) continue;
    for (let c = k + 1; c < cend; c++) F[bi + c] = (F[bi + c] as number) - l * (F[pk + c] as number);
  }
}

/** The symbolic analysis of a checked CSR pattern in a checked order. @internal */
export function sparseLuSymbolic(n: number, rp: Int32Array, ci: Int32Array, order: Int32Array): SparseLuSymbolic {
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k] as number] = k;
  // B = P A Pᵀ by rows (brp/bci) and its symmetrised adjacency (off-diagonal pattern).
  const nnz = rp[n] as number;
  const brp = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) brp[(position[i] as number) + 1] = (rp[i + 1] as number) - (rp[i] as number);
  for (let k = 0; k < n; k++) brp[k + 1] = (brp[k + 1] as number) + (brp[k] as number);
  const bci = new Int32Array(nnz);
  const rowDst = new Int32Array(nnz);
  for (let i = 0; i < n; i++) {
    let dst = brp[position[i] as number] as number;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      bci[dst] = position[ci[k] as number] as number;
      rowDst[k] = dst++;
    }
  }
  // column form of B (CSC): bcp/bri, colSrc[d] = the row-form entry
  const bcp = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) bcp[(bci[k] as number) + 1] = (bcp[(bci[k] as number) + 1] as number) + 1;
  for (let k = 0; k < n; k++) bcp[k + 1] = (bcp[k + 1] as number) + (bcp[k] as number);
  const bri = new Int32Array(nnz);
  const colSrc = new Int32Array(nnz);
  {
    const next = bcp.slice(0, n);
    for (let r = 0; r < n; r++) {
      for (let k = brp[r] as number; k < (brp[r + 1] as number); k++) {
        const c = bci[k] as number;
        const d = next[c] as number;
        bri[d] = r;
        colSrc[d] = k;
        next[c] = d + 1;
      }
    }
  }
  // Elimination tree of the symmetrised pattern (Liu, with path compression).
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  const climb = (j0: number, i: number): void => {
    let r = j0;
    while (ancestor[r] !== -1 && ancestor[r] !== i) {
      const t = ancestor[r] as number;
      ancestor[r] = i;
      r = t;
    }
    if (ancestor[r] === -1) {
      ancestor[r] = i;
      parent[r] = i;
    }
  };
  for (let i = 0; i < n; i++) {
    for (let k = brp[i] as number; k < (brp[i + 1] as number); k++) if ((bci[k] as number) < i) climb(bci[k] as number, i);
    for (let k = bcp[i] as number; k < (bcp[i + 1] as number); k++) if ((bri[k] as number) < i) climb(bri[k] as number, i);
  }
  // Column structures (rows below the diagonal of L), by merging the children's.
  const childCount = new Int32Array(n);
  for (let j = 0; j < n; j++) if ((parent[j] as number) >= 0) childCount[parent[j] as number] = (childCount[parent[j] as number] as number) + 1;
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j] as number;
    if (p >= 0) {
      nextSibling[j] = firstChild[p] as number;
      firstChild[p] = j;
    }
  }
  const structs: (Int32Array | null)[] = new Array<Int32Array | null>(n).fill(null);
  const mark = new Int32Array(n).fill(-1);
  const buf = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let m = 0;
    mark[j] = j;
    for (let k = brp[j] as number; k < (brp[j + 1] as number); k++) {
      const r = bci[k] as number;
      if (r > j && mark[r] !== j) {
        mark[r] = j;
        buf[m++] = r;
      }
    }
    for (let k = bcp[j] as number; k < (bcp[j + 1] as number); k++) {
      const r = bri[k] as number;
      if (r > j && mark[r] !== j) {
        mark[r] = j;
        buf[m++] = r;
      }
    }
    for (let c = firstChild[j] as number; c !== -1; c = nextSibling[c] as number) {
      const st = structs[c] as Int32Array;
      for (let t = 0; t < st.length; t++) {
        const r = st[t] as number;
        if (r > j && mark[r] !== j) {
          mark[r] = j;
          buf[m++] = r;
        }
      }
    }
    structs[j] = buf.slice(0, m).sort();
  }
  // Supernodes: chains j−1 → j of the elimination tree eliminated in one front. Fundamental
  // (struct(j−1) = {j} ∪ struct(j), no explicit zeros), or relaxed: a narrow front (< 16 columns)
  // also takes j when that adds at most 4 explicit zeros a column (struct(j−1) \ {j} ⊆ struct(j)
  // always holds along the tree, so the front still covers every column's structure).
  const snStart: number[] = [];
  let width = 0;
  for (let j = 0; j < n; j++) {
    let joins = false;
    if (j > 0 && parent[j - 1] === j) {
      const extra = (structs[j] as Int32Array).length + 1 - (structs[j - 1] as Int32Array).length;
      joins = (extra === 0 && childCount[j] === 1) || (width < 16 && extra <= 4);
    }
    if (joins) width++;
    else {
      snStart.push(j);
      width = 1;
    }
  }
  const ns = snStart.length;
  snStart.push(n);
  const snOf = new Int32Array(n);
  for (let s = 0; s < ns; s++) for (let j = snStart[s] as number; j < (snStart[s + 1] as number); j++) snOf[j] = s;
  // only the last column's structure of each supernode is read by the numeric phase
  for (let s = 0; s < ns; s++) for (let j = snStart[s] as number; j < (snStart[s + 1] as number) - 1; j++) structs[j] = null;
  return { n, nnz, order, brp, bci, rowDst, bcp, bri, colSrc, parent, structs, snStart: Int32Array.from(snStart), snOf, ns };
}

/** {@link sparseLu} of checked CSR arrays and a checked permutation. @internal */
export function sparseLuKernel(n: number, rp: Int32Array, ci: Int32Array, vals: Float64Array, order: Int32Array): SparseLu {
  return sparseLuNumeric(sparseLuSymbolic(n, rp, ci, order), vals);
}

/** The numeric factorisation of values `vals` on the pattern analysed in `sym` (CSR entry order). @internal */
export function sparseLuNumeric(sym: SparseLuSymbolic, vals: Float64Array): SparseLu {
  const { n, nnz, order, brp, bci, rowDst, bcp, bri, colSrc, parent, structs, snStart, snOf, ns } = sym;
  const bv = new Float64Array(nnz);
  for (let k = 0; k < nnz; k++) bv[rowDst[k] as number] = vals[k] as number;
  const bcv = new Float64Array(nnz);
  for (let d = 0; d < nnz; d++) bcv[d] = bv[colSrc[d] as number] as number;

  // Numeric factorisation, supernodes in increasing column order (children before parents).
  const fronts: Front[] = [];
  const pending: ({ idx: Int32Array; data: Float64Array }[] | undefined)[] = new Array<{ idx: Int32Array; data: Float64Array }[] | undefined>(ns);
  const pos = new Int32Array(n).fill(-1);
  let factorEntries = 0;
  let relative = new Int32Array(64);
  let scratch = new Float64Array(4096);
  let packed = new Float64Array(4096);
  for (let s = 0; s < ns; s++) {
    const s0 = snStart[s] as number;
    const s1 = (snStart[s + 1] as number) - 1;
    const w = s1 - s0 + 1;
    const tail = structs[s1] as Int32Array;
    const f = w + tail.length;
    const idx = new Int32Array(f);
    for (let k = 0; k < w; k++) idx[k] = s0 + k;
    idx.set(tail, w);
    for (let k = 0; k < f; k++) pos[idx[k] as number] = k;
    if (f * f > scratch.length) scratch = new Float64Array(Math.max(f * f, 2 * scratch.length));
    const F = scratch.subarray(0, f * f);
    F.fill(0);
    for (let j = s0; j <= s1; j++) {
      const pj = (pos[j] as number) * f;
      for (let k = brp[j] as number; k < (brp[j + 1] as number); k++) {
        const c = bci[k] as number;
        if (c >= s0) F[pj + (pos[c] as number)] = (F[pj + (pos[c] as number)] as number) + (bv[k] as number);
      }
      const cj = pos[j] as number;
      for (let k = bcp[j] as number; k < (bcp[j + 1] as number); k++) {
        const r = bri[k] as number;
        if (r > s1) F[(pos[r] as number) * f + cj] = (F[(pos[r] as number) * f + cj] as number) + (bcv[k] as number);
      }
    }
    const updates = pending[s];
    if (updates !== undefined) {
      for (const u of updates) {
        const m = u.idx.length;
        const d = u.data;
        const rel = m <= relative.length ? relative : (relative = new Int32Array(m));
        for (let c = 0; c < m; c++) rel[c] = pos[u.idx[c] as number] as number;
        for (let r = 0; r < m; r++) {
          const base = (rel[r] as number) * f;
          const row = r * m;
          for (let c = 0; c < m; c++) {
            const at = base + (rel[c] as number);
            F[at] = (F[at] as number) + (d[row + c] as number);
          }
        }
      }
      pending[s] = undefined;
    }
    // Partial LU of the first w pivots, row by row (each row against the finished pivot rows above
    // it, four at a time): rows 0..w−1 give U11, U12 and L11; rows w..f−1 give L21 (their first w
    // columns). The Schur complement of the remaining block follows as one matrix product.
    const m0 = f - w;
    for (let i = 0; i < f; i++) {
      if (i < w) {
        rowElimination(F, f, i, i, f);
        const piv = F[i * f + i] as number;
        if (piv === 0 || !Number.isFinite(piv)) {
          throw new RangeError(
            `sparseLu: expected a matrix that factorises without pivoting, received pivot ${describeValue(piv)} at row ${order[s0 + i] as number} (reordered row ${s0 + i})`,
          );
        }
      } else rowElimination(F, f, i, w, w);
    }
    if (m0 > 0) {
      if (m0 * w > packed.length) packed = new Float64Array(Math.max(m0 * w, 2 * packed.length));
      schurUpdate(F, f, w, m0, packed);
    }
    const upper = F.slice(0, w * f);
    const m = f - w;
    const lower = new Float64Array(m * w);
    for (let r = 0; r < m; r++) for (let c = 0; c < w; c++) lower[r * w + c] = F[(w + r) * f + c] as number;
    fronts.push({ idx, w, upper, lower });
    factorEntries += w * f + m * w;
    if (m > 0) {
      const data = new Float64Array(m * m);
      for (let r = 0; r < m; r++) data.set(F.subarray((w + r) * f + w, (w + r + 1) * f), r * m);
      const p = snOf[parent[s1] as number] as number;
      const list = pending[p] ?? [];
      list.push({ idx: tail, data });
      pending[p] = list;
    }
    for (let k = 0; k < f; k++) pos[idx[k] as number] = -1;
  }

  const work = new Float64Array(n);
  const checkB = (b: Float64Array, out: Float64Array | undefined): Float64Array => {
    if (!(b instanceof Float64Array) || b.length !== n) throw new DimensionError(`b: expected a Float64Array of length ${n}, received ${describeValue(b)}`);
    if (out === undefined) return new Float64Array(n);
    if (!(out instanceof Float64Array) || out.length !== n)
      throw new DimensionError(`out: expected a Float64Array of length ${n}, received ${describeValue(out)}`);
    return out;
  };
  return {
    dim: n,
    factorEntries,
    supernodes: ns,
    solve(b: Float64Array, out?: Float64Array): Float64Array {
      const x = checkB(b, out);
      const y = work;
      for (let k = 0; k < n; k++) y[k] = b[order[k] as number] as number;
      for (const fr of fronts) {
        const { idx, w, upper, lower } = fr;
        const f = idx.length;
        for (let k = 0; k < w; k++) {
          const yk = y[idx[k] as number] as number;
          if (yk === 0) continue;
          for (let r = k + 1; r < w; r++) y[idx[r] as number] = (y[idx[r] as number] as number) - (upper[r * f + k] as number) * yk;
          for (let r = w; r < f; r++) y[idx[r] as number] = (y[idx[r] as number] as number) - (lower[(r - w) * w + k] as number) * yk;
        }
      }
      for (let s = fronts.length - 1; s >= 0; s--) {
        const { idx, w, upper } = fronts[s] as Front;
        const f = idx.length;
        for (let k = w - 1; k >= 0; k--) {
          let acc = y[idx[k] as number] as number;
          const row = k * f;
          for (let c = k + 1; c < f; c++) acc -= (upper[row + c] as number) * (y[idx[c] as number] as number);
          y[idx[k] as number] = acc / (upper[row + k] as number);
        }
      }
      for (let k = 0; k < n; k++) x[order[k] as number] = y[k] as number;
      return x;
    },
    solveTransposed(b: Float64Array, out?: Float64Array): Float64Array {
      const x = checkB(b, out);
      const z = work;
      for (let k = 0; k < n; k++) z[k] = b[order[k] as number] as number;
      for (const fr of fronts) {
        const { idx, w, upper } = fr;
        const f = idx.length;
        for (let k = 0; k < w; k++) {
          const row = k * f;
          const zk = (z[idx[k] as number] as number) / (upper[row + k] as number);
          z[idx[k] as number] = zk;
          if (zk === 0) continue;
          for (let c = k + 1; c < f; c++) z[idx[c] as number] = (z[idx[c] as number] as number) - (upper[row + c] as number) * zk;
        }
      }
      for (let s = fronts.length - 1; s >= 0; s--) {
        const { idx, w, upper, lower } = fronts[s] as Front;
        const f = idx.length;
        for (let k = w - 1; k >= 0; k--) {
          let acc = z[idx[k] as number] as number;
          for (let r = k + 1; r < w; r++) acc -= (upper[r * f + k] as number) * (z[idx[r] as number] as number);
          for (let r = w; r < f; r++) acc -= (lower[(r - w) * w + k] as number) * (z[idx[r] as number] as number);
          z[idx[k] as number] = acc;
        }
      }
      for (let k = 0; k < n; k++) x[order[k] as number] = z[k] as number;
      return x;
    },
  };
}
