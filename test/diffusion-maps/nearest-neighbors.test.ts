import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { nearestNeighbors, nearestNeighborsOfMatrix, type NeighborExclusion } from '../../src/diffusion-maps/nearest-neighbors';
import { type BruteForceTuning, type ExclusionRule, bruteForceNeighbors } from '../../src/diffusion-maps/neighbor-kernels';
import { float32Scale, gramBlockF32, gramMatrix, gramRows } from '../../src/diffusion-maps/distance-kernels';
import { pointMean, toPointMatrix } from '../../src/diffusion-maps/point-input';
import { setSimdEnabled } from '../../src/core/simd-heap';

/** The reference: every allowed j sorted by (direct squared distance in coordinate order, index). */
function reference(rows: readonly (readonly number[])[], k: number, exclude?: NeighborExclusion): { indices: number[]; distances: number[] } {
  const n = rows.length;
  const indices: number[] = [];
  const distances: number[] = [];
  for (let i = 0; i < n; i++) {
    const cand: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (exclude !== undefined) {
        const g = exclude.group;
        const same = g === undefined || g[i] === g[j];
        if (same && Math.abs((exclude.order[i] as number) - (exclude.order[j] as number)) <= exclude.window) continue;
      }
      const a = rows[i] as readonly number[];
      const b = rows[j] as readonly number[];
      let s = 0;
      for (let m = 0; m < a.length; m++) {
        const t = (a[m] as number) - (b[m] as number);
        s += t * t;
      }
      cand.push([s, j]);
    }
    cand.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (let r = 0; r < k; r++) {
      indices.push((cand[r] as [number, number])[1]);
      distances.push((cand[r] as [number, number])[0]);
    }
  }
  return { indices, distances };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function expectSame(rows: number[][], k: number, exclude?: NeighborExclusion): void {
  const ref = reference(rows, k, exclude);
  for (const method of ['brute', 'tree'] as const) {
    const r = nearestNeighbors(rows, { k, method, exclude });
    expect(r.method).toBe(method);
    expect([r.n, r.k]).toEqual([rows.length, k]);
    expect(Array.from(r.indices), method).toEqual(ref.indices);
    expect(Array.from(r.distances), method).toEqual(ref.distances);
  }
}

