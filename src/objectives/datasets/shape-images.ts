/**
 * A small image-classification set of noisy, shifted shapes, made in code from a seed.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkInteger, checkNonNegative, checkOptions, checkPositiveInteger, checkSeed, checkKnownOptions, checkAllocation } from '../../core/checks';
import type { Points, Seed } from '../../core/types';
import { rngFor } from '../../random/rng';

/** The shape classes of {@link shapeImages}, in label order. */
export const SHAPE_NAMES = ['square', 'plus', 'cross', 'disc', 'horizontal-bars', 'vertical-bars'] as const;

/** Options of {@link shapeImages}. */
export interface ShapeImagesOptions {
  /** Number of images N (image n has class n mod k). */
  samples: number;
  /** Side s of the s×s images (≥ 5). Default 8. */
  size?: number;
  /** Number of classes k, 1..6 (the first k of {@link SHAPE_NAMES}). Default 4. */
  classes?: number;
  /** Standard deviation of the Gaussian pixel noise. Default 0.1. */
  noise?: number;
  /** Largest translation in pixels along each axis (uniform in [−shift, shift]). Default 1. */
  shift?: number;
  /** Seed (number or string); shifts and noise are drawn from `rngFor('shape-images', seed)`. Default 0. */
  seed?: Seed;
}

/** Small noisy images of shapes, with their ground truth. */
export interface ShapeImages {
  /** N images flattened row-major (pixel (r, c) at column r·s + c), ndarray [N, s²]. */
  features: Points;
  /** Class of each image (n mod k). */
  labels: Uint32Array;
  /** The clean, centred template of each class, ndarray [k, s²], pixels in {0, 1}. */
  templates: Points;
  /** The translation (row shift, column shift) of each image, length 2N. */
  shifts: Int32Array;
}

function template(cls: number, s: number, out: Float64Array): void {
  const mid = (s - 1) / 2;
  for (let r = 0; r < s; r++) {
    for (let c = 0; c < s; c++) {
      let on = false;
      switch (SHAPE_NAMES[cls]) {
        case 'square':
          on = (r === 1 || r === s - 2 || c === 1 || c === s - 2) && r >= 1 && r <= s - 2 && c >= 1 && c <= s - 2;
          break;
        case 'plus':
          on = Math.abs(r - mid) < 1 || Math.abs(c - mid) < 1;
          break;
        case 'cross':
          on = r === c || r + c === s - 1;
          break;
        case 'disc':
          on = (r - mid) ** 2 + (c - mid) ** 2 <= (s / 3) ** 2;
          break;
        case 'horizontal-bars':
          on = r === 1 || r === s - 2;
          break;
        case 'vertical-bars':
          on = c === 1 || c === s - 2;
          break;
      }
      out[r * s + c] = on ? 1 : 0;
    }
  }
}

/**
 * A small image-classification set, made in code: image n shows the template of class
 * yₙ = n mod k (square outline, plus, diagonal cross, disc, horizontal bars, vertical bars),
 * translated by (Δr, Δc) uniform in [−shift, shift]² (pixels moved off the edge are lost, pixels
 * moved in are 0), plus independent N(0, noise²) on every pixel:
 *
 *   xₙ[r, c] = T_{yₙ}[r − Δrₙ, c − Δcₙ] + noise·εₙ[r, c].
 *
 * O(N s²). Reproducible from the seed (default 0).
 *
 * @example
 * const { features, labels } = shapeImages({ samples: 400, classes: 4, seed: 2 }); // features [400, 64]
 */
export function shapeImages(options: ShapeImagesOptions): ShapeImages {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['classes', 'noise', 'samples', 'seed', 'shift', 'size']);
  const N = checkPositiveInteger('options.samples', opts.samples);
  const s = opts.size === undefined ? 8 : checkInteger('options.size', opts.size, 5, 256);
  const k = opts.classes === undefined ? 4 : checkInteger('options.classes', opts.classes, 1, SHAPE_NAMES.length);
  const noise = opts.noise === undefined ? 0.1 : checkNonNegative('options.noise', opts.noise);
  const shift = opts.shift === undefined ? 1 : checkInteger('options.shift', opts.shift, 0, s - 1);
  const P = s * s;
  checkAllocation('options.samples', N * P, 'the images (samples × size²)');
  const T = new Float64Array(k * P);
  for (let c = 0; c < k; c++) template(c, s, T.subarray(c * P, (c + 1) * P));
  const rng = rngFor('shape-images', opts.seed === undefined ? 0 : checkSeed('options.seed', opts.seed));
  const X = new Float64Array(N * P);
  const labels = new Uint32Array(N);
  const shifts = new Int32Array(2 * N);
  for (let n = 0; n < N; n++) {
    const cls = n % k;
    labels[n] = cls;
    const dr = rng.integer(2 * shift + 1) - shift;
    const dc = rng.integer(2 * shift + 1) - shift;
    shifts[2 * n] = dr;
    shifts[2 * n + 1] = dc;
    for (let r = 0; r < s; r++) {
      for (let c = 0; c < s; c++) {
        const r0 = r - dr;
        const c0 = c - dc;
        const clean = r0 >= 0 && r0 < s && c0 >= 0 && c0 < s ? (T[cls * P + r0 * s + c0] as number) : 0;
        X[n * P + r * s + c] = clean + noise * rng.normal();
      }
    }
  }
  return { features: ndarray(X, [N, P]), labels, templates: ndarray(T, [k, P]), shifts };
}
