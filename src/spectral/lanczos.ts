/**
 * Extreme eigenpairs of a symmetric operator by thick-restart Lanczos (Wu & Simon 2000) with full
 * reorthogonalisation, a memory-sized basis, a missed-eigenvalue check and shift-invert mode.
 *
 * @module
 */
import {
  checkBoolean,
  checkFiniteNumber,
  checkFunction,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkSeed,
  checkSignal,
  checkVector,
  checkKnownOptions,
} from '../core/checks';
import { describeValue } from '../core/errors';
import type { LongRunOptions, Seed, SymmetricOperator } from '../core/types';
import { rngFor } from '../random/rng';
import { lanczosCore, type LanczosConfig, type LanczosProgress, type LanczosResult, type LanczosRequest, type LanczosWhich } from './lanczos-core';
import { checkOperator } from './operator-checks';

export type { LanczosMissedCheck, LanczosProgress, LanczosResult, LanczosWhich } from './lanczos-core';

/** Options of {@link lanczos} and {@link lanczosAsync}. */
export interface LanczosOptions extends LongRunOptions<LanczosProgress> {
  /** Number of eigenpairs, 1 ≤ k ≤ dim ('both': k at each end). */
  k: number;
  /**
   * Which eigenvalues: `'largest'` (algebraically; default), `'smallest'`, `'magnitude'` (largest
   * |λ|) or `'both'` (the k smallest and the k largest). In shift-invert mode only `'magnitude'`
   * (the default there): the k eigenvalues nearest σ.
   */
  which?: LanczosWhich;
  /** Convergence tolerance (see `convergence`). Default 1e-8. */
  tol?: number;
  /**
   * Convergence test of a Ritz pair (θ, x) with residual ρ = ‖Ax − θx‖:
   * `'norm'` (default, PRIMME's): ρ ≤ tol·‖A‖, with ‖A‖ estimated by the largest |Ritz value| seen;
   * `'relative'` (ARPACK's): ρ ≤ tol·max(ε^{2/3}, |θ|), which cannot be met for eigenvalues near 0;
   * or a function `(theta, residual, normEstimate) => boolean`.
   */
  convergence?: 'norm' | 'relative' | ((theta: number, residual: number, normEstimate: number) => boolean);
  /**
   * Operator applications allowed, the symmetry probe and the missed-eigenvalue check included;
   * only the final residual evaluation of the k′ returned pairs comes on top (k′ applications when
   * the run restarted, none otherwise; 2k′ at most in shift-invert mode), so
   * `matvecs` ≤ max(maxMatvecs, 3) + k′. Default max(1000, 50·m) (m the basis size).
   */
  maxMatvecs?: number;
  /**
   * Seed of the random start, probe, breakdown and missed-check vectors (stream
   * `rngFor('lanczos', seed)`). Default 0.
   */
  seed?: Seed;
  /** Start vector, or several (a warm start, e.g. previous Ritz vectors): they span the first basis vectors. */
  v0?: Float64Array | readonly Float64Array[];
  /**
   * Basis size m (vectors of length dim held). Default dim when dim ≤ 200, else
   * max(2k′ + 20, min(⌊memoryBudget/(16·dim)⌋, 3k′ + 30)) capped at dim; see {@link lanczos}.
   */
  basisSize?: number;
  /**
   * Bytes for the basis and its stored products (16·dim a vector) when `basisSize` is not given;
   * it can only lower the default m. Default 64 MiB.
   */
  memoryBudget?: number;
  /** Run the missed-eigenvalue check after convergence. Default `true`. */
  checkMissed?: boolean;
  /**
   * Confidence 1 − δ at which the missed-eigenvalue check gives its all-clear: it runs until its
   * bound on the probability of a missed eigenvalue is ≤ δ (or it finds one, or its step cap or
   * the budget ends it, and then `possiblyMissed: true`). In (0, 1). Default 0.99.
   */
  checkConfidence?: number;
  /** Shift-invert mode: Lanczos on (A − σI)⁻¹, whose largest |θ| are the eigenvalues λ = σ + 1/θ nearest σ. */
  shiftInvert?: { sigma: number; solve: (b: Float64Array, out: Float64Array) => Float64Array };
  /**
   * Called after every convergence check (every step while checks are cheap, see {@link lanczos})
   * with the applications so far, how many of the `wanted` pairs pass the test on their residual
   * estimates, and the restarts.
   */
  onProgress?: (info: LanczosProgress) => void;
  /**
   * Checked before every operator application of the iteration and the missed-eigenvalue check,
   * and right after each `onProgress` call (so aborting from the callback stops `lanczos`; a timer
   * can stop `lanczosAsync`). An aborted run returns the Ritz pairs it has (with their true
   * residuals, which cost k′ more applications after a restart) with `converged: false` and
   * `stopReason: 'aborted'`; a signal aborted before the call returns no pairs and applies nothing.
   */
  signal?: AbortSignal;
}

