/**
 * Hutch++ (Meyer, Musco, Musco & Woodruff 2021): a trace estimator that sketches the top of the
 * spectrum exactly and runs Hutchinson on the rest.
 *
 * @module
 */
import { checkInteger, checkOptions } from '../core/checks';
import { dot } from '../core/blas1';
import type { SymmetricOperator } from '../core/types';
import { streamRng } from '../random/rng';
import { applyFinite, checkOperator } from './operator-checks';
import { orthonormalize, projectOut } from './orthonormalize';
import { meanStandardError } from '../core/mean-standard-error';

/** Options of {@link hutchPlusPlus}. */
export interface HutchPlusPlusOptions {
  /** Total budget of operator applications m ≥ 3. Required. */
  matvecs: number;
  /** Seed of the sketch and of the probes. Default 0. */
  seed?: number;
}

/** Result of {@link hutchPlusPlus}. */
export interface HutchPlusPlusResult {
  /** tr(QᵀAQ) + (1/g) Σᵢ uᵢᵀAuᵢ: an unbiased estimate of tr(A). */
  estimate: number;
  /**
   * Standard error of the estimate given the sketch Q (the sample standard deviation of the
   * uᵢᵀAuᵢ over √g); 0 when Q spans the whole space; NaN when g = 1.
   */
  standardError: number;
  /** Operator applications used: the budget m (fewer only when Q spans the whole space). */
  matvecs: number;
  /** Sketch size s = ⌊m/3⌋ (columns of the Rademacher sketch S). */
  sketchSize: number;
  /** Columns of Q kept (rank of AS, ≤ s). */
  rank: number;
  /** Number g of Hutchinson probes on the deflated part (= m − s − rank). */
  probes: number;
  /** tr(QᵀAQ), the exact trace of the sketched part. */
  lowRankTrace: number;
  /** The Hutchinson estimate of tr((I − QQᵀ) A (I − QQᵀ)). */
  residualTrace: number;
}

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
 * Cost: m matvecs, O(m²n) for the orthonormalisation, O(m·n) memory.
 *
 * @example
 * const { estimate, standardError } = hutchPlusPlus(denseOperator(A), { matvecs: 90, seed: 1 });
 */
export function hutchPlusPlus(op: SymmetricOperator, options: HutchPlusPlusOptions): HutchPlusPlusResult {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  const m = checkInteger('options.matvecs', opts.matvecs, 3);
  const seed = checkInteger('options.seed', opts.seed ?? 0, 0);
  const s = Math.floor(m / 3);
  const x = new Float64Array(n);
  const sketch: Float64Array[] = [];
  for (let j = 0; j < s; j++) {
    streamRng(`hutch++-sketch:${seed}`, j).fillRademacher(x);
    sketch.push(applyFinite('op', op, x, new Float64Array(n)));
  }
  const Q = orthonormalize(sketch);
  const r = Q.length;
  const y = new Float64Array(n);
  let lowRankTrace = 0;
  for (const q of Q) lowRankTrace += dot(q, applyFinite('op', op, q, y));
  let g = m - s - r;
  let residualTrace = 0;
  let standardError = 0;
  if (r >= n) {
    g = 0; // Q spans Rⁿ: nothing is left to estimate.
  } else {
    const r = meanStandardError(g, (i) => {
      streamRng(`hutch++-probe:${seed}`, i).fillRademacher(x);
      projectOut(Q, x);
      return dot(x, applyFinite('op', op, x, y));
    });
    residualTrace = r.mean;
    standardError = r.standardError;
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
  };
}
