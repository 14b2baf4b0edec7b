/**
 * Internal kernels of the diffusion map's shift-invert solve: a fill-reducing nested-dissection
 * order of a symmetric sparse pattern (separators from breadth-first level structures, which
 * follow a manifold's kNN graph), and a sparse LDLᵀ factorisation in that order (Davis's
 * up-looking LDL: the elimination tree and the factor's column counts in one pass, with an early
 * exit past a fill or flop budget, then the numeric factorisation and triangular solves).
 *
 * @internal
 * @module
 */
import { transposeCompressed } from '../core/csr-transpose';
import { createSimdHeap, type SimdKernels } from '../core/simd-heap';

/** Breadth-first searches at most of the pseudo-peripheral root's search (George & Liu: two or three suffice). @internal */
const PERIPHERAL_SEARCHES = 2;

/** Subsets at most this large are not dissected further (ordered breadth-first). @internal */
const DISSECTION_LEAF = 64;

/**
 * A nested-dissection order of the symmetric pattern (rp, ci) of an n × n matrix (diagonal
 * entries ignored): `order[k]` is the vertex eliminated k-th. Each connected subset larger than
 * {@link DISSECTION_LEAF} is split by one level of a breadth-first level structure rooted at a
 * pseudo-peripheral vertex (George & Liu 1979): among the levels that leave at least a quarter of
 * the subset on each side, the smallest one, thinned to its vertices with a neighbour in the next
 * level (the rest cannot touch the far side); the separator is numbered after both sides, so that
 * the top separator is eliminated last. Subsets of several components are split into them first.
 * O(nnz · depth) time (depth ≈ log₂ n), O(n + nnz) memory, deterministic.
 * @internal
 */
