/**
 * Internal kernels of the diffusion map: the Gaussian kernel (dense and symmetrised k-nearest-
 * neighbour), α-normalisation and the symmetric conjugate D^{-1/2} K D^{-1/2}, the eigen-solve by
 * Lanczos (plain, or shift-invert on a sparse LDLᵀ factor), union-find components, canonical signs
 * and bases of degenerate eigenspaces.
 *
 * @internal
 * @module
 */
import { lanczos, LANCZOS_DEFAULT_MEMORY, LANCZOS_MAX_DEFAULT_BASIS, type LanczosProgress, type LanczosResult } from '../spectral/lanczos';
import { denseOperator } from '../spectral/dense-operator';
import { csrOperatorFromChecked } from '../core/csr';
import { ldlNumeric, ldlSolve, ldlSymbolic, nestedDissectionOrder, type LdlSymbolic } from './shift-invert-kernels';
import ndarray from 'ndarray';
import type { Seed } from '../core/types';
import { transposeCompressed } from '../core/csr-transpose';
import { nearestNeighborsOfMatrix } from './nearest-neighbors';
import { pairwiseSquaredDistances } from './pairwise-distances';
import type { PointMatrix } from './point-input';
import { exp, pow } from '../core/elementary/index';

/**
 * The kept edges of a kernel graph with their squared distances: CSR with a symmetric pattern,
 * each row sorted, the diagonal (d² = 0) included. `dense: true` when every pair is kept (the
 * n × n layout, `columnIndices` then unused).
 * @internal
 */
export interface DistanceGraph {
  n: number;
  dense: boolean;
  /** Dense: n·n squared distances, row-major. Sparse: one per stored entry. */
  sq: Float64Array;
  rowPointers: Int32Array;
  columnIndices: Int32Array;
  /** Dense only: pairs removed (excluded neighbours near in time), as a 0/1 mask, or null. */
  mask: Uint8Array | null;
}

/**
 * A symmetric kNN distance graph from k nearest neighbours (self excluded, `indices[i·k + r]`
 * nearest first, -1 for none): the union of i → j and j → i, plus the diagonal; a pair found
 * from both sides keeps the smaller of its two squared distances, so the pattern and values are
 * symmetric. O(n·k) memory and time (rows sorted by a counting sort of the transpose).
 * @internal
 */
export function knnGraph(n: number, k: number, indices: Int32Array, distances: Float64Array): DistanceGraph {
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    counts[i] = (counts[i] as number) + 1;
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r] as number;
      if (j < 0 || j === i) continue;
      counts[i] = (counts[i] as number) + 1;
      counts[j] = (counts[j] as number) + 1;
    }
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = (start[i] as number) + (counts[i] as number);
  const total = start[n] as number;
  const cols = new Int32Array(total);
  const vals = new Float64Array(total);
  const fill = start.slice(0, n);
  const put = (i: number, j: number, v: number): void => {
    const p = fill[i] as number;
    cols[p] = j;
    vals[p] = v;
    fill[i] = p + 1;
  };
  for (let i = 0; i < n; i++) {
    put(i, i, 0);
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r] as number;
      if (j < 0 || j === i) continue;
      const v = distances[i * k + r] as number;
      put(i, j, v);
      put(j, i, v);
    }
  }
  // Sort each row by column: the transpose (a counting sort on the column, rows visited in order)
  // lists each column's rows ascending, and the pattern's multiset of (column, d²) per row is
  // symmetric, so the transpose's row i is row i sorted. Then merge duplicates (min d²).
  const { ptr: tstart, idx: tcols, vals: tvals } = transposeCompressed(n, n, start, cols, vals);
  const rowPointers = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    rowPointers[i] = w;
    const r0 = w;
    for (let p = tstart[i] as number; p < (tstart[i + 1] as number); p++) {
      const c = tcols[p] as number;
      const v = tvals[p] as number;
      if (w > r0 && cols[w - 1] === c) {
        if (v < (vals[w - 1] as number)) vals[w - 1] = v;
      } else {
        cols[w] = c;
        vals[w] = v;
        w++;
      }
    }
  }
  rowPointers[n] = w;
  return { n, dense: false, sq: vals.slice(0, w), rowPointers, columnIndices: cols.slice(0, w), mask: null };
}

/**
 * Kernel values K_ij = exp(−d²_ij/ε_ij) on the graph's entries, with ε_ij = ε (`scales` null) or
 * σ_i σ_j (`scales` the per-point σᵢ, the self-tuning kernel). Masked dense pairs get 0.
 * @internal
 */
