/**
 * One budget of Hessian-vector products, shared by every spectral diagnostic of a Hessian.
 *
 * @module
 */
import { checkFiniteNumber, checkInteger, checkNonNegative, checkOptions, checkPositive, checkSeed, optionWithAlias, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { LongRunOptions, Objective, Seed } from '../core/types';
import { hessianOperator, readFdStep, type HessianOperatorOptions } from './hessian-operator';
import { hutchinsonTrace } from './hutchinson-trace';
import { lanczos, type LanczosOptions } from './lanczos';
import { longRun } from '../core/long-run';
import { deflatedOperator } from './deflated-operator';
import { spectralDensity, type SpectralDensity } from './spectral-density';

/** What `onProgress` of {@link hessianSummary} receives. */
export interface HessianSummaryProgress {
  /** The part running: the extreme eigenpairs (Lanczos), the trace (Hutchinson) or the density (SLQ). */
  phase: 'eigen' | 'trace' | 'density';
  /** Hessian-vector products so far, all parts. */
  matvecs: number;
  /** The budget B. */
  maxMatvecs: number;
}

/** Options of {@link hessianSummary}. */
export interface HessianSummaryOptions extends LongRunOptions<HessianSummaryProgress> {
  /** Total Hessian-vector products allowed, ≥ 100. Required (or its deprecated alias `budget`). */
  maxMatvecs?: number;
  /** @deprecated Use `maxMatvecs` (same meaning). */
  budget?: number;
  /**
   * Seed (a number or a string) of every random draw, passed unchanged to `lanczos`,
   * `hutchinsonTrace` and `spectralDensity` (each draws its own purpose's streams). Default 0.
   */
  seed?: Seed;
  /** Eigenvalues wanted at each end of the spectrum, 1 ≤ k ≤ dim. Default min(5, dim). */
  k?: number;
  /** Lanczos tolerance ('norm' test: residual ≤ tol·‖H‖). Default 1e-6. */
  tol?: number;
  /** Lanczos steps per SLQ probe. Default 30 (capped at the dimension left after deflation). */
  lanczosSteps?: number;
  /** @deprecated Use `lanczosSteps` (same meaning). */
  steps?: number;
  /**
   * Fractions of the budget for the eigenvalues, the trace and the density. Default
   * { eigen: 0.4, trace: 0.3, density: 0.3 }. What the eigen-solver does not use goes to the other
   * two in proportion.
   */
  split?: { eigen: number; trace: number; density: number };
  /** A converged eigenvalue is an outlier when it lies beyond the bulk's edge by more than this fraction of the bulk's width. Default 0.1. */
  outlierGap?: number;
  /** How the Hessian is applied (see `hessianOperator`). Default 'exact'. */
  method?: HessianOperatorOptions['method'];
  /** Relative finite-difference step (see `hessianOperator`'s `fdStep`). */
  fdStep?: number;
  /** @deprecated Use `fdStep` (same meaning). */
  step?: number;
}

/** Eigenvalues at one end of the spectrum, with error bars. */
export interface HessianEigenvalues {
  /** Ritz values: 'top' descending (values[0] = λ_max), 'bottom' ascending (values[0] = λ_min). */
  values: Float64Array;
  /** Residual ρᵢ = ‖H vᵢ − θᵢ vᵢ‖: H has an eigenvalue in [θᵢ − ρᵢ, θᵢ + ρᵢ] (Bauer–Fike, symmetric H). */
  errors: Float64Array;
  /** Whether every pair met the tolerance (ρᵢ ≤ tol·‖H‖). */
  converged: boolean;
  /** Whether each pair met the tolerance, in the order of `values`. */
  convergedEach: boolean[];
}

/** Result of {@link hessianSummary}. */
export interface HessianSummary {
  dim: number;
  top: HessianEigenvalues;
  bottom: HessianEigenvalues;
  /** tr H = Σ (deflated θᵢ) + Hutchinson estimate of tr(P H P), with the latter's standard error. */
  trace: { estimate: number; standardError: number | null; probes: number };
  /** SLQ density with the converged eigenpairs deflated (they appear as point masses 1/n). */
  density: SpectralDensity;
  /** Converged extreme eigenvalues separated from the bulk (see `outlierGap`). */
  outliers: {
    values: Float64Array;
    /** Their mass in the density: count / n. */
    weight: number;
    /** Σ outliers / tr H (null when the trace estimate is 0). */
    traceFraction: number | null;
    /** Σ outliers² / ‖H‖_F², with ‖H‖_F² = n·(second moment of the density) (null when that is not positive). */
    frobeniusFraction: number | null;
  };
  /** The bulk's support as seen by SLQ: the extreme Ritz values of the deflated operator. */
  bulk: { min: number; max: number };
  /** Hessian-vector products spent on each part, and in all. */
  matvecs: { eigen: number; trace: number; density: number; total: number };
  /** Whether the eigen-solver reported convergence of every pair, and its missed-eigenvalue flag. */
  converged: boolean;
  possiblyMissed: boolean;
  /**
   * `'converged'`: every eigenpair met the tolerance; `'budget'`: the eigen-solver's share ran out
   * first; `'stalled'`: Lanczos stopped with its residual estimates unconfirmed (see `lanczos`);
   * `'aborted'`: the signal fired (the parts not reached get their minimum, one probe each).
   */
  stopReason: 'converged' | 'budget' | 'stalled' | 'aborted';
}

/**
 * Top and bottom eigenvalues, trace, spectral density and outliers of H = ∇²L(x) from one budget
 * B of Hessian-vector products, each with an error bar.
 *
 * **How the budget is split.** (1) Eigenvalues: thick-restart `lanczos` with which 'both' (k at
 * each end), allowed ⌊s_e·B⌋ products in all: `maxMatvecs` = ⌊s_e·B⌋ − 2k, which covers its
 * symmetry probe, iteration and missed-eigenvalue check, with the final residuals of the ≤ 2k
 * returned pairs on top. (2) The products it
 * did not use, R = B − used, go to the trace and the density in the ratio s_t : s_d: the trace gets
 * p_t = max(2, ⌊R·s_t/(s_t + s_d)⌋) Hutchinson probes, the density p_d = max(1, ⌊(R − p_t)/m⌋)
 * SLQ probes of m steps (m = `lanczosSteps`, ≤ n − r). Defaults s_e, s_t, s_d = 0.4, 0.3, 0.3. The total
 * stays ≤ B unless the eigen-solver's share is below its minimum (a probe and a few steps), or fewer than 2 + m
 * products are left for the trace and the density (their minimum); budgets below 100 are
 * rejected. `matvecs` reports the split actually spent.
 *
 * **Deflation.** The r converged Ritz pairs (θᵢ, vᵢ) (orthonormal, θᵢ = vᵢᵀHvᵢ) are deflated with
 * P = I − VVᵀ: tr H = Σθᵢ + tr(PHP) exactly for any orthonormal V, and Hutchinson on PHP has no
 * variance from the outliers, the usual main source (like Hutch++). The density is SLQ of PHP on
 * the complement plus point masses 1/n at the θᵢ.
 *
 * **Error bars.** Eigenvalues: the residual ρᵢ (an eigenvalue of H lies within ρᵢ of θᵢ; which one
 * is certain only when no eigenvalue was missed: see `possiblyMissed`). Trace: the Hutchinson sample
 * standard error of tr(PHP) (the deflated part is exact).
 *
 * **Seeds, names, long work.** `seed` (default 0; `7` and `'7'` the same) is passed unchanged to
 * each part. Deprecated aliases: `budget` of `maxMatvecs`, `steps` of `lanczosSteps`, `step` of
 * `fdStep`. `onProgress` receives the phase and the products so far; `signal` is passed to each
 * part and checked between them: a cancelled run returns what it has with `stopReason: 'aborted'`
 * (the eigenpairs reached, and one Hutchinson probe and one SLQ probe for the parts not reached,
 * so that every field is defined).
 *
 * @example
 * const s = hessianSummary(objective, x, { maxMatvecs: 2000, seed: 1 });
 * s.top.values[0];                // λ_max, ± s.top.errors[0]
 * s.trace.estimate;               // ± s.trace.standardError
 * s.density.evaluate(grid, 0.01); // bulk density
 */
export function hessianSummary(objective: Objective, x: Float64Array | readonly number[], options: HessianSummaryOptions): HessianSummary {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [
    'budget',
    'fdStep',
    'k',
    'lanczosSteps',
    'maxMatvecs',
    'method',
    'onProgress',
    'outlierGap',
    'seed',
    'signal',
    'split',
    'step',
    'steps',
    'tol',
  ]);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const budgetName = opts.maxMatvecs === undefined && opts.budget !== undefined ? 'options.budget' : 'options.maxMatvecs';
  const budget = checkInteger(budgetName, optionWithAlias(opts, 'maxMatvecs', 'budget'), 100);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const tol = checkPositive('options.tol', opts.tol ?? 1e-6);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const stepsName = opts.lanczosSteps === undefined && opts.steps !== undefined ? 'options.steps' : 'options.lanczosSteps';
  const stepsWanted = checkInteger(stepsName, optionWithAlias(opts, 'lanczosSteps', 'steps') ?? 30, 1);
  const run = longRun<HessianSummaryProgress>(opts);
  const { onProgress, signal } = run;
  const gapFrac = checkNonNegative('options.outlierGap', opts.outlierGap ?? 0.1);
  const split = opts.split === undefined ? { eigen: 0.4, trace: 0.3, density: 0.3 } : checkOptions('options.split', opts.split);
  checkKnownOptions('options.split', split, ['density', 'eigen', 'trace']);
  const se = checkFiniteNumber('options.split.eigen', split.eigen);
  const st = checkFiniteNumber('options.split.trace', split.trace);
  const sd = checkFiniteNumber('options.split.density', split.density);
  if (!(se > 0 && st > 0 && sd > 0 && Math.abs(se + st + sd - 1) <= 1e-9)) {
    throw new RangeError(
      `options.split: expected positive fractions { eigen, trace, density } summing to 1, received { eigen: ${describeValue(se)}, trace: ${describeValue(st)}, density: ${describeValue(sd)} }`,
    );
  }
  const hop: HessianOperatorOptions = {};
  if (opts.method !== undefined) hop.method = opts.method;
  const fdStep = readFdStep(opts);
  if (fdStep !== undefined) hop.fdStep = fdStep;
  const H = hessianOperator(objective, x, hop);
  const n = H.dim;
  const k = checkInteger('options.k', opts.k ?? Math.min(5, n), 1, n);

  // (1) Extreme eigenpairs.
  const wanted = Math.min(2 * k, n);
  const eigenShare = Math.floor(se * budget);
  // lanczos counts its symmetry probe and missed-eigenvalue check inside maxMatvecs; only the
  // final residuals of the returned pairs (at most `wanted` products) may come on top.
  const overhead = wanted;
  const lopts: LanczosOptions = { k, which: 'both', tol, seed, maxMatvecs: Math.max(1, eigenShare - overhead) };
  if (onProgress !== undefined) lopts.onProgress = (info) => onProgress({ phase: 'eigen', matvecs: info.matvecs, maxMatvecs: budget });
  // (lanczos reads `signal` where it supports it; the signal is checked again after it returns.)
  if (signal !== undefined) Object.assign(lopts, { signal });
  const eig = lanczos(H, lopts);
  const abortedEigen = run.aborted();
  const nEig = eig.values.length;
  const pairConverged = Array.from(eig.residuals, (r) => r <= tol * eig.normEstimate);
  const bottomCount = Math.min(k, nEig);
  const topCount = Math.min(k, nEig);
  const bottom: HessianEigenvalues = {
    values: eig.values.slice(0, bottomCount),
    errors: eig.residuals.slice(0, bottomCount),
    converged: pairConverged.slice(0, bottomCount).every(Boolean),
    convergedEach: pairConverged.slice(0, bottomCount),
  };
  const top: HessianEigenvalues = {
    values: eig.values.slice(nEig - topCount).reverse(),
    errors: eig.residuals.slice(nEig - topCount).reverse(),
    converged: pairConverged.slice(nEig - topCount).every(Boolean),
    convergedEach: pairConverged.slice(nEig - topCount).reverse(),
  };

  // Deflation basis: the converged pairs (never all n: keep at least one dimension for the bulk).
  const defVectors: Float64Array[] = [];
  const defValues: number[] = [];
  for (let i = 0; i < nEig && defVectors.length < n - 1; i++) {
    if (pairConverged[i]) {
      defVectors.push(eig.vectors[i] as Float64Array);
      defValues.push(eig.values[i] as number);
    }
  }
  const r = defVectors.length;
  const deflated = deflatedOperator(H, defVectors, 'objective.hvp');

  // (2) Trace and density from what is left.
  const remaining = Math.max(0, budget - eig.matvecs);
  const traceProbes = Math.max(2, Math.floor((remaining * st) / (st + sd)));
  const left = Math.max(1, remaining - traceProbes);
  const steps = Math.max(1, Math.min(stepsWanted, n - r, left));
  const densityProbes = Math.max(1, Math.floor(left / steps));
  const eigMatvecs = eig.matvecs;
  const tr = hutchinsonTrace(deflated, {
    probes: traceProbes,
    seed,
    ...(signal !== undefined ? { signal } : {}),
    ...(onProgress !== undefined ? { onProgress: (info) => onProgress({ phase: 'trace', matvecs: eigMatvecs + info.matvecs, maxMatvecs: budget }) } : {}),
  });
  const deflatedSum = defValues.reduce((s, v) => s + v, 0);
  const before = eigMatvecs + tr.matvecs;
  const density = spectralDensity(H, {
    probes: densityProbes,
    lanczosSteps: steps,
    seed,
    ...(r > 0 ? { deflate: { values: defValues, vectors: defVectors } } : {}),
    ...(signal !== undefined ? { signal } : {}),
    ...(onProgress !== undefined ? { onProgress: (info) => onProgress({ phase: 'density', matvecs: before + info.matvecs, maxMatvecs: budget }) } : {}),
  });
  const aborted = abortedEigen || tr.stopReason === 'aborted' || density.stopReason === 'aborted';
  const bulkCount = density.probeOffsets[density.probes] as number;
  let bmin = Infinity;
  let bmax = -Infinity;
  for (let i = 0; i < bulkCount; i++) {
    bmin = Math.min(bmin, density.nodes[i] as number);
    bmax = Math.max(bmax, density.nodes[i] as number);
  }
  const margin = gapFrac * (bmax - bmin);
  const outlierValues = defValues.filter((v) => v > bmax + margin || v < bmin - margin);
  const traceEstimate = deflatedSum + tr.estimate;
  const frob2 = n * density.moment(2).estimate;
  const outSum = outlierValues.reduce((s, v) => s + v, 0);
  const outSq = outlierValues.reduce((s, v) => s + v * v, 0);
  const total = eig.matvecs + tr.matvecs + density.matvecs;
  return {
    dim: n,
    top,
    bottom,
    trace: { estimate: traceEstimate, standardError: tr.standardError, probes: tr.probes },
    density,
    outliers: {
      values: Float64Array.from(outlierValues),
      weight: outlierValues.length / n,
      traceFraction: traceEstimate === 0 ? null : outSum / traceEstimate,
      frobeniusFraction: frob2 > 0 ? outSq / frob2 : null,
    },
    bulk: { min: bmin, max: bmax },
    matvecs: { eigen: eig.matvecs, trace: tr.matvecs, density: density.matvecs, total },
    converged: eig.converged && !aborted,
    possiblyMissed: eig.possiblyMissed,
    stopReason: aborted ? 'aborted' : eig.converged ? 'converged' : eig.stopReason === 'stalled' ? 'stalled' : 'budget',
  };
}
