/**
 * Hutchinson's stochastic trace estimator with Rademacher probes.
 *
 * @module
 */
import { checkInteger, checkOptions, checkSeed, checkKnownOptions, checkAllocation } from '../core/checks';
import { dot } from '../core/blas1';
import { describeValue } from '../core/errors';
import type { LongRunOptions, Seed, SymmetricOperator } from '../core/types';
import { rngFor } from '../random/rng';
import { longRun } from '../core/long-run';
import { applyFinite, checkOperator } from './operator-checks';
import { meanStandardErrorUnchecked as meanStandardError } from '../core/mean-standard-error';

/** What `onProgress` of {@link hutchinsonTrace} receives. */
export interface HutchinsonProgress {
  /** Probes done so far. */
  probes: number;
  /** Probes asked for. */
  totalProbes: number;
  /** Operator applications so far (= probes). */
  matvecs: number;
}

/** Options of {@link hutchinsonTrace}. */
export interface HutchinsonOptions extends LongRunOptions<HutchinsonProgress> {
  /** Number of probes p ≥ 1 (= matvecs). Required. */
  probes: number;
  /**
   * Seed (a number or a string): probe i is drawn from `rngFor('hutchinson', seed, i)`, so the same
   * seed gives the same probes whatever the operator and whatever `probes` (the first p probes of a
   * longer run are the same). Default 0.
   */
  seed?: Seed;
}

/** Result of {@link hutchinsonTrace}. */
export interface HutchinsonResult {
  /** (1/p) Σᵢ zᵢᵀ A zᵢ over the probes done: an unbiased estimate of tr(A). */
  estimate: number;
  /** Sample standard deviation of the zᵢᵀAzᵢ over √p (null for fewer than 2 probes). */
  standardError: number | null;
  /** Operator applications (= probes done). */
  matvecs: number;
  /** The samples zᵢᵀ A zᵢ of the probes done, in probe order (for paired differences across operators). */
  samples: Float64Array;
  /** Probes done: `options.probes`, fewer when aborted (at least 1). */
  probes: number;
  /** `'steps'`: every probe was done; `'aborted'`: the signal fired, the estimate uses the probes done. */
  stopReason: 'steps' | 'aborted';
}

/**
 * The Rademacher draw of probe i for `seed` (entries ±1, each with probability ½), from the stream
 * `rngFor('hutchinson', seed, i)`, written into `out`. Shared by every routine that wants the same
 * probes as {@link hutchinsonTrace}.
 *
 * @example
 * const z = rademacherProbe(1, 0, new Float64Array(100)); // the first probe of hutchinsonTrace(op, { seed: 1 })
 */
export function rademacherProbe(seed: Seed, i: number, out: Float64Array): Float64Array {
  const s = checkSeed('seed', seed);
  checkInteger('i', i, 0);
  if (!(out instanceof Float64Array)) throw new TypeError(`out: expected a Float64Array, received ${describeValue(out)}`);
  return rngFor('hutchinson', s, i).fillRademacher(out);
}

/**
 * Hutchinson's estimator tr(A) ≈ (1/p) Σᵢ zᵢᵀ A zᵢ with independent Rademacher probes zᵢ ∈ {±1}ⁿ.
 *
 * Unbiased, with variance Var(zᵀAz)/p = 2(‖A‖_F² − Σᵢ aᵢᵢ²)/p: the smallest of the common probe
 * distributions. The reported standard error is the sample standard deviation (Welford, divisor
 * p − 1) over √p, an estimate of that exact one; it is null for p = 1. Same seed, same probes
 * (probe i from `rngFor('hutchinson', seed, i)`; seed default 0, `7` and `'7'` the same), so
 * estimates of nearby operators with the same seed are positively correlated and their difference
 * has low variance (see `samples`).
 *
 * Long work: `onProgress` is called after probes (at most ~100 times) and `signal` is checked after
 * every probe; a cancelled run returns the estimate of the probes done (at least one) with
 * `stopReason: 'aborted'`.
 * Cost: p matvecs + O(p·n).
 *
 * @example
 * const { estimate, standardError } = hutchinsonTrace(denseOperator(A), { probes: 100, seed: 1 });
 */
export function hutchinsonTrace(op: SymmetricOperator, options: HutchinsonOptions): HutchinsonResult {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['onProgress', 'probes', 'seed', 'signal']);
  const p = checkInteger('options.probes', opts.probes, 1);
  checkAllocation('options.probes', p, 'the per-probe samples');
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const run = longRun<HutchinsonProgress>(opts);
  const z = new Float64Array(n);
  const az = new Float64Array(n);
  const samples = new Float64Array(p);
  let done = 0;
  let stopReason: HutchinsonResult['stopReason'] = 'steps';
  for (let i = 0; i < p; i++) {
    rngFor('hutchinson', seed, i).fillRademacher(z);
    samples[i] = dot(z, applyFinite('op', op, z, az));
    done = i + 1;
    if (run.report(done, p, () => ({ probes: done, totalProbes: p, matvecs: done })) && done < p) {
      stopReason = 'aborted';
      break;
    }
  }
  const kept = done === p ? samples : samples.slice(0, done);
  const { mean, standardError } = meanStandardError(done, (i) => kept[i] as number);
  return { estimate: mean, standardError: done > 1 ? standardError : null, matvecs: done, samples: kept, probes: done, stopReason };
}
