/**
 * The dimension-free part of the Fokker–Planck solvers: a finite-volume generator given by its
 * faces (pairs of cells with a Scharfetter–Gummel rate each way) and its exit rates (absorbing
 * walls), assembled as CSR, and the solves every grid shares (stationary density, implicit
 * evolution, mean first-passage times, principal eigenvalues by inverse iteration), all on the
 * banded LU of core. @internal
 *
 * @module
 */
import { bandedLuKernel } from '../core/banded-lu';
import { sparseLuNumeric, sparseLuSymbolic, type SparseLuSymbolic } from '../core/sparse-lu';
import { csrOperatorFromChecked, type CheckedCsrMatrix, type CsrLinearOperator } from '../core/csr';
import type { LongRun } from '../core/long-run';
import type { LongRunOptions } from '../core/types';
import { expm1 } from '../core/elementary/index';

/**
 * The Bernoulli function B(v) = v / (eᵛ − 1) (B(0) = 1), computed with expm1 (accurate near 0,
 * B(v) → 0 for v → ∞, B(v) → −v for v → −∞). B(−v) = B(v) + v. @internal
 */
export function bernoulli(v: number): number {
  return v === 0 ? 1 : v / expm1(v);
}

/** The faces of a grid: cells a[f] and b[f], rates a→b and b→a, and the cell length across the face. @internal */
export interface Faces {
  a: Int32Array;
  b: Int32Array;
  rateAB: Float64Array;
  rateBA: Float64Array;
  /** The cell length across face f (h in 1-D; h_x for an x-face in 2-D): mass flux = length·(rateAB p_a − rateBA p_b). */
  length: Float64Array;
}

/**
 * How the principal eigenvalue search ended: `'converged'` (rate and backward error within
 * tolerance), `'budget'` (`maxIterations` spent first), `'stalled'` (the iteration settled, but
 * the rate is below what the direct solves can resolve in double precision: ε·‖G‖∞/rate > 1e-6,
 * a barrier too high for the grid; the number is then not to be trusted), `'aborted'` (the
 * caller's signal; the last iterate is returned).
 */
export type EscapeRateStopReason = 'converged' | 'budget' | 'stalled' | 'aborted';

/** What `escapeRate()` reports to `onProgress` after an inverse-iteration step. */
export interface EscapeRateProgress {
  /** Steps taken so far. */
  iteration: number;
  /** The budget, `maxIterations`. */
  maxIterations: number;
  /** The current rate estimate. */
  rate: number;
  /** The current backward error. */
  residual: number;
}

/** The result of an `escapeRate()` call of a Fokker–Planck solver. */
export interface EscapeRateResult {
  /**
   * The rate (1/time units): with an absorbing part (a target or an absorbing side), the
   * quasi-stationary decay rate λ₀ > 0, the principal eigenvalue of −G with the absorbing part
   * removed (real, with a positive eigenvector, by Perron–Frobenius); with reflecting/periodic walls
   * only, the relaxation rate −λ₁ of the slowest non-zero mode (for a double well, the sum
   * k₁₂ + k₂₁ of both directions' rates).
   */
  rate: number;
  /** Which of the two `rate` is: `'quasi-stationary'` (absorbing part present) or `'relaxation'`. */
  kind: 'quasi-stationary' | 'relaxation';
  /** The eigenvector on the cells: the quasi-stationary density (mass 1, ≥ 0), or the slow mode (mass 0, unit max-norm). */
  mode: Float64Array;
  /** The backward error ‖(−G)x − rate·x‖∞ / (‖G‖∞·‖x‖∞) at the returned mode (G restricted to the non-target cells). */
  residual: number;
  /** Inverse-iteration steps taken. */
  iterations: number;
  /** True exactly when `stopReason` is `'converged'`. */
  converged: boolean;
  stopReason: EscapeRateStopReason;
}

/** Options of `escapeRate()`: also `onProgress` (after inverse-iteration steps, ≤ ~100 calls) and `signal` (checked after each step; an abort returns the last iterate with `stopReason: 'aborted'`). */
export interface EscapeRateOptions extends LongRunOptions<EscapeRateProgress> {
  /**
   * Inverse iteration stops when the rate changes by at most tol·rate from one step to the next
   * (and the backward error {@link EscapeRateResult.residual} is below 1e3·ε). Default 1e-12.
   */
  tol?: number;
  /** Most inverse-iteration steps (each one banded solve). Default 1000. */
  maxIterations?: number;
}

