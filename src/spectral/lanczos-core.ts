/**
 * The thick-restart Lanczos algorithm, written once as a generator that yields its operator
 * applications, so that a synchronous and an asynchronous driver share it (internal: the public
 * entry points are `lanczos` and `lanczosAsync` in `lanczos.ts`). The pieces live apart: the
 * Krylov basis in `lanczos-basis.ts`, the Rayleigh–Ritz step and the restart's choice in
 * `rayleigh-ritz.ts`, the missed-eigenvalue check in `missed-eigenvalue-check.ts`; this file is
 * the iteration that strings them together, the symmetry probe and the true residuals.
 *
 * @module
 */
import { axpy, dot, norm2, scale } from '../core/blas1';
import { NonFiniteError } from '../core/errors';
import { checkSymmetryProbe } from './operator-checks';
import type { Rng } from '../random/rng';
import { absorbProduct, appendRandom, appendVector, combineBasis, createLanczosBasis, newBasisVector, restartBasis } from './lanczos-basis';
import { FULL_REORTH_DIM, missedEigenvalueCheck } from './missed-eigenvalue-check';
import {
  rayleighRitz,
  ritzEstimates,
  ritzVectors,
  thickRestartSelection,
  type ConvergenceTest,
  type LanczosWhich,
  type RitzDecomposition,
} from './rayleigh-ritz';

export type { LanczosWhich } from './rayleigh-ritz';

/** One operator application asked of the driver: `out ← A x` ('apply') or `out ← (A − σI)⁻¹ x` ('solve'). @internal */
export interface LanczosRequest {
  kind: 'apply' | 'solve';
  x: Float64Array;
  out: Float64Array;
}

/** What {@link lanczos} reports to `onProgress` after every convergence check. */
export interface LanczosProgress {
  /** Operator applications so far (probe and missed check included). */
  matvecs: number;
  /** How many of the `wanted` most wanted Ritz pairs pass the test on their residual estimates. */
  converged: number;
  /** Eigenpairs asked: k, or 2k for 'both' (capped at dim). */
  wanted: number;
  /** Thick restarts so far. */
  restarts: number;
}

/** Result of {@link lanczos}. */
export interface LanczosResult {
  /**
   * Eigenvalue estimates (Rayleigh quotients of the returned vectors), ordered: 'largest'
   * descending (values[0] = λ_max); 'smallest' ascending (values[0] = λ_min); 'magnitude' by
   * descending |λ|; 'both' ascending (the k smallest then the k largest; all dim values when
   * 2k ≥ dim); shift-invert by increasing |λ − σ|.
   */
  values: Float64Array;
  /** Unit, mutually orthogonal eigenvector estimates; `vectors[i]` belongs to `values[i]`. */
  vectors: Float64Array[];
  /** True residuals ‖A vᵢ − λᵢ vᵢ‖, recomputed on the returned vectors. */
  residuals: Float64Array;
  /**
   * Operator applications, all counted: probe (1, or 2 with v0 or shift-invert), iteration, final
   * residuals (when applied: after a restart), missed check (and solves).
   */
  matvecs: number;
  /** Every returned pair passed the convergence test on its true residual (false when aborted). */
  converged: boolean;
  /**
   * Why the iteration stopped: `'converged'` exactly when `converged` is true (every returned
   * pair passed the test on its true residual). `'stalled'`: the test passed on the residual
   * estimates (or, rarely, the Krylov space filled the whole space) but the true residuals did not
   * confirm it. `'budget'`: `maxMatvecs` ran out. `'aborted'`: the `signal` was aborted; the Ritz
   * pairs of that moment are returned, with `converged: false` (fewer than k′ if fewer directions
   * had been applied, as for a budget below k′).
   */
  stopReason: 'converged' | 'stalled' | 'budget' | 'aborted';
  /**
   * The missed-eigenvalue check did not give its all-clear: it saw an eigenvalue beyond the
   * returned ones after its repair rounds, or stopped (its step cap, the budget, a wanted end
   * inside a continuum) before its bound reached 1 − `checkConfidence` (then trust the set
   * less; `missedCheck` says how far it got). `false` also when the check did not run
   * (`checkMissed: false`, an unconverged or aborted run, no budget left, or a basis that spanned
   * the whole space).
   */
  possiblyMissed: boolean;
  /** The ‖A‖ estimate used by the 'norm' test (largest |Ritz value| seen; of (A − σI)⁻¹ in shift-invert mode, max |λ| returned). */
  normEstimate: number;
  /** Thick restarts performed. */
  restarts: number;
  /**
   * What the missed-eigenvalue check spent and concluded, or `null` when it did not run
   * (`checkMissed: false`, an unconverged or aborted run, no budget left, or the basis spanned the
   * whole space so that the answer is exact).
   */
  missedCheck: LanczosMissedCheck | null;
}

