/**
 * The missed-eigenvalue check of thick-restart Lanczos (internal: used by `lanczos-core.ts`, not
 * re-exported from the module index).
 *
 * A single-vector Krylov method can converge on k′ Ritz values and miss a copy of a repeated or
 * tightly clustered eigenvalue (in exact arithmetic the Krylov space of one start vector holds one
 * direction of each eigenspace). After convergence on X (the found unit vectors), a Lanczos run on
 * P B P, P = I − XXᵀ, from a fresh random vector (uniform on the unit sphere of range P, of
 * dimension N = n − |X|, or n − |X| − |Y| with the extra deflation below) looks for a Ritz value beyond the found ones by more than
 * margin = 2·max ρ + 64ε‖B‖ (ρ the found pairs' residuals): by interlacing, the proof of an
 * eigenvalue of B that the run missed. Its Ritz vectors for such values are the directions to put
 * into the basis, and the run stops at the first step that shows one.
 *
 * **Extra deflation.** The iteration's other converged Ritz pairs Y (outside the wanted set,
 * residual estimates passing the test) may be deflated too, P = I − [X Y][X Y]ᵀ: they remove
 * the eigenvalues next to the edge (on the 100 × 100 Laplacian top 10: the 11th and 12th, which
 * triples the gap that the bound has to resolve, ~440 → ~256 steps) and, at the other end, the
 * outliers that set the spread (the large Hessian eigenvalues when the smallest are wanted). The
 * argument changes from interlacing to Weyl's inequality: in the basis [X Y | Q] the operator is
 * blockdiag(Θ, QᵀBQ) plus an off-diagonal block E = QᵀB[X Y] = Qᵀ V_pend G_pend S, whose norm is
 * ≤ e = (Σ ρ²)^{1/2} over the found and extra pairs (ρ their residual estimates: the residuals of
 * Ritz vectors of a Lanczos basis all lie in the span of its unapplied vectors). So if P B P has
 * nothing at or beyond the edge H, B has no eigenvalue beyond H + e other than (those near) the
 * found ones; without Y, interlacing gives the same with e = 0. Y's residuals enter the margin
 * too. Y is chosen from the converged iteration, before the check's start is drawn, so the start
 * is still uniform on the sphere of range P and the bound below holds as it is.
 *
 * **When to stop with an all-clear: the Christoffel bound.** Let μ = Σ_i c_i² δ_{λ_i} be the
 * spectral measure of the start b (unit, uniform on the sphere of range P, dimension N) for
 * M = P B P on range P, and p_0 = 1, p_1, … the Lanczos polynomials, β_t p_{t+1}(x) =
 * (x − α_t) p_t(x) − β_{t−1} p_{t−1}(x): after t steps p_0 … p_t are orthonormal for μ
 * (exact arithmetic). For any x and any polynomial q of degree ≤ t with q(x) = 1,
 * μ({x}) ≤ ∫ q² dμ; the least such integral is the Christoffel function 1/S_t(x),
 * S_t(x) = Σ_{i≤t} p_i(x)² (Szegő; Golub & Meurant, "Matrices, Moments and Quadrature"). If M
 * had an eigenvalue λ ≥ H (the edge: k-th found value + margin) with unit eigenvector u, then
 * as long as no Ritz value has crossed H (all zeros of p_0 … p_t lie below H, so |p_i| grows
 * beyond it), c² = (uᵀb)² = μ({λ}) ≤ 1/S_t(λ) ≤ 1/S_t(H). And c² ~ Beta(1/2, (N − 1)/2) for a
 * uniform start, so P(c² ≤ ρ) ≤ 2√ρ/B(1/2, (N−1)/2) ≤ √(2(N − 1)ρ/π) (Wendel's
 * Γ(a + 1/2) ≤ √a·Γ(a); N − 1 replaced by max(N − 1, 2), which also covers N = 2). So the run
 * stops, "nothing beyond H at confidence 1 − δ", as soon as
 *
 *   bound_t = √(2·max(N − 1, 2) / (π·S_t(H))) ≤ δ.
 *
 * Every step's test implies c² ≤ πδ²/(2·max(N − 1, 2)), a fixed threshold, so the stopping rule
 * (whatever step it stops at) gives a false all-clear with probability ≤ δ; no estimate of the
 * spectrum enters (only the Sturm count that no Ritz value lies beyond H, exact). For 'smallest'
 * mirrored (S_t at the low edge); for 'both' and 'magnitude' the larger of the two ends' bounds
 * (a miss at either end is bounded by its own). The bound uses what the run has learnt of the
 * deflated spectrum: an isolated eigenvalue just inside the edge, once its Ritz value has
 * converged, costs little (a polynomial vanishing there); a continuum up to the edge costs
 * ~log(2N/(πδ²))/(2·acosh(1 + 2·gap/width)) steps. (Kuczyński & Woźniakowski's 1992 bound
 * 1.648·√N·e^{−√ε(2j−1)}, used before, is a worst case over spectra that depends on the gap
 * alone: on the 100 × 100 Laplacian top 10 it needs ~256 steps where this one needs ~135.) At
 * breakdown (the Krylov space of the start is invariant under P B P) the extreme Ritz values are
 * exact and the bound is 0; in a deflated space of dimension N ≤ 200 the run reorthogonalises
 * fully and may take N steps, which give the exact answer (bound 0).
 *
 * Limits (stated in docs/spectral.md): the run uses the three-term recurrence with the deflation
 * against X (and Y) redone every step but without reorthogonalisation against its own vectors;
 * in floating point its tridiagonal is that of exact Lanczos on a nearby larger matrix whose
 * eigenvalues lie in tiny intervals around those of M, with the start's weights nearly kept
 * (Paige 1980, Greenbaum 1989), so the bound is the exact-arithmetic one up to that; and
 * "missed" means beyond the margin: an eigenvalue within 2·max ρ (+ e with extra deflation) of
 * the k-th found value is not distinguished from it.
 *
 * @module
 */
