/**
 * Fully connected networks (multi-layer perceptrons) as finite-sum models, with seeded
 * initialisation; the network builder that the deep linear network shares.
 *
 * @module
 */
import {
  checkBoolean,
  checkNonNegative,
  checkOneOf,
  checkOptions,
  checkSeed,
  checkVector,
  optionWithAlias,
  outVector,
  checkKnownOptions,
} from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import type { MatrixLike } from '../core/dense';
import type { Points, Seed } from '../core/types';
import { rngFor } from '../random/rng';
import { ACTIVATION_NAMES, activation, type ActivationName } from './activations';
import { finiteSumModel, readFeatures, toTargetMatrix, type FiniteSumModel } from './finite-sum';
import { networkKernels, type NetworkLoss } from './network-kernels';
import { networkLayout, type NetworkLayout } from './network-layout';

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Widths [n₀, n₁, …, n_L]: n₀ = the number of features, n_L = the output dimension (≥ 2 classes for cross-entropy). */
  layers: readonly number[];
  /** The hidden activation (never applied to the output layer). Default 'tanh'. */
  activation?: ActivationName;
  /** Slope for z < 0 of 'leaky-relu'. Default 0.01. */
  negativeSlope?: number;
  /**
   * Inputs: N rows of n₀ features (ndarray [N, n₀], number[][], Float64Array[], ml-matrix `Matrix`,
   * or a row-major Float64Array of N·n₀ values).
   */
  features: MatrixLike;
  /**
   * For 'mse': N rows of n_L values (or N values when n_L = 1; or a row-major array of N·n_L
   * values). For 'cross-entropy': N integer class labels in [0, n_L), or N rows of n_L
   * non-negative class probabilities summing to 1. The documented name, as in every model.
   * Required: give it or its deprecated alias `labels`.
   */
  targets?: ArrayLike<number> | MatrixLike;
  /**
   * The same as `targets`.
   * @deprecated Use `targets` (the one name every model uses); `labels` is accepted, and giving
   * both with different values throws.
   */
  labels?: ArrayLike<number> | MatrixLike;
  /** 'mse': ℓ = ½‖f(x) − y‖²; 'cross-entropy': softmax cross-entropy. Default 'mse'. */
  loss?: NetworkLoss;
  /** Whether every layer has a bias. Default true. */
  bias?: boolean;
  /** Ridge strength l2 ≥ 0 on every parameter. Default 0. */
  l2?: number;
}

/** A network model: a {@link FiniteSumModel} with its layout and a seeded initialiser. */
export interface NetworkModel extends FiniteSumModel {
  /** Where each layer's weights and biases sit in θ (see {@link networkLayout}). */
  readonly layout: NetworkLayout;
  readonly features: Points;
  /**
   * Random initial parameters from `seed` (a number or a string; default 0): weights N(0, s²) with
   * He's s² = 2/n_in for relu and leaky relu, Glorot's s² = 2/(n_in + n_out) otherwise; biases 0.
   * Drawn layer by layer from the stream `rngFor('mlp-init', seed)`, so the same seed given to
   * `sgd` (which samples batches from its own purpose's stream) does not correlate the two.
   * Reproducible bit for bit.
   */
  initialParameters(seed?: Seed): Float64Array;
  /** The network's outputs f(xₙ) (before softmax), N×n_L row-major, into `out` when given. */
  predict(x: Float64Array, out?: Float64Array): Float64Array;
}

/** @internal Reads cross-entropy targets (labels or distributions) as an N×k matrix of probabilities. */
function classTargets(name: string, t: unknown, N: number, k: number): Float64Array {
  const m = toTargetMatrix(name, t, N, 'options.features', k);
  if (m.cols === 1) {
    const out = new Float64Array(N * k);
    for (let n = 0; n < N; n++) {
      const c = m.data[n] as number;
      if (!Number.isInteger(c) || c < 0 || c >= k) {
        throw new RangeError(`${name}: expected integer class labels in [0, ${k - 1}], received ${describeValue(c)} at index ${n}`);
      }
      out[n * k + c] = 1;
    }
    return out;
  }
  if (m.cols !== k) throw new DimensionError(`${name}: expected rows of ${k} class probabilities (layers[last]), received rows of length ${m.cols}`);
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      const p = m.data[n * k + j] as number;
      if (p < 0) throw new RangeError(`${name}: expected non-negative probabilities, received ${p} at row ${n}, column ${j}`);
      s += p;
    }
    if (Math.abs(s - 1) > 1e-9) throw new RangeError(`${name}: expected each row of probabilities to sum to 1, received sum ${s} at row ${n}`);
  }
  return m.data;
}

