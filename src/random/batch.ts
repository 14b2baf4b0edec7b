/**
 * Minibatch sampling into `Uint32Array`s.
 *
 * @module
 */
import { checkAllocation, checkInteger, checkLength } from '../core/checks';
import { describeValue } from '../core/errors';
import { integerBelow, type Rng } from './rng';

/** An `Rng` (anything with a `uint32` method), else a TypeError naming `rng`. */
function checkRng(rng: unknown): Rng {
  if (rng === null || typeof rng !== 'object' || typeof (rng as Partial<Rng>).uint32 !== 'function') {
    throw new TypeError(`rng: expected an Rng (createRng(seed)), received ${describeValue(rng)}`);
  }
  return rng as Rng;
}

function batchOut(out: Uint32Array | undefined, batchSize: number): Uint32Array {
  if (out === undefined) return new Uint32Array(batchSize);
  if (!(out instanceof Uint32Array)) throw new TypeError(`out: expected a Uint32Array, received ${describeValue(out)}`);
  checkLength('out', out.length, batchSize);
  return out;
}

/** `batchSize` indices drawn uniformly and independently from [0, n) (with replacement). */
export function sampleWithReplacement(rng: Rng, n: number, batchSize: number, out?: Uint32Array): Uint32Array {
  checkRng(rng);
  checkInteger('n', n, 1, 2 ** 32);
  checkInteger('batchSize', batchSize, 1);
  if (out === undefined) checkAllocation('batchSize', batchSize, 'the batch');
  return sampleWithReplacementUnchecked(rng, n, batchSize, batchOut(out, batchSize));
}

/**
 * {@link sampleWithReplacement} into `out` (of length `batchSize`) without argument checks, for
 * loops that validated them once (SGD's step). The same draws. @internal
 */
export function sampleWithReplacementUnchecked(rng: Rng, n: number, batchSize: number, out: Uint32Array): Uint32Array {
  for (let i = 0; i < batchSize; i++) out[i] = integerBelow(rng, n);
  return out;
}

/**
 * `batchSize` distinct indices from [0, n), every subset equally likely, in random order.
 *
 * With `scratch` (a Uint32Array of length n holding a permutation of 0..n−1, e.g. from
 * `permutation`) it runs a partial Fisher–Yates shuffle in O(batchSize) time and leaves `scratch` a
 * permutation, so a loop that draws a batch every step allocates nothing. Without it, Floyd's
 * algorithm in O(batchSize) time and memory.
 */
export function sampleWithoutReplacement(rng: Rng, n: number, batchSize: number, out?: Uint32Array, scratch?: Uint32Array): Uint32Array {
  checkRng(rng);
  checkInteger('n', n, 1, 2 ** 32);
  checkInteger('batchSize', batchSize, 1, n);
  if (out === undefined) checkAllocation('batchSize', batchSize, 'the batch');
  const b = batchOut(out, batchSize);
  if (scratch !== undefined) {
    if (!(scratch instanceof Uint32Array)) throw new TypeError(`scratch: expected a Uint32Array, received ${describeValue(scratch)}`);
    checkLength('scratch', scratch.length, n);
    for (let i = 0; i < batchSize; i++) {
      const j = i + integerBelow(rng, n - i);
      const t = scratch[j] as number;
      scratch[j] = scratch[i] as number;
      scratch[i] = t;
      b[i] = t;
    }
    return b;
  }
  // Floyd: for j = n−k … n−1 draw t in [0, j]; take t unless taken, else j. Then shuffle the order.
  // The taken set: a Set for small batches, a bitmap of n bits beyond 2²⁰ (a Set holds at most
  // 2²⁴ entries); the same draws and picks either way.
  let m = 0;
  if (batchSize <= 2 ** 20) {
    const taken = new Set<number>();
    for (let j = n - batchSize; j < n; j++) {
      const t = integerBelow(rng, j + 1);
      const pick = taken.has(t) ? j : t;
      taken.add(pick);
      b[m++] = pick;
    }
  } else {
    checkAllocation('n', n / 64, 'the taken bitmap (n bits)');
    const bits = new Uint32Array(Math.ceil(n / 32));
    for (let j = n - batchSize; j < n; j++) {
      const t = integerBelow(rng, j + 1);
      const pick = ((bits[t >>> 5] as number) >>> (t & 31)) & 1 ? j : t;
      bits[pick >>> 5] = (bits[pick >>> 5] as number) | (1 << (pick & 31));
      b[m++] = pick;
    }
  }
  return shuffleUnchecked(rng, b);
}

/**
 * Shuffles `array` in place (Fisher–Yates, every order equally likely). Returns `array`. Each draw
 * is in range by construction, so none is checked: O(n), the same draws as `rng.integer`.
 */
export function shuffle<A extends Uint32Array | Float64Array | Int32Array | number[]>(rng: Rng, array: A): A {
  checkRng(rng);
  if (!(array instanceof Uint32Array || array instanceof Float64Array || array instanceof Int32Array || Array.isArray(array))) {
    throw new TypeError(`array: expected a Uint32Array, Float64Array, Int32Array or array, received ${describeValue(array)}`);
  }
  return shuffleUnchecked(rng, array);
}

/** {@link shuffle} without its checks, for the library's own loops. @internal */
export function shuffleUnchecked<A extends Uint32Array | Float64Array | Int32Array | number[]>(rng: Rng, array: A): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = integerBelow(rng, i + 1);
    const t = array[i] as number;
    array[i] = array[j] as number;
    array[j] = t;
  }
  return array;
}

/** A uniformly random permutation of 0..n−1. */
export function permutation(rng: Rng, n: number): Uint32Array {
  checkRng(rng);
  checkInteger('n', n, 1, 2 ** 32);
  checkAllocation('n', n, 'the permutation');
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleUnchecked(rng, p);
}
