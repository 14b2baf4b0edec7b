/**
 * Stop conditions: a data region (half-space, ball) checked once and compiled to a test that
 * allocates nothing, or the user's predicate. @internal
 *
 * @module
 */
import { checkFiniteNumber, checkFunction, checkInteger, checkKnownOptions, checkOptions, checkPositive, checkVector } from '../core/checks';
import { describeValue } from '../core/errors';
import type { StopPredicate, StopRegion } from './types';

/** A checked data stop. `sign` is +1 for θ_c ≥ level, −1 for θ_c ≤ level. @internal */
export type CompiledRegion = { kind: 'half'; coordinate: number; level: number; sign: 1 | -1 } | { kind: 'ball'; center: Float64Array; radius: number };

/** Whether x lies in the region (no allocation). @internal */
export function inRegion(r: CompiledRegion, x: Float64Array): boolean {
  if (r.kind === 'half') return r.sign * ((x[r.coordinate] as number) - r.level) >= 0;
  const c = r.center;
  let s = 0;
  for (let i = 0; i < c.length; i++) s += ((x[i] as number) - (c[i] as number)) ** 2;
  return s <= r.radius * r.radius;
}

/** Checks a data region for dimension d. @internal */
export function compileRegion(name: string, stop: StopRegion, d: number): CompiledRegion {
  const s = checkOptions(name, stop) as Record<string, unknown>;
  checkKnownOptions(name, s, ['atLeast', 'atMost', 'center', 'coordinate', 'radius']);
  if ('center' in s || 'radius' in s) {
    return { kind: 'ball', center: Float64Array.from(checkVector(`${name}.center`, s.center, d)), radius: checkPositive(`${name}.radius`, s.radius) };
  }
  const coordinate = checkInteger(`${name}.coordinate`, s.coordinate, 0, d - 1);
  const hasLeast = s.atLeast !== undefined;
  const hasMost = s.atMost !== undefined;
  if (hasLeast === hasMost) {
    throw new TypeError(`${name}: expected exactly one of atLeast and atMost, received ${hasLeast ? 'both' : 'neither'}`);
  }
  const level = checkFiniteNumber(hasLeast ? `${name}.atLeast` : `${name}.atMost`, hasLeast ? s.atLeast : s.atMost);
  return { kind: 'half', coordinate, level, sign: hasLeast ? 1 : -1 };
}

/** A stop option read as a region (data) or a predicate (a function), or undefined. @internal */
export function readStop(name: string, stop: unknown, d: number): { region: CompiledRegion | null; predicate: StopPredicate | undefined } {
  if (stop === undefined) return { region: null, predicate: undefined };
  if (typeof stop === 'function') return { region: null, predicate: checkFunction<StopPredicate>(name, stop) };
  if (stop === null || typeof stop !== 'object') {
    throw new TypeError(
      `${name}: expected a function (x, step, time) => boolean or a region { coordinate, atLeast | atMost } | { center, radius }, received ${describeValue(stop)}`,
    );
  }
  const region = compileRegion(name, stop as StopRegion, d);
  return { region, predicate: (x) => inRegion(region, x) };
}
