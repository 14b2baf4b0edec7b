/**
 * Kernels of the exact k-nearest-neighbour search (internal): a bounded max-heap of (distance,
 * index) pairs, the blocked brute-force search over Gram entries with an exact re-check, and a
 * k-d tree. Both searches rank by the direct squared difference of `squaredDistance` with ties
 * broken by index, so they return the same bits.
 *
 * @internal
 * @module
 */
import {
  GRAM_PANEL_F32,
  centredSquaredNorms,
  float32Scale,
  gramBlock,
  gramBlockF32,
  gramMatrix,
  gramRows,
  mirrorUpper,
  pairSquaredDistances,
} from './distance-kernels';

/** A neighbour exclusion rule, checked: j is excluded for i when group[i] = group[j] and |order[i] − order[j]| ≤ window. @internal */
export interface ExclusionRule {
  group: Int32Array;
  order: Float64Array;
  window: number;
}

/** Where the k best (distance, index) pairs of each query collect (a max-heap, worst on top). @internal */
export interface NeighborHeap {
  dist: Float64Array;
  idx: Int32Array;
  size: number;
}

/** (d1, i1) ranks after (d2, i2): farther, or as far with a larger index. */
function worse(d1: number, i1: number, d2: number, i2: number): boolean {
  return d1 > d2 || (d1 === d2 && i1 > i2);
}

/** Offers (dist, j) to the heap of capacity k. @internal */
function heapOffer(h: NeighborHeap, k: number, dist: number, j: number): void {
  const hd = h.dist;
  const hi = h.idx;
  let pos: number;
  if (h.size < k) {
    pos = h.size++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pd = hd[parent] as number;
      const pi = hi[parent] as number;
      if (!worse(dist, j, pd, pi)) break;
      hd[pos] = pd;
      hi[pos] = pi;
      pos = parent;
    }
    hd[pos] = dist;
    hi[pos] = j;
    return;
  }
  if (!worse(hd[0] as number, hi[0] as number, dist, j)) return;
  siftDown(hd, hi, k, dist, j);
}

/** Puts (dist, j) at the root of the full heap of size `size` and sifts it down. */
function siftDown(hd: Float64Array, hi: Int32Array, size: number, dist: number, j: number): void {
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= size) break;
    let c = l;
    const r = l + 1;
    if (r < size && worse(hd[r] as number, hi[r] as number, hd[l] as number, hi[l] as number)) c = r;
    if (!worse(hd[c] as number, hi[c] as number, dist, j)) break;
    hd[pos] = hd[c] as number;
    hi[pos] = hi[c] as number;
    pos = c;
  }
  hd[pos] = dist;
  hi[pos] = j;
}

/** Empties the heap into out rows at `o`, nearest first. @internal */
function heapDrain(h: NeighborHeap, outIdx: Int32Array, outDist: Float64Array, o: number): void {
  const hd = h.dist;
  const hi = h.idx;
  for (let size = h.size; size > 0; size--) {
    outDist[o + size - 1] = hd[0] as number;
    outIdx[o + size - 1] = hi[0] as number;
    const lastD = hd[size - 1] as number;
    const lastI = hi[size - 1] as number;
    if (size > 1) siftDown(hd, hi, size - 1, lastD, lastI);
  }
  h.size = 0;
}

function excluded(rule: ExclusionRule | null, i: number, j: number): boolean {
  return rule !== null && rule.group[i] === rule.group[j] && Math.abs((rule.order[i] as number) - (rule.order[j] as number)) <= rule.window;
}

/** Largest number of Gram entries a brute-force block holds (8 MiB). */
const BLOCK_ENTRIES = 2 ** 20;
/** Up to this many entries the whole Gram matrix is formed at once (each pair computed once). */
const FULL_GRAM_ENTRIES = 2 ** 22;
/** From this dimension the candidates are selected through the float32 Gram matrix. */
const F32_MIN_DIM = 256;