describe('nearestNeighbors', () => {
  it('equals a sorting brute force bit for bit, brute and tree alike, on random inputs with duplicates and ties', () => {
    // Coordinates drawn from a few integers (many exact ties and duplicates) or from doubles.
    const coordinate = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.double({ min: -10, max: 10, noNaN: true }));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 50 })
          .chain((n) =>
            fc
              .integer({ min: 1, max: 16 })
              .chain((d) =>
                fc.tuple(fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: n - 1 })),
              ),
          ),
        ([rows, k]) => expectSame(rows, k),
      ),
      { seed: 1302, numRuns: 200 },
    );
  });

  it('is exact for clustered points far from the origin, where ‖x‖² + ‖y‖² − 2x·y alone would reorder them', () => {
    // Tight clusters at 1e6 + {0, 10, 20} with spreads 1e-6: distances 1e-12 inside a cluster,
    // far below the rounding of the uncentred Gram entries (~1e12·1e-16); the centring plus the
    // direct re-check must still return the exact order.
    const rnd = lcg(3);
    const rows = Array.from({ length: 150 }, (_, i) => Array.from({ length: 5 }, () => 1e6 + 10 * (i % 3) + 1e-6 * rnd()));
    expectSame(rows, 7);
  });

  it('handles degenerate inputs: all points equal, d = 1, k = n − 1', () => {
    const equal = Array.from({ length: 30 }, () => [4, 4, 4]);
    expectSame(equal, 29);
    const r = nearestNeighbors(equal, { k: 3 });
    expect(Array.from(r.indices.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(r.indices.subarray(3, 6))).toEqual([0, 2, 3]);
    const rnd = lcg(5);
    const line = Array.from({ length: 300 }, () => [Math.floor(20 * rnd())]);
    expectSame(line, 5);
    expectSame([[0], [1]], 1);
  });

  it('gives identical results by tree and brute force on larger sets (n = 3000 in d = 3, with duplicates) and in high dimension', () => {
    const rnd = lcg(9);
    const base = Array.from({ length: 2500 }, () => [rnd(), rnd(), rnd()]);
    const rows = [...base, ...base.slice(0, 500)];
    const brute = nearestNeighbors(rows, { k: 10, method: 'brute' });
    const tree = nearestNeighbors(rows, { k: 10, method: 'tree' });
    expect(nearestNeighbors(rows, { k: 10 }).method).toBe('tree');
    expect(tree.indices).toEqual(brute.indices);
    expect(tree.distances).toEqual(brute.distances);
    for (let i = 0; i < 500; i++) {
      expect(tree.indices[i * 10]).toBe(i + 2500); // its duplicate, at distance 0
      expect(tree.distances[i * 10]).toBe(0);
    }
    const high = Array.from({ length: 60 }, () => Array.from({ length: 301 }, () => rnd()));
    expect(nearestNeighbors(high, { k: 4 }).method).toBe('brute');
    expectSame(high, 4);
  });

  it('accepts an ndarray [n, d] (a Trajectory’s points)', () => {
    const r = nearestNeighbors(ndarray(new Float64Array([0, 1, 3, 7]), [4, 1]), { k: 2 });
    expect(Array.from(r.indices)).toEqual([1, 2, 0, 2, 1, 0, 2, 1]);
    expect(Array.from(r.distances)).toEqual([1, 9, 1, 4, 4, 9, 16, 36]);
  });

  it('excludes neighbours near in time on the same run', () => {
    const rnd = lcg(13);
    const n = 120;
    const rows = Array.from({ length: n }, (_, i) => [Math.sin(i / 10) + 0.01 * rnd(), Math.cos(i / 10)]);
    const group = Array.from({ length: n }, (_, i) => (i < 60 ? 0 : 1));
    const order = Array.from({ length: n }, (_, i) => i % 60);
    expectSame(rows, 5, { group, order, window: 3 });
    expectSame(rows, 5, { order: Float64Array.from(order), window: 0.5 });
    expectSame(rows, 5, { group: Int32Array.from(group), order, window: 10 });
    const r = nearestNeighbors(rows, { k: 5, exclude: { group, order, window: 3 } });
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < 5; q++) {
        const j = r.indices[i * 5 + q] as number;
        expect(group[i] !== group[j] || Math.abs((order[i] as number) - (order[j] as number)) > 3).toBe(true);
      }
    }
    // one run of 10 points, window 4: the first point keeps 5 neighbours, the middle ones 1
    const ten = Array.from({ length: 10 }, (_, i) => [i]);
    const o10 = ten.map((_, i) => i);
    expect(() => nearestNeighbors(ten, { k: 2, exclude: { order: o10, window: 4 } })).toThrow(
      'options.k: expected an integer in [1, 1] (the neighbours point 4 has after options.exclude), received 2',
    );
    expectSame(ten, 1, { order: o10, window: 4 });
  });

  it('refuses bad input with errors naming the argument', () => {
    const rows = [[0], [1], [2]];
    expect(() => nearestNeighbors(rows, { k: 3 })).toThrow('options.k: expected an integer in [1, 2] (the other points, n − 1), received 3');
    expect(() => nearestNeighbors([[1]], { k: 1 })).toThrow(/^options\.k: expected an integer in \[1, 0\]/);
    expect(() => nearestNeighbors(rows, { k: 0 })).toThrow(/^options\.k: expected an integer ≥ 1/);
    expect(() => nearestNeighbors(rows, { k: 1.5 })).toThrow(/^options\.k: expected an integer/);
    expect(() => nearestNeighbors(rows, {} as never)).toThrow('options.k: expected an integer, received undefined');
    expect(() => nearestNeighbors(rows, undefined as never)).toThrow('options.k: expected an integer, received undefined');
    expect(() => nearestNeighbors(rows, { k: 1, method: 'kd' as never })).toThrow("options.method: expected one of 'auto', 'brute', 'tree', received \"kd\"");
    expect(() => nearestNeighbors(rows, { k: 1, kk: 2 } as never)).toThrow(/^options\.kk: unknown option/);
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1], window: 1 } })).toThrow(/^options\.exclude\.order: expected length 3/);
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1, NaN], window: 1 } })).toThrow(/^options\.exclude\.order: expected finite/);
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1, 2], window: -1 } })).toThrow(/^options\.exclude\.window: expected a non-negative/);
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1, 2] } as never })).toThrow(/^options\.exclude\.window: expected a finite number/);
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1, 2], window: 0, grop: [0, 0, 0] } as never })).toThrow(
      'options.exclude.grop: unknown option; did you mean group?',
    );
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1, 2], window: 0, group: [0, 0.5, 0] } })).toThrow(
      /^options\.exclude\.group\[1\]: expected an integer/,
    );
    expect(() => nearestNeighbors(rows, { k: 1, exclude: { order: [0, 1, 2], window: 0, group: [0, 0] } })).toThrow(
      /^options\.exclude\.group: expected length 3/,
    );
    expect(() => nearestNeighbors(rows, { k: 1, exclude: 'x' as never })).toThrow(/^options\.exclude: expected an options object/);
    expect(() => nearestNeighbors([[0], [Infinity]], { k: 1 })).toThrow('points: expected finite coordinates, received Infinity at row 1, column 0');
  });

  it('selects candidates through the float32 Gram in high dimension (d ≥ 256) and still equals the sorting brute force bit for bit', () => {
    // Random, clustered, shifted by 1e6, tied (small integers) and duplicated rows in d = 256…600:
    // the float32 bound (≈ 8·10⁻⁶·(‖cᵢ‖² + ‖cⱼ‖²)) is ~10⁵ times looser than the float64 one, so
    // near-ties at that scale all become candidates, and the direct re-check must sort them out.
    const kind = fc.constantFrom('random', 'clustered', 'shifted', 'tied', 'duplicates');
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 28 }), fc.integer({ min: 256, max: 600 }), kind, fc.integer({ min: 0, max: 2 ** 30 }), (n, d, what, seed) => {
        const rnd = lcg(seed);
        const rows = Array.from({ length: n }, (_, i) =>
          Array.from({ length: d }, (_, m) => {
            if (what === 'tied') return Math.floor(3 * rnd()) - 1;
            if (what === 'clustered') return 10 * (i % 3) + 1e-6 * rnd();
            if (what === 'shifted') return 1e6 + (m % 2 === 0 ? rnd() : 1e-3 * rnd());
            return rnd();
          }),
        );
        if (what === 'duplicates') for (let i = 1; i < n; i += 2) rows[i] = [...(rows[i - 1] as number[])];
        const k = 1 + (seed % (n - 1));
        const ref = reference(rows, k);
        const r = nearestNeighbors(rows, { k, method: 'brute' });
        expect(Array.from(r.indices)).toEqual(ref.indices);
        expect(Array.from(r.distances)).toEqual(ref.distances);
      }),
      { seed: 1313, numRuns: 40 },
    );
  });

  it('returns the same bits by the float32 selection, the float64 one, a float64 fallback for every row and without SIMD', () => {
    // A random walk (the shape of SGD snapshots: close together, far from the origin) in d = 700,
    // with a time exclusion: every route must give the same neighbours and distances.
    const n = 90;
    const d = 700;
    const rnd = lcg(21);
    const x = new Float64Array(n * d);
    for (let m = 0; m < d; m++) x[m] = 100 + rnd();
    for (let i = 1; i < n; i++) for (let m = 0; m < d; m++) x[i * d + m] = (x[(i - 1) * d + m] as number) + 0.01 * (rnd() - 0.5);
    const mean = pointMean({ data: x, n, d });
    const order = Float64Array.from({ length: n }, (_, i) => i);
    for (const rule of [null, { group: new Int32Array(n), order, window: 2 }] as (ExclusionRule | null)[]) {
      const k = 6;
      const run = (tuning: BruteForceTuning): [number[], number[]] => {
        const idx = new Int32Array(n * k);
        const dist = new Float64Array(n * k);
        bruteForceNeighbors(x, mean, n, d, k, rule, idx, dist, undefined, tuning);
        return [Array.from(idx), Array.from(dist)];
      };
      const f64 = run({ float32: false });
      expect(run({ float32: true })).toEqual(f64);
      expect(run({ float32: true, fallbackCandidates: 0 })).toEqual(f64); // every row selected again in float64
      const was = setSimdEnabled(false);
      try {
        expect(run({ float32: true })).toEqual(f64); // no SIMD: the float64 route in JavaScript
      } finally {
        setSimdEnabled(was);
      }
      const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
      // the float64 Gram rows of the fallback are the Gram matrix's rows, bit for bit (any rows, any order, with and without SIMD)
      const G = new Float64Array(n * n);
      gramMatrix(x, mean, n, d, G);
      const some = Int32Array.from([89, 0, 7, 7, 42]);
      for (const simd of [true, false]) {
        const was = setSimdEnabled(simd);
        const R = new Float64Array(some.length * n);
        try {
          gramRows(x, mean, n, d, some, R);
        } finally {
          setSimdEnabled(was);
        }
        some.forEach((i, r) => expect(Array.from(R.subarray(r * n, (r + 1) * n))).toEqual(Array.from(G.subarray(i * n, (i + 1) * n))));
      }
      const ref = rule === null ? reference(rows, k) : reference(rows, k, { group: Array.from(rule.group), order: Array.from(rule.order), window: 2 });
      expect(f64).toEqual([ref.indices, ref.distances]);
    }
  });

  it('blocks the float32 Gram for n² > 2²² and falls back to float64 for coordinates beyond its scale range, with the same results', () => {
    const rnd = lcg(33);
    const n = 2060;
    const d = 256;
    const x = new Float64Array(n * d);
    for (let t = 0; t < x.length; t++) x[t] = rnd() + (t % d === 0 ? Math.floor(t / d / 100) : 0);
    const mean = pointMean({ data: x, n, d });
    const k = 5;
    const out = (tuning: BruteForceTuning, data = x, mu = mean): [Int32Array, Float64Array] => {
      const idx = new Int32Array(n * k);
      const dist = new Float64Array(n * k);
      bruteForceNeighbors(data, mu, n, d, k, null, idx, dist, undefined, tuning);
      return [idx, dist];
    };
    const [i32, d32] = out({ float32: true });
    const [i64, d64] = out({ float32: false });
    expect(i32).toEqual(i64);
    expect(d32).toEqual(d64);
    // the whole upper triangle at once (n² ≤ 2²²) through column blocks of 256 rows: a random walk of 700 points
    const m = 700;
    const walk = new Float64Array(m * d);
    for (let t = 0; t < d; t++) walk[t] = 1 + rnd();
    for (let t = d; t < m * d; t++) walk[t] = (walk[t - d] as number) + 0.01 * (rnd() - 0.5);
    const wm = pointMean({ data: walk, n: m, d });
    const route = (float32: boolean): [Int32Array, Float64Array] => {
      const idx = new Int32Array(m * k);
      const dist = new Float64Array(m * k);
      bruteForceNeighbors(walk, wm, m, d, k, null, idx, dist, undefined, { float32 });
      return [idx, dist];
    };
    const viaSimd = route(true);
    const was = setSimdEnabled(false); // the float64 route in JavaScript: no kernel, no column blocks
    try {
      expect(viaSimd).toEqual(route(false));
    } finally {
      setSimdEnabled(was);
    }
    // scaled by 2^470: the float32 copies would need s = 2^-470·2^56 < 2^-400, so the float64 route runs
    expect(float32Scale(2 ** 470)).toBe(0);
    expect(float32Scale(2 ** 300)).toBe(2 ** -244);
    expect(float32Scale(0)).toBe(1);
    const big = x.slice(0, 64 * d).map((v) => v * 2 ** 470);
    const bigRows = Array.from({ length: 64 }, (_, i) => Array.from(big.subarray(i * d, (i + 1) * d)));
    const ref = reference(bigRows, k);
    const r = nearestNeighbors(bigRows, { k, method: 'brute' });
    expect(Array.from(r.indices)).toEqual(ref.indices);
    expect(Array.from(r.distances)).toEqual(ref.distances);
  });

  it('keeps the float32 Gram within its stated bound, also for coordinates of very different sizes (underflow in float32)', () => {
    // |ĝᵢⱼ − gᵢⱼ| ≤ γ·‖cᵢ‖‖cⱼ‖ + d·2⁻⁹¹/s² with γ = γ₆₈ + γ′_{P+2} (gramBlockF32), checked against
    // the float64 Gram (itself within (d + 2)·2⁻⁵³·‖cᵢ‖‖cⱼ‖). Rows mix magnitudes 2^-160 … 2^20, so
    // after scaling many float32 copies are subnormal or zero: the absolute term is what covers them.
    for (const seed of [1, 2, 3]) {
      const rnd = lcg(seed);
      const n = 24;
      const d = 517;
      const x = new Float64Array(n * d);
      for (let t = 0; t < x.length; t++) x[t] = (rnd() - 0.5) * 2 ** Math.floor(-160 + 180 * rnd() ** (seed === 1 ? 1 : 4));
      const mean = pointMean({ data: x, n, d });
      let bound = 0;
      for (let t = 0; t < x.length; t++) bound = Math.max(bound, Math.abs(x[t] as number));
      for (let m = 0; m < d; m++) bound = Math.max(bound, Math.abs(mean[m] as number));
      const s = float32Scale(2 * bound * (1 + 2 ** -50));
      const g32 = new Float64Array(n * n);
      const norms = new Float64Array(n);
      expect(gramBlockF32(x, mean, s, n, d, 0, n, false, g32, n, norms)).toBe(true);
      const g64 = new Float64Array(n * n);
      gramMatrix(x, mean, n, d, g64);
      const u = 2 ** -24;
      const P = Math.ceil(d / 256);
      const gamma = (68 * u) / (1 - 68 * u) + ((P + 2) * 2 ** -53) / (1 - (P + 2) * 2 ** -53);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        expect(Math.abs((norms[i] as number) - (g64[i * n + i] as number))).toBeLessThanOrEqual(2 * d * 2 ** -53 * (norms[i] as number));
        for (let j = 0; j < n; j++) {
          const cc = Math.sqrt((g64[i * n + i] as number) * (g64[j * n + j] as number));
          const allowed = gamma * cc + (d * 2 ** -91) / (s * s) + (d + 2) * 2 ** -53 * cc;
          const err = Math.abs((g32[i * n + j] as number) - (g64[i * n + j] as number));
          expect(err).toBeLessThanOrEqual(allowed);
          worst = Math.max(worst, err / allowed);
        }
      }
      expect(worst).toBeGreaterThan(0); // the float32 Gram is not the float64 one: the check compares something
    }
  });

  it('nearestNeighborsOfMatrix (a matrix already read) equals nearestNeighbors, with an exact, a loose or no maxAbs', () => {
    const rnd = lcg(41);
    const rows = Array.from({ length: 40 }, () => Array.from({ length: 300 }, () => 5 + rnd()));
    const want = nearestNeighbors(rows, { k: 3 });
    const P = toPointMatrix('points', rows);
    for (const maxAbs of [P.maxAbs, 1e3, Infinity, undefined]) {
      const got = nearestNeighborsOfMatrix({ data: P.data, n: P.n, d: P.d, ...(maxAbs === undefined ? {} : { maxAbs }) }, { k: 3 });
      expect(got).toEqual(want);
    }
    expect(() => nearestNeighborsOfMatrix(P, { k: 3, kk: 1 } as never)).toThrow(/^options\.kk: unknown option/);
  });
});
