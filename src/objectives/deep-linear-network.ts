/**
 * The deep linear network f(x) = W_L ⋯ W₁ x of Elkabetz & Cohen (2021), as a finite-sum model with
 * its end-to-end matrix.
 *
 * @module
 */
import { checkOptions, checkVector, checkKnownOptions } from '../core/checks';
import type { MatrixLike } from '../core/dense';
import { buildNetwork, type NetworkModel } from './mlp';

/** Options of {@link deepLinearNetwork}. */
export interface DeepLinearNetworkOptions {
  /** Widths [d₀, d₁, …, d_L]: d₀ = the number of features, d_L = the target dimension. */
  widths: readonly number[];
  /**
   * Inputs: N rows of d₀ features (ndarray [N, d₀], number[][], Float64Array[], ml-matrix
   * `Matrix`, or a row-major Float64Array of N·d₀ values).
   */
  features: MatrixLike;
  /** Targets: N rows of d_L values (or N values when d_L = 1, or a row-major array of N·d_L values). */
  targets: ArrayLike<number> | MatrixLike;
}

/** A deep linear network, with its end-to-end matrix. */
export interface DeepLinearNetworkModel extends NetworkModel {
  /** The end-to-end matrix W_L ⋯ W₁ (d_L × d₀, row-major). O(Σ_l d_L d_l d_{l−1}). */
  endToEnd(x: Float64Array): Float64Array;
}

/**
 * A deep linear network f(x) = W_L ⋯ W₂ W₁ x with no biases and the square loss
 *
 *   L(θ) = (1/2N) Σₙ ‖W_L ⋯ W₁ xₙ − yₙ‖²,
 *
 * the setting of Elkabetz & Cohen (2021), where gradient flow's trajectory is analysed through the
 * end-to-end matrix. It is {@link mlp} with the linear activation, no bias and 'mse': the same
 * parameter layout (W₁ first, each [out, in] row-major), gradients and exact HVPs.
 * `initialParameters(seed = 0)` draws Glorot-normal weights from `rngFor('mlp-init', seed)`, the
 * stream {@link mlp} uses, so it equals the initialisation of `mlp` with the same widths, the
 * linear activation and no bias.
 *
 * @example
 * const f = deepLinearNetwork({ widths: [2, 3, 1], features: [[1, 0], [0, 1]], targets: [1, 2] });
 * const theta = f.initialParameters(0);
 * f.endToEnd(theta); // the 1×2 product W₂W₁
 */
export function deepLinearNetwork(options: DeepLinearNetworkOptions): DeepLinearNetworkModel {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['features', 'targets', 'widths']);
  const net = buildNetwork(opts.widths, 'linear', undefined, opts.features, opts.targets, 'mse', false, 0, 'options.widths');
  const { widths, weightOffset, depth: L, dim } = net.layout;
  return Object.assign(net, {
    endToEnd(x: Float64Array): Float64Array {
      if (!(x instanceof Float64Array) || x.length !== dim) checkVector('x', x, dim);
      const n0 = widths[0] as number;
      // P ← W₁ (d₁ × d₀), then P ← W_l P.
      let rows = widths[1] as number;
      let P = Float64Array.from(x.subarray(weightOffset[0] as number, (weightOffset[0] as number) + rows * n0));
      for (let l = 2; l <= L; l++) {
        const nout = widths[l] as number;
        const wo = weightOffset[l - 1] as number;
        const Q = new Float64Array(nout * n0);
        for (let o = 0; o < nout; o++) {
          for (let m = 0; m < rows; m++) {
            const w = x[wo + o * rows + m] as number;
            for (let j = 0; j < n0; j++) Q[o * n0 + j] = (Q[o * n0 + j] as number) + w * (P[m * n0 + j] as number);
          }
        }
        P = Q;
        rows = nout;
      }
      return P;
    },
  });
}