/** The missed-eigenvalue check's account in a {@link LanczosResult}. */
export interface LanczosMissedCheck {
  /** Operator applications of all its runs (counted in `matvecs` too). */
  matvecs: number;
  /** Its runs: 1, plus one after each repair that put found directions into the basis. */
  rounds: number;
  /**
   * The last run's bound on the probability that an eigenvalue beyond the returned ones (by more
   * than the margin) exists unseen: √(2(N − 1)/(π·S)), S the Christoffel sum Σ p_i(edge)² of its
   * Lanczos polynomials at the edge (the larger of the two ends for 'both'; see docs/spectral.md);
   * 0 when its Krylov space became invariant, 1 when it could take no step.
   */
  bound: number;
  /** 1 − bound: the confidence of the all-clear (`possiblyMissed: false` exactly when it is ≥ the requested one, and no repair was left undone). */
  confidence: number;
}

/** Checked, resolved settings of one run. @internal */
export interface LanczosConfig {
  n: number;
  /** Eigenpairs asked (k; 2k for 'both', capped at n). */
  wanted: number;
  which: LanczosWhich;
  test: ConvergenceTest;
  maxMatvecs: number;
  rng: Rng;
  /** Start vectors (already checked: length n, finite); empty for a random start. */
  start: readonly Float64Array[];
  /** Basis size m: restart when m Ritz directions have been applied. */
  basisSize: number;
  checkMissed: boolean;
  /** Most Lanczos steps of one missed-eigenvalue check (its memory: one vector a step). */
  checkSteps: number;
  /** δ of the check: it stops with an all-clear when its bound on the probability of a miss is ≤ δ. */
  checkDelta: number;
  sigma: number | undefined;
  onProgress: ((info: LanczosProgress) => void) | undefined;
  signal: AbortSignal | undefined;
}

/** Applications the missed-eigenvalue check may always take (within the budget). */
const MISSED_CHECK_MIN_STEPS = 20;

/** Rounds of the missed-eigenvalue check that may add vectors before `possiblyMissed` is reported: max(3, k′). */
const MIN_MISSED_ROUNDS = 3;

/** The symmetry probe (shared with lanczosTridiagonal and spectralDensity). */
const checkSymmetry = (u: Float64Array, v: Float64Array, au: Float64Array, av: Float64Array): void => checkSymmetryProbe('op', u, v, au, av);