/** @internal Shared by {@link mlp} and the deep linear network. */
export function buildNetwork(
  widths: readonly number[],
  actName: ActivationName,
  negativeSlope: number | undefined,
  featuresIn: MatrixLike,
  targetsIn: unknown,
  loss: NetworkLoss,
  bias: boolean,
  l2: number,
  layersName: string,
  targetsName = 'options.targets',
): NetworkModel {
  const layout = networkLayout(widths, bias, layersName);
  const act = activation(actName, negativeSlope === undefined ? {} : { negativeSlope });
  const { X, N, p } = readFeatures(featuresIn, undefined, widths[0]);
  const L = layout.depth;
  const n0 = widths[0] as number;
  const k = widths[L] as number;
  if (n0 !== p) throw new DimensionError(`${layersName}[0]: expected ${p} (the number of features), received ${n0}`);
  let T: Float64Array;
  if (loss === 'cross-entropy') {
    if (k < 2) throw new DimensionError(`${layersName}[${L}]: expected at least 2 outputs (classes) for cross-entropy, received ${k}`);
    T = classTargets(targetsName, targetsIn, N, k);
  } else {
    const m = toTargetMatrix(targetsName, targetsIn, N, 'options.features', k);
    if (m.cols !== k) throw new DimensionError(`${layersName}[${L}]: expected ${m.cols} (the target dimension), received ${k}`);
    T = m.data;
  }
  const kernels = networkKernels(layout, act, loss, X.data, T, N);
  const allSamples = Uint32Array.from({ length: N }, (_, n) => n);
  return finiteSumModel<Omit<NetworkModel, keyof FiniteSumModel>>(kernels, l2, {
    layout,
    features: X,
    initialParameters(seed: Seed = 0): Float64Array {
      const rng = rngFor('mlp-init', checkSeed('seed', seed));
      const theta = new Float64Array(layout.dim);
      for (let l = 1; l <= L; l++) {
        const nin = widths[l - 1] as number;
        const nout = widths[l] as number;
        const he = actName === 'relu' || actName === 'leaky-relu';
        const sd = Math.sqrt(he ? 2 / nin : 2 / (nin + nout));
        const wo = layout.weightOffset[l - 1] as number;
        rng.fillNormal(theta.subarray(wo, wo + nin * nout), 0, sd);
      }
      return theta;
    },
    predict(x: Float64Array, out?: Float64Array): Float64Array {
      if (!(x instanceof Float64Array) || x.length !== layout.dim) checkVector('x', x, layout.dim);
      const o = outVector('out', out, N * k);
      kernels.outputs(x, allSamples, o);
      return o;
    },
  });
}

/**
 * A fully connected network (multi-layer perceptron) as a finite-sum loss over its training set:
 *
 *   a₀ = xₙ,  z_l = W_l a_{l−1} + b_l,  a_l = σ(z_l) (l < L),  f(xₙ) = z_L,
 *   ℓₙ = ½ ‖f(xₙ) − yₙ‖² ('mse')  or  ℓₙ = Σ_k t_{nk} (log Σ_j e^{f_j} − f_k) ('cross-entropy'),
 *   L(θ) = (1/N) Σₙ ℓₙ(θ) + (l2/2) ‖θ‖².
 *
 * Parameter layout ({@link networkLayout}): layer by layer from input to output, W_l of shape
 * [out, in] row-major, then b_l when `bias`. Gradients by back-propagation; HVPs exact by
 * Pearlmutter's R-operator (forward-over-reverse: 8 layer-sized matrix products against the
 * gradient's 3, measured 2–2.4 times the CPU time of a gradient, bench/objectives.bench.ts).
 * σ'' enters for tanh and gelu; relu and leaky relu have σ'' = 0 a.e. `hessian(x)` is assembled
 * from d HVPs (O(d) gradients: small networks only). Values, gradients and HVPs process samples
 * in chunks of 256, each layer a few matrix products (WebAssembly SIMD where available, with θ, v
 * and every tensor of the chunk, R-duals included, resident in its memory; a JavaScript loop
 * giving the same bits elsewhere); one workspace is allocated once, so gradients and HVPs into
 * `out` allocate nothing; `batchValueGradient` takes the losses from the gradient's forward pass.
 * The fitted data is `targets`; `labels` is accepted as a deprecated alias.
 *
 * @example
 * const net = mlp({ layers: [2, 8, 1], activation: 'tanh', features: [[0, 1], [1, 0]], targets: [1, -1] });
 * const theta = net.initialParameters(1);
 * const g = net.gradient(theta);
 */
export function mlp(options: MlpOptions): NetworkModel {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['activation', 'bias', 'features', 'l2', 'labels', 'layers', 'loss', 'negativeSlope', 'targets']);
  const actName = opts.activation === undefined ? 'tanh' : checkOneOf('options.activation', opts.activation, ACTIVATION_NAMES);
  const loss = opts.loss === undefined ? 'mse' : checkOneOf<NetworkLoss>('options.loss', opts.loss, ['mse', 'cross-entropy']);
  const bias = opts.bias === undefined ? true : checkBoolean('options.bias', opts.bias);
  const l2 = opts.l2 === undefined ? 0 : checkNonNegative('options.l2', opts.l2);
  const targets = optionWithAlias(opts, 'targets', 'labels');
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const targetsName = opts.targets === undefined && opts.labels !== undefined ? 'options.labels' : 'options.targets';
  return buildNetwork(opts.layers, actName, opts.negativeSlope, opts.features, targets, loss, bias, l2, 'options.layers', targetsName);
}
