/**
 * `meanStandardError`: the one-pass (Welford) mean and standard error of a stream of samples, shared
 * by the stochastic estimators (Hutchinson trace, Hutch++, spectral density, gradient covariance).
 *
 * @module
 */
import { checkFunction, checkInteger } from './checks';
import { NonFiniteError, describeValue } from './errors';
/**
 * The mean of `count` samples and its standard error √(s²/n), s² the unbiased sample variance,
 * by Welford's one-pass update (no cancellation for samples far from zero); `sample(i)` is called
 * once for each i = 0 … count − 1, in order. `count` is an integer ≥ 1 and every sample a finite
 * number (a `NonFiniteError` names `sample(i)` otherwise). standardError is NaN for a single sample
 * (no spread can be estimated from one).
 */
export function meanStandardError(count: number, sample: (i: number) => number): { mean: number; standardError: number } {
  checkInteger('count', count, 1);
  checkFunction('sample', sample);
  return meanStandardErrorUnchecked(count, (i) => {
    const x: unknown = sample(i);
    if (typeof x !== 'number') throw new TypeError(`sample: expected a finite number from sample(${i}), received ${describeValue(x)}`);
    if (!Number.isFinite(x)) throw new NonFiniteError(`sample: expected a finite number from sample(${i}), received ${x}`);
    return x;
  });
}

/** {@link meanStandardError} without checks, for the estimators' own loops. @internal */
export function meanStandardErrorUnchecked(count: number, sample: (i: number) => number): { mean: number; standardError: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < count; i++) {
    const x = sample(i);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { mean, standardError: count > 1 ? Math.sqrt(m2 / (count - 1) / count) : Number.NaN };
}