export function kernelValues(g: DistanceGraph, epsilon: number, scales: Float64Array | null, out: Float64Array): Float64Array {
  const n = g.n;
  if (g.dense) {
    const inv = 1 / epsilon;
    for (let i = 0; i < n; i++) {
      const si = scales === null ? 0 : (scales[i] as number);
      for (let j = 0; j < n; j++) {
        const p = i * n + j;
        if (g.mask !== null && g.mask[p] === 1) {
          out[p] = 0;
          continue;
        }
        const e = scales === null ? inv : 1 / (si * (scales[j] as number));
        out[p] = exp(-(g.sq[p] as number) * e);
      }
    }
    return out;
  }
  const rp = g.rowPointers;
  const ci = g.columnIndices;
  for (let i = 0; i < n; i++) {
    const si = scales === null ? 0 : (scales[i] as number);
    for (let p = rp[i] as number; p < (rp[i + 1] as number); p++) {
      const e = scales === null ? 1 / epsilon : 1 / (si * (scales[ci[p] as number] as number));
      out[p] = exp(-(g.sq[p] as number) * e);
    }
  }
  return out;
}

/**
 * In place: K ← Q^{-α} K Q^{-α} (qᵢ = Σⱼ Kᵢⱼ), then K ← D^{-1/2} K D^{-1/2} (dᵢ = Σⱼ Kᵢⱼ of the
 * α-normalised kernel). Returns q and d. The result is symmetric when K is.
 * @internal
 */
export function normalizeKernel(g: DistanceGraph, K: Float64Array, alpha: number): { q: Float64Array; d: Float64Array } {
  const n = g.n;
  const q = rowSums(g, K);
  if (alpha !== 0) {
    const qa = new Float64Array(n);
    for (let i = 0; i < n; i++) qa[i] = 1 / pow(q[i] as number, alpha);
    scaleSymmetric(g, K, qa);
  }
  const d = rowSums(g, K);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = 1 / Math.sqrt(d[i] as number);
  scaleSymmetric(g, K, s);
  return { q, d };
}

function rowSums(g: DistanceGraph, K: Float64Array): Float64Array {
  const n = g.n;
  const out = new Float64Array(n);
  if (g.dense) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += K[i * n + j] as number;
      out[i] = s;
    }
  } else {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = g.rowPointers[i] as number; p < (g.rowPointers[i + 1] as number); p++) s += K[p] as number;
      out[i] = s;
    }
  }
  return out;
}

function scaleSymmetric(g: DistanceGraph, K: Float64Array, s: Float64Array): void {
  const n = g.n;
  if (g.dense) {
    for (let i = 0; i < n; i++) {
      const si = s[i] as number;
      for (let j = 0; j < n; j++) K[i * n + j] = (K[i * n + j] as number) * si * (s[j] as number);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const si = s[i] as number;
      for (let p = g.rowPointers[i] as number; p < (g.rowPointers[i + 1] as number); p++) {
        K[p] = (K[p] as number) * si * (s[g.columnIndices[p] as number] as number);
      }
    }
  }
}

/**
 * Connected components of the graph of nonzero kernel entries, by union-find (path halving, union
 * by size). O(edges · α(n)).
 * @internal
 */
export function countComponents(g: DistanceGraph, K: Float64Array): number {
  const n = g.n;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const p = parent[parent[x] as number] as number;
      parent[x] = p;
      x = p;
    }
    return x;
  };
  let components = n;
  const union = (a: number, b: number): void => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if ((size[ra] as number) < (size[rb] as number)) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] = (size[ra] as number) + (size[rb] as number);
    components--;
  };
  if (g.dense) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if ((K[i * n + j] as number) > 0) union(i, j);
  } else {
    for (let i = 0; i < n; i++) {
      for (let p = g.rowPointers[i] as number; p < (g.rowPointers[i + 1] as number); p++) if ((K[p] as number) > 0) union(i, g.columnIndices[p] as number);
    }
  }
  return components;
}

/** Options of the eigen-solve. @internal */
export interface SolveOptions {
  pairs: number;
  seed: Seed;
  tol: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: LanczosProgress) => void) | undefined;
}

/** The eigen-solve's result: Lanczos's, with the method that produced it. @internal */
export interface ConjugateSolution extends LanczosResult {
  solver: 'lanczos' | 'shift-invert';
}