import { axpy, dot, norm2, scale } from '../core/blas1';
import { addCombination, dotsInto, norm2In } from '../core/basis-kernels';
import { SIMD_MIN_DIM, createSimdHeap, type SimdHeap } from '../core/simd-heap';
import type { Rng } from '../random/rng';
import type { LanczosWhich } from './rayleigh-ritz';
import { log, log1p } from '../core/elementary/index';

const EPS = 2 ** -52;
/** Where the Christoffel sums stop growing: their bound √(tail/S) is then below 1e-140. */
const S_CAP = 1e290;
/** Dimension (of the deflated space) up to which the run reorthogonalises fully, and may run until it spans the space. @internal */
export const FULL_REORTH_DIM = 200;
/** Steps the check always takes (unless it finds a miss, breaks down or reaches δ) before it may give up. */
const MIN_STEPS = 20;

/** What the check needs to know of the converged run. @internal */
export interface MissedEigenvalueCheckInput {
  /** Length of the vectors. */
  n: number;
  /** The found unit, mutually orthogonal vectors X, in rank order (for 'both': low, high, low, …). */
  found: readonly Float64Array[];
  /** Their Ritz values θ (of B), in the same order. */
  foundValues: ArrayLike<number>;
  /** Residual estimates of the found pairs (of B). */
  residualEstimates: ArrayLike<number>;
  /** True residuals ‖B x − θ x‖ of the found pairs, when known (not in shift-invert mode, where they are of A). */
  trueResiduals: ArrayLike<number> | null;
  /**
   * Further converged Ritz vectors of the iteration, outside the wanted set (unit, orthogonal to
   * `found` and to each other), deflated too: they remove eigenvalues next to the edge from the
   * searched space, which widens its gap (see the module comment). Default none.
   */
  extra?: readonly Float64Array[];
  /** Residual estimates of the `extra` pairs (of B), in the same order. */
  extraResiduals?: ArrayLike<number>;
  /** Which end(s) were wanted ('magnitude' in shift-invert mode). */
  which: LanczosWhich;
  /** The ‖B‖ estimate. */
  normEstimate: number;
  /** Most Lanczos steps (operator applications) of the check: at most n − |X|, within the budget left. */
  steps: number;
  /** The convergence test (θ, residual, ‖B‖ estimate) a missed pair must pass before the check hands it over. */
  accept: (theta: number, residual: number, normEstimate: number) => boolean;
  /** δ: stop with an all-clear once the probability bound of a miss is ≤ δ (see the module comment). */
  delta: number;
  /** Stream of the start vector (one Gaussian vector is drawn, also when `steps` is 0). */
  rng: Rng;
  /** Checked before each step. */
  signal: AbortSignal | undefined;
}

