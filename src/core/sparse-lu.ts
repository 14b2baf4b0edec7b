/**
 * A sparse direct solver: supernodal multifrontal LU without pivoting on the symmetrised pattern of
 * a square CSR matrix, in a caller-given (fill-reducing) order, with solves for A x = b and
 * Aᵀ x = b from the one factorisation. Each front is eliminated in panels of 32 columns whose
 * trailing updates are matrix products in the WebAssembly SIMD `gemm` kernel (a JavaScript loop
 * with the same summation order, and so the same bits, where WebAssembly SIMD is missing).
 *
 * @module
 */
import { checkKnownOptions, checkOptions, checkPermutation } from './checks';
import { csrMatrix, type CsrMatrix } from './csr';
import { DimensionError, describeValue } from './errors';
import { createSimdHeap } from './simd-heap';

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
 * The symbolic analysis (elimination tree, supernodes, assembly maps) is O(fill) and allocates per
 * supernode only; the numeric phase allocates its factor storage, one dense front and one stack of
 * Schur complements, nothing per front. A 200² grid: 2.8·10⁶ factor entries, about 0.1–0.2 s.
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

/**
 * The trailing update of a panel p0..p1−1 of a dense front F (f × f, row-major): for rows and
 * columns p1..f−1, S −= L·U with L in columns p0..p1−1 of those rows and U in rows p0..p1−1 of
 * those columns (K = p1 − p0, m = f − p1). U is packed transposed into `ut` (m × K), then 4 × 4
 * tiles of S accumulate over k in registers; each entry is S − s with s = 0, s ← s + l·u over k in
 * turn: the order of the SIMD `gemm` kernel on −L, bit for bit. @internal
 */
function schurUpdate(F: Float64Array, f: number, p0: number, p1: number, ut: Float64Array): void {
  const w = p1 - p0;
  const m = f - p1;
  for (let k = 0; k < w; k++) {
    const row = (p0 + k) * f + p1;
    for (let c = 0; c < m; c++) ut[c * w + k] = F[row + c] as number;
  }
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const a0 = (p1 + r) * f + p0;
    const a1 = a0 + f;
    const a2 = a1 + f;
    const a3 = a2 + f;
    const b0 = a0 - p0 + p1;
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
      const o0 = b0 + c;
      const o1 = o0 + f;
      const o2 = o1 + f;
      const o3 = o2 + f;
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
      const o0 = b0 + c;
      F[o0] = (F[o0] as number) - s0;
      F[o0 + f] = (F[o0 + f] as number) - s1;
      F[o0 + 2 * f] = (F[o0 + 2 * f] as number) - s2;
      F[o0 + 3 * f] = (F[o0 + 3 * f] as number) - s3;
    }
  }
  for (; r < m; r++) {
    const a0 = (p1 + r) * f + p0;
    const b0 = a0 - p0 + p1;
    for (let c = 0; c < m; c++) {
      const u0 = c * w;
      let s0 = 0;
      for (let k = 0; k < w; k++) s0 += (F[a0 + k] as number) * (ut[u0 + k] as number);
      F[b0 + c] = (F[b0 + c] as number) - s0;
    }
  }
}

/**
 * Eliminates row i of a dense front F (f × f, row-major) against the finished pivot rows
 * k0..kmax−1 above it: for each k, l = F[i][k]/F[k][k] is stored at F[i][k] and F[i][c] −= l·F[k][c]
 * for k < c < cend; four pivot rows per pass over the row. @internal
 */
