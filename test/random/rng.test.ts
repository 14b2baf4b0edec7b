import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { createRng, rngFromState, streamRng } from '../../src/random/rng';
import type { RngState } from '../../src/core/types';
import { kolmogorovPValue, ksLambda, normalCdf } from '../helpers/statistics';

describe('createRng', () => {
  it("is seedrandom's Alea to the bit: uint32 equals alea.int32 and uniform equals alea.double", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const ours = createRng(seed);
        const ref = seedrandom.alea(seed);
        for (let i = 0; i < 50; i++) expect(ours.uint32()).toBe(ref.int32() >>> 0);
        for (let i = 0; i < 50; i++) expect(ours.uniform()).toBe(ref.double());
      }),
      { seed: 10, numRuns: 30 },
    );
  });

  it('is reproducible: the same seed gives the same numbers bit for bit', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        const xa = a.fillNormal(new Float64Array(64));
        const xb = b.fillNormal(new Float64Array(64));
        expect(Array.from(xb)).toEqual(Array.from(xa));
        expect(a.uniform()).toBe(b.uniform());
        expect(a.integer(1000)).toBe(b.integer(1000));
      }),
      { seed: 11, numRuns: 50 },
    );
  });

  it('gives different sequences for different seeds', () => {
    const a = createRng(1).fillUniform(new Float64Array(8));
    const b = createRng(2).fillUniform(new Float64Array(8));
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('reads a number seed as its decimal string', () => {
    expect(createRng(42).uniform()).toBe(createRng('42').uniform());
  });

  it('restores a state saved mid-run and continues the identical sequence', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 300 }), (seed, burn) => {
        const rng = createRng(seed);
        for (let i = 0; i < burn; i++) rng.normal();
        const saved = JSON.parse(JSON.stringify(rng.state())) as RngState;
        const expected = [rng.normal(), rng.uniform(), rng.integer(7), rng.uint32(), rng.normal()];
        const restored = rngFromState(saved);
        const got = [restored.normal(), restored.uniform(), restored.integer(7), restored.uint32(), restored.normal()];
        expect(got).toEqual(expected);
      }),
      { seed: 12, numRuns: 40 },
    );
  });

  it('uniform() lies in [0, 1) and passes a Kolmogorov–Smirnov test', () => {
    const n = 200_000;
    const rng = createRng('ks-uniform');
    const x = rng.fillUniform(new Float64Array(n));
    expect(x.filter((v) => !(v >= 0 && v < 1)).length).toBe(0);
    x.sort();
    // With a fixed seed the statistic is deterministic; p < 0.001 would flag a real defect.
    expect(kolmogorovPValue(ksLambda(x, (u) => u))).toBeGreaterThan(0.001);
  });

  it('normal() has mean 0, variance 1, skewness 0 and kurtosis 3 within 5 standard errors over 10^6 draws', () => {
    const n = 1_000_000;
    const z = createRng('moments').fillNormal(new Float64Array(n));
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const v of z) {
      const v2 = v * v;
      m1 += v;
      m2 += v2;
      m3 += v2 * v;
      m4 += v2 * v2;
    }
    m1 /= n;
    m2 /= n;
    m3 /= n;
    m4 /= n;
    // Standard errors of the raw moments of N(0,1): sd(Zᵖ)/√n with Var(Z)=1, Var(Z²)=2,
    // Var(Z³)=E Z⁶=15, Var(Z⁴)=E Z⁸ − 9 = 105 − 9 = 96.
    expect(Math.abs(m1)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m3)).toBeLessThan(5 * Math.sqrt(15 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('normal() passes a Kolmogorov–Smirnov test against Φ, tails included', () => {
    const n = 200_000;
    const z = createRng('ks-normal').fillNormal(new Float64Array(n));
    z.sort();
    expect(kolmogorovPValue(ksLambda(z, normalCdf))).toBeGreaterThan(0.001);
    // The tail beyond R = 3.654 (the ziggurat's base layer) has mass 2·(1 − Φ(3.654)) ≈ 2.58e-4:
    // expect n·p ≈ 51.6 draws there, Poisson sd ≈ 7.2; 5 sd is ±36.
    let tail = 0;
    for (const v of z) if (Math.abs(v) > 3.6541528853610088) tail++;
    const p = 2 * (1 - normalCdf(3.6541528853610088));
    expect(Math.abs(tail - n * p)).toBeLessThan(5 * Math.sqrt(n * p));
  });

  it('fillNormal(out, mean, sd) scales and shifts', () => {
    const a = createRng(3).fillNormal(new Float64Array(10));
    const b = createRng(3).fillNormal(new Float64Array(10), 2, 0.5);
    for (let i = 0; i < 10; i++) expect(b[i]).toBeCloseTo(2 + 0.5 * (a[i] as number), 14);
  });

  it('integer(n) is unbiased for n not a power of two (chi-square)', () => {
    // n = 3·2^30: plain u % n would give residues below 2^32 − n twice the weight of the rest
    // (bias 1/3 between halves). Bucket the residues into thirds; each third has probability 1/3.
    const n = 3 * 2 ** 30;
    const draws = 90_000;
    const rng = createRng('integer');
    const counts = [0, 0, 0];
    for (let i = 0; i < draws; i++) {
      const v = rng.integer(n);
      if (!(Number.isInteger(v) && v >= 0 && v < n)) throw new Error(`integer(n) returned ${v}`);
      counts[Math.floor(v / 2 ** 30)]! += 1;
    }
    const e = draws / 3;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    // χ² with 2 degrees of freedom: P(χ² > 13.8) = 0.001.
    expect(chi2).toBeLessThan(13.8);
    // Small n: every value of [0, 7) equally likely.
    const small = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) small[rng.integer(7)]! += 1;
    const chi2s = small.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    // χ² with 6 degrees of freedom: P(χ² > 22.46) = 0.001.
    expect(chi2s).toBeLessThan(22.46);
  });

  it('integer(n) covers n above 2^32', () => {
    const rng = createRng(5);
    const n = 2 ** 40 + 7;
    let max = 0;
    for (let i = 0; i < 1000; i++) {
      const v = rng.integer(n);
      expect(Number.isInteger(v) && v >= 0 && v < n).toBe(true);
      max = Math.max(max, v);
    }
    // The max of 1000 uniforms on [0, n) is below n/2 with probability 2^-1000.
    expect(max).toBeGreaterThan(n / 2);
  });

  it('fillRademacher gives ±1 with probability ½, independent of position', () => {
    const out = createRng(9).fillRademacher(new Float64Array(100_003));
    let sum = 0;
    let lagged = 0;
    for (let i = 0; i < out.length; i++) {
      const v = out[i] as number;
      if (v !== 1 && v !== -1) throw new Error(`out[${i}] = ${v} is not ±1`);
      sum += v;
      if (i > 0) lagged += v * (out[i - 1] as number);
    }
    // Each mean has sd 1/√n; 5 sd bound.
    expect(Math.abs(sum / out.length)).toBeLessThan(5 / Math.sqrt(out.length));
    expect(Math.abs(lagged / (out.length - 1))).toBeLessThan(5 / Math.sqrt(out.length - 1));
  });
});