export function nestedDissectionOrder(n: number, rp: Int32Array, ci: Int32Array): Int32Array {
  const order = new Int32Array(n);
  // label[v]: the subset v is in (a running id); −1 once v has its position
  const label = new Int32Array(n);
  const level = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  // the work list: subsets as slices of `items`, each with the first position of its range
  const items = new Int32Array(n);
  for (let v = 0; v < n; v++) items[v] = v;
  const stackStart: number[] = [0];
  const stackSize: number[] = [n];
  const stackPos: number[] = [0];
  let nextLabel = 1;
  const sizes = new Int32Array(n + 1);
  const farBuf = new Int32Array(n);
  const cutBuf = new Int32Array(n);
  // breadth-first search of subset `lab` from `root`: fills queue[0..count) and level[], sets depth, returns count
  let depth = 0;
  const bfs = (root: number, lab: number): number => {
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    level[root] = 0;
    depth = 0;
    while (head < tail) {
      const v = queue[head++] as number;
      const lv = level[v] as number;
      if (lv > depth) depth = lv;
      for (let p = rp[v] as number; p < (rp[v + 1] as number); p++) {
        const u = ci[p] as number;
        if (label[u] === lab && level[u] === -1) {
          level[u] = lv + 1;
          queue[tail++] = u;
        }
      }
    }
    return tail;
  };
  const clearLevels = (count: number): void => {
    for (let q = 0; q < count; q++) level[queue[q] as number] = -1;
  };
  while (stackStart.length > 0) {
    const start = stackStart.pop() as number;
    const size = stackSize.pop() as number;
    const pos = stackPos.pop() as number;
    const lab = nextLabel++;
    for (let q = start; q < start + size; q++) label[items[q] as number] = lab;
    if (size <= DISSECTION_LEAF) {
      // breadth-first within each component of the leaf
      let at = pos;
      for (let q = start; q < start + size; q++) {
        const r = items[q] as number;
        if (label[r] !== lab) continue;
        const c = bfs(r, lab);
        for (let a = 0; a < c; a++) {
          const v = queue[a] as number;
          order[at++] = v;
          label[v] = -1;
          level[v] = -1;
        }
      }
      continue;
    }
    // a pseudo-peripheral root: repeat the search from a last-level vertex of least degree while the depth grows
    let root = items[start] as number;
    let count = bfs(root, lab);
    if (count < size) {
      // several components: each becomes its own subset, in consecutive ranges
      const members = items.slice(start, start + size);
      let w = start;
      let at = pos;
      const mark = nextLabel++;
      const pushComponent = (c: number): void => {
        for (let a = 0; a < c; a++) {
          items[w + a] = queue[a] as number;
          label[queue[a] as number] = mark;
          level[queue[a] as number] = -1;
        }
        stackStart.push(w);
        stackSize.push(c);
        stackPos.push(at);
        w += c;
        at += c;
      };
      pushComponent(count);
      // the remaining vertices (still labelled lab) in further searches
      for (const r of members) {
        if (label[r] !== lab) continue;
        pushComponent(bfs(r, lab));
      }
      continue;
    }
    for (let iter = 0; iter < PERIPHERAL_SEARCHES; iter++) {
      const d0 = depth;
      let best = -1;
      let bestDeg = Infinity;
      for (let a = count - 1; a >= 0; a--) {
        const v = queue[a] as number;
        if (level[v] !== d0) break;
        const deg = (rp[v + 1] as number) - (rp[v] as number);
        if (deg < bestDeg) {
          bestDeg = deg;
          best = v;
        }
      }
      if (best === root) break;
      clearLevels(count);
      count = bfs(best, lab);
      root = best;
      // no deeper: keep this structure (as deep, from the new root)
      if (depth <= d0) break;
    }
    const h = depth;
    sizes.fill(0, 0, h + 2);
    for (let a = 0; a < count; a++) sizes[level[queue[a] as number] as number] = (sizes[level[queue[a] as number] as number] as number) + 1;
    // the separator level: at least a quarter on each side, smallest (ties: nearest the middle)
    let sep = -1;
    let sepSize = Infinity;
    let below = 0;
    let bestBalance = Infinity;
    for (let l = 0; l <= h; l++) {
      const s = sizes[l] as number;
      const above = size - below - s;
      if (4 * below >= size && 4 * above >= size) {
        const balance = Math.abs(below - above);
        if (s < sepSize || (s === sepSize && balance < bestBalance)) {
          sep = l;
          sepSize = s;
          bestBalance = balance;
        }
      }
      below += s;
    }
    if (sep < 0) {
      // no balanced level (a star-like subset): the median level
      below = 0;
      for (let l = 0; l <= h; l++) {
        if (2 * (below + (sizes[l] as number)) >= size) {
          sep = l;
          break;
        }
        below += sizes[l] as number;
      }
    }
    // thinning: a separator vertex with no neighbour in level sep + 1 joins the near side;
    // near goes to items[start ..], far and the separator to scratch first
    let nNear = 0;
    let nFar = 0;
    let nCut = 0;
    for (let a = 0; a < count; a++) {
      const v = queue[a] as number;
      const lv = level[v] as number;
      if (lv < sep) items[start + nNear++] = v;
      else if (lv > sep) farBuf[nFar++] = v;
      else {
        let touches = false;
        for (let p = rp[v] as number; p < (rp[v + 1] as number); p++) {
          const u = ci[p] as number;
          if (label[u] === lab && level[u] === sep + 1) {
            touches = true;
            break;
          }
        }
        if (touches) cutBuf[nCut++] = v;
        else items[start + nNear++] = v;
      }
    }
    clearLevels(count);
    if (nNear === 0 || nFar === 0) {
      // cannot split (a clique-like subset): order it as it came
      let at = pos;
      for (let a = 0; a < count; a++) {
        const v = queue[a] as number;
        order[at++] = v;
        label[v] = -1;
      }
      continue;
    }
    // ranges: near [pos, pos + nNear), far next, separator last
    items.set(farBuf.subarray(0, nFar), start + nNear);
    let at = pos + nNear + nFar;
    for (let a = 0; a < nCut; a++) {
      const v = cutBuf[a] as number;
      order[at++] = v;
      label[v] = -1;
    }
    const markNear = nextLabel++;
    for (let a = start; a < start + nNear; a++) label[items[a] as number] = markNear;
    const markFar = nextLabel++;
    for (let a = start + nNear; a < start + nNear + nFar; a++) label[items[a] as number] = markFar;
    stackStart.push(start + nNear);
    stackSize.push(nFar);
    stackPos.push(pos + nNear);
    stackStart.push(start);
    stackSize.push(nNear);
    stackPos.push(pos);
  }
  return order;
}
/**
 * The symbolic LDLᵀ analysis of a symmetric pattern in an elimination order: the permuted upper
 * triangle by columns (where each entry's value sits in the caller's CSR value array), the
 * elimination tree and the factor's column pointers. @internal
 */
export interface LdlSymbolic {
  n: number;
  order: Int32Array;
  /** Permuted column k's entries of the upper triangle, rows ≤ k: upperRows[upperPtr[k] .. upperPtr[k + 1]) with CSR entry numbers upperSrc. */
  upperPtr: Int32Array;
  upperRows: Int32Array;
  upperSrc: Int32Array;
  /** The elimination tree (−1 at a root). */
  parent: Int32Array;
  /** Column pointers of the strictly lower factor L (n + 1). */
  lowerPtr: Int32Array;
  /** Entries of L below the diagonal. */
  entries: number;
  /** Σⱼ cⱼ² over the columns of L (cⱼ its entries below the diagonal): the numeric phase's multiply-adds. */
  flops: number;
}

