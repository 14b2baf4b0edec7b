/**
 * A sparse direct solver: supernodal multifrontal LU without pivoting on the symmetrised pattern of
 * a square CSR matrix, in a caller-given (fill-reducing) order, with solves for A x = b and
 * Aᵀ x = b from the one factorisation.
 *
 * @module
 */
import { checkInteger, checkOptions } from './checks';
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
  const n = a.dim;
  const order = new Int32Array(n);
  if (opts.ordering === undefined) {
    for (let i = 0; i < n; i++) order[i] = i;
  } else {
    const o = opts.ordering as ArrayLike<unknown>;
    if (o.length !== n) throw new DimensionError(`options.ordering: expected length ${n}, received length ${describeValue(o.length)}`);
    const seen = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const v = checkInteger(`options.ordering[${k}]`, o[k], 0, n - 1);
      if (seen[v] === 1) throw new RangeError(`options.ordering: expected a permutation of 0..${n - 1}, received ${v} twice`);
      seen[v] = 1;
      order[k] = v;
    }
  }
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

/** {@link sparseLu} of checked CSR arrays and a checked permutation. @internal */
export function sparseLuKernel(n: number, rp: Int32Array, ci: Int32Array, vals: Float64Array, order: Int32Array): SparseLu {
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k] as number] = k;
  // B = P A Pᵀ by rows (brp/bci/bv) and its symmetrised adjacency (off-diagonal pattern).
  const nnz = rp[n] as number;
  const brp = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) brp[(position[i] as number) + 1] = (rp[i + 1] as number) - (rp[i] as number);
  for (let k = 0; k < n; k++) brp[k + 1] = (brp[k + 1] as number) + (brp[k] as number);
  const bci = new Int32Array(nnz);
  const bv = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    let dst = brp[position[i] as number] as number;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
      bci[dst] = position[ci[k] as number] as number;
      bv[dst++] = vals[k] as number;
    }
  }
  // column form of B (CSC): bcp/bri/bcv
  const bcp = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) bcp[(bci[k] as number) + 1] = (bcp[(bci[k] as number) + 1] as number) + 1;
  for (let k = 0; k < n; k++) bcp[k + 1] = (bcp[k + 1] as number) + (bcp[k] as number);
  const bri = new Int32Array(nnz);
  const bcv = new Float64Array(nnz);
  {
    const next = bcp.slice(0, n);
    for (let r = 0; r < n; r++) {
      for (let k = brp[r] as number; k < (brp[r + 1] as number); k++) {
        const c = bci[k] as number;
        const d = next[c] as number;
        bri[d] = r;
        bcv[d] = bv[k] as number;
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

  // Numeric factorisation, supernodes in increasing column order (children before parents).
  const fronts: Front[] = [];
  const pending: ({ idx: Int32Array; data: Float64Array }[] | undefined)[] = new Array<{ idx: Int32Array; data: Float64Array }[] | undefined>(ns);
  const pos = new Int32Array(n).fill(-1);
  let factorEntries = 0;
  let relative = new Int32Array(64);
  let scratch = new Float64Array(4096);
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
    // Partial LU of the first w pivots. Phase 1: the pivot rows 0..w−1 (right-looking). Phase 2:
    // each block of four remaining rows eliminated against all w pivot rows while it stays in
    // cache (the same operations, in the same order per entry, as right-looking elimination).
    for (let k = 0; k < w; k++) {
      const pk = k * f;
      const piv = F[pk + k] as number;
      if (piv === 0 || !Number.isFinite(piv)) {
        throw new RangeError(
          `sparseLu: expected a matrix that factorises without pivoting, received pivot ${describeValue(piv)} at row ${order[s0 + k] as number} (reordered row ${s0 + k})`,
        );
      }
      const len = f - k - 1;
      const kp = pk + k + 1;
      for (let i = k + 1; i < w; i++) {
        const b1 = i * f;
        const l1 = (F[b1 + k] as number) / piv;
        F[b1 + k] = l1;
        if (l1 === 0) continue;
        const p1 = b1 + k + 1;
        for (let c = 0; c < len; c++) F[p1 + c] = (F[p1 + c] as number) - l1 * (F[kp + c] as number);
      }
    }
    let i = w;
    for (; i + 3 < f; i += 4) {
      const b1 = i * f;
      const b2 = b1 + f;
      const b3 = b2 + f;
      const b4 = b3 + f;
      for (let k = 0; k < w; k++) {
        const pk = k * f;
        const piv = F[pk + k] as number;
        const l1 = (F[b1 + k] as number) / piv;
        const l2 = (F[b2 + k] as number) / piv;
        const l3 = (F[b3 + k] as number) / piv;
        const l4 = (F[b4 + k] as number) / piv;
        F[b1 + k] = l1;
        F[b2 + k] = l2;
        F[b3 + k] = l3;
        F[b4 + k] = l4;
        if (l1 === 0 && l2 === 0 && l3 === 0 && l4 === 0) continue;
        for (let c = k + 1; c < f; c++) {
          const u = F[pk + c] as number;
          F[b1 + c] = (F[b1 + c] as number) - l1 * u;
          F[b2 + c] = (F[b2 + c] as number) - l2 * u;
          F[b3 + c] = (F[b3 + c] as number) - l3 * u;
          F[b4 + c] = (F[b4 + c] as number) - l4 * u;
        }
      }
    }
    for (; i < f; i++) {
      const b1 = i * f;
      for (let k = 0; k < w; k++) {
        const pk = k * f;
        const l1 = (F[b1 + k] as number) / (F[pk + k] as number);
        F[b1 + k] = l1;
        if (l1 === 0) continue;
        for (let c = k + 1; c < f; c++) F[b1 + c] = (F[b1 + c] as number) - l1 * (F[pk + c] as number);
      }
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
    structs[s1] = null;
  }
  for (let j = 0; j < n; j++) structs[j] = null;

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
