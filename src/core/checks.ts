/**
 * Argument checks shared by every module. Each throws a `RangeError`/`TypeError` (or a subclass from
 * `errors.ts`) whose message reads `name: expected …, received …`, and returns the checked value so
 * that checks compose: `const n = checkPositiveInteger('steps', opts.steps)`.
 *
 * @module
 */
import { DimensionError, NonFiniteError, describeValue } from './errors';
import type { FiniteSumObjective, Objective, Seed } from './types';

function fail(Kind: new (message: string) => Error, name: string, expected: string, received: unknown): never {
  throw new Kind(`${name}: expected ${expected}, received ${describeValue(received)}`);
}

/** A number (typeof 'number'), finite. */
export function checkFiniteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') fail(TypeError, name, 'a finite number', value);
  if (!Number.isFinite(value)) fail(NonFiniteError, name, 'a finite number', value);
  return value;
}

/** A finite number > 0. */
export function checkPositive(name: string, value: unknown): number {
  const v = checkFiniteNumber(name, value);
  if (!(v > 0)) fail(RangeError, name, 'a positive number', v);
  return v;
}

/** A finite number ≥ 0. */
export function checkNonNegative(name: string, value: unknown): number {
  const v = checkFiniteNumber(name, value);
  if (!(v >= 0)) fail(RangeError, name, 'a non-negative number', v);
  return v;
}

/** A finite number in the closed interval [min, max] (or half-open, with `openMin`/`openMax`). */
export function checkInRange(
  name: string,
  value: unknown,
  min: number,
  max: number,
  { openMin = false, openMax = false }: { openMin?: boolean; openMax?: boolean } = {},
): number {
  const v = checkFiniteNumber(name, value);
  const lowOk = openMin ? v > min : v >= min;
  const highOk = openMax ? v < max : v <= max;
  if (!lowOk || !highOk) {
    fail(RangeError, name, `a number in ${openMin ? '(' : '['}${min}, ${max}${openMax ? ')' : ']'}`, v);
  }
  return v;
}

/** An integer (a safe one) in [min, max]. */
export function checkInteger(name: string, value: unknown, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number') fail(TypeError, name, 'an integer', value);
  if (!Number.isSafeInteger(value)) fail(RangeError, name, 'an integer', value);
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    fail(RangeError, name, `an integer ${range}`, value);
  }
  return value;
}

/** An integer ≥ 1. */
export function checkPositiveInteger(name: string, value: unknown): number {
  return checkInteger(name, value, 1);
}

/** One of a fixed set of strings. */
export function checkOneOf<T extends string>(name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(typeof value === 'string' ? RangeError : TypeError, name, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
  }
  return value as T;
}

/**
 * The most elements one allocation may hold: 2²⁷ = 134,217,728 (1 GiB of doubles). Requests beyond
 * it (an n×n matrix with n = 1e9, a snapshot count steps/every of 1e12) are refused up front, before
 * any work, naming the option that asked and the amount. @internal
 */
export const MAX_ELEMENTS = 2 ** 27;

/**
 * Refuses up front an allocation of `count` elements (a product of sizes, possibly not an integer
 * or not safe) beyond {@link MAX_ELEMENTS}: `name: expected at most 134217728 elements (1 GiB of
 * doubles) for what, received count`. Returns count. @internal
 */
export function checkAllocation(name: string, count: number, what: string): number {
  if (!(count <= MAX_ELEMENTS)) {
    throw new RangeError(`${name}: expected at most ${MAX_ELEMENTS} elements (1 GiB of doubles) for ${what}, received ${count.toPrecision(4)} elements`);
  }
  return count;
}

/** A function. */
export function checkFunction<F extends (...args: never[]) => unknown>(name: string, value: unknown): F {
  if (typeof value !== 'function') fail(TypeError, name, 'a function', value);
  return value as F;
}

/** A boolean. */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(TypeError, name, 'a boolean', value);
  return value;
}