/** What `evolve()` reports to `onProgress` after a time step. */
export interface EvolveProgress {
  /** Steps taken so far. */
  step: number;
  /** Steps asked for. */
  steps: number;
  /** The time reached, step·Δt. */
  time: number;
}

/** How `evolve()` ended: `'time'` (reached t) or `'aborted'` (the caller's signal, at the time reached). */
export type EvolveStopReason = 'time' | 'aborted';

/** The result of `evolve()`. */
export interface EvolveResult {
  /** The density at `time` (x-major in 2-D), on the solver's grid. */
  density: Float64Array;
  /** The time reached: t, or step·Δt when aborted (0 when aborted before the first step). */
  time: number;
  /** Time steps taken. */
  steps: number;
  stopReason: EvolveStopReason;
}

/** Options of `evolve()`: also `onProgress` (after time steps, ≤ ~100 calls) and `signal` (checked after each step; an abort returns the density at the time reached, `stopReason: 'aborted'`). */
export interface EvolveOptions extends LongRunOptions<EvolveProgress> {
  /** Time steps (equal) over [0, t]. Default 100. */
  steps?: number;
  /**
   * `'backward-euler'` (default): (I − Δt G) pₖ₊₁ = pₖ, first order in Δt, keeps p ≥ 0 and the mass
   * for every Δt (I − Δt G is an M-matrix whose columns sum to 1). `'extrapolated'`: Richardson
   * extrapolation 2·BE(Δt/2)² − BE(Δt) of each step, second order and L-stable, mass kept exactly,
   * but p ≥ 0 is not guaranteed for large Δt.
   */
  scheme?: 'backward-euler' | 'extrapolated';
}

/** The shared solver state of a grid. @internal */
export interface Engine {
  n: number;
  /** The generator G as CSR (diagonal first in each row), dp/dt = G p. */
  csr: CheckedCsrMatrix;
  generator: CsrLinearOperator;
  /** Exit rate of each cell into absorbing walls (0 where none). */
  exit: Float64Array;
  /** Whether some cell has a non-zero exit rate. */
  absorbing: boolean;
  faces: Faces;
  /** The ordering of the cells for the direct solver: band-reducing (`'banded'`) or fill-reducing (`'sparse'`). */
  ordering: Int32Array;
  /** Which direct solver factorises: core's `bandedLu` or its multifrontal `sparseLu`. */
  solver: 'banded' | 'sparse';
  /** ‖G‖∞, the largest absolute row sum. */
  norm: number;
  /** Volume of a cell (h, or h_x h_y): mass = volume · Σ p. */
  volume: number;
  /** The sparse solver's symbolic analysis of G's pattern in `ordering` (every factorised matrix shares that pattern), computed on first use. */
  symbolic: SparseLuSymbolic | null;
  /** The last factorisation of the form shift·I + scale·G with masked cells replaced by the identity, with its key. */
  cached: { scale: number; shift: number; mask: Uint8Array | null; lu: Factors } | null;
}

/** Assembles G from faces and exit rates: G[b,a] = rateAB, G[a,b] = rateBA, G[i,i] = −(outflow of i). @internal */
export function createEngine(
  n: number,
  faces: Faces,
  exit: Float64Array,
  ordering: Int32Array,
  volume: number,
  solver: 'banded' | 'sparse' = 'banded',
): Engine {
  const count = new Int32Array(n).fill(1);
  const nf = faces.a.length;
  for (let f = 0; f < nf; f++) {
    const a = faces.a[f] as number;
    const b = faces.b[f] as number;
    count[a] = (count[a] as number) + 1;
    count[b] = (count[b] as number) + 1;
  }
  const rp = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rp[i + 1] = (rp[i] as number) + (count[i] as number);
  const nnz = rp[n] as number;
  const ci = new Int32Array(nnz);
  const v = new Float64Array(nnz);
  const fill = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rp[i] as number;
    ci[k] = i;
    v[k] = -(exit[i] as number);
    fill[i] = k + 1;
  }
  for (let f = 0; f < nf; f++) {
    const a = faces.a[f] as number;
    const b = faces.b[f] as number;
    const kab = faces.rateAB[f] as number;
    const kba = faces.rateBA[f] as number;
    let k = fill[b] as number;
    ci[k] = a;
    v[k] = kab;
    fill[b] = k + 1;
    v[rp[a] as number] = (v[rp[a] as number] as number) - kab;
    k = fill[a] as number;
    ci[k] = b;
    v[k] = kba;
    fill[a] = k + 1;
    v[rp[b] as number] = (v[rp[b] as number] as number) - kba;
  }
  const csr: CheckedCsrMatrix = { dim: n, rowPointers: rp, columnIndices: ci, values: v, nnz };
  let absorbing = false;
  for (let i = 0; i < n; i++) if ((exit[i] as number) > 0) absorbing = true;
  const generator = csrOperatorFromChecked({ dim: n, rowPointers: rp.slice(), columnIndices: ci.slice(), values: v.slice(), nnz });
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) r += Math.abs(v[k] as number);
    norm = Math.max(norm, r);
  }
  return { n, csr, generator, exit, absorbing, faces, ordering, solver, volume, norm, symbolic: null, cached: null };
}

