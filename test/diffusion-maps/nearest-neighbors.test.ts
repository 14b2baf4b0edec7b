import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { nearestNeighbors, type NeighborExclusion } from '../../src/diffusion-maps/nearest-neighbors';

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
});
