/**
 * `pow(x, y)` for a real exponent, engine-independent: e^{y·ln x} from the library's `exp` and `log`.
 *
 * Not faithfully rounded like the other elementary functions: the rounding error of y·ln x is
 * amplified by the exponential, so the relative error is at most about (2 + |y·ln x|)·2⁻⁵² (a few
 * ulps where |y·ln x| is small, as for the α-normalisation and λᵗ powers that use it). The same
 * bits in every engine, which is what its callers need; `x ** n` with a small integer literal n
 * stays the exact product.
 *
 * @internal
 * @module
 */
import { exp } from './exp';
import { log } from './log';

/**
 * x^y for x ≥ 0 (and x < 0 with an integer y), from `exp(y·log(x))`: pow(x, 0) = 1, pow(1, y) = 1,
 * pow(0, y) = 0 for y > 0 and +∞ for y < 0, NaN for x < 0 with a non-integer y or for a NaN input.
 *
 * @internal
 * @example
 * pow(2, 0.5); // 1.4142135623730951 (within a few ulps)
 */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x < 0) {
    if (!Number.isInteger(y)) return Number.NaN;
    const m = exp(y * log(-x));
    return y % 2 === 0 ? m : -m;
  }
  return exp(y * log(x));
}
