import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { centerPoints, pointMean, toPointMatrix } from '../../src/diffusion-maps/point-input';
import { DimensionError, NonFiniteError } from '../../src/core/errors';

describe('toPointMatrix', () => {
  it('reads an ndarray [n, d] (strided too), number[][] and Float64Array[] into one packed row-major matrix', () => {
    const expected = [1, 2, 3, 4, 5, 6];
    const inputs: unknown[] = [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])],
      ndarray(new Float64Array(expected), [2, 3]),
      ndarray(new Float64Array([1, 4, 2, 5, 3, 6]), [3, 2]).transpose(1, 0),
    ];
    for (const input of inputs) {
      const P = toPointMatrix('points', input);
      expect([P.n, P.d]).toEqual([2, 3]);
      expect(P.data).toBeInstanceOf(Float64Array);
      expect(Array.from(P.data)).toEqual(expected);
    }
  });
  it('refuses empty, ragged, non-finite and non-array input with errors naming the argument, row and column', () => {
    expect(() => toPointMatrix('snapshots', [])).toThrow(DimensionError);
    expect(() => toPointMatrix('snapshots', [])).toThrow(/^snapshots: expected at least one point/);
    expect(() => toPointMatrix('snapshots', [[1, 2], [3]])).toThrow('snapshots: expected every row of length 2 (as row 0), received length 1 at row 1');
    expect(() =>
      toPointMatrix('snapshots', [
        [1, 2],
        [3, NaN],
      ]),
    ).toThrow(NonFiniteError);
    expect(() =>
      toPointMatrix('snapshots', [
        [1, 2],
        [3, NaN],
      ]),
    ).toThrow('snapshots: expected finite coordinates, received NaN at row 1, column 1');
    expect(() => toPointMatrix('snapshots', [[Infinity, 2]])).toThrow('received Infinity at row 0, column 0');
    expect(() => toPointMatrix('snapshots', ndarray(new Float64Array([1, -Infinity]), [1, 2]))).toThrow('received -Infinity at row 0, column 1');
    expect(() => toPointMatrix('snapshots', 'abc')).toThrow(TypeError);
    expect(() => toPointMatrix('snapshots', 'abc')).toThrow(/^snapshots: expected an ndarray/);
    expect(() => toPointMatrix('snapshots', null)).toThrow(/^snapshots: /);
    expect(() => toPointMatrix('snapshots', [['a']])).toThrow(/^snapshots: expected numbers/);
    expect(() => toPointMatrix('snapshots', ndarray(new Float64Array(8), [2, 2, 2]))).toThrow(/^snapshots: expected an ndarray of shape \[n, d\]/);
  });
});

describe('centerPoints', () => {
  it('returns a centred copy and the mean, without touching the input', () => {
    const P = toPointMatrix('points', [
      [1, 10],
      [3, 20],
      [5, 60],
    ]);
    const { data, mean } = centerPoints(P);
    expect(Array.from(mean)).toEqual([3, 30]);
    expect(Array.from(data)).toEqual([-2, -20, 0, -10, 2, 30]);
    expect(Array.from(P.data)).toEqual([1, 10, 3, 20, 5, 60]);
  });
  it('keeps the mean of points far from the origin to the last digits (the residual pass)', () => {
    // 1e6 + k/10 for k = 0..999, each rounded to a double: a multiple of ulp(1e6) = 2^-33, so the
    // exact mean of the stored doubles follows from an exact integer sum in units of 2^-33.
    const n = 1000;
    const rows = Array.from({ length: n }, (_, k) => [1e6 + k / 10]);
    const unit = 2 ** -33;
    let sumUnits = 0;
    for (const [v] of rows) sumUnits += ((v as number) - 1e6) / unit; // exact: integers below 2^53
    const exact = 1e6 + (sumUnits / n) * unit;
    const mean = pointMean(toPointMatrix('points', rows))[0] as number;
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual(2 * 2 ** -33); // within 2 ulp(1e6) ≈ 2.3e-10
  });
});