/** δ of the shift-invert operator ((1 + δ)I − S)⁻¹ of the sparse path. @internal */
export const SHIFT_DELTA = 1e-6;
/**
 * Plain Lanczos steps predicted for a kNN diffusion map, per √n: the crowding of its top
 * eigenvalues grows with n (measured, 2-D manifolds, k = 15, 11 pairs: ~750 steps at n = 3000,
 * 1114 at 5000, 1950 at 20000, i.e. ~15√n). @internal
 */
export const PLAIN_STEPS_PER_ROOT_N = 15;
/** Solves a shift-invert run is budgeted for (measured: 55–135 for 11 pairs, the missed-eigenvalue check included). @internal */
export const SHIFT_SOLVES = 100;
/**
 * Cost of one multiply-add of the LDLᵀ numeric phase, in multiply-adds of a plain Lanczos step
 * (its indirect scatter against the step's SIMD basis kernels; measured ~2.5 ns against ~0.35 ns). @internal
 */
export const FACTOR_FLOP_WEIGHT = 7;
/** Cost of one entry of L in one solve (both triangular passes), in multiply-adds of a plain step (measured ~6 ns). @internal */
export const SOLVE_ENTRY_WEIGHT = 17;
/** Largest LDLᵀ factor (entries of L; 12 bytes each kept, 24 while it is built) the shift-invert path may hold: 2²³ (192 MiB at the peak). @internal */
export const SHIFT_MAX_ENTRIES = 2 ** 23;

/**
 * The shift-invert plan of a sparse distance graph, or null when plain Lanczos is the cheaper or
 * the only choice: the graph has at most 200 points (Lanczos is then exact), or the LDLᵀ factor of
 * (1 + δ)I − S in nested-dissection order is predicted, from its symbolic analysis (entries E and
 * flops F of L), to cost more than the plain solve: FACTOR_FLOP_WEIGHT·F + SHIFT_SOLVES·
 * (SOLVE_ENTRY_WEIGHT·E + 4·m′·n) against PLAIN_STEPS_PER_ROOT_N·√n plain steps of 2·nnz + 4·m·n
 * (m, m′ the two runs' basis sizes), in multiply-adds of a plain step; or the factor holds more
 * than {@link SHIFT_MAX_ENTRIES} entries. High intrinsic dimension makes the fill explode (and a
 * periodic 2-D manifold, a torus, doubles it: there plain Lanczos is as fast). The symbolic
 * analysis stops as soon as the fill passes the budget. The plan depends on the pattern only, so
 * every ε on the graph reuses it.
 * @internal
 */
export function planShiftInvert(g: DistanceGraph, pairs: number): LdlSymbolic | null {
  const n = g.n;
  if (g.dense || n <= LANCZOS_MAX_DEFAULT_BASIS) return null;
  const nnz = g.rowPointers[n] as number;
  const m = Math.min(n, Math.max(2 * pairs + 20, Math.min(Math.floor(LANCZOS_DEFAULT_MEMORY / (16 * n)), 3 * pairs + 30)));
  const plain = PLAIN_STEPS_PER_ROOT_N * Math.sqrt(n) * (2 * nnz + 4 * m * n);
  const budget = plain - SHIFT_SOLVES * 4 * Math.min(n, 2 * pairs + 20) * n;
  if (!(budget > 0)) return null;
  const maxEntries = Math.min(SHIFT_MAX_ENTRIES, budget / (SOLVE_ENTRY_WEIGHT * SHIFT_SOLVES));
  const order = nestedDissectionOrder(n, g.rowPointers, g.columnIndices);
  const sym = ldlSymbolic(n, g.rowPointers, g.columnIndices, order, maxEntries, budget / FACTOR_FLOP_WEIGHT);
  if (sym === null) return null;
  if (FACTOR_FLOP_WEIGHT * sym.flops + SHIFT_SOLVES * SOLVE_ENTRY_WEIGHT * sym.entries > budget) return null;
  return sym;
}

