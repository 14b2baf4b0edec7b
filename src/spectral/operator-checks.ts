/**
 * Argument checks for symmetric operators, shared by the spectral routines of this module
 * (internal: not re-exported from the module index).
 *
 * @module
 */
import { checkAllFinite, checkFunction, checkInteger, checkSignal } from '../core/checks';
import { describeValue } from '../core/errors';
import type { SymmetricOperator } from '../core/types';

/**
 * Checks that `op` looks like a `SymmetricOperator` (an object with an integer `dim` ≥ `minDim`
 * and an `apply` function) and returns it. Throws `TypeError`/`RangeError` naming `name`.
 */
export function checkOperator(name: string, op: unknown, minDim = 1): SymmetricOperator {
  if (op === null || typeof op !== 'object') {
    throw new TypeError(`${name}: expected a SymmetricOperator { dim, apply(x, out) }, received ${describeValue(op)}`);
  }
  const o = op as { dim?: unknown; apply?: unknown };
  checkInteger(`${name}.dim`, o.dim, minDim);
  checkFunction(`${name}.apply`, o.apply);
  return op as SymmetricOperator;
}

/**
 * `out ← A x` through `op.apply`, then a check that every entry of `out` is finite (O(n), no
 * allocation). Throws `NonFiniteError` "`name`.apply: expected finite values, received NaN at index i"
 * so that a NaN from a user's HVP is reported where it happens instead of poisoning a result.
 */
export function applyFinite(name: string, op: SymmetricOperator, x: Float64Array, out: Float64Array): Float64Array {
  const y = op.apply(x, out);
  // An operator may return a new array instead of writing into out: what it returns is the product.
  const r = y instanceof Float64Array ? y : out;
  checkAllFinite(`${name}.apply`, r);
  return r;
}

/** The checked `onProgress` and `signal` of a long-running entry point's options. */
export interface LongRun<P> {
  onProgress: ((info: P) => void) | undefined;
  signal: AbortSignal | undefined;
  /** Reports every `every` units (and at the last), then says whether the signal has fired. */
  report(done: number, total: number, info: () => P): boolean;
  /** Whether the signal has fired. */
  aborted(): boolean;
}

/**
 * Reads `options.onProgress` (a function) and `options.signal` (an AbortSignal) and returns a
 * reporter that calls onProgress at most ~100 times over `total` units of work and checks the
 * signal after each unit (so aborting from inside the callback stops the next unit).
 */
export function longRun<P>(opts: { onProgress?: (info: P) => void; signal?: AbortSignal }, prefix = 'options'): LongRun<P> {
  const onProgress = opts.onProgress === undefined ? undefined : checkFunction<(info: P) => void>(`${prefix}.onProgress`, opts.onProgress);
  const signal = checkSignal(`${prefix}.signal`, opts.signal);
  return {
    onProgress,
    signal,
    report(done: number, total: number, info: () => P): boolean {
      if (onProgress !== undefined) {
        const every = Math.max(1, Math.ceil(total / 100));
        if (done % every === 0 || done === total) onProgress(info());
      }
      return signal?.aborted === true;
    },
    aborted(): boolean {
      return signal?.aborted === true;
    },
  };
}