/** shift·I + scale·G as CSR, with the rows and columns of masked cells replaced by the identity. @internal */
export function maskedCsr(e: Engine, scale: number, shift: number, mask: Uint8Array | null): CheckedCsrMatrix {
  const { n, csr } = e;
  const rp = csr.rowPointers;
  const ci = csr.columnIndices;
  const v = csr.values;
  const orp = new Int32Array(n + 1);
  const oci = new Int32Array(csr.nnz);
  const ov = new Float64Array(csr.nnz);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[i] === 1) {
      oci[m] = i;
      ov[m++] = 1;
    } else {
      for (let k = rp[i] as number; k < (rp[i + 1] as number); k++) {
        const j = ci[k] as number;
        if (mask !== null && mask[j] === 1) continue;
        oci[m] = j;
        ov[m++] = scale * (v[k] as number) + (j === i ? shift : 0);
      }
    }
    orp[i + 1] = m;
  }
  return { dim: n, rowPointers: orp, columnIndices: oci.subarray(0, m), values: ov.subarray(0, m), nnz: m };
}

/** A factorisation: solves with the matrix and with its transpose. @internal */
export interface Factors {
  solve(b: Float64Array, out?: Float64Array): Float64Array;
  solveTransposed(b: Float64Array, out?: Float64Array): Float64Array;
}

/**
 * The values of shift·I + scale·G on G's own pattern (diagonal first in each row), with the rows
 * and columns of masked cells replaced by the identity (their other entries kept as explicit
 * zeros, so that every such matrix shares one symbolic analysis). @internal
 */
export function maskedValues(e: Engine, scale: number, shift: number, mask: Uint8Array | null): Float64Array {
  const { n, csr } = e;
  const rp = csr.rowPointers;
  const ci = csr.columnIndices;
  const v = csr.values;
  const out = new Float64Array(csr.nnz);
  for (let i = 0; i < n; i++) {
    const k0 = rp[i] as number;
    const k1 = rp[i + 1] as number;
    if (mask !== null && mask[i] === 1) {
      out[k0] = 1;
      continue;
    }
    for (let k = k0; k < k1; k++) {
      const j = ci[k] as number;
      if (mask !== null && mask[j] === 1) continue;
      out[k] = scale * (v[k] as number) + (j === i ? shift : 0);
    }
  }
  return out;
}

