import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../src/random/rng';
import { permutation, sampleWithReplacement, sampleWithoutReplacement, shuffle } from '../../src/random/batch';

describe('sampleWithoutReplacement', () => {
  it('never repeats an index and stays in [0, n), with and without scratch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1e9 }), fc.boolean(), (n, seed, useScratch) => {
        const rng = createRng(seed);
        const b = 1 + rng.integer(n);
        const scratch = useScratch ? permutation(rng, n) : undefined;
        for (let rep = 0; rep < 3; rep++) {
          const batch = sampleWithoutReplacement(rng, n, b, undefined, scratch);
          expect(batch.length).toBe(b);
          expect(new Set(batch).size).toBe(b);
          for (const i of batch) expect(i < n).toBe(true);
          if (scratch) expect(Array.from(scratch).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        }
      }),
      { seed: 21, numRuns: 60 },
    );
  });

  it('draws every subset with equal probability (chi-square over the 10 subsets of size 2 of 5)', () => {
    for (const scratch of [undefined, new Uint32Array([0, 1, 2, 3, 4])]) {
      const rng = createRng('subsets');
      const counts = new Map<string, number>();
      const draws = 50_000;
      const out = new Uint32Array(2);
      for (let i = 0; i < draws; i++) {
        const s = Array.from(sampleWithoutReplacement(rng, 5, 2, out, scratch))
          .sort()
          .join(',');
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      expect(counts.size).toBe(10);
      const e = draws / 10;
      let chi2 = 0;
      for (const c of counts.values()) chi2 += (c - e) ** 2 / e;
      // χ² with 9 degrees of freedom: P(χ² > 27.88) = 0.001.
      expect(chi2).toBeLessThan(27.88);
    }
  });

  it('puts each index first with probability 1/n (the order is random too)', () => {
    const rng = createRng('order');
    const n = 4;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < 40_000; i++) counts[sampleWithoutReplacement(rng, n, n)[0] as number]! += 1;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    // χ² with 3 degrees of freedom: P(χ² > 16.27) = 0.001.
    expect(chi2).toBeLessThan(16.27);
  });
});

describe('sampleWithReplacement', () => {
  it('draws indices uniformly and independently', () => {
    const rng = createRng('with');
    const n = 6;
    const counts = new Array<number>(n).fill(0);
    let pairsEqual = 0;
    const draws = 10_000;
    const out = new Uint32Array(6);
    for (let i = 0; i < draws; i++) {
      const b = sampleWithReplacement(rng, n, 6, out);
      for (const v of b) counts[v]! += 1;
      if (b[0] === b[1]) pairsEqual++;
    }
    const e = (draws * 6) / n;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(20.52); // χ²₅, p = 0.001
    // Repeats occur (P(b0 = b1) = 1/6): binomial sd √(n p (1−p)); 5 sd bound.
    expect(Math.abs(pairsEqual - draws / 6)).toBeLessThan(5 * Math.sqrt((draws * 5) / 36));
  });
});

describe('shuffle and permutation', () => {
  it('permutation returns each of 0..n−1 once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (n, seed) => {
        const p = permutation(createRng(seed), n);
        expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { seed: 22, numRuns: 50 },
    );
  });
  it('shuffle gives all 6 orders of 3 elements equally often', () => {
    const rng = createRng('shuffle');
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const k = shuffle(rng, [0, 1, 2]).join('');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - 5000) ** 2 / 5000;
    expect(chi2).toBeLessThan(20.52); // χ²₅, p = 0.001
  });
});

describe('argument checks', () => {
  const rng = createRng(0);
  it('rejects a batch larger than the population without replacement', () => {
    expect(() => sampleWithoutReplacement(rng, 3, 4)).toThrow(/batchSize: expected an integer in \[1, 3\], received 4/);
  });
  it('rejects n < 1 and batchSize < 1', () => {
    expect(() => sampleWithReplacement(rng, 0, 1)).toThrow(/n: expected an integer in \[1, 4294967296\], received 0/);
    expect(() => sampleWithReplacement(rng, 5, 0)).toThrow(/batchSize: expected an integer ≥ 1, received 0/);
  });
  it('rejects an out array of the wrong type or length, and a scratch of the wrong length', () => {
    expect(() => sampleWithReplacement(rng, 5, 2, new Uint32Array(3))).toThrow(/out: expected length 2, received length 3/);
    expect(() => sampleWithReplacement(rng, 5, 2, new Float64Array(2) as never)).toThrow(/out: expected a Uint32Array, received Float64Array\(2\)/);
    expect(() => sampleWithoutReplacement(rng, 5, 2, undefined, new Uint32Array(4))).toThrow(/scratch: expected length 5, received length 4/);
  });
});