/**
 * The symbolic LDLᵀ analysis (Davis 2005, `ldl_symbolic`) of the symmetric CSR pattern (rp, ci)
 * of an n × n matrix, every row holding its diagonal, eliminated in `order`: in one pass over the
 * columns of the permuted upper triangle, the elimination tree and the column counts of L, from
 * each column's row subtree. Returns null as soon as the entries of L pass `maxEntries`, or at the
 * end when its flops pass `maxFlops`: a fill too large to be worth factorising (high intrinsic
 * dimension). O(nnz + entries of L) time, O(n + nnz) memory.
 * @internal
 */
export function ldlSymbolic(n: number, rp: Int32Array, ci: Int32Array, order: Int32Array, maxEntries: number, maxFlops: number): LdlSymbolic | null {
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k] as number] = k;
  const upperPtr = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const v = order[k] as number;
    let c = 0;
    for (let p = rp[v] as number; p < (rp[v + 1] as number); p++) if ((position[ci[p] as number] as number) <= k) c++;
    upperPtr[k + 1] = (upperPtr[k] as number) + c;
  }
  const upperRows = new Int32Array(upperPtr[n] as number);
  const upperSrc = new Int32Array(upperPtr[n] as number);
  const parent = new Int32Array(n);
  const flag = new Int32Array(n);
  const count = new Int32Array(n);
  let entries = 0;
  for (let k = 0; k < n; k++) {
    const v = order[k] as number;
    let w = upperPtr[k] as number;
    parent[k] = -1;
    flag[k] = k;
    for (let p = rp[v] as number; p < (rp[v + 1] as number); p++) {
      let i = position[ci[p] as number] as number;
      if (i > k) continue;
      upperRows[w] = i;
      upperSrc[w++] = p;
      for (; flag[i] !== k; i = parent[i] as number) {
        if (parent[i] === -1) parent[i] = k;
        count[i] = (count[i] as number) + 1;
        entries++;
        flag[i] = k;
      }
    }
    if (entries > maxEntries) return null;
  }
  const lowerPtr = new Int32Array(n + 1);
  let flops = 0;
  for (let j = 0; j < n; j++) {
    const c = count[j] as number;
    lowerPtr[j + 1] = (lowerPtr[j] as number) + c;
    flops += c * c;
  }
  if (flops > maxFlops) return null;
  return { n, order, upperPtr, upperRows, upperSrc, parent, lowerPtr, entries, flops };
}

/** An LDLᵀ factorisation P A Pᵀ = L D Lᵀ (L unit lower triangular, stored by rows). @internal */
export interface LdlFactor {
  n: number;
  order: Int32Array;
  diagonal: Float64Array;
  /** L by rows (strictly lower, columns ascending): the solves read it twice, 12 bytes an entry. */
  rowPtr: Int32Array;
  rowCols: Int32Array;
  rowValues: Float64Array;
  /** Scratch of the solves (n). */
  work: Float64Array;
  /**
   * Where the factor lives in a WebAssembly heap (the arrays above are views into it): the
   * kernel `ldlSolveRows` and the byte offsets of its operands; null where WebAssembly is
   * unavailable (the JavaScript loops, the same operations in the same order).
   */
  wasm: LdlWasm | null;
}

/** The heap side of an {@link LdlFactor}. @internal */
export interface LdlWasm {
  kernels: Pick<SimdKernels, 'ldlSolveRows'>;
  /** The right-hand side and the result, in the heap (n each). */
  rhs: Float64Array;
  result: Float64Array;
}

/**
 * The numeric LDLᵀ factorisation (Davis 2005, `ldl_numeric`, up-looking: row k of L from a sparse
 * triangular solve over row k's subtree) of A = `diagonalShift`·I − V, V the CSR values `values`
 * on the analysed pattern (entry numbers as in the CSR arrays analysed). No pivoting: for a
 * symmetric positive definite A (as (1 + δ)I − S for a symmetric S with eigenvalues ≤ 1 and δ > 0)
 * every pivot is positive; returns null at a pivot that is not (rounding), so that the caller can
 * fall back. O(flops) time; memory 12 bytes an entry of L kept (in a WebAssembly heap where there is one; 36 while it is built).
 * @internal
 */