/** Internal switches of {@link bruteForceNeighbors} (tests): the float32 selection, and when a row falls back to float64. @internal */
export interface BruteForceTuning {
  /** Select candidates through the float32 Gram (default: d ≥ 256 and WebAssembly SIMD available). */
  float32?: boolean;
  /** A row whose float32 selection leaves more candidates than this is selected again in float64 (default max(4k, 64)). */
  fallbackCandidates?: number;
}

/** Candidate lists of every row (segments of one growing pool). */
interface Candidates {
  pool: Int32Array;
  size: number;
  start: Int32Array;
  count: Int32Array;
}

function pushCandidate(c: Candidates, j: number): void {
  if (c.size === c.pool.length) {
    const grown = new Int32Array(2 * c.pool.length);
    grown.set(c.pool);
    c.pool = grown;
  }
  c.pool[c.size++] = j;
}

/**
 * Appends to `c` every j ≠ i (not excluded) whose lower bound aᵢⱼ − eᵢⱼ is at most τ, the k-th
 * smallest upper bound aᵢⱼ + eᵢⱼ, where aᵢⱼ = Nᵢ + Nⱼ − 2gᵢⱼ (g: row i of the Gram block at `o`) and
 * eᵢⱼ = coef·(Nᵢ + Nⱼ) + abs; returns how many. `bound` is scratch (a heap of capacity k).
 */
function selectRow(
  g: Float64Array,
  o: number,
  norms: Float64Array,
  i: number,
  n: number,
  k: number,
  coef: number,
  abs: number,
  rule: ExclusionRule | null,
  bound: NeighborHeap,
  c: Candidates,
): number {
  const ni = norms[i] as number;
  for (let j = 0; j < n; j++) {
    if (j === i || excluded(rule, i, j)) continue;
    const nj = norms[j] as number;
    const a = ni + nj - 2 * (g[o + j] as number);
    const up = a + (coef * (ni + nj) + abs);
    if (bound.size === k && up >= (bound.dist[0] as number)) continue;
    heapOffer(bound, k, up, 0);
  }
  const tau = bound.dist[0] as number;
  bound.size = 0;
  const before = c.size;
  for (let j = 0; j < n; j++) {
    if (j === i || excluded(rule, i, j)) continue;
    const nj = norms[j] as number;
    const a = ni + nj - 2 * (g[o + j] as number);
    if (a - (coef * (ni + nj) + abs) > tau) continue;
    pushCandidate(c, j);
  }
  return c.size - before;
}

