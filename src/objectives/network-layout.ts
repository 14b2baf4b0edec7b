/**
 * The parameter layout shared by every network in this library.
 *
 * @module
 */
import { checkBoolean, checkInteger } from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';

/**
 * Where each layer's parameters sit in the flat parameter vector θ.
 *
 * Layout (the same for every network): layer by layer from input to output; layer l (1..L) maps
 * widths[l−1] inputs to widths[l] outputs, its weight matrix W_l of shape [out, in] flattened
 * row-major (entry (o, i) at `weightOffset[l−1] + o·in + i`), followed by its bias b_l (length out,
 * at `biasOffset[l−1]`) when the network has biases (−1 otherwise).
 */
export interface NetworkLayout {
  /** Widths n₀ (inputs), n₁, …, n_L (outputs). */
  readonly widths: readonly number[];
  /** Whether each layer carries a bias. */
  readonly bias: boolean;
  /** Number of weight layers L. */
  readonly depth: number;
  /** Offsets of W₁ … W_L in θ. */
  readonly weightOffset: readonly number[];
  /** Offsets of b₁ … b_L in θ (−1 when there are no biases). */
  readonly biasOffset: readonly number[];
  /** Total number of parameters d = Σ_l n_l (n_{l−1} + [bias]). */
  readonly dim: number;
}

/**
 * The {@link NetworkLayout} of a network with the given widths (at least two: inputs and outputs).
 *
 * @example
 * networkLayout([3, 4, 2], true).dim; // 4·3 + 4 + 2·4 + 2 = 26
 */
export function networkLayout(widths: readonly number[], bias: boolean, name = 'widths'): NetworkLayout {
  if (!Array.isArray(widths)) throw new TypeError(`${name}: expected an array of layer widths, received ${describeValue(widths)}`);
  if (widths.length < 2) throw new DimensionError(`${name}: expected at least 2 widths (inputs and outputs), received ${widths.length}`);
  widths.forEach((w, l) => checkInteger(`${name}[${l}]`, w, 1));
  checkBoolean('bias', bias);
  const weightOffset: number[] = [];
  const biasOffset: number[] = [];
  let off = 0;
  for (let l = 1; l < widths.length; l++) {
    const nin = widths[l - 1] as number;
    const nout = widths[l] as number;
    weightOffset.push(off);
    off += nout * nin;
    if (bias) {
      biasOffset.push(off);
      off += nout;
    } else biasOffset.push(-1);
  }
  if (!Number.isSafeInteger(off))
    throw new RangeError(
      `${name}: expected widths whose parameter count is a safe integer (≤ 2⁵³ − 1), received widths giving ${off.toPrecision(4)} parameters`,
    );
  return { widths: widths.slice(), bias, depth: widths.length - 1, weightOffset, biasOffset, dim: off };
}