/** A symmetric operator whose `apply` may return a promise (a GPU, a worker, a remote HVP). */
export interface AsyncSymmetricOperator {
  readonly dim: number;
  apply(x: Float64Array, out: Float64Array): Promise<Float64Array> | Float64Array;
}

/** Default memory for the basis: 64 MiB. */
export const LANCZOS_DEFAULT_MEMORY = 64 * 2 ** 20;
/**
 * Dimension up to which the default basis is the whole space (m = dim: O(dim³) work, an exact
 * answer); above it the default is max(2k′ + 20, min(⌊memoryBudget/(16·dim)⌋, 3k′ + 30)).
 */
export const LANCZOS_MAX_DEFAULT_BASIS = 200;
/** Steps the missed-eigenvalue check may always take, whatever the memory budget. */
const MISSED_CHECK_MIN_STEPS = 20;

function configure(n: number, options: LanczosOptions): LanczosConfig {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [
    'basisSize',
    'checkConfidence',
    'checkMissed',
    'convergence',
    'k',
    'maxMatvecs',
    'memoryBudget',
    'onProgress',
    'seed',
    'shiftInvert',
    'signal',
    'tol',
    'v0',
    'which',
  ]);
  const k = checkInteger('options.k', opts.k, 1, n);
  const si = opts.shiftInvert === undefined ? undefined : checkOptions('options.shiftInvert', opts.shiftInvert);
  let sigma: number | undefined;
  if (si) {
    checkKnownOptions('options.shiftInvert', si, ['sigma', 'solve']);
    sigma = checkFiniteNumber('options.shiftInvert.sigma', si.sigma);
    checkFunction('options.shiftInvert.solve', si.solve);
  }
  const which = si
    ? checkOneOf('options.which', opts.which ?? 'magnitude', ['magnitude'] as const)
    : checkOneOf('options.which', opts.which ?? 'largest', ['largest', 'smallest', 'both', 'magnitude'] as const);
  const wanted = which === 'both' ? Math.min(2 * k, n) : k;
  const tol = checkPositive('options.tol', opts.tol ?? 1e-8);
  let test: LanczosConfig['test'];
  const conv = opts.convergence ?? 'norm';
  if (typeof conv === 'function') {
    test = (theta, residual, normEstimate) => conv(theta, residual, normEstimate);
  } else {
    const kind = checkOneOf('options.convergence', conv, ['norm', 'relative'] as const);
    const eps23 = 3.666852862501036e-11; // (2^−52)^(2/3), correctly rounded (0x1.428a2f98d7292p-35): a literal, not Math.pow, so every engine has the same bits
    test =
      kind === 'norm'
        ? (_theta, residual, normEstimate) => residual <= tol * normEstimate
        : (theta, residual) => residual <= tol * Math.max(eps23, Math.abs(theta));
  }
  const rng = rngFor('lanczos', checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed));
  const start: Float64Array[] = [];
  if (opts.v0 !== undefined) {
    const list = opts.v0 instanceof Float64Array ? [opts.v0] : opts.v0;
    if (!Array.isArray(list) || list.length === 0) {
      throw new TypeError(`options.v0: expected a Float64Array or a non-empty array of Float64Arrays, received ${describeValue(opts.v0)}`);
    }
    list.forEach((v, i) => start.push(checkVector(opts.v0 instanceof Float64Array ? 'options.v0' : `options.v0[${i}]`, v, n)));
    if (start.every((v) => v.every((x) => x === 0))) {
      throw new RangeError('options.v0: expected a non-zero vector, received only zeros');
    }
  }
  const minBasis = Math.min(n, wanted + 2);
  let m: number;
  const budget = checkPositive('options.memoryBudget', opts.memoryBudget ?? LANCZOS_DEFAULT_MEMORY);
  if (opts.basisSize !== undefined) {
    m = Math.min(n, checkInteger('options.basisSize', opts.basisSize, minBasis));
  } else {
    // V and W = A V: 2m vectors of length n.
    const fromBudget = Math.floor(budget / (16 * n));
    m = n <= LANCZOS_MAX_DEFAULT_BASIS ? n : Math.min(n, Math.max(2 * wanted + 20, Math.min(fromBudget, 3 * wanted + 30)));
  }
  const maxMatvecs = checkInteger('options.maxMatvecs', opts.maxMatvecs ?? Math.max(1000, 50 * m), 1);
  const checkMissed = checkBoolean('options.checkMissed', opts.checkMissed ?? true);
  const confidence = checkFiniteNumber('options.checkConfidence', opts.checkConfidence ?? 0.99);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`options.checkConfidence: expected a number in (0, 1), received ${confidence}`);
  const onProgress =
    opts.onProgress === undefined ? undefined : checkFunction<NonNullable<LanczosOptions['onProgress']>>('options.onProgress', opts.onProgress);
  return {
    n,
    wanted,
    which,
    test,
    maxMatvecs,
    rng,
    start,
    basisSize: m,
    checkMissed,
    // The check holds one vector a step: as many as the memory budget allows (at least 20).
    checkSteps: Math.max(MISSED_CHECK_MIN_STEPS, Math.floor(budget / (8 * n))),
    checkDelta: 1 - confidence,
    sigma,
    onProgress,
    signal: checkSignal('options.signal', opts.signal),
  };
}