/** Where i sits in the sorted segment of row j's candidates, or −1. */
function findCandidate(c: Candidates, j: number, i: number): number {
  let lo = c.start[j] as number;
  let hi = lo + (c.count[j] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = c.pool[mid] as number;
    if (v === i) return mid;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Exact k nearest neighbours by blocked brute force. For a block of query rows, Gram entries
 * gᵢⱼ ≈ cᵢ·cⱼ of the centred points give aᵢⱼ = Nᵢ + Nⱼ − 2gᵢⱼ (Nᵢ ≈ ‖cᵢ‖²) within eᵢⱼ of the direct
 * distance; the k-th smallest a + e bounds the k-th direct distance τ from above, and every j with
 * a − e ≤ τ is a candidate (a superset of the k nearest, ties included). The candidates' direct
 * distances (`pairSquaredDistances`, the bits of `squaredDistance`; a pair that is a candidate both
 * ways computed once) are ranked by (distance, index), so the result does not depend on which
 * Gram route selected them.
 *
 * Float64 route (d < 256, or no WebAssembly SIMD): g the float64 Gram in its summation order, N its
 * diagonal, eᵢⱼ = (8d + 64)·2⁻⁵³·(Nᵢ + Nⱼ) (both roundings and the centring's included, with a
 * margin of 2). Float32 route (d ≥ 256): g from `gramBlockF32` (float32 copies scaled by a power of
 * two s, bound there: |ĝᵢⱼ − cᵢ·cⱼ| ≤ γ·(‖cᵢ‖² + ‖cⱼ‖²)/2 + d·2⁻⁹¹/s², γ = γ_{m+4} + γ′_{P+2}), N the
 * float64 squared norms, and eᵢⱼ = ((8d + 64)·2⁻⁵³ + 2γ(1 + 2⁻²⁰))·(Nᵢ + Nⱼ) + d·2⁻⁸⁹/s²: the float64
 * bound plus twice the Gram term (−2g) with a margin of 2. A row left with more than max(4k, 64)
 * candidates by that looser bound is selected again from its float64 Gram row (`gramRows`), so a bad
 * case costs time, never correctness. Memory O(n·k + block·n) besides the points.
 * @internal
 */
export function bruteForceNeighbors(
  x: Float64Array,
  mean: Float64Array,
  n: number,
  d: number,
  k: number,
  rule: ExclusionRule | null,
  outIdx: Int32Array,
  outDist: Float64Array,
  /** An upper bound on maxᵢₖ |xᵢₖ| (Infinity or absent: swept here). */
  maxAbs?: number,
  tuning: BruteForceTuning = {},
): void {
  const norms = new Float64Array(n);
  const coef64 = (8 * d + 64) * 2 ** -53;
  const full = n * n <= FULL_GRAM_ENTRIES;
  const B = full ? n : Math.max(2, Math.min(n, Math.floor(BLOCK_ENTRIES / n)) & ~1);
  let scale = 0;
  if (tuning.float32 ?? d >= F32_MIN_DIM) {
    let xMax = maxAbs ?? Infinity;
    if (xMax === Infinity) {
      xMax = 0;
      for (let t = 0; t < n * d; t++) xMax = Math.max(xMax, Math.abs(x[t] as number));
    }
    let mMax = 0;
    for (let m = 0; m < d; m++) mMax = Math.max(mMax, Math.abs(mean[m] as number));
    scale = float32Scale((xMax + mMax) * (1 + 2 ** -50));
  }
  const g = new Float64Array(B * n);
  let coef = coef64;
  let abs = 0;
  if (scale > 0) {
    const u = 2 ** -24;
    const m = GRAM_PANEL_F32 / 4;
    const P = Math.ceil(d / GRAM_PANEL_F32);
    const gamma = ((m + 4) * u) / (1 - (m + 4) * u) + ((P + 2) * 2 ** -53) / (1 - (P + 2) * 2 ** -53);
    coef = coef64 + 2 * gamma * (1 + 2 ** -20);
    abs = (d * 2 ** -89) / (scale * scale);
    if (!gramBlockF32(x, mean, scale, n, d, 0, full ? n : Math.min(n, B), full, g, n, norms)) {
      scale = 0;
      coef = coef64;
      abs = 0;
    }
  }
  const f32 = scale > 0;
  if (!f32) centredSquaredNorms(x, mean, n, d, norms);
  else if (full) mirrorUpper(g, n);
  const limit = tuning.fallbackCandidates ?? Math.max(4 * k, 64);
  const bound: NeighborHeap = { dist: new Float64Array(k), idx: new Int32Array(k), size: 0 };
  const c: Candidates = { pool: new Int32Array(Math.max(16, 2 * n * k)), size: 0, start: new Int32Array(n), count: new Int32Array(n) };
  const redo: number[] = [];
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    if (f32) {
      if (i0 > 0 && !gramBlockF32(x, mean, scale, n, d, i0, i1, false, g, n, null)) {
        // no heap for this block after all (out of memory): its rows take the float64 route below
        for (let i = i0; i < i1; i++) redo.push(i);
        continue;
      }
    } else if (full) {
      if (i0 === 0) gramMatrix(x, mean, n, d, g);
    } else gramBlock(x, mean, n, d, i0, i1, false, g, n);
    for (let i = i0; i < i1; i++) {
      c.start[i] = c.size;
      const got = selectRow(g, (i - i0) * n, norms, i, n, k, coef, abs, rule, bound, c);
      if (f32 && got > limit) {
        c.size -= got;
        redo.push(i);
      } else c.count[i] = got;
    }
  }
  if (redo.length > 0) {
    // the float32 bound left too many candidates (or no float32 block was had): select these rows from float64 Gram rows
    const f64Norms = new Float64Array(n);
    centredSquaredNorms(x, mean, n, d, f64Norms);
    const R = Math.max(1, Math.min(redo.length, B));
    for (let r0 = 0; r0 < redo.length; r0 += R) {
      const rows = Int32Array.from(redo.slice(r0, r0 + R));
      gramRows(x, mean, n, d, rows, g);
      for (let r = 0; r < rows.length; r++) {
        const i = rows[r] as number;
        c.start[i] = c.size;
        c.count[i] = selectRow(g, r * n, f64Norms, i, n, k, coef64, 0, rule, bound, c);
      }
    }
  }
  // the candidates' direct distances: each unordered pair once
  const total = c.size;
  const ref = new Int32Array(total);
  const pa = new Int32Array(total);
  const pb = new Int32Array(total);
  let own = 0;
  for (let i = 0; i < n; i++) {
    const s = c.start[i] as number;
    const e = s + (c.count[i] as number);
    for (let q = s; q < e; q++) {
      const j = c.pool[q] as number;
      const twin = j < i ? findCandidate(c, j, i) : -1;
      if (twin >= 0) ref[q] = -1 - twin;
      else {
        ref[q] = own;
        pa[own] = i;
        pb[own] = j;
        own++;
      }
    }
  }
  const dist = new Float64Array(own);
  pairSquaredDistances(x, d, pa, pb, own, dist);
  const best: NeighborHeap = { dist: new Float64Array(k), idx: new Int32Array(k), size: 0 };
  for (let i = 0; i < n; i++) {
    const s = c.start[i] as number;
    const e = s + (c.count[i] as number);
    for (let q = s; q < e; q++) {
      const r = ref[q] as number;
      const dq = r >= 0 ? (dist[r] as number) : (dist[ref[-1 - r] as number] as number);
      heapOffer(best, k, dq, c.pool[q] as number);
    }
    heapDrain(best, outIdx, outDist, i * k);
  }
}

/** Points a k-d tree leaf holds at most. */
const LEAF_SIZE = 12;

/** A k-d tree over the rows of x (internal layout: node arrays, leaves as ranges of `perm`). @internal */
export interface KdTree {
  perm: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Split coordinate, −1 for a leaf. */
  dim: Int32Array;
  split: Float64Array;
  left: Int32Array;
  right: Int32Array;
  nodes: number;
}

/** Reorders perm[lo, hi) so that perm[m] has the m-th smallest coordinate `dim` (≤ left, ≥ right). */
function quickselect(x: Float64Array, d: number, dim: number, perm: Int32Array, lo: number, hi: number, m: number): void {
  let l = lo;
  let r = hi - 1;
  while (l < r) {
    const pivot = x[(perm[(l + r) >> 1] as number) * d + dim] as number;
    let a = l;
    let b = r;
    while (a <= b) {
      while ((x[(perm[a] as number) * d + dim] as number) < pivot) a++;
      while ((x[(perm[b] as number) * d + dim] as number) > pivot) b--;
      if (a <= b) {
        const t = perm[a] as number;
        perm[a] = perm[b] as number;
        perm[b] = t;
        a++;
        b--;
      }
    }
    if (m <= b) r = b;
    else if (m >= a) l = a;
    else break;
  }
}

/** Builds a k-d tree (split at the median of the coordinate of largest spread). @internal */
function buildKdTree(x: Float64Array, n: number, d: number): KdTree {
  // Median splits leave every leaf at least ⌊(LEAF_SIZE + 1)/2⌋ points, so this many nodes suffice.
  const cap = 2 * Math.ceil(n / Math.floor((LEAF_SIZE + 1) / 2)) + 1;
  const t: KdTree = {
    perm: new Int32Array(n),
    start: new Int32Array(cap),
    end: new Int32Array(cap),
    dim: new Int32Array(cap),
    split: new Float64Array(cap),
    left: new Int32Array(cap),
    right: new Int32Array(cap),
    nodes: 1,
  };
  for (let i = 0; i < n; i++) t.perm[i] = i;
  t.start[0] = 0;
  t.end[0] = n;
  const stack: number[] = [0];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    const lo = t.start[node] as number;
    const hi = t.end[node] as number;
    t.dim[node] = -1;
    if (hi - lo <= LEAF_SIZE) continue;
    let bestDim = -1;
    let bestSpread = 0;
    for (let k = 0; k < d; k++) {
      let mn = Infinity;
      let mx = -Infinity;
      for (let p = lo; p < hi; p++) {
        const v = x[(t.perm[p] as number) * d + k] as number;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mx - mn > bestSpread) {
        bestSpread = mx - mn;
        bestDim = k;
      }
    }
    if (bestDim < 0) continue; // all points equal: one leaf
    const mid = (lo + hi) >> 1;
    quickselect(x, d, bestDim, t.perm, lo, hi, mid);
    const l = t.nodes++;
    const r = t.nodes++;
    t.dim[node] = bestDim;
    t.split[node] = x[(t.perm[mid] as number) * d + bestDim] as number;
    t.left[node] = l;
    t.right[node] = r;
    t.start[l] = lo;
    t.end[l] = mid;
    t.start[r] = mid;
    t.end[r] = hi;
    stack.push(r, l);
  }
  return t;
}