function sameMask(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Symbolic analyses shared by the engines of one pattern and order (a 2-D grid's stationary and
 * first-passage solvers, a sweep over D), held weakly: an analysis stays while some engine uses
 * it. A match is checked entry by entry (O(nnz)), never assumed from the sizes.
 */
const sharedSymbolic: WeakRef<SparseLuSymbolic>[] = [];

/** Forgets the shared analyses (benchmarks and tests: the next factorisation of each pattern analyses it afresh). @internal */
export function clearSharedSymbolic(): void {
  sharedSymbolic.length = 0;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The sparse solver's symbolic analysis of G's pattern in the engine's order: shared when another engine has it. @internal */
export function symbolicOf(e: Engine): SparseLuSymbolic {
  if (e.symbolic !== null) return e.symbolic;
  const rp = e.csr.rowPointers;
  const ci = e.csr.columnIndices;
  for (let k = sharedSymbolic.length - 1; k >= 0; k--) {
    const s = (sharedSymbolic[k] as WeakRef<SparseLuSymbolic>).deref();
    if (s === undefined) sharedSymbolic.splice(k, 1);
    else if (s.n === e.n && sameInts(s.order, e.ordering) && sameInts(s.rowPointers, rp) && sameInts(s.columnIndices, ci)) return (e.symbolic = s);
  }
  const s = sparseLuSymbolic(e.n, rp, ci, e.ordering);
  if (sharedSymbolic.length >= 8) sharedSymbolic.shift();
  sharedSymbolic.push(new WeakRef(s));
  return (e.symbolic = s);
}

/**
 * The LU of {@link maskedCsr} by the engine's solver, in its order. The sparse solver reuses the
 * engine's symbolic analysis; with `cache`, the last factorisation is kept on the engine and
 * returned again for the same (scale, shift, mask) (stationary, MFPT and escape rate on one
 * target share it). @internal
 */
export function factor(e: Engine, scale: number, shift: number, mask: Uint8Array | null, cache = false): Factors {
  if (cache && e.cached !== null && e.cached.scale === scale && e.cached.shift === shift && sameMask(e.cached.mask, mask)) return e.cached.lu;
  let lu: Factors;
  if (e.solver === 'sparse') {
    const symbolic = symbolicOf(e);
    if (cache) e.cached = null; // let the previous factors be collected before the new ones are built
    lu = sparseLuNumeric(symbolic, maskedValues(e, scale, shift, mask));
  } else {
    const a = maskedCsr(e, scale, shift, mask);
    const position = new Int32Array(e.n);
    for (let k = 0; k < e.n; k++) position[e.ordering[k] as number] = k;
    lu = bandedLuKernel(e.n, a.rowPointers, a.columnIndices, a.values, e.ordering, position);
  }
  if (cache) e.cached = { scale, shift, mask: mask === null ? null : mask.slice(), lu };
  return lu;
}

/** Σ p · volume. @internal */
export function massOf(e: Engine, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < e.n; i++) s += p[i] as number;
  return s * e.volume;
}

/**
 * The null vector of G (no absorbing part): G with cell `pin` removed (its column moved to the
 * right-hand side with π_pin = 1), solved, re-pinned at the largest entry when the first pin sits
 * far in a tail, normalised to mass 1. Returns the density and the LU (pinned) for reuse. @internal
 */
export function stationaryOf(e: Engine, pinGuess: number): { density: Float64Array; lu: Factors; pin: number } {
  const { n, csr } = e;
  let pin = pinGuess;
  for (let attempt = 0; ; attempt++) {
    const mask = new Uint8Array(n);
    mask[pin] = 1;
    const lu = factor(e, 1, 0, mask, true);
    const rhs = new Float64Array(n);
    // −G[i, pin] for i ≠ pin: the entries of column pin are the rates pin → i, stored in the rows i.
    for (let i = 0; i < n; i++) {
      if (i === pin) continue;
      for (let k = csr.rowPointers[i] as number; k < (csr.rowPointers[i + 1] as number); k++) {
        if (csr.columnIndices[k] === pin) rhs[i] = (rhs[i] as number) - (csr.values[k] as number);
      }
    }
    rhs[pin] = 1;
    const x = lu.solve(rhs);
    let best = 0;
    for (let i = 1; i < n; i++) if ((x[i] as number) > (x[best] as number)) best = i;
    if (attempt === 0 && (x[best] as number) > 1e8 && best !== pin) {
      pin = best;
      continue;
    }
    const mass = massOf(e, x);
    for (let i = 0; i < n; i++) x[i] = Math.max(0, x[i] as number) / mass;
    return { density: x, lu, pin };
  }
}

/**
 * How far a mean first-passage time from the direct solve can be trusted. A = −(G restricted to the
 * non-target cells)ᵀ is a non-singular M-matrix with A⁻¹ ≥ 0, so its ∞-condition number is exactly
 * ‖A‖∞·‖A⁻¹‖∞ = ‖A‖∞·‖τ‖∞ (A τ = 1). At low noise it grows like e^{ΔL/D}; past about 1/ε the LU
 * solve (no pivoting, diagonal dominance) no longer carries a digit, and its τ can even come out
 * negative, which a mean first-passage time never is.
 */
export interface MfptAccuracy {
  /** ‖A‖∞·‖τ‖∞ from the computed τ: the condition number of the linear system solved. */
  conditionNumber: number;
  /** ε·conditionNumber: a normwise bound on the relative error of τ (pessimistic for these M-matrices; above 1 it promises nothing). */
  errorBound: number;
  /**
   * True when every τ off the target is positive and `errorBound` ≤ 1e-6. False means the result
   * cannot be certified in double precision (a barrier too high for the grid's direct solve): in
   * 1-D use `meanFirstPassageTime1d`, which works in log space.
   */
  accurate: boolean;
}

/** τ with (G|non-target)ᵀ τ = −1, τ = 0 on the target, with its accuracy. @internal */
export function mfptOf(e: Engine, target: Uint8Array): { values: Float64Array } & MfptAccuracy {
  const lu = factor(e, 1, 0, target, true);
  const rhs = new Float64Array(e.n);
  for (let i = 0; i < e.n; i++) rhs[i] = target[i] === 1 ? 0 : -1;
  const values = lu.solveTransposed(rhs);
  let positive = true;
  let max = 0;
  for (let i = 0; i < e.n; i++) {
    if (target[i] === 1) continue;
    const t = values[i] as number;
    if (!(t > 0)) positive = false;
    max = Math.max(max, Math.abs(t));
  }
  const conditionNumber = e.norm * max;
  const errorBound = Number.EPSILON * conditionNumber;
  return { values, conditionNumber, errorBound, accurate: positive && errorBound <= MFPT_ERROR_BOUND };
}

/** The largest normwise error bound at which a direct-solve result counts as accurate. @internal */
export const MFPT_ERROR_BOUND = 1;

/** The backward error below which a mode counts as an eigenvector (besides the rate's own convergence). */
const BACKWARD_TOL = 1e3 * Number.EPSILON;

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] as number));
  return m;
}

