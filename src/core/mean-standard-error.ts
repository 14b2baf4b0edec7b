/**
 * `meanStandardError`: the one-pass (Welford) mean and standard error of a stream of samples, shared
 * by the stochastic estimators (Hutchinson trace, Hutch++, spectral density, gradient covariance).
 *
 * @module
 */
/**
 * The mean of `count` samples and its standard error √(s²/n), s² the unbiased sample variance,
 * by Welford's one-pass update (no cancellation for samples far from zero); `sample(i)` is called
 * once for each i = 0 … count − 1, in order. standardError is NaN for fewer than two samples.
 */
export function meanStandardError(count: number, sample: (i: number) => number): { mean: number; standardError: number } {
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