/** Throws `NonFiniteError` naming the first index of `values` that is NaN or ±Infinity. */
export function checkAllFinite(name: string, values: ArrayLike<number>): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') fail(TypeError, name, 'an array of numbers', values);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(`${name}: expected finite values, received ${describeValue(v)} at index ${i}`);
    }
  }
}

/** Throws `DimensionError` unless `length === expected`. */
export function checkLength(name: string, length: number, expected: number, what = 'length'): void {
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) fail(TypeError, name, `a ${what}`, length);
  if (length !== expected) throw new DimensionError(`${name}: expected ${what} ${expected}, received ${what} ${length}`);
}

/**
 * A vector: a `Float64Array` (returned as is) or an array of numbers (copied), finite, of length
 * `dim` when given.
 */
export function checkVector(name: string, value: unknown, dim?: number): Float64Array {
  let v: Float64Array;
  if (value instanceof Float64Array) v = value;
  else if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const arr = value as ArrayLike<unknown>;
    for (let i = 0; i < arr.length; i++) {
      if (typeof arr[i] !== 'number') {
        throw new TypeError(`${name}: expected a vector of numbers, received ${describeValue(arr[i])} at index ${i}`);
      }
    }
    v = Float64Array.from(arr as ArrayLike<number>);
  } else fail(TypeError, name, 'a Float64Array or an array of numbers', value);
  if (dim !== undefined) checkLength(name, v.length, dim);
  checkAllFinite(name, v);
  return v;
}

/** An optional `out` vector: allocated when absent, length-checked when present. */
export function outVector(name: string, out: Float64Array | undefined, dim: number): Float64Array {
  if (out === undefined) return new Float64Array(dim);
  if (!(out instanceof Float64Array)) fail(TypeError, name, 'a Float64Array', out);
  checkLength(name, out.length, dim);
  return out;
}

/** An options object (or undefined, read as `{}`). */
export function checkOptions<T extends object>(name: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(TypeError, name, 'an options object', value);
  return value;
}

/**
 * An `Objective`: an object with an integer `dim` ≥ 1 and `value` and `gradient` methods; with
 * `hvp: true` also an `hvp` method; with `finiteSum: true` also an integer `size` ≥ 1 and a
 * `batchGradient` method. Returns it, typed.
 */
export function checkObjective<O extends Objective = Objective>(
  value: unknown,
  { hvp = false, finiteSum = false, name = 'objective' }: { hvp?: boolean; finiteSum?: boolean; name?: string } = {},
): O {
  if (value === null || typeof value !== 'object') fail(TypeError, name, 'an Objective', value);
  const o = value as Partial<FiniteSumObjective>;
  checkInteger(`${name}.dim`, o.dim, 1);
  if (typeof o.value !== 'function' || typeof o.gradient !== 'function') {
    const missing = [typeof o.value !== 'function' ? 'value' : '', typeof o.gradient !== 'function' ? 'gradient' : ''].filter(Boolean).join(' and ');
    throw new TypeError(`${name}: expected an Objective with value and gradient methods, received one without ${missing}`);
  }
  if (hvp && typeof o.hvp !== 'function') throw new TypeError(`${name}: expected an Objective with an hvp method, received one without`);
  if (finiteSum) {
    checkInteger(`${name}.size`, o.size, 1);
    checkFunction(`${name}.batchGradient`, o.batchGradient);
  }
  return value as O;
}

/**
 * A seed (`Seed`): a finite number or a string, returned as is. Every seeded function checks its
 * seed with this one rule and defaults it to 0.
 */
export function checkSeed(name: string, value: unknown): Seed {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') fail(TypeError, name, 'a finite number or a string', value);
  if (!Number.isFinite(value)) fail(RangeError, name, 'a finite number or a string', value);
  return value;
}

/** An optional `AbortSignal` (anything with a boolean `aborted`), returned as is. */
export function checkSignal(name: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || typeof (value as { aborted?: unknown }).aborted !== 'boolean') {
    fail(TypeError, name, 'an AbortSignal', value);
  }
  return value as AbortSignal;
}

