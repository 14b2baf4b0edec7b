import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { pointRow, toPoints } from '../../src/core/points';
import { DimensionError, NonFiniteError } from '../../src/core/errors';

describe('toPoints', () => {
  it('accepts number[][] and Float64Array[] and returns a packed [n, d] ndarray', () => {
    for (const input of [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])],
    ]) {
      const p = toPoints(input);
      expect(p.shape).toEqual([2, 3]);
      expect(p.data).toBeInstanceOf(Float64Array);
      expect(Array.from(p.data)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(p.get(1, 2)).toBe(6);
      expect(Array.from(pointRow(p, 1))).toEqual([4, 5, 6]);
    }
  });
  it('returns a packed Float64Array ndarray as is and copies strided or other-typed ones', () => {
    const packed = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]);
    expect(toPoints(packed)).toBe(packed);
    const transposed = packed.transpose(1, 0); // rows are now the columns of `packed`
    const t = toPoints(transposed);
    expect(Array.from(t.data)).toEqual([1, 3, 2, 4]);
    const fromInts = toPoints(ndarray(new Int32Array([1, 2, 3, 4, 5, 6]), [3, 2]));
    expect(fromInts.data).toBeInstanceOf(Float64Array);
    expect(fromInts.get(2, 1)).toBe(6);
    const sliced = toPoints(ndarray(new Float64Array([0, 1, 2, 3, 4, 5]), [3, 2]).lo(1, 0));
    expect(sliced.shape).toEqual([2, 2]);
    expect(Array.from(sliced.data)).toEqual([2, 3, 4, 5]);
  });
  it('rejects ragged rows, empty sets, wrong shapes and non-finite values with clear errors', () => {
    expect(() => toPoints([[1, 2], [3]])).toThrow(DimensionError);
    expect(() => toPoints([[1, 2], [3]])).toThrow('points: expected every row of length 2 (as row 0), received length 1 at row 1');
    expect(() => toPoints([])).toThrow('points: expected at least one point, received an empty array');
    expect(() => toPoints([[]])).toThrow('points: expected points of dimension ≥ 1, received rows of length 0');
    expect(() => toPoints(ndarray(new Float64Array(8), [2, 2, 2]))).toThrow('points: expected an ndarray of shape [n, d], received shape [2, 2, 2]');
    expect(() => toPoints([[1, Number.NaN]])).toThrow(NonFiniteError);
    expect(() =>
      toPoints(
        [
          [1, 2],
          [3, Infinity],
        ],
        'cloud',
      ),
    ).toThrow('cloud: expected finite coordinates, received Infinity at row 1, column 1');
    expect(() => toPoints(ndarray(new Float64Array([0, Number.NaN]), [1, 2]))).toThrow('points: expected finite coordinates, received NaN at row 0, column 1');
    expect(() => toPoints([[1, '2']] as never)).toThrow('points: expected numbers, received "2" at row 0, column 1');
    expect(() => toPoints([1, 2] as never)).toThrow('points: expected rows that are arrays of numbers or Float64Arrays, received 1 at row 0');
    expect(() => toPoints('abc' as never)).toThrow(TypeError);
  });
});