function deliver(req: LanczosRequest, result: unknown): void {
  if (result instanceof Float64Array && result !== req.out) req.out.set(result);
}

/**
 * The k extreme eigenpairs of a symmetric operator A by thick-restart Lanczos (Wu & Simon 2000).
 *
 * **Algorithm.** A Krylov basis V (orthonormal, fully reorthogonalised: a local pass against the
 * last two vectors, then classical Gram–Schmidt passes over all of V, CGS2 with DGKS re-passes, so
 * no ghost eigenvalues) is grown one operator application at a time while the projection
 * H = Vᵀ A V is kept exactly; at checks the Rayleigh–Ritz pairs (θ, V s) of H are tested on their
 * residual estimate ‖A V s − θ V s‖ (= |β s_m| for a single Krylov chain), every
 * min(⌊m/10⌋, ⌈20c²/dim⌉) steps (at least 1; c applied vectors: every step while the O(c³) check
 * is cheap against a step's O(c·dim) reorthogonalisation). When m directions have been applied
 * the basis is thick-restarted to the k′ most wanted Ritz vectors (k′ = k, or 2k for 'both') plus at most ⌊(m − k′)/2⌋ more — first,
 * for 'largest'/'smallest', the converged Ritz vectors of the other end (they deflate it: the
 * large outliers of a Hessian when its smallest eigenvalues are wanted), then min(#converged,
 * room left) more of the wanted end (ARPACK's count) — and the residual direction; converged
 * pairs stay in the basis (soft locking) and the iteration continues from there. A breakdown (β ≈ 0: an invariant
 * subspace, e.g. a start vector in an eigenspace) continues from a fresh random vector orthogonal
 * to V, which also finds further copies of repeated eigenvalues.
 *
 * **Convergence.** `'norm'` (default): ρ ≤ tol·‖A‖ (PRIMME), ‖A‖ estimated by the largest |Ritz
 * value| seen: right for Hessians whose eigenvalues mostly sit near 0. `'relative'`:
 * ρ ≤ tol·max(ε^{2/3}, |θ|) (ARPACK). Or a user test. After the test passes, the Ritz vectors
 * x = V s/‖V s‖ are formed and their true residuals ‖Ax − θx‖ computed: with A x = W s/‖V s‖ from
 * the stored products W = A V when the run did not restart (no application), else with k′ more
 * applications; `converged` is true only if every true residual passes the test too. A run out of
 * `maxMatvecs` returns its current Ritz pairs with `converged: false` and `stopReason: 'budget'`
 * (non-convergence is reported, never thrown).
 *
 * **Progress and cancelling.** `onProgress` gets `{ matvecs, converged, wanted, restarts }` after
 * every convergence check. `signal` is checked before every application and right after each
 * `onProgress` call: aborting (from the callback for `lanczos`, from anywhere for `lanczosAsync`)
 * returns the current Ritz pairs, with true residuals, `converged: false` and
 * `stopReason: 'aborted'`.
 *
 * **Missed eigenvalues.** A single-vector Krylov method sees one copy of each eigenvalue (in exact
 * arithmetic) and can converge on k′ Ritz values that lack a copy of a repeated one. With
 * `checkMissed` (default), a Lanczos run on (I − ZZᵀ) A (I − ZZᵀ), Z the found vectors X and the
 * iteration's other converged Ritz vectors (no application: they widen the gap at the edge and
 * shrink the spread), from a fresh random vector, looks for a Ritz value beyond the found ones by
 * more than 2·max ρ + 64ε‖A‖ (ρ over Z; proof of an eigenvalue the run missed): it then converges the missed pairs
 * that enter the wanted set, adds them to the basis and the iteration resumes (up to max(3, k′)
 * rounds). It stops with an all-clear once its bound on the probability of a missed eigenvalue,
 * √(2(N − 1)/(π·S_t)) with S_t = Σ_{i≤t} p_i(edge)² the Christoffel sum of its Lanczos
 * polynomials at the edge (N = dim − |Z|: a missed eigenvector's squared component in the uniform
 * start is at most 1/S_t, and that is that small with probability at most the bound), is
 * ≤ 1 − `checkConfidence`: a handful of steps on a well-separated spectrum (2 on the Hessian-like
 * top 10 of the benchmark), more on a clustered one (~135 on the 100 × 100 Laplacian top 10); the
 * all-clear then says, at that confidence, that A has no eigenvalue beyond
 * that edge by more than (Σ_Z ρ²)^{1/2} (Weyl; 0 when Z = X, by interlacing) other than the
 * returned ones. It gives up, and
 * `possiblyMissed: true` is returned with the bound reached, after as many applications as the
 * iteration made (at least 20; in a deflated space of dimension ≤ 200 it may run until it spans
 * it: exact), at the budget, or when its extreme Ritz values have settled inside the edge and the
 * bound cannot reach δ in the steps left (a wanted end inside a continuum). `missedCheck` reports
 * its applications (counted in `matvecs`), rounds, bound and confidence. See docs/spectral.md for
 * what this guarantees and what it does not.
 *
 * **Basis size.** m = dim when dim ≤ 200; else
 * m = min(dim, max(2k′ + 20, min(⌊memoryBudget / (16·dim)⌋, 3k′ + 30))), memoryBudget default
 * 64 MiB (V and the stored products W: 16·dim bytes a vector), unless `basisSize` is given
 * (≥ min(dim, k′ + 2)). A basis well above ARPACK's max(2k + 1, 20) cuts the applications needed
 * for the bottom of Hessian-like spectra (many eigenvalues near 0) many fold (bottom 10 of a dense
 * n = 2000 Hessian-like spectrum: ~195 applications at m = 40, ~175–180 at m = 50–200, where
 * ARPACK at ncv = 21 does not converge in 20 000); beyond ~3k′ + 30 the applications hardly fall
 * while the O(m·dim) reorthogonalisation per step and the O(c³) checks grow, so wall time rises
 * (the previous default m = 200 was ~3× slower on a 10⁴ grid Laplacian). Pass `basisSize` for a
 * larger basis when each application is expensive. At dim = 10⁶ and k = 10 the basis is 40 vectors
 * (320 MB). When m = dim the answer is exact.
 *
 * **Shift-invert.** With `shiftInvert: { sigma, solve }` (solve(b, out) writes (A − σI)⁻¹ b into
 * out) the iteration runs on (A − σI)⁻¹; the returned values are eigenvalues of A nearest σ
 * (λ = Rayleigh quotient of A, = σ + 1/θ), residuals are of A, and the test is applied to the
 * shift-inverted operator. Each returned pair costs one A-application at the end (and one solve
 * after a restart).
 *
 * **Checks.** Throws RangeError for k ∉ [1, dim], tol ≤ 0, a basis below k′ + 2; DimensionError
 * for a v0 whose length is not dim; SymmetryError if a probe with independent random u, v finds
 * |u·Av − v·Au| > 1e-8·‖A‖·‖u‖·‖v‖ (from a random start u is the start vector, whose product is
 * the first Lanczos step: 1 extra application; with `v0` or in shift-invert mode 2; counted in
 * `matvecs`);
 * NonFiniteError naming the operator application that returned NaN/±Infinity; TypeError for a
 * seed that is not a `Seed` or a signal that is not an AbortSignal.
 *
 * **Randomness.** The start vector (without `v0`), the probe vectors, the fresh vectors after a
 * breakdown and the missed check's start all come from one stream, `rngFor('lanczos', seed)`,
 * seed default 0: the same seed gives the same result bit for bit, with or without the SIMD
 * kernels.
 *
 * Cost: per step one application + O(m·dim) (reorthogonalisation); per check O(c²) on a single
 * Krylov chain (the dense block after a restart or a breakdown's fresh vector reduced once, O(l³)),
 * O(c³) while appended directions wait to be applied; per restart O(m²·dim). Memory (m + 1)·dim doubles, + m·dim for W until the first restart (+ j·dim for a
 * missed check of j steps, j ≤ max(20, ⌊memoryBudget/(8·dim)⌋), and ≤ m·dim for the converged
 * vectors it deflates besides the k′ found).
 *
 * @example
 * const { values, vectors, converged, stopReason } = lanczos(denseOperator(hessian), { k: 5, which: 'largest' });
 * // converged: every residual ‖A vᵢ − λᵢ vᵢ‖ ≤ 1e-8·‖A‖; otherwise stopReason says why it stopped
 *
 * @example
 * // Stop from the progress callback (a synchronous call sees no timer):
 * const controller = new AbortController();
 * const r = lanczos(op, { k: 3, signal: controller.signal, onProgress: (p) => { if (p.matvecs >= 500) controller.abort(); } });
 */
