/**
 * Statistics for the tests' goodness-of-fit checks: the normal CDF and the Kolmogorov–Smirnov
 * statistic with Kolmogorov's limiting tail probability.
 *
 * @module
 */

/** Φ by the complementary error function (Numerical Recipes' erfcc, |error| < 1.2e-7 everywhere). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** The KS statistic √n·D of samples (any order) against a CDF. */
export function ksLambda(samples: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return Math.sqrt(n) * d;
}

/** Kolmogorov's limiting distribution: P(√n·D > λ) = 2 Σ (−1)^{k−1} e^{−2k²λ²}. */
export function kolmogorovPValue(lambda: number): number {
  let s = 0;
  for (let k = 1; k <= 100; k++) s += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, s));
}