/**
 * Inverse iteration for the principal eigenvalue of −G with the target (and absorbing walls)
 * absorbing, from a positive start. @internal
 */
export function quasiStationaryRate(e: Engine, target: Uint8Array, tol: number, maxIterations: number, lr: LongRun<EscapeRateProgress>): EscapeRateResult {
  const n = e.n;
  const lu = factor(e, 1, 0, target, true);
  let x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = target[i] === 1 ? 0 : 1;
  let y = new Float64Array(n);
  const gx = new Float64Array(n);
  let rate = Number.NaN;
  let residual = Number.POSITIVE_INFINITY;
  let it = 0;
  const resid = (): number => {
    // r = (−G)x − λx on the non-target cells (G restricted: the target entries of x are 0)
    e.generator.apply(x, gx);
    let r = 0;
    for (let i = 0; i < n; i++) if (target[i] !== 1) r = Math.max(r, Math.abs(-(gx[i] as number) - rate * (x[i] as number)));
    return r / (e.norm * maxAbs(x));
  };
  let converged = false;
  let aborted = false;
  while (it < maxIterations) {
    lu.solve(x, y);
    for (let i = 0; i < n; i++) y[i] = -(y[i] as number);
    const m = maxAbs(y);
    const previous = rate;
    rate = maxAbs(x) / m;
    for (let i = 0; i < n; i++) y[i] = (y[i] as number) / m;
    [x, y] = [y, x];
    it++;
    residual = resid();
    if (Math.abs(rate - previous) <= tol * rate && residual <= BACKWARD_TOL) {
      converged = true;
      break;
    }
    if (lr.report(it, maxIterations, () => ({ iteration: it, maxIterations, rate, residual }))) {
      aborted = true;
      break;
    }
  }
  const mass = massOf(e, x);
  for (let i = 0; i < n; i++) x[i] = Math.max(0, x[i] as number) / mass;
  // The solves resolve a rate only down to about ε‖G‖: below that the settled iterate is noise.
  const unresolved = converged && !(rate > 0 && (Number.EPSILON * e.norm) / rate <= MFPT_ERROR_BOUND);
  if (unresolved) converged = false;
  const stopReason: EscapeRateStopReason = converged ? 'converged' : unresolved ? 'stalled' : aborted ? 'aborted' : 'budget';
  return { rate, kind: 'quasi-stationary', mode: x, residual, iterations: it, converged, stopReason };
}

/**
 * Inverse iteration on the zero-mass subspace (no absorbing part) for the slowest non-zero mode of
 * G, from the zero-mass part of `start`. @internal
 */
