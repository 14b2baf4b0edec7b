/**
 * Hutchinson's stochastic trace estimator with Rademacher probes.
 *
 * @module
 */
import { checkInteger, checkOptions } from '../core/checks';
import { dot } from '../core/blas1';
import type { SymmetricOperator } from '../core/types';
import { streamRng } from '../random/rng';
import { applyFinite, checkOperator } from './operator-checks';
import { meanStandardError } from '../core/mean-standard-error';

/** Options of {@link hutchinsonTrace}. */
export interface HutchinsonOptions {
  /** Number of probes p ≥ 1 (= matvecs). Required. */
  probes: number;
  /**
   * Seed: probe i is drawn from stream (seed, i), so the same seed gives the same probes whatever
   * the operator and whatever `probes` (the first p probes of a longer run are the same). Default 0.
   */
  seed?: number;
}

/** Result of {@link hutchinsonTrace}. */
export interface HutchinsonResult {
  /** (1/p) Σᵢ zᵢᵀ A zᵢ: an unbiased estimate of tr(A). */
  estimate: number;
  /** Sample standard deviation of the zᵢᵀAzᵢ over √p (NaN for p = 1). */
  standardError: number;
  /** Operator applications (= p). */
  matvecs: number;
  /** The p samples zᵢᵀ A zᵢ, in probe order (for paired differences across operators). */
  samples: Float64Array;
}

/**
 * The Rademacher draw of probe i for `seed` (entries ±1, each with probability ½), written into
 * `out`. Shared by every routine that wants the same probes as {@link hutchinsonTrace}.
 *
 * @example
 * const z = rademacherProbe(1, 0, new Float64Array(100)); // the first probe of hutchinsonTrace(op, { seed: 1 })
 */
export function rademacherProbe(seed: number, i: number, out: Float64Array): Float64Array {
  return streamRng(`rademacher-probe:${seed}`, i).fillRademacher(out);
}

/**
 * Hutchinson's estimator tr(A) ≈ (1/p) Σᵢ zᵢᵀ A zᵢ with independent Rademacher probes zᵢ ∈ {±1}ⁿ.
 *
 * Unbiased, with variance Var(zᵀAz)/p = 2(‖A‖_F² − Σᵢ aᵢᵢ²)/p: the smallest of the common probe
 * distributions. The reported standard error is the sample standard deviation (Welford, divisor
 * p − 1) over √p, an estimate of that exact one; it is NaN for p = 1. Same seed, same probes
 * (probe i from stream (seed, i)), so estimates of nearby operators with the same seed are
 * positively correlated and their difference has low variance (see `samples`).
 * Cost: p matvecs + O(p·n).
 *
 * @example
 * const { estimate, standardError } = hutchinsonTrace(denseOperator(A), { probes: 100, seed: 1 });
 */
export function hutchinsonTrace(op: SymmetricOperator, options: HutchinsonOptions): HutchinsonResult {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  const p = checkInteger('options.probes', opts.probes, 1);
  const seed = checkInteger('options.seed', opts.seed ?? 0, 0);
  const z = new Float64Array(n);
  const az = new Float64Array(n);
  const samples = new Float64Array(p);
  const { mean, standardError } = meanStandardError(p, (i) => {
    rademacherProbe(seed, i, z);
    applyFinite('op', op, z, az);
    return (samples[i] = dot(z, az));
  });
  return { estimate: mean, standardError, matvecs: p, samples };
}