/** The thick-restart Lanczos iteration (Wu & Simon 2000) as a generator of operator requests. @internal */
export function* lanczosCore(cfg: LanczosConfig): Generator<LanczosRequest, LanczosResult, void> {
  const { n, wanted, which, test, rng, signal } = cfg;
  const si = cfg.sigma !== undefined;
  const iterWhich: LanczosWhich = si ? 'magnitude' : which;
  /** The operator the iteration works with: A, or (A − σI)⁻¹ in shift-invert mode. */
  const iterKind: 'apply' | 'solve' = si ? 'solve' : 'apply';
  let matvecs = 0;

  function* call(kind: 'apply' | 'solve', x: Float64Array, out: Float64Array): Generator<LanczosRequest, void, void> {
    yield { kind, x, out };
    matvecs++;
    // 0·x is 0 for finite x and NaN for ±Infinity or NaN: one branch-free sum, then the index
    // only when it is not 0.
    let probe = 0;
    for (let i = 0; i < n; i++) probe += 0 * (out[i] as number);
    if (probe === 0) return;
    for (let i = 0; i < n; i++) {
      const v = out[i] as number;
      if (!Number.isFinite(v)) {
        const who = kind === 'apply' ? 'op.apply' : 'options.shiftInvert.solve';
        throw new NonFiniteError(`${who}: expected finite values, received ${v} at index ${i} of operator application ${matvecs}`);
      }
    }
  }
  const applyB = (x: Float64Array, out: Float64Array): Generator<LanczosRequest, void, void> => call(iterKind, x, out);

  const aborted = (): boolean => signal?.aborted === true;
  if (aborted())
    return orderResult(cfg, new Float64Array(0), [], new Float64Array(0), {
      matvecs,
      converged: false,
      stopReason: 'aborted',
      possiblyMissed: false,
      normEstimate: 0,
      restarts: 0,
      missedCheck: null,
    });

  // ---- Symmetry probe. From a random start, u is the start vector, whose product is the first
  // Lanczos step, so the probe costs one application (of v); with user start vectors (which need
  // not be random) and in shift-invert mode (the iteration applies the solve, the probe is of A),
  // two. (Taking v from the Krylov chain too would be free but only second order in K when K
  // commutes with S, e.g. for a normal operator: uᵀ(A² − AᵀA)u = uᵀ[S, K]u − 2‖Ku‖².) ----
  const startProbe = !si && cfg.start.length === 0;
  if (!startProbe) {
    const u = rng.fillNormal(new Float64Array(n));
    const v = rng.fillNormal(new Float64Array(n));
    const au = new Float64Array(n);
    const av = new Float64Array(n);
    yield* call('apply', u, au);
    yield* call('apply', v, av);
    checkSymmetry(u, v, au, av);
  }

  // ---- The basis: start vectors, or one random vector. ----
  const m = cfg.basisSize;
  const basis = createLanczosBasis(n, { size: m, extraVectors: cfg.start.length + wanted });
  for (const s of cfg.start) appendVector(basis, Float64Array.from(s));
  if (basis.t === 0) appendRandom(basis, rng);
  const w = newBasisVector(basis); // the product of each step

  let normEst = 0;
  let restarts = 0;
  let ritz: RitzDecomposition = rayleighRitz(basis, iterWhich, wanted, test, normEst);
  /** Whether `ritz` is of the current basis (a step or a restart makes it stale). */
  let fresh = true;
  const refresh = (): void => {
    ritz = rayleighRitz(basis, iterWhich, wanted, test, normEst);
    normEst = ritz.normEstimate;
    fresh = true;
  };
  /** A convergence check: the structured kernel's values and residual estimates when it applies (no vectors). */
  const estimate = (): void => {
    const light = ritzEstimates(basis, iterWhich, wanted, test, normEst);
    if (light === null) refresh();
    else {
      ritz = light;
      normEst = ritz.normEstimate;
      fresh = true;
    }
  };
  /** The full decomposition (with the coefficient vectors) of the current basis. */
  const complete = (): void => {
    if (!fresh || !ritz.hasVectors) refresh();
  };

  /** One Lanczos step: applies B to V[c], orthogonalises, appends the new direction. */
  function* expand(): Generator<LanczosRequest, void, void> {
    fresh = false;
    yield* applyB(basis.V[basis.c] as Float64Array, w);
    absorbProduct(basis, w, normEst);
    if (startProbe && basis.c === 1 && restarts === 0 && n >= 2) {
      const v = rng.fillNormal(new Float64Array(n));
      const av = new Float64Array(n);
      yield* call('apply', v, av);
      checkSymmetry(basis.V[0] as Float64Array, v, basis.W[0] as Float64Array, av);
    }
    // Breakdown with nothing left to apply: continue from a fresh random vector ⊥ V.
    if (basis.c === basis.t && basis.t < n) appendRandom(basis, rng);
  }

  const maxMv = cfg.maxMatvecs;
  const m0 = Math.min(m, n);
  const maxInterval = Math.max(1, Math.floor(m0 / 10));
  // Checks every step while that is cheap, so that a run stops at the step it converges (the
  // operator application, a Hessian-vector product, is usually the cost that matters): the check's
  // dense eigen-solve takes ~12c³ ns (ml-matrix tred2/tql2) and a step's CGS sweeps ~2c·n ns in
  // plain JavaScript, ~0.55c·n ns with the SIMD kernels (measured on Node 20), so a check every
  // ⌈20c²/n⌉ steps costs ≤ ~30% of the JavaScript sweeps, about as much as the SIMD ones. The
  // schedule does not depend on the path, so both give the same results.
  const intervalAt = (cc: number): number => Math.min(maxInterval, Math.max(1, Math.ceil((20 * cc * cc) / n)));
  let lastCheck = 0;
  let missedRounds = 0;
  /** Steps to take before the next convergence check (after the missed check added directions). */
  let force = 0;
  let possiblyMissed = false;
  let missedCheck: LanczosMissedCheck | null = null;
  let checkMatvecs = 0;
  let checkRounds = 0;
  let stopReason: LanczosResult['stopReason'];
  let converged: boolean;
  let resultVals: Float64Array;
  let resultVecs: Float64Array[];
  let resultRes: Float64Array;

  for (;;) {
    // ---- Iterate until the wanted Ritz pairs pass the test, the budget is spent or the signal aborted. ----
    let claimed = false;
    for (;;) {
      const c = basis.c;
      const exhausted = c >= basis.t; // nothing left to apply: the whole space is spanned
      const due = exhausted || (force === 0 && (c >= m0 || (c >= wanted && c - lastCheck >= intervalAt(c))));
      if (due) {
        estimate();
        lastCheck = c;
        cfg.onProgress?.({ matvecs, converged: ritz.converged, wanted, restarts });
        if (aborted()) {
          stopReason = 'aborted';
          break;
        }
        if (c >= wanted && ritz.converged >= wanted) {
          complete();
          claimed = true;
          stopReason = 'converged';
          break;
        }
        if (exhausted) {
          stopReason = 'converged'; // (only when no fresh direction could be found: a safety stop)
          break;
        }
      }
      if ((c >= 1 && matvecs >= maxMv) || exhausted || aborted()) {
        stopReason = aborted() ? 'aborted' : 'budget';
        break;
      }
      if (c >= m0) {
        complete();
        restartBasis(basis, ritz.values, ritz.vectors, thickRestartSelection(ritz, iterWhich, wanted, test));
        fresh = false;
        restarts++;

        lastCheck = basis.c;
      }
      yield* expand();
      if (force > 0) force--;
    }

    // ---- Wanted Ritz vectors, true residuals (of A; of B too in shift-invert mode). ----
    complete();
    const kw = Math.min(wanted, basis.c);
    const sel = ritz.rank.slice(0, kw);
    const { vectors: X, products: BX, stored } = ritzVectors(basis, ritz, sel);
    const vals = new Float64Array(kw);
    const res = new Float64Array(kw);
    let trueOk = claimed && kw === wanted;
    let ax: Float64Array = new Float64Array(n);
    for (let q = 0; q < kw; q++) {
      const x = X[q] as Float64Array;
      if (si) {
        const bx = BX[q] as Float64Array;
        if (!stored) yield* call('solve', x, bx);
        const th = dot(x, bx);
        axpy(-th, x, bx);
        if (!test(th, norm2(bx), normEst)) trueOk = false;
        yield* call('apply', x, ax);
      } else if (stored) ax = BX[q] as Float64Array;
      else yield* call('apply', x, ax);
      const lam = dot(x, ax);
      axpy(-lam, x, ax);
      vals[q] = lam;
      res[q] = norm2(ax);
      if (!si && !test(lam, res[q] as number, normEst)) trueOk = false;
    }
    resultVals = vals;
    resultVecs = X;
    resultRes = res;
    converged = trueOk && stopReason !== 'aborted';
    if (!converged && stopReason === 'converged') stopReason = 'stalled';
    // (A basis that spans the whole space gives the exact answer: nothing to check.)
    if (!converged || !cfg.checkMissed || kw >= n || basis.c >= n) break;

    // ---- Missed-eigenvalue check: a Lanczos run on (I − XXᵀ) B (I − XXᵀ) from a random start. ----
    // At most as many applications as the iteration itself has made (at least 20): a check that
    // cannot certify within that reports the bound it reached (possiblyMissed) instead of
    // multiplying the cost on a spectrum whose wanted end is a continuum.
    const iterationMatvecs = matvecs - checkMatvecs;
    // (In a small deflated space, n − k′ ≤ 200, it may run until it spans the space: exact.)
    const steps = Math.min(n - kw, cfg.checkSteps, maxMv - matvecs, Math.max(MISSED_CHECK_MIN_STEPS, iterationMatvecs, n - kw <= FULL_REORTH_DIM ? n - kw : 0));
    if (steps <= 0) break;
    // The converged Ritz pairs outside the wanted set are deflated too (no application: the
    // vectors from the basis, the residual estimates from the projection): next to the edge they
    // are what makes the check slow (the 11th eigenvalue of the Laplacian top 10), and at the
    // other end they set its spread.
    const extraSel = ritz.rank.slice(kw).filter((q) => test(ritz.values[q] as number, ritz.residuals[q] as number, normEst));
    const extra = extraSel.map((q) => {
      const y = combineBasis(basis, ritz.vectors[q] as Float64Array, new Float64Array(n));
      scale(1 / norm2(y), y);
      return y;
    });
    const before = matvecs;
    const check = yield* missedEigenvalueCheck(applyB, {
      n,
      found: X,
      foundValues: sel.map((k) => ritz.values[k] as number),
      residualEstimates: sel.map((k) => ritz.residuals[k] as number),
      trueResiduals: si ? null : res,
      extra,
      extraResiduals: extraSel.map((q) => ritz.residuals[q] as number),
      which: iterWhich,
      normEstimate: normEst,
      // Within the budget: the check never takes the run past maxMatvecs (+ the final residuals).
      steps,
      accept: test,
      delta: cfg.checkDelta,
      rng,
      signal,
    });
    checkMatvecs += matvecs - before;
    checkRounds++;
    missedCheck = {
      matvecs: checkMatvecs,
      rounds: checkRounds,
      bound: check.bound,
      confidence: 1 - check.bound,
    };
    if (check.aborted) {
      converged = false;
      stopReason = 'aborted';
      break;
    }
    const add = check.directions;
    if (add.length === 0) {
      possiblyMissed = check.bound > cfg.checkDelta;
      break;
    }
    if (missedRounds < Math.max(MIN_MISSED_ROUNDS, wanted) && matvecs < maxMv) {
      // Put the missed directions into the basis and iterate on.
      missedRounds++;
      let appended = 0;
      for (const z of add.slice(0, wanted)) if (appendVector(basis, z)) appended++;
      fresh = false;
      // A missed direction that is already in span V lies in the not-yet-applied vectors
      // (it is ⊥ the Ritz space of the applied ones): apply them.
      if (appended > 0 || basis.t > basis.c) {
        force = basis.t - basis.c;
        continue;
      }
    }
    possiblyMissed = true;
    break;
  }

  return orderResult(cfg, resultVals, resultVecs, resultRes, {
    matvecs,
    converged,
    stopReason,
    possiblyMissed,
    normEstimate: si ? resultVals.reduce((a, x) => Math.max(a, Math.abs(x)), 0) : normEst,
    restarts,
    missedCheck,
  });
}

/** The result, its pairs in the documented order of `LanczosResult.values`. */
function orderResult(
  cfg: LanczosConfig,
  vals: Float64Array,
  vecs: Float64Array[],
  res: Float64Array,
  rest: Omit<LanczosResult, 'values' | 'vectors' | 'residuals'>,
): LanczosResult {
  const idx = Array.from({ length: vals.length }, (_, i) => i);
  const val = (i: number): number => vals[i] as number;
  if (cfg.sigma !== undefined) {
    const sg = cfg.sigma;
    idx.sort((a, b) => Math.abs(val(a) - sg) - Math.abs(val(b) - sg) || val(a) - val(b));
  } else if (cfg.which === 'largest') idx.sort((a, b) => val(b) - val(a));
  else if (cfg.which === 'magnitude') idx.sort((a, b) => Math.abs(val(b)) - Math.abs(val(a)) || val(b) - val(a));
  else idx.sort((a, b) => val(a) - val(b));
  return {
    values: Float64Array.from(idx, val),
    vectors: idx.map((i) => vecs[i] as Float64Array),
    residuals: Float64Array.from(idx, (i) => res[i] as number),
    ...rest,
  };
}
