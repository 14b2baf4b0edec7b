/**
 * Hutch++ (Meyer, Musco, Musco & Woodruff 2021): a trace estimator that sketches the top of the
 * spectrum exactly and runs Hutchinson on the rest.
 *
 * @module
 */
import { checkInteger, checkOptions, checkSeed, optionWithAlias, checkKnownOptions } from '../core/checks';
import { dot } from '../core/blas1';
import type { LongRunOptions, Seed, SymmetricOperator } from '../core/types';
import { rngFor } from '../random/rng';
import { longRun } from '../core/long-run';
import { applyFinite, checkOperator } from './operator-checks';
import { orthonormalize, projectOut } from './orthonormalize';
import { meanStandardErrorUnchecked as meanStandardError } from '../core/mean-standard-error';

/** What `onProgress` of {@link hutchPlusPlus} receives. */
export interface HutchPlusPlusProgress {
  /** The part running: the sketch AS, the exact tr(QᵀAQ), or the Hutchinson probes. */
  phase: 'sketch' | 'low-rank' | 'probes';
  /** Operator applications so far. */
  matvecs: number;
  /** The budget m. */
  maxMatvecs: number;
}

/** Options of {@link hutchPlusPlus}. */
export interface HutchPlusPlusOptions extends LongRunOptions<HutchPlusPlusProgress> {
  /** Total budget of operator applications m ≥ 3. Required (or its deprecated alias `matvecs`). */
  maxMatvecs?: number;
  /** @deprecated Use `maxMatvecs` (same meaning). */
  matvecs?: number;
  /**
   * Seed (a number or a string) of the sketch (column j from `rngFor('hutch++-sketch', seed, j)`)
   * and of the probes (probe i from `rngFor('hutch++-probe', seed, i)`). Default 0.
   */
  seed?: Seed;
}

/** Result of {@link hutchPlusPlus}. */
export interface HutchPlusPlusResult {
  /** tr(QᵀAQ) + (1/g) Σᵢ uᵢᵀAuᵢ: an unbiased estimate of tr(A). */
  estimate: number;
  /**
   * Standard error of the estimate given the sketch Q (the sample standard deviation of the
   * uᵢᵀAuᵢ over √g); 0 when Q spans the whole space; null when g < 2.
   */
  standardError: number | null;
  /** Operator applications used: the budget m (fewer when Q spans the whole space, or when aborted). */
  matvecs: number;
  /** Sketch size s = ⌊m/3⌋ (columns of the Rademacher sketch S). */
  sketchSize: number;
  /** Columns of Q used (rank of AS, ≤ s; 0 when aborted before the probes). */
  rank: number;
  /** Number g of Hutchinson probes on the deflated part (= m − s − rank; the probes done when aborted). */
  probes: number;
  /** tr(QᵀAQ), the exact trace of the sketched part. */
  lowRankTrace: number;
  /** The Hutchinson estimate of tr((I − QQᵀ) A (I − QQᵀ)). */
  residualTrace: number;
  /**
   * `'steps'`: the whole budget was spent as planned; `'aborted'`: the signal fired (the estimate
   * is then from what was done: before any deflated probe, Hutchinson on the sketch's own
   * Rademacher columns, with rank 0).
   */
  stopReason: 'steps' | 'aborted';
}

/** Columns beyond dim that the sketch (and the probes) may take before the budget is capped. */
const SKETCH_SLACK = 10;

/**
 * Hutch++ with a budget of m matvecs: s = ⌊m/3⌋ Rademacher sketch vectors S, Q = orth(AS) (s
 * matvecs; columns of AS dependent to relative 1e-10 are dropped, leaving r ≤ s), the exact
 * tr(QᵀAQ) (r matvecs), and Hutchinson with the remaining g = m − s − r Rademacher probes on
 * (I − QQᵀ) A (I − QQᵀ):
 *   tr(A) ≈ tr(QᵀAQ) + (1/g) Σᵢ gᵢᵀ(I − QQᵀ)A(I − QQᵀ)gᵢ.
 * Unbiased for any Q (tr(A) = tr(QᵀAQ) + tr((I − QQᵀ)A(I − QQᵀ)) for orthonormal Q), exact (to
 * rounding) when rank A ≤ s, and for PSD A its relative error is O(1/m) instead of Hutchinson's
 * O(1/√m). Error estimate: given S, the first term is exact and the second is Hutchinson on the
 * deflated operator with probes independent of S, so the sample standard error of its g samples
 * is a valid (conditional) standard error of the whole estimate.
 *
 * Seed default 0 (a number or a string; `7` and `'7'` the same). `options.matvecs` is a deprecated
 * alias of `options.maxMatvecs`. Long work: `onProgress` after matvecs (at most ~100 times),
 * `signal` checked after every matvec; a cancelled run returns an unbiased estimate from what was
 * done (`stopReason: 'aborted'`): tr(QᵀAQ) plus the deflated probes done, or, before the first of
 * those, Hutchinson on the sketch's Rademacher columns sⱼ (samples sⱼᵀAsⱼ, which it has computed).
 * The sketch is capped at s = min(⌊m/3⌋, dim + 10) columns, and when that cap bites the probes at
 * dim + 10 as well, so a huge `maxMatvecs` on a small operator returns after O(dim) applications
 * (`matvecs` reports what was spent) instead of running on.
 * Cost: m matvecs (at most 3·(dim + 10)), O(m²n) for the orthonormalisation, O(m·n) memory.
 *
 * @example
 * const { estimate, standardError } = hutchPlusPlus(denseOperator(A), { maxMatvecs: 90, seed: 1 });
 */
