/**
 * Errors thrown by argument checks. Each is a `RangeError` or `TypeError` subclass, so code that
 * catches the built-in classes keeps working, and each message names the argument, what was
 * expected and what was received.
 *
 * @module
 */

/** Mismatched lengths or shapes: `x` has length 3 where the objective has dimension 4. */
export class DimensionError extends RangeError {
  override name = 'DimensionError';
}

/** NaN or ±Infinity where finite numbers are required. */
export class NonFiniteError extends RangeError {
  override name = 'NonFiniteError';
}

/** A matrix or operator that must be symmetric is not (within the stated tolerance). */
export class SymmetryError extends RangeError {
  override name = 'SymmetryError';
}

/**
 * A short, human-readable description of a received value for error messages:
 * `3.5`, `NaN`, `"abc"`, `Float64Array(4)`, `Array(2)`, `null`, `object`.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    return 'length' in value ? `${name}(${(value as unknown as { length: number }).length})` : name;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}