describe('streamRng', () => {
  it('is reproducible and differs from the parent stream and from other indices', () => {
    const a = streamRng(7, 3).fillUniform(new Float64Array(4));
    const b = streamRng(7, 3).fillUniform(new Float64Array(4));
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(streamRng(7, 4).fillUniform(new Float64Array(4)))).not.toEqual(Array.from(a));
    expect(Array.from(createRng(7).fillUniform(new Float64Array(4)))).not.toEqual(Array.from(a));
  });

  it('streams i and j are uncorrelated (within 5 standard errors)', () => {
    // Correlation of n paired normals from two independent streams has sd 1/√n.
    const n = 100_000;
    for (const [i, j] of [
      [0, 1],
      [1, 2],
      [5, 1000],
    ] as const) {
      const x = streamRng('s', i).fillNormal(new Float64Array(n));
      const y = streamRng('s', j).fillNormal(new Float64Array(n));
      let c = 0;
      for (let t = 0; t < n; t++) c += (x[t] as number) * (y[t] as number);
      expect(Math.abs(c / n)).toBeLessThan(5 / Math.sqrt(n));
    }
  });

  it('the first draws of 10^4 streams are uniform (KS) and distinct', () => {
    const m = 10_000;
    const first = new Float64Array(m);
    for (let i = 0; i < m; i++) first[i] = streamRng(123, i).uniform();
    expect(new Set(first).size).toBe(m);
    first.sort();
    expect(kolmogorovPValue(ksLambda(first, (u) => u))).toBeGreaterThan(0.001);
  });
});

describe('argument checks', () => {
  it('createRng rejects seeds that are not finite numbers or strings', () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed: expected a finite number or a string, received NaN/);
    expect(() => createRng({} as unknown as number)).toThrow(TypeError);
    expect(() => createRng({} as unknown as number)).toThrow(/seed: expected a finite number or a string, received an object/);
  });
  it('streamRng rejects a negative or fractional index', () => {
    expect(() => streamRng(1, -1)).toThrow(/index: expected an integer ≥ 0, received -1/);
    expect(() => streamRng(1, 1.5)).toThrow(/index: expected an integer, received 1.5/);
  });
  it('integer rejects n < 1, fractional n and n > 2^53', () => {
    const rng = createRng(0);
    expect(() => rng.integer(0)).toThrow(/n: expected an integer in \[1, 9007199254740992\], received 0/);
    expect(() => rng.integer(2.5)).toThrow(/n: expected an integer, received 2.5/);
    expect(() => rng.integer(2 ** 60)).toThrow(/n: expected an integer/);
  });
  it('rngFromState rejects foreign or corrupted states', () => {
    const good = createRng(0).state();
    expect(() => rngFromState({ ...good, algorithm: 'arc4' } as never)).toThrow(/state: expected an RngState .* received algorithm "arc4"/);
    expect(() => rngFromState({ ...good, s1: 2 })).toThrow(/state.s1: expected a number in \[0, 1\), received 2/);
    expect(() => rngFromState({ ...good, c: -1 })).toThrow(/state.c: expected a non-negative integer, received -1/);
    expect(() => rngFromState(null as never)).toThrow(/state: expected an options object, received null/);
  });
});