function rowElimination(F: Float64Array, f: number, i: number, k0: number, kmax: number, cend: number): void {
  const bi = i * f;
  let k = k0;
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

/**
 * The symbolic analysis of {@link sparseLu} for one pattern and order, computed once per pattern
 * and reused by every numeric factorisation with that pattern ({@link sparseLuNumeric}): the
 * supernodes (fronts) in a postorder of the supernodal elimination tree, each front's global
 * (permuted) indices, where every stored entry of A lands in its front, where each front's Schur
 * complement lands in its parent's, and the sizes of the factor storage, the dense scratch front
 * and the stack of pending Schur complements. @internal
 */
export interface SparseLuSymbolic {
  n: number;
  nnz: number;
  order: Int32Array;
  /** The pattern analysed (the caller's arrays, not copied): row pointers and column indices. */
  rowPointers: Int32Array;
  columnIndices: Int32Array;
  /** Number of supernodes; front t (postorder) eliminates permuted columns first[t] .. first[t] + width[t] − 1. */
  ns: number;
  first: Int32Array;
  width: Int32Array;
  /** Front t's indices: idx[idxPtr[t] .. idxPtr[t + 1]) (its f columns, the supernode's w first). */
  idxPtr: Int32Array;
  idx: Int32Array;
  /** Offsets of front t's w × f rows of U (L11 below its diagonal) and m × w block L21 in the factor storage. */
  upperPtr: Float64Array;
  lowerPtr: Float64Array;
  /** Assembly of A: entries asmSrc[asmPtr[t] .. asmPtr[t + 1]) (CSR entry numbers) add into front t at offsets asmDst. */
  asmPtr: Int32Array;
  asmSrc: Int32Array;
  asmDst: Int32Array;
  /** Positions in its parent's front of front t's m non-pivot indices: rel[idxPtr[t] + w .. idxPtr[t + 1]). */
  rel: Int32Array;
  /** Number of children of front t (their Schur complements are the top of the stack when t is assembled). */
  children: Int32Array;
  /** Largest f², m·w and f; the stack's peak (doubles). */
  maxFront: number;
  maxPacked: number;
  maxF: number;
  maxStack: number;
}

/** Largest front size from which the numeric factorisation puts its fronts in a WebAssembly SIMD heap. */
const SIMD_FRONT = 16;

/** Columns a panel of the numeric factorisation eliminates before its trailing matrix product. */
const PANEL = 32;

/** The symbolic analysis of a checked CSR pattern in a checked order. @internal */
export function sparseLuSymbolic(n: number, rp: Int32Array, ci: Int32Array, order: Int32Array): SparseLuSymbolic {
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k] as number] = k;
  // B = P A Pᵀ by rows (brp/bci) and by columns (bcp/bri): the symmetrised adjacency.
  const nnz = rp[n] as number;
  const brp = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) brp[(position[i] as number) + 1] = (rp[i + 1] as number) - (rp[i] as number);
  for (let k = 0; k < n; k++) brp[k + 1] = (brp[k + 1] as number) + (brp[k] as number);
  const bci = new Int32Array(nnz);
  for (let i = 0; i < n; i++) {
    let dst = brp[position[i] as number] as number;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) bci[dst++] = position[ci[k] as number] as number;
  }
  const bcp = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) bcp[(bci[k] as number) + 1] = (bcp[(bci[k] as number) + 1] as number) + 1;
  for (let k = 0; k < n; k++) bcp[k + 1] = (bcp[k + 1] as number) + (bcp[k] as number);
  const bri = new Int32Array(nnz);
  {
    const next = bcp.slice(0, n);
    for (let r = 0; r < n; r++) {
      for (let k = brp[r] as number; k < (brp[r + 1] as number); k++) {
        const c = bci[k] as number;
        bri[next[c] as number] = r;
        next[c] = (next[c] as number) + 1;
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
  const childCount = new Int32Array(n);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j] as number;
    if (p >= 0) {
      childCount[p] = (childCount[p] as number) + 1;
      nextSibling[j] = firstChild[p] as number;
      firstChild[p] = j;
    }
  }
  // Column structures (rows below the diagonal of L) by merging the children's, and the supernodes
  // at the same pass: chains j−1 → j of the elimination tree eliminated in one front. Fundamental
  // (struct(j−1) = {j} ∪ struct(j), no explicit zeros), or relaxed: a narrow front (< 16 columns)
  // also takes j when that adds at most 4 explicit zeros a column (struct(j−1) \ {j} ⊆ struct(j)
  // always holds along the tree, so the front still covers every column's structure). Only the
  // last column of a supernode keeps its structure (sorted); the others live in two buffers.
  const structs: (Int32Array | null)[] = new Array<Int32Array | null>(n).fill(null);
  const mark = new Int32Array(n).fill(-1);
  let cur = new Int32Array(n);
  let prev = new Int32Array(n);
  let prevLength = 0;
  const isStart = new Uint8Array(n);
  let widthNow = 0;
  for (let j = 0; j < n; j++) {
    let m = 0;
    mark[j] = j;
    for (let k = brp[j] as number; k < (brp[j + 1] as number); k++) {
      const r = bci[k] as number;
      if (r > j && mark[r] !== j) {
        mark[r] = j;
        cur[m++] = r;
      }
    }
    for (let k = bcp[j] as number; k < (bcp[j + 1] as number); k++) {
      const r = bri[k] as number;
      if (r > j && mark[r] !== j) {
        mark[r] = j;
        cur[m++] = r;
      }
    }
    for (let c = firstChild[j] as number; c !== -1; c = nextSibling[c] as number) {
      const st = c === j - 1 ? prev : (structs[c] as Int32Array);
      const len = c === j - 1 ? prevLength : st.length;
      for (let t = 0; t < len; t++) {
        const r = st[t] as number;
        if (r > j && mark[r] !== j) {
          mark[r] = j;
          cur[m++] = r;
        }
      }
    }
    let joins = false;
    if (j > 0 && parent[j - 1] === j) {
      const extra = m + 1 - prevLength;
      joins = (extra === 0 && childCount[j] === 1) || (widthNow < 16 && extra <= 4);
    }
    if (joins) widthNow++;
    else {
      if (j > 0) structs[j - 1] = prev.slice(0, prevLength).sort();
      isStart[j] = 1;
      widthNow = 1;
    }
    [cur, prev] = [prev, cur];
    prevLength = m;
  }
  if (n > 0) structs[n - 1] = prev.slice(0, prevLength).sort();
  // Supernodes in column order, their tree, and a postorder of it (children's Schur complements
  // then sit on top of a stack when their parent is assembled).
  let nsCount = 0;
  for (let j = 0; j < n; j++) nsCount += isStart[j] as number;
  const ns = nsCount;
  const colStart = new Int32Array(ns + 1);
  const snOf = new Int32Array(n);
  {
    let s = -1;
    for (let j = 0; j < n; j++) {
      if (isStart[j] === 1) colStart[++s] = j;
      snOf[j] = s;
    }
    colStart[ns] = n;
  }
  const snParent = new Int32Array(ns).fill(-1);
  const snFirstChild = new Int32Array(ns).fill(-1);
  const snNextSibling = new Int32Array(ns).fill(-1);
  const children = new Int32Array(ns);
  for (let s = ns - 1; s >= 0; s--) {
    const last = (colStart[s + 1] as number) - 1;
    const p = parent[last] as number;
    if (p >= 0) {
      const ps = snOf[p] as number;
      snParent[s] = ps;
      snNextSibling[s] = snFirstChild[ps] as number;
      snFirstChild[ps] = s;
    }
  }
  const post = new Int32Array(ns); // post[t] = supernode (column order) processed t-th
  const rank = new Int32Array(ns);
  {
    let t = 0;
    const stack = new Int32Array(ns);
    const childCursor = Int32Array.from(snFirstChild);
    for (let root = 0; root < ns; root++) {
      if (snParent[root] !== -1) continue;
      let top = 0;
      stack[0] = root;
      while (top >= 0) {
        const s = stack[top] as number;
        const c = childCursor[s] as number;
        if (c !== -1) {
          childCursor[s] = snNextSibling[c] as number;
          stack[++top] = c;
        } else {
          rank[s] = t;
          post[t++] = s;
          top--;
        }
      }
    }
  }
  const first = new Int32Array(ns);
  const width = new Int32Array(ns);
  const idxPtr = new Int32Array(ns + 1);
  for (let t = 0; t < ns; t++) {
    const s = post[t] as number;
    first[t] = colStart[s] as number;
    width[t] = (colStart[s + 1] as number) - (colStart[s] as number);
    const tail = structs[(colStart[s + 1] as number) - 1] as Int32Array;
    idxPtr[t + 1] = (idxPtr[t] as number) + (width[t] as number) + tail.length;
    if (snParent[s] !== -1) children[rank[snParent[s] as number] as number] = (children[rank[snParent[s] as number] as number] as number) + 1;
  }
  const idx = new Int32Array(idxPtr[ns] as number);
  const upperPtr = new Float64Array(ns + 1);
  const lowerPtr = new Float64Array(ns + 1);
  let maxFront = 0;
  let maxPacked = 0;
  let maxF = 0;
  for (let t = 0; t < ns; t++) {
    const s = post[t] as number;
    const w = width[t] as number;
    const base = idxPtr[t] as number;
    for (let k = 0; k < w; k++) idx[base + k] = (first[t] as number) + k;
    idx.set(structs[(colStart[s + 1] as number) - 1] as Int32Array, base + w);
    const f = (idxPtr[t + 1] as number) - base;
    upperPtr[t + 1] = (upperPtr[t] as number) + w * f;
    lowerPtr[t + 1] = (lowerPtr[t] as number) + (f - w) * w;
    maxFront = Math.max(maxFront, f * f);
    maxPacked = Math.max(maxPacked, (f - w) * w);
    maxF = Math.max(maxF, f);
  }
  // Where each entry of A lands: front of min(row, column) (permuted), at (pos row, pos column).
  const asmPtr = new Int32Array(ns + 1);
  const entryFront = new Int32Array(nnz);
  for (let i = 0; i < n; i++) {
    const r = position[i] as number;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      const c = position[ci[k] as number] as number;
      const t = rank[snOf[Math.min(r, c)] as number] as number;
      entryFront[k] = t;
      asmPtr[t + 1] = (asmPtr[t + 1] as number) + 1;
    }
  }
  for (let t = 0; t < ns; t++) asmPtr[t + 1] = (asmPtr[t + 1] as number) + (asmPtr[t] as number);
  const asmSrc = new Int32Array(nnz);
  {
    const next = asmPtr.slice(0, ns);
    for (let k = 0; k < nnz; k++) {
      const t = entryFront[k] as number;
      asmSrc[next[t] as number] = k;
      next[t] = (next[t] as number) + 1;
    }
  }
  const entryRow = new Int32Array(nnz);
  for (let i = 0; i < n; i++) for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) entryRow[k] = position[i] as number;
  const asmDst = new Int32Array(nnz);
  const rel = new Int32Array(idx.length);
  const pos = new Int32Array(n).fill(-1);
  const childList = new Int32Array(ns);
  for (let t = 0; t < ns; t++) {
    const base = idxPtr[t] as number;
    const f = (idxPtr[t + 1] as number) - base;
    for (let k = 0; k < f; k++) pos[idx[base + k] as number] = k;
    for (let a = asmPtr[t] as number; a < (asmPtr[t + 1] as number); a++) {
      const k = asmSrc[a] as number;
      asmDst[a] = (pos[entryRow[k] as number] as number) * f + (pos[position[ci[k] as number] as number] as number);
    }
    // the children of t (their non-pivot indices, relative to t's front)
    const s = post[t] as number;
    let nc = 0;
    for (let c = snFirstChild[s] as number; c !== -1; c = snNextSibling[c] as number) childList[nc++] = rank[c] as number;
    for (let q = 0; q < nc; q++) {
      const tc = childList[q] as number;
      const cb = idxPtr[tc] as number;
      for (let k = cb + (width[tc] as number); k < (idxPtr[tc + 1] as number); k++) rel[k] = pos[idx[k] as number] as number;
    }
    for (let k = 0; k < f; k++) pos[idx[base + k] as number] = -1;
  }
  // the stack's peak: children's blocks are popped before the parent's is pushed
  let maxStack = 0;
  {
    const sizes = new Float64Array(ns);
    let depth = 0;
    let size = 0;
    for (let t = 0; t < ns; t++) {
      for (let q = 0; q < (children[t] as number); q++) size -= sizes[--depth] as number;
      const m = (idxPtr[t + 1] as number) - (idxPtr[t] as number) - (width[t] as number);
      sizes[depth++] = m * m;
      size += m * m;
      maxStack = Math.max(maxStack, size);
    }
  }
  return {
    n,
    nnz,
    order,
    rowPointers: rp,
    columnIndices: ci,
    ns,
    first,
    width,
    idxPtr,
    idx,
    upperPtr,
    lowerPtr,
    asmPtr,
    asmSrc,
    asmDst,
    rel,
    children,
    maxFront,
    maxPacked,
    maxF,
    maxStack,
  };
}