export function ldlNumeric(sym: LdlSymbolic, values: Float64Array, diagonalShift: number): LdlFactor | null {
  const { n, upperPtr, upperRows, upperSrc, parent, lowerPtr } = sym;
  const li = new Int32Array(sym.entries);
  const lx = new Float64Array(sym.entries);
  const f = factorStorage(n, sym.entries);
  const diag = f.diagonal;
  const y = f.work;
  const pattern = new Int32Array(n);
  const flag = new Int32Array(n);
  const fill = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let top = n;
    flag[k] = k;
    fill[k] = 0;
    for (let q = upperPtr[k] as number; q < (upperPtr[k + 1] as number); q++) {
      let i = upperRows[q] as number;
      const a = (i === k ? diagonalShift : 0) - (values[upperSrc[q] as number] as number);
      y[i] = (y[i] as number) + a;
      let len = 0;
      for (; flag[i] !== k; i = parent[i] as number) {
        pattern[len++] = i;
        flag[i] = k;
      }
      while (len > 0) pattern[--top] = pattern[--len] as number;
    }
    let dk = y[k] as number;
    y[k] = 0;
    for (; top < n; top++) {
      const i = pattern[top] as number;
      const yi = y[i] as number;
      y[i] = 0;
      const p0 = lowerPtr[i] as number;
      const p2 = p0 + (fill[i] as number);
      for (let p = p0; p < p2; p++) {
        const r = li[p] as number;
        y[r] = (y[r] as number) - (lx[p] as number) * yi;
      }
      const l = yi / (diag[i] as number);
      dk -= l * yi;
      li[p2] = k;
      lx[p2] = l;
      fill[i] = (fill[i] as number) + 1;
    }
    if (!(dk > 0) || !Number.isFinite(dk)) return null;
    diag[k] = dk;
  }
  // rows of L: a counting sort of the columns' entries (columns visited in order: each row's columns ascending)
  transposeCompressed(n, n, lowerPtr, li, lx, { ptr: f.rowPtr, idx: f.rowCols, vals: f.rowValues });
  f.order.set(sym.order);
  return f;
}

/**
 * The factor's arrays (zeroed), in a WebAssembly heap where there is one, so that its solves run in
 * the kernel `ldlSolveRows` on them; else plain arrays for the JavaScript loops.
 */
function factorStorage(n: number, entries: number): LdlFactor {
  const heap = createSimdHeap(4 * n + entries + Math.ceil((2 * n + 1 + entries) / 2) + 16);
  if (heap !== undefined) {
    const order = heap.allocInt32(n);
    const diagonal = heap.alloc(n);
    const rowPtr = heap.allocInt32(n + 1);
    const rowCols = heap.allocInt32(entries);
    const rowValues = heap.alloc(entries);
    const work = heap.alloc(n);
    const rhs = heap.alloc(n);
    const result = heap.alloc(n);
    if (order && diagonal && rowPtr && rowCols && rowValues && work && rhs && result) {
      return { n, order, diagonal, rowPtr, rowCols, rowValues, work, wasm: { kernels: heap.kernels, rhs, result } };
    }
  }
  return {
    n,
    order: new Int32Array(n),
    diagonal: new Float64Array(n),
    rowPtr: new Int32Array(n + 1),
    rowCols: new Int32Array(entries),
    rowValues: new Float64Array(entries),
    work: new Float64Array(n),
    wasm: null,
  };
}

/**
 * out = scale · A⁻¹ b from the factorisation (P A Pᵀ = L D Lᵀ): permute, L z = P b (rows in
 * order), z ← D⁻¹ z, Lᵀ x = z (rows in reverse), permute back times `scale`. 2·entries + n
 * multiply-adds; `out` may alias `b`; no allocation. In the WebAssembly kernel `ldlSolveRows` when
 * the factor is in a heap (the same operations in the same order: the same bits).
 * @internal
 */
export function ldlSolve(f: LdlFactor, b: Float64Array, out: Float64Array, scale: number): Float64Array {
  const { n, order, diagonal: diag, rowPtr: rp, rowCols: rc, rowValues: rv, work: x } = f;
  const w = f.wasm;
  if (w !== null) {
    w.rhs.set(b.length === n ? b : b.subarray(0, n));
    w.kernels.ldlSolveRows(
      n,
      order.byteOffset,
      diag.byteOffset,
      rp.byteOffset,
      rc.byteOffset,
      rv.byteOffset,
      x.byteOffset,
      w.rhs.byteOffset,
      w.result.byteOffset,
      scale,
    );
    out.set(w.result);
    return out;
  }
  for (let k = 0; k < n; k++) x[k] = b[order[k] as number] as number;
  // forward by rows (gathers), the diagonal, then backward by rows in reverse (scatters): one
  // copy of L, read twice, so that it stays in cache between the passes and the solves
  for (let i = 0; i < n; i++) {
    let s = x[i] as number;
    for (let p = rp[i] as number, e = rp[i + 1] as number; p < e; p++) s -= (rv[p] as number) * (x[rc[p] as number] as number);
    x[i] = s;
  }
  for (let j = 0; j < n; j++) x[j] = (x[j] as number) / (diag[j] as number);
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[i] as number;
    if (xi === 0) continue;
    for (let p = rp[i] as number, e = rp[i + 1] as number; p < e; p++) {
      const c = rc[p] as number;
      x[c] = (x[c] as number) - (rv[p] as number) * xi;
    }
  }
  for (let k = 0; k < n; k++) out[order[k] as number] = scale * (x[k] as number);
  return out;
}