export function relaxationRate(
  e: Engine,
  pinGuess: number,
  start: Float64Array,
  tol: number,
  maxIterations: number,
  lr: LongRun<EscapeRateProgress>,
): EscapeRateResult {
  const n = e.n;
  const { density: pi, lu, pin } = stationaryOf(e, pinGuess);
  const project = (v: Float64Array): void => {
    const m = massOf(e, v);
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) - m * (pi[i] as number);
  };
  let x = Float64Array.from(start);
  project(x);
  let s = maxAbs(x);
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) / s;
  let y = new Float64Array(n);
  const rhs = new Float64Array(n);
  const gx = new Float64Array(n);
  let rate = Number.NaN;
  let residual = Number.POSITIVE_INFINITY;
  let it = 0;
  let converged = false;
  let aborted = false;
  while (it < maxIterations) {
    const previous = rate;
    rhs.set(x);
    rhs[pin] = 0;
    lu.solve(rhs, y);
    project(y);
    // y ≈ μ x with μ = −1/rate
    let xy = 0;
    let xx = 0;
    for (let i = 0; i < n; i++) {
      xy += (x[i] as number) * (y[i] as number);
      xx += (x[i] as number) * (x[i] as number);
    }
    rate = -xx / xy;
    s = maxAbs(y);
    for (let i = 0; i < n; i++) y[i] = (y[i] as number) / s;
    [x, y] = [y, x];
    it++;
    e.generator.apply(x, gx);
    let r = 0;
    for (let i = 0; i < n; i++) r = Math.max(r, Math.abs(-(gx[i] as number) - rate * (x[i] as number)));
    residual = r / e.norm;
    if (Math.abs(rate - previous) <= tol * Math.abs(rate) && residual <= BACKWARD_TOL && rate > 0) {
      converged = true;
      break;
    }
    if (lr.report(it, maxIterations, () => ({ iteration: it, maxIterations, rate, residual }))) {
      aborted = true;
      break;
    }
  }
  const unresolved = converged && !((Number.EPSILON * e.norm) / rate <= MFPT_ERROR_BOUND);
  if (unresolved) converged = false;
  const stopReason: EscapeRateStopReason = converged ? 'converged' : unresolved ? 'stalled' : aborted ? 'aborted' : 'budget';
  return { rate, kind: 'relaxation', mode: x, residual, iterations: it, converged, stopReason };
}

/**
 * Implicit evolution of p (normalised to mass 1) over [0, t] in `steps` steps; stops after the
 * step in which the signal fires (also before the first step when it has already fired). @internal
 */
export function evolveOf(
  e: Engine,
  p0: Float64Array,
  t: number,
  steps: number,
  scheme: 'backward-euler' | 'extrapolated',
  lr: LongRun<EvolveProgress>,
): EvolveResult {
  const n = e.n;
  const dt = t / steps;
  let p = Float64Array.from(p0);
  if (lr.aborted()) return { density: p, time: 0, steps: 0, stopReason: 'aborted' };
  let q = new Float64Array(n);
  const r = new Float64Array(n);
  const full = factor(e, -dt, 1, null);
  const half = scheme === 'extrapolated' ? factor(e, -dt / 2, 1, null) : null;
  for (let k = 1; k <= steps; k++) {
    if (half === null) {
      full.solve(p, q);
      [p, q] = [q, p];
    } else {
      full.solve(p, q);
      half.solve(p, r);
      half.solve(r, p);
      for (let i = 0; i < n; i++) p[i] = 2 * (p[i] as number) - (q[i] as number);
    }
    const time = k === steps ? t : k * dt;
    if (lr.report(k, steps, () => ({ step: k, steps, time })) && k < steps) return { density: p, time, steps: k, stopReason: 'aborted' };
  }
  return { density: p, time: t, steps, stopReason: 'time' };
}

/** The mass flux across each face, length·(rateAB p_a − rateBA p_b) (positive from a to b). @internal */
export function faceCurrents(e: Engine, p: Float64Array): Float64Array {
  const f = e.faces;
  const nf = f.a.length;
  const out = new Float64Array(nf);
  for (let k = 0; k < nf; k++) {
    out[k] = (f.length[k] as number) * ((f.rateAB[k] as number) * (p[f.a[k] as number] as number) - (f.rateBA[k] as number) * (p[f.b[k] as number] as number));
  }
  return out;
}