/**
 * The `pairs` largest eigenpairs of the symmetric conjugate S (dense: n·n in K; sparse: the
 * graph's pattern with values K), by thick-restart Lanczos (exact, m = n, for n ≤ 200).
 *
 * With a shift-invert `plan` (sparse graphs, see {@link planShiftInvert}): A = (1 + δ)I − S is
 * factorised A = L D Lᵀ (symmetric positive definite: S's eigenvalues are ≤ 1) and Lanczos runs
 * in shift-invert mode on (S − σI)⁻¹ = −A⁻¹, σ = 1 + δ, whose largest |θ| = 1/(1 − λ + δ) belong
 * to S's largest λ, in the same order (λ ↦ 1/(1 − λ + δ) increases on λ ≤ 1), and well separated
 * where S's are clustered near 1. A pair is accepted when its residual ρ on the transformed
 * operator bounds S's residual by tol: ‖S x − λx‖ ≤ ‖S − σI‖ρ/|θ| ≤ (2 + δ)ρ/|θ| ≤ tol; the values
 * and residuals returned are S's (Rayleigh quotients and true residuals, Lanczos's shift-invert
 * mode). A non-positive pivot (rounding) or a run that does not converge falls back to plain
 * Lanczos (its applications added); an aborted run is returned as it is.
 * @internal
 */
export function solveConjugate(g: DistanceGraph, K: Float64Array, o: SolveOptions, plan: LdlSymbolic | null = null): ConjugateSolution {
  const n = g.n;
  // The sparse operator is symmetric by construction (symmetric pattern, K_ij = K_ji): no check.
  const op = g.dense
    ? denseOperator(K, { symmetryTol: 1e-10 })
    : csrOperatorFromChecked({ dim: n, rowPointers: g.rowPointers, columnIndices: g.columnIndices, values: K, nnz: g.rowPointers[n] as number });
  let spent = 0;
  if (plan !== null) {
    const factor = ldlNumeric(plan, K, 1 + SHIFT_DELTA);
    if (factor !== null) {
      const tol = o.tol;
      const scale = 2 + SHIFT_DELTA;
      const r = lanczos(op, {
        k: o.pairs,
        tol,
        seed: o.seed,
        signal: o.signal,
        onProgress: o.onProgress,
        // a well-separated transformed spectrum converges in few steps: the smaller default basis
        // (2k′ + 20) restarts rarely and reorthogonalises less each step
        basisSize: Math.min(n, 2 * o.pairs + 20),
        shiftInvert: { sigma: 1 + SHIFT_DELTA, solve: (b, out) => ldlSolve(factor, b, out, -1) },
        convergence: (theta, residual) => scale * residual <= tol * Math.abs(theta),
      });
      const ok = r.converged && r.residuals.every((x) => x <= tol);
      if (ok || r.stopReason === 'aborted') return { ...r, solver: 'shift-invert' };
      spent = r.matvecs;
    }
  }
  const r = lanczos(op, { k: o.pairs, which: 'largest', tol: o.tol, seed: o.seed, signal: o.signal, onProgress: o.onProgress });
  return { ...r, matvecs: r.matvecs + spent, solver: 'lanczos' };
}

/**
 * Canonical bases and signs, in place on orthonormal vectors φ (`vectors[k]`, eigenvalue
 * `values[k]`, descending). Within each group of eigenvalues closer than `degenerateTol` the basis
 * is fixed by greedy row pivoting: the first vector is the projection of the unit vector e_p of the
 * row p with the largest norm (the first row within a relative 1e-6 of the largest), the next ones
 * the same in the orthogonal complement. Then each vector's sign makes its largest-magnitude entry
 * (the first within a relative 1e-6) positive. Deterministic: independent of the solver's start.
 * @internal
 */
export function canonicalize(values: Float64Array, vectors: Float64Array[], degenerateTol: number): void {
  const m = vectors.length;
  let a = 0;
  while (a < m) {
    let b = a + 1;
    while (b < m && Math.abs((values[b - 1] as number) - (values[b] as number)) <= degenerateTol) b++;
    if (b - a > 1) pivotBasis(vectors, a, b);
    a = b;
  }
  for (const v of vectors) {
    const p = firstNearMax(v.length, (i) => Math.abs(v[i] as number));
    if ((v[p] as number) < 0) for (let i = 0; i < v.length; i++) v[i] = -(v[i] as number);
  }
}

function firstNearMax(n: number, f: (i: number) => number): number {
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, f(i));
  for (let i = 0; i < n; i++) if (f(i) >= max * (1 - 1e-6)) return i;
  return 0;
}

