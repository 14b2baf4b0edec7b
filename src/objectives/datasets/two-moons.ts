/**
 * The two-moons classification set (scikit-learn's `make_moons`), made in code from a seed.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkNonNegative, checkOptions, checkPositiveInteger, checkSeed, checkKnownOptions, checkAllocation } from '../../core/checks';
import type { Points, Seed } from '../../core/types';
import { rngFor } from '../../random/rng';
import { cos, sin } from '../../core/elementary/index';

/** Options of {@link twoMoons}. */
export interface TwoMoonsOptions {
  /** Number of samples N (⌈N/2⌉ in the first moon). */
  samples: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. Default 0.1. */
  noise?: number;
  /** Seed (number or string); the noise is drawn from `rngFor('two-moons', seed)`. Default 0. */
  seed?: Seed;
}

/** Two interleaved half circles. */
export interface TwoMoons {
  /** N points in R², ndarray [N, 2]. */
  features: Points;
  /** 0 for the upper moon, 1 for the lower one. */
  labels: Uint32Array;
}

/**
 * Two interleaving half circles (scikit-learn's `make_moons`): for class 0, m = ⌈N/2⌉ points
 * (cos t, sin t) and for class 1, N − m points (1 − cos t, ½ − sin t), with t evenly spaced on
 * [0, π] (t_i = π i/(m − 1)), plus N(0, noise²) on each coordinate. Noise-free, class 0 lies on the
 * unit circle about (0, 0) and class 1 on the unit circle about (1, ½). O(N).
 *
 * @example
 * const { features, labels } = twoMoons({ samples: 200, noise: 0.1, seed: 7 });
 */
export function twoMoons(options: TwoMoonsOptions): TwoMoons {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['noise', 'samples', 'seed']);
  const N = checkPositiveInteger('options.samples', opts.samples);
  checkAllocation('options.samples', 2 * N, 'the points (samples × 2)');
  const noise = opts.noise === undefined ? 0.1 : checkNonNegative('options.noise', opts.noise);
  const rng = rngFor('two-moons', opts.seed === undefined ? 0 : checkSeed('options.seed', opts.seed));
  const m0 = Math.ceil(N / 2);
  const X = new Float64Array(2 * N);
  const labels = new Uint32Array(N);
  for (let n = 0; n < N; n++) {
    const first = n < m0;
    const m = first ? m0 : N - m0;
    const i = first ? n : n - m0;
    const t = m > 1 ? (Math.PI * i) / (m - 1) : 0;
    const px = first ? cos(t) : 1 - cos(t);
    const py = first ? sin(t) : 0.5 - sin(t);
    labels[n] = first ? 0 : 1;
    X[2 * n] = px + noise * rng.normal();
    X[2 * n + 1] = py + noise * rng.normal();
  }
  return { features: ndarray(X, [N, 2]), labels };
}
