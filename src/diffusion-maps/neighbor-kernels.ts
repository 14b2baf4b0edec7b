/**
 * Kernels of the exact k-nearest-neighbour search (internal): a bounded max-heap of (distance,
 * index) pairs, the blocked brute-force search over Gram entries with an exact re-check, and a
 * k-d tree. Both searches rank by the direct squared difference of `squaredDistance` with ties
 * broken by index, so they return the same bits.
 *
 * @internal
 * @module
 */
import { centredSquaredNorms, gramBlock, gramMatrix, squaredDistance } from './distance-kernels';

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
export function heapOffer(h: NeighborHeap, k: number, dist: number, j: number): void {
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
export function heapDrain(h: NeighborHeap, outIdx: Int32Array, outDist: Float64Array, o: number): void {
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

/**
 * Exact k nearest neighbours by blocked brute force. For a block of query rows, the Gram entries
 * gᵢⱼ = cᵢ·cⱼ of the centred points give a = ‖cᵢ‖² + ‖cⱼ‖² − 2gᵢⱼ, within eᵢⱼ = (8d + 64)·2⁻⁵³·(‖cᵢ‖² + ‖cⱼ‖²)
 * of the direct distance (both roundings and the centring's included, with a margin of 2). The
 * k-th smallest a + e bounds the k-th direct distance τ from above; every j with a − e ≤ τ is
 * re-checked by direct differences and ranked by (distance, index). Memory O(n·k + block·n).
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
): void {
  const norms = new Float64Array(n);
  centredSquaredNorms(x, mean, n, d, norms);
  const coef = (8 * d + 64) * 2 ** -53;
  const full = n * n <= FULL_GRAM_ENTRIES;
  const B = full ? n : Math.max(2, Math.min(n, Math.floor(BLOCK_ENTRIES / n)) & ~1);
  const g = new Float64Array(B * n);
  if (full) gramMatrix(x, mean, n, d, g);
  const bound: NeighborHeap = { dist: new Float64Array(k), idx: new Int32Array(k), size: 0 };
  const best: NeighborHeap = { dist: new Float64Array(k), idx: new Int32Array(k), size: 0 };
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    if (!full) gramBlock(x, mean, n, d, i0, i1, false, g, n);
    for (let i = i0; i < i1; i++) {
      const o = (i - i0) * n;
      const ni = norms[i] as number;
      for (let j = 0; j < n; j++) {
        if (j === i || excluded(rule, i, j)) continue;
        const nj = norms[j] as number;
        const a = ni + nj - 2 * (g[o + j] as number);
        const up = a + coef * (ni + nj);
        if (bound.size === k && up >= (bound.dist[0] as number)) continue;
        heapOffer(bound, k, up, 0);
      }
      const tau = bound.dist[0] as number;
      bound.size = 0;
      for (let j = 0; j < n; j++) {
        if (j === i || excluded(rule, i, j)) continue;
        const nj = norms[j] as number;
        const a = ni + nj - 2 * (g[o + j] as number);
        if (a - coef * (ni + nj) > tau) continue;
        heapOffer(best, k, squaredDistance(x, i, j, d), j);
      }
      heapDrain(best, outIdx, outDist, i * k);
    }
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
export function buildKdTree(x: Float64Array, n: number, d: number): KdTree {
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
