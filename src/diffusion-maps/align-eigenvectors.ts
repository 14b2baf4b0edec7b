/**
 * Matching eigenvectors across runs, seeds, settings or training time: order and signs, with the
 * overlaps found.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkKnownOptions, checkOptions, checkVector } from '../core/checks';
import { DimensionError } from '../core/errors';
import { toPoints } from '../core/points';
import type { Points, PointsLike } from '../core/types';

/** Options of {@link alignEigenvectors}. */
export interface AlignEigenvectorsOptions {
  /** Weights wᵢ > 0 of the inner product ⟨a, b⟩ = Σᵢ wᵢ aᵢ bᵢ (e.g. the stationary density π). Default all 1. */
  weights?: Float64Array | readonly number[];
}

/** Result of {@link alignEigenvectors}. */
export interface AlignEigenvectorsResult {
  /** For each reference column r, the target column matched to it (-1 when the target has fewer columns). */
  order: Int32Array;
  /** The sign (±1) that turns the matched target column towards the reference one (0 when unmatched). */
  signs: Float64Array;
  /** |cos| of the angle between reference column r and its match, in [0, 1] (0 when unmatched). */
  overlaps: Float64Array;
  /** The smallest overlap: near 1 when every reference vector has a counterpart. */
  minOverlap: number;
  /** The target's columns reordered and sign-flipped to match the reference, [n, reference columns] (zeros when unmatched). */
  aligned: Points;
}

/** An ndarray [n, c], number[][] / Float64Array[] rows, or an object with `eigenvectors` (a diffusion map). */
export type EigenvectorsLike = PointsLike | { eigenvectors: PointsLike };

/**
 * Matches the columns (eigenvectors) of `target` to those of `reference` by their overlaps
 * |⟨aᵣ, bₛ⟩| / (‖aᵣ‖ ‖bₛ‖) (weighted inner product), greedily: the pair with the largest overlap
 * first, then the largest among the remaining rows and columns, and so on; each match gets the
 * sign of its inner product. Use it to compare diffusion maps of two seeds, bandwidths or stretches
 * of a training run; a small `minOverlap` says a vector has no counterpart (it mixed with a
 * neighbour of nearly equal eigenvalue, or the geometry changed).
 *
 * Both inputs are [n, c] (one row per point, the same points in the same order), or diffusion-map
 * results (their `eigenvectors`). Cost O(n · c_ref · c_target). Greedy matching is optimal when each
 * vector has one clear counterpart (overlaps near 1 and near 0); with mixed subspaces use the
 * overlaps as a diagnostic, not the order.
 *
 * @example
 * import { alignEigenvectors } from 'sgd-dynamics/diffusion-maps';
 * const a = [[1, 0], [0, 1], [-1, 0]];
 * const b = [[0, -1], [-1, 0], [0, 1]];
 * const { order, signs, overlaps } = alignEigenvectors(a, b); // order [1, 0], signs [-1, -1], overlaps [1, 1]
 */
export function alignEigenvectors(reference: EigenvectorsLike, target: EigenvectorsLike, options?: AlignEigenvectorsOptions): AlignEigenvectorsResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['weights']);
  const A = toPoints(unwrap(reference), 'reference');
  const B = toPoints(unwrap(target), 'target');
  const [n, ca] = A.shape as [number, number];
  const [nb, cb] = B.shape as [number, number];
  if (nb !== n) throw new DimensionError(`target: expected ${n} rows (as reference), received ${nb}`);
  let w: Float64Array | null = null;
  if (opts.weights !== undefined) {
    w = checkVector('options.weights', opts.weights, n);
    for (let i = 0; i < n; i++) if (!((w[i] as number) > 0)) throw new RangeError(`options.weights: expected positive weights, received ${w[i]} at index ${i}`);
  }
  const a = A.data;
  const b = B.data;
  const ip = (x: Float64Array, cx: number, i0: number, y: Float64Array, cy: number, j0: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w === null ? 1 : (w[i] as number)) * (x[i * cx + i0] as number) * (y[i * cy + j0] as number);
    return s;
  };
  const na = Array.from({ length: ca }, (_, r) => Math.sqrt(ip(a, ca, r, a, ca, r)));
  const nbv = Array.from({ length: cb }, (_, s) => Math.sqrt(ip(b, cb, s, b, cb, s)));
  const M = new Float64Array(ca * cb);
  for (let r = 0; r < ca; r++) {
    for (let s = 0; s < cb; s++) {
      const den = (na[r] as number) * (nbv[s] as number);
      M[r * cb + s] = den > 0 ? ip(a, ca, r, b, cb, s) / den : 0;
    }
  }
  const order = new Int32Array(ca).fill(-1);
  const signs = new Float64Array(ca);
  const overlaps = new Float64Array(ca);
  const usedR = new Uint8Array(ca);
  const usedS = new Uint8Array(cb);
  for (let round = 0; round < Math.min(ca, cb); round++) {
    let br = -1;
    let bs = -1;
    let best = -1;
    for (let r = 0; r < ca; r++) {
      if (usedR[r] === 1) continue;
      for (let s = 0; s < cb; s++) {
        if (usedS[s] === 1) continue;
        const v = Math.abs(M[r * cb + s] as number);
        if (v > best) {
          best = v;
          br = r;
          bs = s;
        }
      }
    }
    usedR[br] = 1;
    usedS[bs] = 1;
    order[br] = bs;
    signs[br] = (M[br * cb + bs] as number) < 0 ? -1 : 1;
    overlaps[br] = Math.min(1, best);
  }
  const out = new Float64Array(n * ca);
  for (let r = 0; r < ca; r++) {
    const s = order[r] as number;
    if (s < 0) continue;
    const sg = signs[r] as number;
    for (let i = 0; i < n; i++) out[i * ca + r] = sg * (b[i * cb + s] as number);
  }
  let minOverlap = 1;
  for (const o of overlaps) minOverlap = Math.min(minOverlap, o);
  return { order, signs, overlaps, minOverlap, aligned: ndarray(out, [n, ca]) };
}

function unwrap(x: EigenvectorsLike): PointsLike {
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && 'eigenvectors' in x && !('shape' in x)) return x.eigenvectors;
  return x as PointsLike;
}
