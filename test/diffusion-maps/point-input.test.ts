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
  it('passes a packed ndarray through uncopied with maxAbs = max |xᵢₖ|, and names the first non-finite coordinate like toPoints', () => {
    const data = new Float64Array([1, -7.5, 3, 0, -0, 2]);
    const P = toPointMatrix('points', ndarray(data, [3, 2]));
    expect(P.data).toBe(data);
    expect([P.n, P.d, P.maxAbs]).toEqual([3, 2, 7.5]);
    expect(toPointMatrix('points', [[-0], [0]]).maxAbs).toBe(0);
    expect(toPointMatrix('points', ndarray(new Float64Array([1, 4, 2, -5, 3, 6]), [3, 2]).transpose(1, 0)).maxAbs).toBe(6);
    // the first non-finite value in row-major order is the one reported, whatever comes after it
    const bad = new Float64Array([1, 2, 3, NaN, Infinity, 9]);
    expect(() => toPointMatrix('snapshots', ndarray(bad, [3, 2]))).toThrow('snapshots: expected finite coordinates, received NaN at row 1, column 1');
    bad[3] = 1e300;
    expect(() => toPointMatrix('snapshots', ndarray(bad, [3, 2]))).toThrow('snapshots: expected finite coordinates, received Infinity at row 2, column 0');
    // a subarray (offset ≠ 0 in its buffer but 0 in the ndarray) and a view with an offset
    const whole = new Float64Array([5, 1, 2, 3, 4]);
    expect(toPointMatrix('points', ndarray(whole.subarray(1), [2, 2])).maxAbs).toBe(4);
    expect(Array.from(toPointMatrix('points', ndarray(whole, [2, 2], [2, 1], 1)).data)).toEqual([1, 2, 3, 4]);
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
  it('gives the bits of the plain one-row-at-a-time loops (four rows a sweep only saves passes over the mean)', () => {
    const plain = (x: Float64Array, n: number, d: number): Float64Array => {
      const m = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) m[k] = (m[k] as number) + (x[i * d + k] as number);
      for (let k = 0; k < d; k++) m[k] = (m[k] as number) / n;
      const r = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) r[k] = (r[k] as number) + ((x[i * d + k] as number) - (m[k] as number));
      for (let k = 0; k < d; k++) m[k] = (m[k] as number) + (r[k] as number) / n;
      return m;
    };
    let s = 7;
    const next = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    for (const [n, d] of [
      [1, 3],
      [2, 1],
      [3, 5],
      [4, 2],
      [5, 7],
      [7, 1],
      [13, 17],
      [64, 9],
      [101, 33],
    ] as const) {
      const x = new Float64Array(n * d);
      // far from the origin, mixed magnitudes: every rounding of the sums matters
      for (let t = 0; t < x.length; t++) x[t] = 1e6 + (next() - 0.5) * 10 ** Math.floor(6 * next() - 3);
      expect(Array.from(pointMean({ data: x, n, d })), `${n}×${d}`).toEqual(Array.from(plain(x, n, d)));
    }
  });
});
