import { describe, expect, it } from 'vitest';
import {
  checkAllFinite,
  checkBoolean,
  checkFiniteNumber,
  checkFunction,
  checkInRange,
  checkInteger,
  checkKnownOptions,
  checkLength,
  checkNonNegative,
  checkObjective,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkVector,
  outVector,
} from '../../src/core/checks';
import { DimensionError, NonFiniteError, describeValue } from '../../src/core/errors';

describe('argument checks: each throws a message naming the argument, the expectation and the value', () => {
  it('checkFiniteNumber', () => {
    expect(checkFiniteNumber('lr', 0.5)).toBe(0.5);
    expect(() => checkFiniteNumber('lr', '1')).toThrow(TypeError);
    expect(() => checkFiniteNumber('lr', '1')).toThrow('lr: expected a finite number, received "1"');
    expect(() => checkFiniteNumber('lr', Number.NaN)).toThrow(NonFiniteError);
    expect(() => checkFiniteNumber('lr', Infinity)).toThrow('lr: expected a finite number, received Infinity');
  });
  it('checkPositive and checkNonNegative', () => {
    expect(checkPositive('dt', 1e-300)).toBe(1e-300);
    expect(() => checkPositive('dt', 0)).toThrow(RangeError);
    expect(() => checkPositive('dt', 0)).toThrow('dt: expected a positive number, received 0');
    expect(() => checkPositive('dt', -0)).toThrow('dt: expected a positive number, received -0');
    expect(checkNonNegative('temperature', 0)).toBe(0);
    expect(() => checkNonNegative('temperature', -1)).toThrow('temperature: expected a non-negative number, received -1');
  });
  it('checkInRange, closed and open ends', () => {
    expect(checkInRange('momentum', 0, 0, 1, { openMax: true })).toBe(0);
    expect(() => checkInRange('momentum', 1, 0, 1, { openMax: true })).toThrow('momentum: expected a number in [0, 1), received 1');
    expect(() => checkInRange('p', 0, 0, 1, { openMin: true })).toThrow('p: expected a number in (0, 1], received 0');
  });
  it('checkInteger and checkPositiveInteger', () => {
    expect(checkInteger('k', 3, 1, 10)).toBe(3);
    expect(() => checkInteger('k', 11, 1, 10)).toThrow('k: expected an integer in [1, 10], received 11');
    expect(() => checkInteger('k', 2.5)).toThrow('k: expected an integer, received 2.5');
    expect(() => checkInteger('k', '2')).toThrow(TypeError);
    expect(() => checkInteger('k', 2 ** 60)).toThrow('k: expected an integer, received 1152921504606847000');
    expect(() => checkPositiveInteger('steps', 0)).toThrow('steps: expected an integer ≥ 1, received 0');
  });
  it('checkOneOf', () => {
    expect(checkOneOf('which', 'largest', ['largest', 'smallest'])).toBe('largest');
    expect(() => checkOneOf('which', 'top', ['largest', 'smallest'])).toThrow(RangeError);
    expect(() => checkOneOf('which', 'top', ['largest', 'smallest'])).toThrow(`which: expected one of 'largest', 'smallest', received "top"`);
    expect(() => checkOneOf('which', 3, ['a'])).toThrow(TypeError);
  });
  it('checkFunction, checkBoolean, checkOptions', () => {
    const f = () => 1;
    expect(checkFunction('stop', f)).toBe(f);
    expect(() => checkFunction('stop', 1)).toThrow('stop: expected a function, received 1');
    expect(checkBoolean('nesterov', false)).toBe(false);
    expect(() => checkBoolean('nesterov', 'yes')).toThrow('nesterov: expected a boolean, received "yes"');
    expect(checkOptions('options', undefined)).toEqual({});
    expect(() => checkOptions('options', [] as never)).toThrow('options: expected an options object, received Array(0)');
    expect(() => checkOptions('options', 5 as never)).toThrow('options: expected an options object, received 5');
  });
  it('checkAllFinite names the first bad index', () => {
    expect(() => checkAllFinite('x0', new Float64Array([1, 2, Number.NaN, Infinity]))).toThrow('x0: expected finite values, received NaN at index 2');
    expect(() => checkAllFinite('x0', [0, -Infinity])).toThrow(NonFiniteError);
  });
  it('checkLength', () => {
    expect(() => checkLength('x0', 3, 4)).toThrow(DimensionError);
    expect(() => checkLength('x0', 3, 4)).toThrow('x0: expected length 4, received length 3');
  });
  it('checkVector copies arrays, keeps Float64Arrays, checks length and finiteness', () => {
    const f = new Float64Array([1, 2]);
    expect(checkVector('x', f, 2)).toBe(f);
    const copied = checkVector('x', [1, 2]);
    expect(copied).toBeInstanceOf(Float64Array);
    expect(Array.from(copied)).toEqual([1, 2]);
    expect(() => checkVector('x', [1, 2], 3)).toThrow('x: expected length 3, received length 2');
    expect(() => checkVector('x', [1, Number.NaN])).toThrow('x: expected finite values, received NaN at index 1');
    expect(() => checkVector('x', [1, 'a'])).toThrow('x: expected a vector of numbers, received "a" at index 1');
    expect(() => checkVector('x', 'ab')).toThrow('x: expected a Float64Array or an array of numbers, received "ab"');
  });
  it('outVector allocates or checks', () => {
    expect(outVector('out', undefined, 3).length).toBe(3);
    const o = new Float64Array(3);
    expect(outVector('out', o, 3)).toBe(o);
    expect(() => outVector('out', new Float64Array(2), 3)).toThrow('out: expected length 3, received length 2');
    expect(() => outVector('out', [0, 0, 0] as never, 3)).toThrow('out: expected a Float64Array, received Array(3)');
  });
  it('checkObjective', () => {
    const f = { dim: 2, value: () => 0, gradient: (_x: Float64Array, out = new Float64Array(2)) => out };
    expect(checkObjective(f)).toBe(f);
    expect(() => checkObjective(null)).toThrow('objective: expected an Objective, received null');
    expect(() => checkObjective({ ...f, dim: 0 })).toThrow('objective.dim: expected an integer ≥ 1, received 0');
    expect(() => checkObjective({ dim: 2, value: () => 0 })).toThrow(
      'objective: expected an Objective with value and gradient methods, received one without gradient',
    );
    expect(() => checkObjective(f, { hvp: true })).toThrow('objective: expected an Objective with an hvp method, received one without');
    expect(() => checkObjective(f, { finiteSum: true })).toThrow('objective.size: expected an integer, received undefined');
    expect(() => checkObjective({ ...f, size: 3 }, { finiteSum: true })).toThrow('objective.batchGradient: expected a function, received undefined');
  });
  it('describeValue', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(new Uint32Array(4))).toBe('Uint32Array(4)');
    expect(describeValue(new Map())).toBe('a Map');
    expect(describeValue('x'.repeat(50))).toBe(JSON.stringify(`${'x'.repeat(37)}...`));
    expect(describeValue(() => 0)).toBe('a function');
  });
  it('checkKnownOptions: an unknown key names the nearest known one', () => {
    const known = ['lr', 'momentum', 'steps', 'tol'];
    expect(() => checkKnownOptions('options', { lr: 1, momentum: 0.9 }, known)).not.toThrow();
    expect(() => checkKnownOptions('options', { momentun: 0.9 }, known)).toThrow(TypeError);
    expect(() => checkKnownOptions('options', { momentun: 0.9 }, known)).toThrow('options.momentun: unknown option; did you mean momentum?');
    expect(() => checkKnownOptions('options', { tolerance: 1e-6 }, known)).toThrow(
      'options.tolerance: unknown option; known options: lr, momentum, steps, tol',
    );
    expect(() => checkKnownOptions('options.diffusion', { Steps: 3 }, known)).toThrow('options.diffusion.Steps: unknown option; did you mean steps?');
    // a swap of neighbours costs one edit; a key sharing nothing with the nearest gets the list
    expect(() => checkKnownOptions('options', { momnetum: 0.9 }, known)).toThrow('options.momnetum: unknown option; did you mean momentum?');
    expect(() => checkKnownOptions('options', { zz: 1 }, known)).toThrow('options.zz: unknown option; known options: lr, momentum, steps, tol');
    // An undefined value is accepted: spreading a partial options object is common.
    expect(() => checkKnownOptions('options', { tolerance: undefined }, known)).not.toThrow();
  });
});
