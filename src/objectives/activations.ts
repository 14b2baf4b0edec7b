/**
 * Scalar activation functions σ with their first and second derivatives, as networks use them:
 * evaluated element-wise over a pre-activation array.
 *
 * @module
 */
import { checkKnownOptions, checkNonNegative, checkOneOf, checkOptions } from '../core/checks';
import { tanh } from '../core/elementary/index';

/** The activations a network accepts. */
export type ActivationName = 'relu' | 'leaky-relu' | 'tanh' | 'gelu' | 'linear';

/** Every {@link ActivationName}, in the order documented. */
export const ACTIVATION_NAMES: readonly ActivationName[] = ['relu', 'leaky-relu', 'tanh', 'gelu', 'linear'];

/** An activation σ with σ' and σ''. */
export interface Activation {
  readonly name: ActivationName;
  /** σ(z). */
  value(z: number): number;
  /** σ'(z). */
  derivative(z: number): number;
  /** σ''(z). */
  secondDerivative(z: number): number;
  /**
   * For i < n: a[i] ← σ(z[i]), d1[i] ← σ'(z[i]) and, when `d2` is given, d2[i] ← σ''(z[i]).
   * The hot path of the networks; allocates nothing.
   */
  evaluate(z: Float64Array, n: number, a: Float64Array, d1: Float64Array, d2: Float64Array | null): void;
  /** Whether σ'' = 0 everywhere (a.e. for relu and leaky relu): lets HVPs skip that term. */
  readonly piecewiseLinear: boolean;
}

/** Options of {@link activation}. */
export interface ActivationOptions {
  /** The slope α of leaky relu for z < 0 (σ(z) = αz there). Default 0.01. */
  negativeSlope?: number;
}

// GELU, tanh form: σ(z) = ½ z (1 + tanh u), u = k (z + c z³), k = √(2/π), c = 0.044715.
const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

function geluParts(z: number): { a: number; d1: number; d2: number } {
  const z2 = z * z;
  const u = GELU_K * (z + GELU_C * z2 * z);
  const du = GELU_K * (1 + 3 * GELU_C * z2);
  const ddu = GELU_K * 6 * GELU_C * z;
  const t = tanh(u);
  const sech2 = 1 - t * t;
  return {
    a: 0.5 * z * (1 + t),
    d1: 0.5 * (1 + t) + 0.5 * z * sech2 * du,
    // d/dz of the line above: ½ sech² u' + ½ sech² u' + ½ z (−2 t sech² u'² + sech² u'').
    d2: sech2 * (du - z * t * du * du + 0.5 * z * ddu),
  };
}

/**
 * The activation called `name`, with σ' and σ'' in closed form:
 *
 * - `relu`: σ = max(z, 0), σ' = 1[z > 0] (0 at z = 0), σ'' = 0.
 * - `leaky-relu`: σ = z for z > 0, αz otherwise (α = `negativeSlope`, default 0.01); σ'' = 0.
 * - `tanh`: σ' = 1 − σ², σ'' = −2σ(1 − σ²).
 * - `gelu`: the tanh form ½ z (1 + tanh(√(2/π)(z + 0.044715 z³))) (Hendrycks & Gimpel; GPT-2's,
 *   and PyTorch's `gelu(approximate='tanh')`), which is within 5e-4 of z Φ(z) and whose
 *   derivatives are exact in closed form.
 * - `linear`: σ = z, σ' = 1, σ'' = 0.
 *
 * relu and leaky relu have zero second derivative almost everywhere, so a network's Hessian
 * through them comes only from the loss's curvature and products of layers.
 *
 * @example
 * activation('tanh').derivative(0); // 1
 */
export function activation(name: ActivationName, options: ActivationOptions = {}): Activation {
  checkOneOf('activation', name, ACTIVATION_NAMES);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['negativeSlope']);
  const alpha = opts.negativeSlope === undefined ? 0.01 : checkNonNegative('options.negativeSlope', opts.negativeSlope);
  switch (name) {
    case 'relu':
      return {
        name,
        piecewiseLinear: true,
        value: (z) => (z > 0 ? z : 0),
        derivative: (z) => (z > 0 ? 1 : 0),
        secondDerivative: () => 0,
        evaluate(z, n, a, d1, d2) {
          for (let i = 0; i < n; i++) {
            const v = z[i] as number;
            const pos = v > 0;
            a[i] = pos ? v : 0;
            d1[i] = pos ? 1 : 0;
          }
          if (d2 !== null) d2.fill(0, 0, n);
        },
      };
    case 'leaky-relu':
      return {
        name,
        piecewiseLinear: true,
        value: (z) => (z > 0 ? z : alpha * z),
        derivative: (z) => (z > 0 ? 1 : alpha),
        secondDerivative: () => 0,
        evaluate(z, n, a, d1, d2) {
          for (let i = 0; i < n; i++) {
            const v = z[i] as number;
            const pos = v > 0;
            a[i] = pos ? v : alpha * v;
            d1[i] = pos ? 1 : alpha;
          }
          if (d2 !== null) d2.fill(0, 0, n);
        },
      };
    case 'tanh':
      return {
        name,
        piecewiseLinear: false,
        value: (z) => tanh(z),
        derivative: (z) => {
          const t = tanh(z);
          return 1 - t * t;
        },
        secondDerivative: (z) => {
          const t = tanh(z);
          return -2 * t * (1 - t * t);
        },
        evaluate(z, n, a, d1, d2) {
          for (let i = 0; i < n; i++) {
            const t = tanh(z[i] as number);
            const s = 1 - t * t;
            a[i] = t;
            d1[i] = s;
            if (d2 !== null) d2[i] = -2 * t * s;
          }
        },
      };
    case 'gelu':
      return {
        name,
        piecewiseLinear: false,
        value: (z) => geluParts(z).a,
        derivative: (z) => geluParts(z).d1,
        secondDerivative: (z) => geluParts(z).d2,
        evaluate(z, n, a, d1, d2) {
          for (let i = 0; i < n; i++) {
            const v = z[i] as number;
            const v2 = v * v;
            const u = GELU_K * (v + GELU_C * v2 * v);
            const du = GELU_K * (1 + 3 * GELU_C * v2);
            const t = tanh(u);
            const sech2 = 1 - t * t;
            a[i] = 0.5 * v * (1 + t);
            d1[i] = 0.5 * (1 + t) + 0.5 * v * sech2 * du;
            if (d2 !== null) d2[i] = sech2 * (du - v * t * du * du + 0.5 * v * GELU_K * 6 * GELU_C * v);
          }
        },
      };
    case 'linear':
      return {
        name,
        piecewiseLinear: true,
        value: (z) => z,
        derivative: () => 1,
        secondDerivative: () => 0,
        evaluate(z, n, a, d1, d2) {
          for (let i = 0; i < n; i++) a[i] = z[i] as number;
          d1.fill(1, 0, n);
          if (d2 !== null) d2.fill(0, 0, n);
        },
      };
  }
}