/** What the check found. @internal */
export interface MissedEigenvalueCheckResult {
  /** The check's Ritz vectors (not normalised) whose Ritz values lie beyond the found ones; empty for an all-clear. */
  directions: Float64Array[];
  /** The signal was aborted before the check finished (`directions` is then empty). */
  aborted: boolean;
  /** Operator applications the check made. */
  matvecs: number;
  /**
   * Upper bound on the probability that an eigenvalue beyond the found ones (by more than the
   * margin) exists although the run did not show one: 0 at breakdown or when nothing is left to
   * search, 1 when no step was taken; meaningless (0) when `directions` is non-empty.
   */
  bound: number;
}

/** Number of eigenvalues of the tridiagonal (α, β)[0..j) below x (Sturm count). */
function countBelow(alpha: Float64Array, beta: Float64Array, j: number, x: number): number {
  let count = 0;
  let d = 1;
  for (let i = 0; i < j; i++) {
    const b = i > 0 ? (beta[i - 1] as number) : 0;
    d = (alpha[i] as number) - x - (i > 0 ? (b * b) / d : 0);
    if (d === 0) d = EPS * (Math.abs(x) + 1e-300);
    if (d < 0) count++;
  }
  return count;
}

/**
 * A bracket [a, b] of the extreme eigenvalue of the tridiagonal (α, β)[0..j) ('max' or 'min') by
 * bisection from [lo, hi], to the width max(`width`, 4ε·max(|a|, |b|)). Returns the bracket in `out`.
 */
function extremeEigenvalue(
  alpha: Float64Array,
  beta: Float64Array,
  j: number,
  lo: number,
  hi: number,
  end: 'max' | 'min',
  width: number,
  out: Float64Array,
): void {
  let a = lo;
  let b = hi;
  for (let it = 0; it < 100 && b - a > Math.max(width, 4 * EPS * Math.max(Math.abs(a), Math.abs(b))); it++) {
    const mid = 0.5 * (a + b);
    const below = countBelow(alpha, beta, j, mid);
    // 'max': all j eigenvalues below mid puts mid above λ_max; 'min': none below puts it under λ_min.
    if (end === 'max' ? below === j : below !== 0) b = mid;
    else a = mid;
  }
  out[0] = a;
  out[1] = b;
}

/**
 * An eigenvector of the tridiagonal (α, β)[0..j) for its eigenvalue θ (known to full precision),
 * by two steps of inverse iteration (LU with partial pivoting of T − θI). O(j).
 */
function tridiagonalEigenvector(alpha: Float64Array, beta: Float64Array, j: number, theta: number): Float64Array {
  const shift = theta + 8 * EPS * Math.max(1, Math.abs(theta));
  // Rows of U: u0 (diagonal), u1, u2 (super-diagonals), the multipliers l and the pivoting.
  const u0 = new Float64Array(j);
  const u1 = new Float64Array(j);
  const u2 = new Float64Array(j);
  const l = new Float64Array(j);
  const swap = new Uint8Array(j);
  // Current row being eliminated: (d, e) for columns i, i+1; the next row's (sub, diag, sup).
  let d = (alpha[0] as number) - shift;
  let e = j > 1 ? (beta[0] as number) : 0;
  for (let i = 0; i < j - 1; i++) {
    const sub = beta[i] as number;
    const nd = (alpha[i + 1] as number) - shift;
    const ne = i + 1 < j - 1 ? (beta[i + 1] as number) : 0;
    if (Math.abs(sub) > Math.abs(d)) {
      // Swap rows i and i + 1.
      swap[i] = 1;
      const m = d / sub;
      l[i] = m;
      u0[i] = sub;
      u1[i] = nd;
      u2[i] = ne;
      d = e - m * nd;
      e = -m * ne;
    } else {
      const m = d === 0 ? 0 : sub / d;
      l[i] = m;
      u0[i] = d;
      u1[i] = e;
      u2[i] = 0;
      d = nd - m * e;
      e = ne;
    }
  }
  u0[j - 1] = d === 0 ? EPS : d;
  const y = new Float64Array(j).fill(1);
  for (let iter = 0; iter < 2; iter++) {
    // Forward: apply the row operations to y.
    for (let i = 0; i < j - 1; i++) {
      if (swap[i] === 1) {
        const t = y[i] as number;
        y[i] = y[i + 1] as number;
        y[i + 1] = t - (l[i] as number) * (y[i] as number);
      } else y[i + 1] = (y[i + 1] as number) - (l[i] as number) * (y[i] as number);
    }
    // Back substitution with U.
    for (let i = j - 1; i >= 0; i--) {
      let s = y[i] as number;
      if (i + 1 < j) s -= (u1[i] as number) * (y[i + 1] as number);
      if (i + 2 < j) s -= (u2[i] as number) * (y[i + 2] as number);
      const p = u0[i] as number;
      y[i] = s / (p === 0 ? EPS : p);
    }
    scale(1 / norm2(y), y);
  }
  return y;
}

