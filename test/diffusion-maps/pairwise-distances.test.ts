import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { pairwiseSquaredDistances } from '../../src/diffusion-maps/pairwise-distances';
import { DimensionError } from '../../src/core/errors';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { centredDot, gramBlock, gramMatrix } from '../../src/diffusion-maps/distance-kernels';

const U = 2 ** -53;

/** Direct double loop Σₘ (xᵢₘ − xⱼₘ)², the reference. */
function direct(rows: readonly (readonly number[])[]): Float64Array {
  const n = rows.length;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      const a = rows[i] as readonly number[];
      const b = rows[j] as readonly number[];
      for (let m = 0; m < a.length; m++) s += ((a[m] as number) - (b[m] as number)) ** 2;
      D[i * n + j] = s;
    }
  }
  return D;
}

/** Squared norms of the centred rows (the scale of the Gram formula's rounding error). */
function centredNorms(rows: readonly (readonly number[])[]): Float64Array {
  const n = rows.length;
  const d = (rows[0] as readonly number[]).length;
  const mean = new Float64Array(d);
  for (const r of rows) for (let m = 0; m < d; m++) mean[m] = (mean[m] as number) + (r[m] as number) / n;
  return Float64Array.from(rows, (r) => r.reduce((s, v, m) => s + (v - (mean[m] as number)) ** 2, 0));
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe('pairwiseSquaredDistances', () => {
  it('equals the direct double loop within the Gram formula’s rounding bound, with exact zeros on the diagonal and exact symmetry', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc
              .integer({ min: 1, max: 40 })
              .chain((d) =>
                fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
              ),
          ),
        (rows) => {
          const n = rows.length;
          const d = (rows[0] as number[]).length;
          const D = pairwiseSquaredDistances(rows);
          const ref = direct(rows);
          const N = centredNorms(rows);
          for (let i = 0; i < n; i++) {
            expect(D[i * n + i]).toBe(0);
            for (let j = 0; j < n; j++) {
              const v = D[i * n + j] as number;
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBe(D[j * n + i]);
              // Rounding of ‖cᵢ‖² + ‖cⱼ‖² − 2cᵢ·cⱼ and of the centring: ≤ (4d + 16)·u·(‖cᵢ‖² + ‖cⱼ‖²)
              // (a standard γ_d bound with margin 2), plus the reference's own γ_d·Dᵢⱼ.
              const tol = (8 * d + 32) * U * ((N[i] as number) + (N[j] as number)) + 2 * d * U * (ref[i * n + j] as number) + 1e-300;
              expect(Math.abs(v - (ref[i * n + j] as number))).toBeLessThanOrEqual(tol);
            }
          }
        },
      ),
      { seed: 1301, numRuns: 150 },
    );
  });

  it('goes through the Gram matrix when d ≫ n (odd d across several panels) and agrees with the direct loop', () => {
    const rnd = lcg(7);
    for (const d of [255, 256, 257, 1001]) {
      const rows = Array.from({ length: 6 }, () => Array.from({ length: d }, () => rnd()));
      const D = pairwiseSquaredDistances(rows);
      const ref = direct(rows);
      for (let i = 0; i < 36; i++) expect(Math.abs((D[i] as number) - (ref[i] as number))).toBeLessThanOrEqual(1e-13 * d);
    }
  });

  it('gives the same distances for points shifted by 1e6 in every coordinate (relative 1e-9 of the spread)', () => {
    // Forming xᵢₘ + 1e6 rounds each coordinate to ulp(1e6)/2 ≈ 5.8e-11, so a distance of points of
    // unit spread moves by up to ~2·|xᵢ − xⱼ|·√d·5.8e-11 ≈ 1e-9·spread for d = 50: that is the
    // information left in the shifted input. Without centring the rounding of ‖x‖² ≈ d·1e12 would be
    // ~d·1e12·1e-16 = 5e-3, six orders above this tolerance (checked below, so the test can fail).
    const rnd = lcg(11);
    const d = 50;
    const n = 40;
    const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => rnd()));
    const shifted = rows.map((r) => r.map((v) => v + 1e6));
    const D0 = pairwiseSquaredDistances(rows);
    const D1 = pairwiseSquaredDistances(shifted);
    const spread = Math.max(...D0);
    let worst = 0;
    for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs((D1[i] as number) - (D0[i] as number)));
    expect(worst).toBeLessThanOrEqual(1e-9 * spread);
    // the uncentred formula on the shifted points misses by far more than the tolerance
    let naiveWorst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = shifted[i] as number[];
        const b = shifted[j] as number[];
        let ni = 0;
        let nj = 0;
        let g = 0;
        for (let m = 0; m < d; m++) {
          ni += (a[m] as number) ** 2;
          nj += (b[m] as number) ** 2;
          g += (a[m] as number) * (b[m] as number);
        }
        naiveWorst = Math.max(naiveWorst, Math.abs(ni + nj - 2 * g - (D0[i * n + j] as number)));
      }
    }
    expect(naiveWorst).toBeGreaterThan(1e3 * 1e-9 * spread);
  });

  it('accepts a Trajectory-style ndarray, writes into options.out, and handles n = 1 and equal points', () => {
    const p = ndarray(new Float64Array([0, 0, 3, 4, 0, 1]), [3, 2]);
    const out = new Float64Array(9);
    expect(pairwiseSquaredDistances(p, { out })).toBe(out);
    expect(Array.from(out)).toEqual([0, 25, 1, 25, 0, 18, 1, 18, 0]);
    expect(Array.from(pairwiseSquaredDistances([[5, 5]]))).toEqual([0]);
    expect(
      Array.from(
        pairwiseSquaredDistances([
          [1e6, -3],
          [1e6, -3],
          [1e6, -3],
        ]),
      ),
    ).toEqual(new Array(9).fill(0));
  });

  it('refuses bad input with errors naming the argument', () => {
    expect(() => pairwiseSquaredDistances([[1], [NaN]])).toThrow('points: expected finite coordinates, received NaN at row 1, column 0');
    expect(() => pairwiseSquaredDistances([])).toThrow(DimensionError);
    expect(() => pairwiseSquaredDistances([[1, 2]], { out: new Float64Array(2) })).toThrow('options.out: expected length 1, received length 2');
    expect(() => pairwiseSquaredDistances([[1, 2]], { out: [0] as unknown as Float64Array })).toThrow(/^options\.out: expected a Float64Array/);
    expect(() => pairwiseSquaredDistances([[1, 2]], { ot: new Float64Array(1) } as never)).toThrow('options.ot: unknown option; did you mean out?');
    expect(() => pairwiseSquaredDistances([[1]], 3 as never)).toThrow(/^options: expected an options object/);
    const many = Array.from({ length: 11586 }, () => [0]);
    expect(() => pairwiseSquaredDistances(many)).toThrow(/^points: expected at most 11585 points/);
  });
});