export function lanczos(op: SymmetricOperator, options: LanczosOptions): LanczosResult {
  const n = checkOperator('op', op).dim;
  const cfg = configure(n, options);
  const solve = options.shiftInvert?.solve;
  const gen = lanczosCore(cfg);
  let step = gen.next();
  while (!step.done) {
    const req = step.value;
    deliver(req, req.kind === 'apply' ? op.apply(req.x, req.out) : (solve as NonNullable<typeof solve>)(req.x, req.out));
    step = gen.next();
  }
  return step.value satisfies LanczosResult;
}

/** Longest stretch of work (ms) `lanczosAsync` runs before it yields to the event loop. */
const ASYNC_YIELD_MS = 20;

/** A macrotask turn of the event loop (timers, I/O and UI events run; microtasks alone do not let them). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * {@link lanczos} for an operator whose `apply` (and shift-invert `solve`) may return a promise:
 * the same algorithm (one generator, two drivers), so the same seed gives the same result, bit for
 * bit, as `lanczos` on the synchronous operator. Applications are awaited one at a time, and at
 * least every ~20 ms of work the run yields a turn of the event loop, so timers and UI events run
 * even when `apply` is synchronous, and a `signal` aborted by them stops the run (it returns the
 * current Ritz pairs with `stopReason: 'aborted'`).
 *
 * @example
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 1000); // at most about a second
 * const r = await lanczosAsync({ dim, apply: (x, out) => gpuHvp(x, out) }, { k: 3, signal: controller.signal });
 */
export async function lanczosAsync(op: AsyncSymmetricOperator, options: LanczosOptions): Promise<LanczosResult> {
  const n = checkOperator('op', op).dim;
  const cfg = configure(n, options);
  const solve = options.shiftInvert?.solve as ((b: Float64Array, out: Float64Array) => Float64Array | Promise<Float64Array>) | undefined;
  const gen = lanczosCore(cfg);
  let lastYield = Date.now();
  let step = gen.next();
  while (!step.done) {
    const req = step.value;
    deliver(req, await (req.kind === 'apply' ? op.apply(req.x, req.out) : (solve as NonNullable<typeof solve>)(req.x, req.out)));
    if (Date.now() - lastYield >= ASYNC_YIELD_MS) {
      await nextTurn();
      lastYield = Date.now();
    }
    step = gen.next();
  }
  return step.value;
}