/**
 * Exact k nearest neighbours of every point through the k-d tree. A subtree is skipped only when
 * its lower bound exceeds the current k-th distance strictly: the bound is Σₘ gₘ² over the
 * coordinates in order, gₘ the rounded gap from the query to the subtree's box along m (0 inside).
 * Rounding is monotone, so each rounded gₘ² is at most the rounded (xᵢₘ − xⱼₘ)² of any point j in the
 * box, and the ordered rounded sum at most the rounded direct distance; ties (equal distance,
 * smaller index) are still visited. A leaf's distances stop early once the partial sum exceeds the
 * k-th distance strictly (partial sums only grow). @internal
 */
export function treeNeighbors(x: Float64Array, n: number, d: number, k: number, rule: ExclusionRule | null, outIdx: Int32Array, outDist: Float64Array): void {
  const t = buildKdTree(x, n, d);
  const best: NeighborHeap = { dist: new Float64Array(k), idx: new Int32Array(k), size: 0 };
  const gap = new Float64Array(d);
  let i = 0;
  let io = 0;
  const search = (node: number, lb: number): void => {
    if (best.size === k && lb > (best.dist[0] as number)) return;
    const dim = t.dim[node] as number;
    if (dim < 0) {
      const end = t.end[node] as number;
      for (let p = t.start[node] as number; p < end; p++) {
        const j = t.perm[p] as number;
        if (j === i || excluded(rule, i, j)) continue;
        const full = best.size === k;
        const worst = full ? (best.dist[0] as number) : Infinity;
        const jo = j * d;
        let dist = 0;
        for (let m = 0; m < d; m++) {
          const v = (x[io + m] as number) - (x[jo + m] as number);
          dist += v * v;
          if (dist > worst) break;
        }
        if (dist > worst) continue;
        heapOffer(best, k, dist, j);
      }
      return;
    }
    const q = x[io + dim] as number;
    const s = t.split[node] as number;
    const diff = q < s ? s - q : q - s;
    search(q < s ? (t.left[node] as number) : (t.right[node] as number), lb);
    const old = gap[dim] as number;
    const g2 = diff * diff;
    if (g2 > old) gap[dim] = g2;
    let farLb = 0;
    for (let m = 0; m < d; m++) farLb += gap[m] as number;
    search(q < s ? (t.right[node] as number) : (t.left[node] as number), farLb);
    gap[dim] = old;
  };
  for (i = 0; i < n; i++) {
    io = i * d;
    search(0, 0);
    heapDrain(best, outIdx, outDist, i * k);
  }
}