export function hutchPlusPlus(op: SymmetricOperator, options: HutchPlusPlusOptions): HutchPlusPlusResult {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['matvecs', 'maxMatvecs', 'onProgress', 'seed', 'signal']);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const budgetName = opts.maxMatvecs === undefined && opts.matvecs !== undefined ? 'options.matvecs' : 'options.maxMatvecs';
  const m = checkInteger(budgetName, optionWithAlias(opts, 'maxMatvecs', 'matvecs'), 3);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const run = longRun<HutchPlusPlusProgress>(opts);
  // Sketch columns beyond dim + 10 add nothing (dim + 10 Rademacher columns span Rⁿ all but
  // always, and then so does Q whenever A has full rank): capped, so that a huge budget on a
  // small operator does not run on.
  const s = Math.min(Math.floor(m / 3), n + SKETCH_SLACK);
  let spent = 0;
  const step = (phase: HutchPlusPlusProgress['phase']): boolean => {
    spent++;
    return run.report(spent, m, () => ({ phase, matvecs: spent, maxMatvecs: m }));
  };
  const x = new Float64Array(n);
  const sketch: Float64Array[] = [];
  // sⱼᵀAsⱼ of the sketch's own Rademacher columns: a Hutchinson estimate to fall back on when aborted early.
  const sketchSamples = new Float64Array(s);
  /** The result of an abort before any deflated probe: Hutchinson on the first `count` sketch columns. */
  const fallback = (count: number): HutchPlusPlusResult => {
    const h = meanStandardError(count, (j) => sketchSamples[j] as number);
    const se = count > 1 ? h.standardError : null;
    return {
      estimate: h.mean,
      standardError: se,
      matvecs: spent,
      sketchSize: s,
      rank: 0,
      probes: count,
      lowRankTrace: 0,
      residualTrace: h.mean,
      stopReason: 'aborted',
    };
  };
  for (let j = 0; j < s; j++) {
    rngFor('hutch++-sketch', seed, j).fillRademacher(x);
    const ax = applyFinite('op', op, x, new Float64Array(n));
    sketchSamples[j] = dot(x, ax);
    sketch.push(ax);
    if (step('sketch')) return fallback(j + 1); // (the sketch is never the whole budget: s < m)
  }
  const Q = orthonormalize(sketch);
  const r = Q.length;
  const y = new Float64Array(n);
  let lowRankTrace = 0;
  for (let i = 0; i < r; i++) {
    const q = Q[i] as Float64Array;
    lowRankTrace += dot(q, applyFinite('op', op, q, y));
    // Aborted before the last low-rank product, or with probes still to do: fall back.
    if (step('low-rank') && (i + 1 < r || r < n)) return fallback(s);
  }
  // Probes capped likewise when the sketch was (the deflated operator is then 0, or of rank
  // dim − r < dim: more than dim + 10 probes of it are wasted work).
  let g = s < Math.floor(m / 3) ? Math.min(m - s - r, n + SKETCH_SLACK) : m - s - r;
  let residualTrace = 0;
  let standardError: number | null = 0;
  let stopReason: HutchPlusPlusResult['stopReason'] = 'steps';
  if (r >= n) {
    g = 0; // Q spans Rⁿ: nothing is left to estimate.
  } else {
    const samples = new Float64Array(g);
    let done = 0;
    for (let i = 0; i < g; i++) {
      rngFor('hutch++-probe', seed, i).fillRademacher(x);
      projectOut(Q, x);
      samples[i] = dot(x, applyFinite('op', op, x, y));
      done = i + 1;
      if (step('probes') && done < g) {
        stopReason = 'aborted';
        break;
      }
    }
    g = done;
    const res = meanStandardError(g, (i) => samples[i] as number);
    residualTrace = res.mean;
    standardError = g > 1 ? res.standardError : null;
  }
  return {
    estimate: lowRankTrace + residualTrace,
    standardError,
    matvecs: s + r + g,
    sketchSize: s,
    rank: r,
    probes: g,
    lowRankTrace,
    residualTrace,
    stopReason,
  };
}