/** The Ritz pairs of T_t beyond the edges (above `high`, below `low`), eigenvalues by bisection, vectors by inverse iteration. */
function beyondPairs(alpha: Float64Array, beta: Float64Array, t: number, high: number, low: number, gersh: number): { theta: number; y: Float64Array }[] {
  const out: { theta: number; y: Float64Array }[] = [];
  const tight = (lo: number, hi: number): boolean => hi - lo <= 4 * EPS * Math.max(Math.abs(lo), Math.abs(hi));
  // Above `high`: the (q+1)-th largest is the smallest x with at most q eigenvalues ≥ x.
  const above = t - countBelow(alpha, beta, t, high);
  let top = gersh;
  for (let q = 0; q < above; q++) {
    let lo = high;
    let hi = top;
    for (let it = 0; it < 200 && !tight(lo, hi); it++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(alpha, beta, t, mid) >= t - q) hi = mid;
      else lo = mid;
    }
    top = lo;
    out.push({ theta: hi, y: tridiagonalEigenvector(alpha, beta, t, hi) });
  }
  const below = Number.isFinite(low) ? countBelow(alpha, beta, t, low) : 0;
  let bottom = -gersh;
  for (let q = 0; q < below; q++) {
    let lo = bottom;
    let hi = low;
    for (let it = 0; it < 200 && !tight(lo, hi); it++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(alpha, beta, t, mid) <= q) lo = mid;
      else hi = mid;
    }
    bottom = hi;
    out.push({ theta: lo, y: tridiagonalEigenvector(alpha, beta, t, lo) });
  }
  return out;
}

/**
 * The pairs among `pairs` that belong to the wanted set once they join the found values: per end
 * (values above `high` join the high end, below it the low end; one end by |θ| for 'magnitude'),
 * the first as many as there are found values at that end, by how much they are wanted.
 */
function needed<P extends { theta: number }>(pairs: P[], foundValues: ArrayLike<number>, which: LanczosWhich, high: number): P[] {
  const count = foundValues.length;
  const side = (q: number): 'high' | 'low' | 'abs' =>
    which === 'magnitude' ? 'abs' : which === 'largest' || (which === 'both' && q % 2 === 1) ? 'high' : 'low';
  const key = (theta: number, s: 'high' | 'low' | 'abs'): number => (s === 'abs' ? Math.abs(theta) : s === 'high' ? theta : -theta);
  const out: P[] = [];
  for (const s of ['high', 'low', 'abs'] as const) {
    const entries: { key: number; pair: P | null }[] = [];
    for (let q = 0; q < count; q++) if (side(q) === s) entries.push({ key: key(foundValues[q] as number, s), pair: null });
    const slots = entries.length;
    for (const pr of pairs) {
      const ps = which === 'magnitude' ? 'abs' : pr.theta > high ? 'high' : 'low';
      if (ps === s) entries.push({ key: key(pr.theta, s), pair: pr });
    }
    entries.sort((a, b) => b.key - a.key);
    for (let q = 0; q < Math.min(slots, entries.length); q++) {
      const pr = (entries[q] as { pair: P | null }).pair;
      if (pr !== null) out.push(pr);
    }
  }
  return out;
}

/** The found vectors for {@link deflate}: copies in a SIMD heap when there is one (with a work vector there), else the vectors themselves. */
interface Deflation {
  heap: SimdHeap | undefined;
  X: readonly Float64Array[];
  /** A vector of the heap (or a plain one) for the products. */
  work: Float64Array;
  coef: Float64Array;
}

