import { describe, expect, it } from 'vitest';
import { blockRngFromState, blockStream } from '../../src/random/index';

describe('blockStream (xoshiro128** with an inline ziggurat)', () => {
  it('reproduces the reference xoshiro128** words from state (1, 2, 3, 4)', () => {
    // From Blackman & Vigna's C reference (xoshiro128starstar.c), compiled and run here.
    const rng = blockRngFromState({ algorithm: 'xoshiro128**', version: 1, s: [1, 2, 3, 4] });
    const words = Array.from({ length: 10 }, () => rng.uint32());
    expect(words).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('normals: mean, variance, kurtosis and tail mass within 5 standard errors; fill in pieces = fill at once', () => {
    // n = 400 000: SE(mean) = 1/√n, SE(var) = √(2/n), SE(4th moment) = √(96/n); the tail
    // P(|z| > R = 3.654) = 2.58e−4 (the ziggurat's tail branch), binomial SE.
    const n = 400_000;
    const z = blockStream(7, 3).fillNormal(new Float64Array(n));
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    let tail = 0;
    for (const v of z) {
      m1 += v;
      m2 += v * v;
      m4 += v ** 4;
      if (Math.abs(v) > 3.6541528853610088) tail++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    const p = 2.5822e-4;
    expect(Math.abs(tail / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    const again = blockStream(7, 3);
    const parts = new Float64Array(n);
    for (let i = 0; i < n; i += 1000) again.fillNormal(parts.subarray(i, i + 1000));
    expect(parts).toEqual(z);
  });

  it('streams differ by seed and index, string and number seeds agree, and the state round-trips through JSON', () => {
    const a = blockStream(1, 0).uint32();
    expect(blockStream('1', 0).uint32()).toBe(a);
    expect(blockStream(1, 1).uint32()).not.toBe(a);
    expect(blockStream(2, 0).uint32()).not.toBe(a);
    expect(blockStream(1, 2 ** 40).uint32()).not.toBe(blockStream(1, 0).uint32());
    const r = blockStream('x', 5);
    r.fillNormal(new Float64Array(17));
    const copy = blockRngFromState(JSON.parse(JSON.stringify(r.state())) as ReturnType<typeof r.state>);
    expect(copy.fillNormal(new Float64Array(50))).toEqual(r.fillNormal(new Float64Array(50)));
    // Uniforms in [0, 1) and unbiased integers.
    const counts = new Array(3).fill(0);
    for (let i = 0; i < 30_000; i++) counts[r.integerBelow(3)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(30_000 * (1 / 3) * (2 / 3)));
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect(() => blockStream(1, -1)).toThrow(/index/);
    expect(() => blockRngFromState({ algorithm: 'xoshiro128**', version: 1, s: [0, 0, 0, 0] })).toThrow(/state\.s: expected words not all zero/);
  });
});