function pivotBasis(vectors: Float64Array[], a: number, b: number): void {
  const n = (vectors[a] as Float64Array).length;
  const group = vectors.slice(a, b);
  const out: Float64Array[] = [];
  let basis: Float64Array[] = group.map((v) => Float64Array.from(v));
  while (basis.length > 0) {
    const m = basis.length;
    const p = firstNearMax(n, (i) => {
      let s = 0;
      for (const v of basis) s += (v[i] as number) ** 2;
      return s;
    });
    // coefficients c = (basis[·][p]) / ‖·‖; new vector u = Σ c_k basis[k]
    const c = new Float64Array(m);
    let cn = 0;
    for (let k = 0; k < m; k++) {
      c[k] = (basis[k] as Float64Array)[p] as number;
      cn += (c[k] as number) ** 2;
    }
    cn = Math.sqrt(cn);
    if (!(cn > 0)) {
      out.push(...basis);
      break;
    }
    for (let k = 0; k < m; k++) c[k] = (c[k] as number) / cn;
    const u = new Float64Array(n);
    for (let k = 0; k < m; k++) {
      const ck = c[k] as number;
      const v = basis[k] as Float64Array;
      for (let i = 0; i < n; i++) u[i] = (u[i] as number) + ck * (v[i] as number);
    }
    out.push(u);
    // The complement: Householder H with H c = ±e₁; columns 2..m of H give the remaining basis.
    const h = Float64Array.from(c);
    const sgn = (h[0] as number) >= 0 ? 1 : -1;
    h[0] = (h[0] as number) + sgn;
    let hn = 0;
    for (let k = 0; k < m; k++) hn += (h[k] as number) ** 2;
    const next: Float64Array[] = [];
    for (let col = 1; col < m; col++) {
      // column col of H = e_col − 2 h h_col / ‖h‖²
      const f = (2 * (h[col] as number)) / hn;
      const v = new Float64Array(n);
      for (let k = 0; k < m; k++) {
        const coef = (k === col ? 1 : 0) - f * (h[k] as number);
        if (coef === 0) continue;
        const bk = basis[k] as Float64Array;
        for (let i = 0; i < n; i++) v[i] = (v[i] as number) + coef * (bk[i] as number);
      }
      next.push(v);
    }
    basis = next;
  }
  for (let k = 0; k < out.length; k++) vectors[a + k] = out[k] as Float64Array;
}

/** Dense kernels above this many points are refused (an n × n matrix of 8·n² bytes, twice; pairwiseSquaredDistances takes n² ≤ 2²⁷). @internal */
export const DENSE_MAX = 11585;
/** The default path is dense up to this many points, sparse (15 neighbours) above. @internal */
export const DENSE_DEFAULT_MAX = 4096;
/** Neighbours of the default sparse path. @internal */
export const DEFAULT_NEIGHBORS = 15;

/** Trajectory structure of a point set: run id and snapshot index of each row. @internal */
export interface TimeExclusion {
  group: Int32Array | null;
  order: Int32Array;
  window: number;
}

/**
 * The distance graph of a point matrix: dense (all pairs, centred, by `pairwiseSquaredDistances`)
 * when `neighbors` is null, else the symmetrised kNN graph (`nearestNeighbors` on the already checked matrix, self excluded).
 * Pairs of one run within `exclusion.window` snapshots are left out (masked, or excluded from the
 * neighbour search).
 * @internal
 */
export function distanceGraph(pm: PointMatrix, neighbors: number | null, exclusion: TimeExclusion | null): DistanceGraph {
  const { n, d, data } = pm;
  const points = ndarray(data, [n, d]);
  if (neighbors === null) {
    const sq = pairwiseSquaredDistances(points);
    for (let i = 0; i < n; i++) sq[i * n + i] = 0;
    let mask: Uint8Array | null = null;
    if (exclusion !== null) {
      mask = new Uint8Array(n * n);
      const { group, order, window } = exclusion;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (j !== i && (group === null || group[i] === group[j]) && Math.abs((order[i] as number) - (order[j] as number)) <= window) mask[i * n + j] = 1;
        }
      }
    }
    return { n, dense: true, sq, rowPointers: new Int32Array(0), columnIndices: new Int32Array(0), mask };
  }
  let nn: { indices: Int32Array; distances: Float64Array; k: number };
  try {
    nn = nearestNeighborsOfMatrix(pm, {
      k: neighbors,
      ...(exclusion === null
        ? {}
        : {
            exclude: { ...(exclusion.group === null ? {} : { group: exclusion.group }), order: Float64Array.from(exclusion.order), window: exclusion.window },
          }),
    });
  } catch (e) {
    // nearestNeighbors names its own option k; here it is the caller's options.neighbors
    if (e instanceof RangeError && e.message.startsWith('options.k:'))
      throw new RangeError(`options.neighbors:${e.message.slice('options.k:'.length)}`, { cause: e });
    throw e;
  }
  return knnGraph(n, nn.k, nn.indices, nn.distances);
}