function createDeflation(n: number, found: readonly Float64Array[]): Deflation {
  const heap = n >= SIMD_MIN_DIM && found.length > 0 ? createSimdHeap((found.length + 1) * 2 * Math.ceil(n / 2) + 8) : undefined;
  const copy = (x: Float64Array): Float64Array => {
    const y = heap?.alloc(n);
    if (y === undefined) return x;
    y.set(x);
    return y;
  };
  return { heap, X: found.map(copy), work: heap?.alloc(n) ?? new Float64Array(n), coef: new Float64Array(found.length) };
}

/**
 * v ← v − X Xᵀ v by classical Gram–Schmidt against the orthonormal X, with the DGKS criterion: a
 * second pass only when the first removed more than half of ‖v‖² (‖v_after‖² < ‖Xᵀv‖², i.e.
 * ‖v_after‖ < ‖v_before‖/√2), where cancellation could leave a component of X above rounding. In
 * the check's steps the component along X is tiny (the found pairs' residuals), so one pass is
 * the rule. By the basis kernels (SIMD when v lives in the heap; the JavaScript loops give the
 * same bits).
 */
function deflate(d: Deflation, v: Float64Array): void {
  const k = d.X.length;
  if (k === 0) return;
  for (let pass = 0; pass < 2; pass++) {
    dotsInto(d.heap, d.X, 0, k, v, d.coef);
    addCombination(d.heap, d.X, 0, k, d.coef, v, -1);
    let removed = 0;
    for (let q = 0; q < k; q++) removed += (d.coef[q] as number) * (d.coef[q] as number);
    const left = norm2In(d.heap, v);
    if (!(left * left < removed)) return;
  }
}

/**
 * Runs the check (see the module comment), yielding its operator applications through `apply`
 * (`apply(x, out)` writes B x into out; a generator, so that a synchronous and an asynchronous
 * driver share it). At most `steps` applications; stops at the first step whose Ritz values show
 * a missed eigenvalue, as soon as the bound reaches δ, or at breakdown. O(j·(|X| + 1)·n) work
 * besides the applications, O(j·n) memory (the check's Lanczos vectors, for the directions).
 *
 * @internal
 */