describe('Gram kernels (distance-kernels.ts)', () => {
  it('SIMD and JavaScript paths give the same bits, and both equal centredDot entry by entry', () => {
    const rnd = lcg(17);
    for (const [n, d] of [
      [1, 3],
      [4, 1],
      [5, 2],
      [7, 127],
      [9, 128],
      [13, 129],
      [6, 300],
      [11, 513],
    ] as const) {
      const x = Float64Array.from({ length: n * d }, () => 1e3 * rnd());
      const mean = Float64Array.from({ length: d }, () => 1e3 * rnd());
      for (const m of [mean, null]) {
        const simd = new Float64Array(n * n);
        gramMatrix(x, m, n, d, simd);
        const was = setSimdEnabled(false);
        const js = new Float64Array(n * n);
        try {
          gramMatrix(x, m, n, d, js);
        } finally {
          setSimdEnabled(was);
        }
        expect(new BigUint64Array(simd.buffer)).toEqual(new BigUint64Array(js.buffer));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Object.is(simd[i * n + j], centredDot(x, m, i, j, d))).toBe(true);
        // a block of rows against all points (the brute-force neighbour search's access), i0 even
        if (n >= 6) {
          const block = new Float64Array(3 * n);
          gramBlock(x, m, n, d, 2, 5, false, block, n);
          for (let i = 2; i < 5; i++) for (let j = 0; j < n; j++) expect(Object.is(block[(i - 2) * n + j], simd[i * n + j])).toBe(true);
        }
      }
    }
  });

  it('gives the same bits when B is swept in column blocks of 256 rows (n > 256: blocks that start inside and cross them)', () => {
    const rnd = lcg(23);
    const n = 531;
    const d = 131;
    const x = Float64Array.from({ length: n * d }, () => 1e3 * rnd());
    const mean = Float64Array.from({ length: d }, () => 1e3 * rnd());
    const simd = new Float64Array(n * n);
    gramMatrix(x, mean, n, d, simd);
    const was = setSimdEnabled(false);
    const js = new Float64Array(n * n);
    try {
      gramMatrix(x, mean, n, d, js);
    } finally {
      setSimdEnabled(was);
    }
    expect(new BigUint64Array(simd.buffer)).toEqual(new BigUint64Array(js.buffer));
    for (const [i0, i1, sym] of [
      [250, 300, false],
      [254, 520, true],
      [0, 531, true],
      [510, 531, false],
    ] as const) {
      const block = new Float64Array((i1 - i0) * n);
      gramBlock(x, mean, n, d, i0, i1, sym, block, n);
      for (let i = i0; i < i1; i++) for (let j = sym ? i : 0; j < n; j++) expect(Object.is(block[(i - i0) * n + j], simd[i * n + j])).toBe(true);
    }
  });
});