/** {@link sparseLu} of checked CSR arrays and a checked permutation. @internal */
export function sparseLuKernel(n: number, rp: Int32Array, ci: Int32Array, vals: Float64Array, order: Int32Array): SparseLu {
  return sparseLuNumeric(sparseLuSymbolic(n, rp, ci, order), vals);
}

/** The numeric factorisation of values `vals` on the pattern analysed in `sym` (CSR entry order). @internal */
export function sparseLuNumeric(sym: SparseLuSymbolic, vals: Float64Array): SparseLu {
  const { n, order, ns, first, width, idxPtr, idx, upperPtr, lowerPtr, asmPtr, asmSrc, asmDst, rel, children } = sym;
  const U = new Float64Array(upperPtr[ns] as number);
  const L = new Float64Array(lowerPtr[ns] as number);
  // The dense front lives in a WebAssembly heap when there is one: its Schur update runs in the
  // SIMD `gemm` kernel (with −L21, so that each entry is C + Σ(−l)u = C − Σ lu: schurUpdate's bits).
  const heap = sym.maxF >= SIMD_FRONT ? createSimdHeap(sym.maxFront + 4 * sym.maxF + 4) : undefined;
  const heapF = heap?.alloc(sym.maxFront);
  const heapPack = heap?.alloc(4 * sym.maxF);
  const gemm = heap !== undefined && heapF !== undefined && heapPack !== undefined ? heap.kernels.gemm : undefined;
  const F = gemm !== undefined && heapF !== undefined ? heapF : new Float64Array(sym.maxFront);
  const fPtr = F.byteOffset;
  const packPtr = heapPack?.byteOffset ?? 0;
  const packed = gemm === undefined ? new Float64Array(Math.min(PANEL, sym.maxF) * sym.maxF) : new Float64Array(0);
  const stack = new Float64Array(sym.maxStack);
  // the stack of pending Schur complements: the front each came from and where it starts
  const stackFront = new Int32Array(ns);
  const stackAt = new Float64Array(ns + 1);
  let depth = 0;
  for (let t = 0; t < ns; t++) {
    const base = idxPtr[t] as number;
    const f = (idxPtr[t + 1] as number) - base;
    const w = width[t] as number;
    const m = f - w;
    F.fill(0, 0, f * f);
    for (let a = asmPtr[t] as number; a < (asmPtr[t + 1] as number); a++) {
      const d = asmDst[a] as number;
      F[d] = (F[d] as number) + (vals[asmSrc[a] as number] as number);
    }
    const nc = children[t] as number;
    for (let q = depth - nc; q < depth; q++) {
      const tc = stackFront[q] as number;
      let at = stackAt[q] as number;
      const r0 = (idxPtr[tc] as number) + (width[tc] as number);
      const r1 = idxPtr[tc + 1] as number;
      for (let r = r0; r < r1; r++) {
        const rowBase = (rel[r] as number) * f;
        for (let c = r0; c < r1; c++) {
          const o = rowBase + (rel[c] as number);
          F[o] = (F[o] as number) + (stack[at++] as number);
        }
      }
    }
    depth -= nc;
    // Partial LU of the first w pivots in panels of PANEL columns (right-looking): the panel's rows
    // against its earlier pivot rows (four at a time) give U11, U12 and L11 there; the rows below
    // give the panel's columns of L; the trailing block (the rest of the front, the Schur
    // complement included) takes one matrix product, in the SIMD gemm kernel on −L when the front
    // is in the heap.
    const s0 = first[t] as number;
    for (let p0 = 0; p0 < w; p0 += PANEL) {
      const p1 = Math.min(w, p0 + PANEL);
      for (let i = p0; i < p1; i++) {
        rowElimination(F, f, i, p0, i, f);
        const piv = F[i * f + i] as number;
        if (piv === 0 || !Number.isFinite(piv)) {
          throw new RangeError(
            `sparseLu: expected a matrix that factorises without pivoting, received pivot ${describeValue(piv)} at row ${order[s0 + i] as number} (reordered row ${s0 + i})`,
          );
        }
      }
      for (let i = p1; i < f; i++) rowElimination(F, f, i, p0, p1, p1);
      const mm = f - p1;
      if (mm === 0) continue;
      if (gemm !== undefined) {
        for (let r = p1; r < f; r++) for (let c = r * f + p0, e = r * f + p1; c < e; c++) F[c] = -(F[c] as number);
        gemm(fPtr + 8 * (p1 * f + p0), f, 1, fPtr + 8 * (p0 * f + p1), f, 1, mm, p1 - p0, mm, fPtr + 8 * (p1 * f + p1), f, 1, packPtr);
        for (let r = p1; r < f; r++) for (let c = r * f + p0, e = r * f + p1; c < e; c++) F[c] = -(F[c] as number);
      } else schurUpdate(F, f, p0, p1, packed);
    }
    const lo = lowerPtr[t] as number;
    // copies out by explicit loops (a subarray per row would allocate a view per row)
    for (let r = 0, d = lo; r < m; r++) for (let c = (w + r) * f, e = c + w; c < e; c++) L[d++] = F[c] as number;
    for (let c = 0, d = upperPtr[t] as number, e = w * f; c < e; c++) U[d++] = F[c] as number;
    if (m > 0) {
      let at = stackAt[depth] as number;
      for (let r = 0; r < m; r++) for (let c = (w + r) * f + w, e = c + m; c < e; c++) stack[at++] = F[c] as number;
      stackFront[depth] = t;
      stackAt[++depth] = at;
    }
  }

  const work = new Float64Array(n);
  const loc = new Float64Array(sym.maxF);
  const acc = new Float64Array(sym.maxF);
  const checkB = (b: Float64Array, out: Float64Array | undefined): Float64Array => {
    if (!(b instanceof Float64Array) || b.length !== n) throw new DimensionError(`b: expected a Float64Array of length ${n}, received ${describeValue(b)}`);
    if (out === undefined) return new Float64Array(n);
    if (!(out instanceof Float64Array) || out.length !== n)
      throw new DimensionError(`out: expected a Float64Array of length ${n}, received ${describeValue(out)}`);
    return out;
  };
  return {
    dim: n,
    factorEntries: U.length + L.length,
    supernodes: ns,
    solve(b: Float64Array, out?: Float64Array): Float64Array {
      const x = checkB(b, out);
      const y = work;
      for (let k = 0; k < n; k++) y[k] = b[order[k] as number] as number;
      // L y = P b, fronts in order: L11 (unit, below U11's diagonal) then L21
      for (let t = 0; t < ns; t++) {
        const base = idxPtr[t] as number;
        const f = (idxPtr[t + 1] as number) - base;
        const w = width[t] as number;
        const s0 = first[t] as number;
        const uo = upperPtr[t] as number;
        for (let r = 0; r < w; r++) {
          let v = y[s0 + r] as number;
          const row = uo + r * f;
          for (let k = 0; k < r; k++) v -= (U[row + k] as number) * (loc[k] as number);
          loc[r] = v;
          y[s0 + r] = v;
        }
        const lo = lowerPtr[t] as number;
        for (let r = 0; r < f - w; r++) {
          const row = lo + r * w;
          let v = 0;
          for (let k = 0; k < w; k++) v += (L[row + k] as number) * (loc[k] as number);
          const g = idx[base + w + r] as number;
          y[g] = (y[g] as number) - v;
        }
      }
      // U x = y, fronts in reverse
      for (let t = ns - 1; t >= 0; t--) {
        const base = idxPtr[t] as number;
        const f = (idxPtr[t + 1] as number) - base;
        const w = width[t] as number;
        const s0 = first[t] as number;
        const uo = upperPtr[t] as number;
        for (let c = w; c < f; c++) loc[c] = y[idx[base + c] as number] as number;
        for (let k = w - 1; k >= 0; k--) {
          const row = uo + k * f;
          let v = y[s0 + k] as number;
          for (let c = k + 1; c < f; c++) v -= (U[row + c] as number) * (loc[c] as number);
          v /= U[row + k] as number;
          loc[k] = v;
          y[s0 + k] = v;
        }
      }
      for (let k = 0; k < n; k++) x[order[k] as number] = y[k] as number;
      return x;
    },
    solveTransposed(b: Float64Array, out?: Float64Array): Float64Array {
      const x = checkB(b, out);
      const z = work;
      for (let k = 0; k < n; k++) z[k] = b[order[k] as number] as number;
      // Uᵀ z = P b, fronts in order
      for (let t = 0; t < ns; t++) {
        const base = idxPtr[t] as number;
        const f = (idxPtr[t + 1] as number) - base;
        const w = width[t] as number;
        const s0 = first[t] as number;
        const uo = upperPtr[t] as number;
        for (let c = 0; c < w; c++) loc[c] = z[s0 + c] as number;
        for (let c = w; c < f; c++) loc[c] = 0;
        for (let k = 0; k < w; k++) {
          const row = uo + k * f;
          const zk = (loc[k] as number) / (U[row + k] as number);
          loc[k] = zk;
          if (zk === 0) continue;
          for (let c = k + 1; c < f; c++) loc[c] = (loc[c] as number) - (U[row + c] as number) * zk;
        }
        for (let c = 0; c < w; c++) z[s0 + c] = loc[c] as number;
        for (let c = w; c < f; c++) {
          const g = idx[base + c] as number;
          z[g] = (z[g] as number) + (loc[c] as number);
        }
      }
      // Lᵀ x = z, fronts in reverse: L21ᵀ (rows of L21 accumulated), then L11ᵀ
      for (let t = ns - 1; t >= 0; t--) {
        const base = idxPtr[t] as number;
        const f = (idxPtr[t + 1] as number) - base;
        const w = width[t] as number;
        const s0 = first[t] as number;
        const uo = upperPtr[t] as number;
        const lo = lowerPtr[t] as number;
        for (let k = 0; k < w; k++) acc[k] = 0;
        for (let r = 0; r < f - w; r++) {
          const zr = z[idx[base + w + r] as number] as number;
          if (zr === 0) continue;
          const row = lo + r * w;
          for (let k = 0; k < w; k++) acc[k] = (acc[k] as number) + (L[row + k] as number) * zr;
        }
        for (let k = w - 1; k >= 0; k--) {
          let v = (z[s0 + k] as number) - (acc[k] as number);
          for (let r = k + 1; r < w; r++) v -= (U[uo + r * f + k] as number) * (loc[r] as number);
          loc[k] = v;
          z[s0 + k] = v;
        }
      }
      for (let k = 0; k < n; k++) x[order[k] as number] = z[k] as number;
      return x;
    },
  };
}