export function* missedEigenvalueCheck<R>(
  apply: (x: Float64Array, out: Float64Array) => Generator<R, void, void>,
  input: MissedEigenvalueCheckInput,
): Generator<R, MissedEigenvalueCheckResult, void> {
  const { n, found, foundValues, which, normEstimate, steps, delta } = input;
  const extra = input.extra ?? [];
  let maxRes = 0;
  for (let q = 0; q < found.length; q++) maxRes = Math.max(maxRes, input.residualEstimates[q] as number);
  if (input.trueResiduals) for (let q = 0; q < found.length; q++) maxRes = Math.max(maxRes, input.trueResiduals[q] as number);
  for (let q = 0; q < extra.length; q++) maxRes = Math.max(maxRes, input.extraResiduals?.[q] ?? Infinity);
  const margin = 2 * maxRes + 64 * EPS * normEstimate;
  // The boundary of the found set (for 'both' it interleaves the k lowest, at even positions, and
  // the k highest, at odd ones). Missed: an eigenvalue of P B P above `high` or below `low`.
  let lowEdge = -Infinity; // largest of the found low values ('smallest', 'both')
  let highEdge = Infinity; // smallest of the found high values ('largest', 'both')
  let absEdge = Infinity; // smallest found |θ| ('magnitude')
  for (let q = 0; q < found.length; q++) {
    const th = foundValues[q] as number;
    absEdge = Math.min(absEdge, Math.abs(th));
    if (which === 'smallest' || (which === 'both' && q % 2 === 0)) lowEdge = Math.max(lowEdge, th);
    if (which === 'largest' || (which === 'both' && q % 2 === 1)) highEdge = Math.min(highEdge, th);
  }
  if (which === 'magnitude') {
    lowEdge = -absEdge;
    highEdge = absEdge;
  }
  const high = highEdge + margin;
  const low = lowEdge - margin;
  const dimLeft = n - found.length - extra.length;

  const start = input.rng.fillNormal(new Float64Array(n));
  if (!(steps > 0) || dimLeft <= 0) return { directions: [], aborted: false, matvecs: 0, bound: dimLeft <= 0 ? 0 : 1 };
  const defl = createDeflation(n, extra.length > 0 ? [...found, ...extra] : found);
  deflate(defl, start);
  const s0 = norm2(start);
  if (!(s0 > 0)) return { directions: [], aborted: false, matvecs: 0, bound: 0 };
  scale(1 / s0, start);

  const V: Float64Array[] = [start];
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  // P(c² ≤ ρ) ≤ √(tail·ρ) for the squared component c² ~ Beta(1/2, (N − 1)/2) of the uniform start
  // along a fixed unit vector (see the module comment); the bound at an edge is √(tail/S), and
  // S = tail/δ² reaches δ.
  const tail = (2 * Math.max(dimLeft - 1, 2)) / Math.PI;
  const logNeed = log(tail / (delta * delta));
  let hiPrev = 0;
  let hiP = 1;
  let hiS = 1;
  let loPrev = 0;
  let loP = 1;
  let loS = 1;
  const fullReorth = dimLeft <= FULL_REORTH_DIM;
  const w = defl.work;
  let thMax = -Infinity;
  let thMin = Infinity;
  let maxLo = -Infinity; // ≤ λ_max(T_t) (θ_max ≥ it)
  let minHi = Infinity; // ≥ λ_min(T_t) (θ_min ≤ it)
  const bracket = new Float64Array(2);
  let matvecs = 0;
  let bound = 1;
  let gersh = 0; // max over rows of |α| + |β| neighbours: bounds |θ|
  for (let j = 0; j < steps; j++) {
    if (input.signal?.aborted) return { directions: [], aborted: true, matvecs, bound: 1 };
    const v = V[j] as Float64Array;
    yield* apply(v, w);
    matvecs++;
    const a = dot(v, w);
    axpy(-a, v, w);
    if (j > 0) axpy(-(beta[j - 1] as number), V[j - 1] as Float64Array, w);
    deflate(defl, w);
    // A local re-pass against v_j (the three-term recurrence loses it first); in a small space,
    // full reorthogonalisation (two passes over the run's vectors), so that a run of dimLeft
    // steps spans it and its answer is exact.
    const da = dot(v, w);
    axpy(-da, v, w);
    alpha[j] = a + da;
    if (fullReorth) {
      for (let pass = 0; pass < 2; pass++) for (let i = 0; i <= j; i++) axpy(-dot(V[i] as Float64Array, w), V[i] as Float64Array, w);
      deflate(defl, w);
    }
    const b = norm2(w);
    beta[j] = b;
    const t = j + 1;
    gersh = Math.max(gersh, Math.abs(alpha[j] as number) + (j > 0 ? (beta[j - 1] as number) : 0) + b);
    // Extreme Ritz values of T_t: θ_max only grows and θ_min only falls with t (interlacing).
    // Brackets to a thousandth of their distance to the edge (what the bound needs; the test for
    // a miss is a Sturm count at the edge, exact): θ_max from above and θ_min from below, the
    // conservative ends for the bound, and their other ends (≤ λ_max, ≥ λ_min of T_t) as the next
    // step's starting brackets.
    // (T_t = diag(T_{t−1}, α_t) + a coupling of norm β_{t−1}: its extremes move by at most β_{t−1}.)
    const hiBound = Math.max(thMax, alpha[j] as number) + (j > 0 ? (beta[j - 1] as number) : 0);
    const loBound = Math.min(thMin, alpha[j] as number) - (j > 0 ? (beta[j - 1] as number) : 0);
    const spreadEst = Math.max(EPS, hiBound - loBound);
    extremeEigenvalue(
      alpha,
      beta,
      t,
      Number.isFinite(maxLo) ? maxLo : loBound,
      hiBound,
      'max',
      1e-3 * Math.max(EPS * spreadEst, Number.isFinite(high) ? Math.abs(high - maxLo) : spreadEst),
      bracket,
    );
    maxLo = bracket[0] as number;
    thMax = bracket[1] as number;
    extremeEigenvalue(
      alpha,
      beta,
      t,
      loBound,
      Number.isFinite(minHi) ? minHi : hiBound,
      'min',
      1e-3 * Math.max(EPS * spreadEst, Number.isFinite(low) ? Math.abs(minHi - low) : spreadEst),
      bracket,
    );
    thMin = bracket[0] as number;
    minHi = bracket[1] as number;
    const breakdown = b <= 16 * EPS * Math.max(normEstimate, gersh) || (fullReorth && t >= dimLeft);
    if (countBelow(alpha, beta, t, high) < t || (Number.isFinite(low) && countBelow(alpha, beta, t, low) > 0)) {
      // A missed eigenvalue is proven. Keep stepping (the unrestarted run converges it faster than
      // the main iteration would from a rough direction) until every Ritz pair beyond the edges
      // passes the test on its estimate |β_t y_t| (or the steps or the space run out).
      // Only the pairs that enter the wanted set (the k′ most wanted of the found values and the
      // pairs together) need to converge; the others fall below the new edge.
      const pairs = needed(beyondPairs(alpha, beta, t, high, low, gersh), foundValues, which, high);
      const done = breakdown || t >= steps || pairs.every(({ theta, y }) => input.accept(theta, Math.abs(b * (y[t - 1] as number)), normEstimate));
      if (done) {
        const directions = pairs.map(({ y }) => {
          const z = new Float64Array(n);
          for (let i = 0; i < t; i++) axpy(y[i] as number, V[i] as Float64Array, z);
          deflate(defl, z);
          return z;
        });
        return { directions, aborted: false, matvecs, bound: 0 };
      }
      scale(1 / b, w, (V[t] = new Float64Array(n)));
      continue;
    }
    if (breakdown) return { directions: [], aborted: false, matvecs, bound: 0 };
    // The Christoffel sums at each wanted edge (see the module comment): p_{t}(x) from
    // β_{t−1} p_t = (x − α_{t−1}) p_{t−1} − β_{t−2} p_{t−2}, S += p_t(x)². Past ~1e290 the bound is 0
    // for any δ the options allow and S stops growing (no overflow).
    if (Number.isFinite(high) && hiS < S_CAP) {
      const p = ((high - (alpha[j] as number)) * hiP - (j > 0 ? (beta[j - 1] as number) : 0) * hiPrev) / b;
      hiPrev = hiP;
      hiP = p;
      hiS += p * p;
    }
    if (Number.isFinite(low) && loS < S_CAP) {
      const p = ((low - (alpha[j] as number)) * loP - (j > 0 ? (beta[j - 1] as number) : 0) * loPrev) / b;
      loPrev = loP;
      loP = p;
      loS += p * p;
    }
    // The bound at each wanted end, the largest of them (a miss at either end is bounded by its
    // own), and the steps at which it would reach δ if the extreme Ritz values stopped moving:
    // S grows by e^{2·acosh(1 + 2·gap/width)} a step (the Chebyshev rate of the Ritz interval's
    // width at the distance gap beyond it). Past the first MIN_STEPS, a check that could not reach
    // δ within `steps` gives up at once when the extreme Ritz values have settled on eigenvalues
    // inside the edges (residual estimate ≤ half their distance to the edge): one still moving
    // towards the edge may be about to cross it, and is followed. (Not when `steps` can exhaust
    // the space: the run then ends with an exact answer, bound 0.) Giving up only ever flags.
    bound = 0;
    let needSteps = 0;
    let settled = true;
    const end = (theta: number, gap: number, width: number, sum: number): void => {
      const e = Math.min(1, Math.sqrt(tail / sum));
      bound = Math.max(bound, e);
      const y = width > 0 && gap > 0 ? (2 * gap) / width : 0;
      const rate = y > 0 ? 2 * log1p(y + Math.sqrt(y * (2 + y))) : 0;
      needSteps = Math.max(needSteps, e <= delta ? t : rate > 0 ? t + (logNeed - log(sum)) / rate : Infinity);
      if (t >= MIN_STEPS && needSteps > steps && steps < dimLeft && settled) {
        const yv = tridiagonalEigenvector(alpha, beta, t, theta);
        if (!(Math.abs(b * (yv[t - 1] as number)) <= 0.5 * gap)) settled = false;
      }
    };
    if (Number.isFinite(high)) end(thMax, high - thMax, thMax - thMin, hiS);
    if (Number.isFinite(low)) end(thMin, thMin - low, thMax - thMin, loS);
    if (bound <= delta || (t >= MIN_STEPS && needSteps > steps && steps < dimLeft && settled)) return { directions: [], aborted: false, matvecs, bound };
    if (t < steps) scale(1 / b, w, (V[t] = new Float64Array(n)));
  }
  return { directions: [], aborted: false, matvecs, bound };
}