/**
 * The value of option `name`, or of its deprecated alias `alias` when only that is given (both
 * read from `opts`, an options object already checked). Throws a `TypeError` when both are given
 * with different values. The hardening checks treat every alias read here as a known option.
 *
 * @example
 * const h = optionWithAlias(opts, 'fdStep', 'step', 'options'); // options.step still works
 */
export function optionWithAlias(opts: object, name: string, alias: string, prefix = 'options'): unknown {
  const o = opts as Record<string, unknown>;
  const v = o[name];
  const a = o[alias];
  if (a === undefined) return v;
  if (v !== undefined && !Object.is(v, a)) {
    throw new TypeError(
      `${prefix}.${name}: expected one of ${prefix}.${name} and its deprecated alias ${prefix}.${alias}, received both (${describeValue(v)} and ${describeValue(a)})`,
    );
  }
  return a;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment: insertions, deletions,
 * substitutions and swaps of neighbours each cost 1), for "did you mean": `aplha` is 1 from `alpha`.
 */
function editDistance(a: string, b: string): number {
  const w = b.length + 1;
  const d = new Array<number>((a.length + 1) * w);
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * w + j] as number) + 1, (d[i * w + j - 1] as number) + 1, (d[(i - 1) * w + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * w + j - 2] as number) + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length] as number;
}

/**
 * Rejects an options object that holds a key outside `known` (a misspelt option would otherwise
 * pass silently in JavaScript): throws a `TypeError` reading
 * `options.momentun: unknown option; did you mean momentum?` (the nearest known key by edit
 * distance, offered when it is at most a third of the key's length away (at least 1) and shares a
 * character with it), or
 * `…; known options: a, b, c` otherwise. Keys whose value is `undefined` are accepted (spreading a
 * partial options object is common). Documented deprecated aliases belong in `known`.
 *
 * @param prefix - the argument's name in messages, e.g. `'options'` or `'options.diffusion'`.
 * @example
 * checkKnownOptions('options', opts, ['lr', 'momentum', 'steps']);
 */
export function checkKnownOptions(prefix: string, opts: object, known: readonly string[]): void {
  if (opts === null || typeof opts !== 'object') fail(TypeError, prefix, 'an options object', opts);
  for (const key of Object.keys(opts)) {
    if (known.includes(key) || (opts as Record<string, unknown>)[key] === undefined) continue;
    let best = '';
    let bestD = Infinity;
    for (const k of known) {
      const d = editDistance(key.toLowerCase(), k.toLowerCase());
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    const hint =
      best !== '' && bestD < key.length && bestD <= Math.max(1, Math.floor(key.length / 3))
        ? `did you mean ${best}?`
        : `known options: ${[...known].sort().join(', ')}`;
    throw new TypeError(`${prefix}.${key}: unknown option; ${hint}`);
  }
}

/**
 * A permutation of 0..n−1 (an `Int32Array` or array of integers), returned as a new `Int32Array`;
 * a `DimensionError` for the wrong length, a `RangeError` naming the repeated value otherwise.
 *
 * @example
 * const order = checkPermutation('options.ordering', [2, 0, 1], 3); // Int32Array [2, 0, 1]
 */
export function checkPermutation(name: string, value: unknown, n: number): Int32Array {
  const o = value as ArrayLike<unknown>;
  if (o === null || typeof o !== 'object' || typeof o.length !== 'number') fail(TypeError, name, `a permutation of 0..${n - 1}`, value);
  if (o.length !== n) throw new DimensionError(`${name}: expected length ${n}, received length ${describeValue(o.length)}`);
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const v = checkInteger(`${name}[${k}]`, o[k], 0, n - 1);
    if (seen[v] === 1) throw new RangeError(`${name}: expected a permutation of 0..${n - 1}, received ${v} twice`);
    seen[v] = 1;
    order[k] = v;
  }
  return order;
}
