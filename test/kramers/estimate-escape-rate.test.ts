/**
 * estimateEscapeRate: a hand-computed sample (reference interval ends from scipy.stats.chi2.ppf),
 * the Kaplan–Meier curve, the coverage of the 95% interval over 2000 seeded censored exponential
 * samples, the exponentiality test's size and power, a simulated escape on the double well against
 * the exact mean first-passage time, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { estimateEscapeRate } from '../../src/kramers/index';
import { meanFirstPassageTime1d } from '../../src/fokker-planck/index';
import { simulateEnsemble } from '../../src/langevin/index';
import { doubleWell } from '../../src/objectives/index';
import { rngFor } from '../../src/random/index';

describe('estimateEscapeRate: a sample by hand', () => {
  const times = [0.5, 2.1, 3, 3, 0.9];
  it('rate = escapes / total time at risk, the Garwood interval, the bounds', () => {
    const r = estimateEscapeRate(times, { censoredAt: 3 });
    expect(r.escaped).toBe(3);
    expect(r.censored).toBe(2);
    expect(r.total).toBe(5);
    expect(r.exposure).toBeCloseTo(9.5, 14);
    expect(r.rate).toBeCloseTo(3 / 9.5, 15);
    expect(r.meanTime).toBeCloseTo(9.5 / 3, 14);
    expect(r.standardError).toBeCloseTo(3 / 9.5 / Math.sqrt(3), 15);
    expect(r.logMeanTimeStandardError).toBeCloseTo(1 / Math.sqrt(3), 15);
    // scipy: chi2.ppf(0.025, 6)/19, chi2.ppf(0.975, 8)/19, chi2.ppf(0.95, 8)/19
    expect(r.ci95[0]).toBeCloseTo(0.06512338135743172, 12);
    expect(r.ci95[1]).toBeCloseTo(0.9228708494465604, 12);
    expect(r.rateUpperBound).toBeCloseTo(0.8161743713613395, 12);
    expect(r.meanTimeLowerBound).toBeCloseTo(1 / 0.8161743713613395, 11);
    expect(r.meanTimeCi95[0]).toBeCloseTo(1 / 0.9228708494465604, 11);
    expect(r.meanTimeCi95[1]).toBeCloseTo(1 / 0.06512338135743172, 9);
    // another level: scipy chi2.ppf(0.05, 6)/19 at 90%
    const r90 = estimateEscapeRate(times, { censoredAt: 3, level: 0.9 });
    expect(r90.ci[0]).toBeCloseTo(0.08607278391199509, 12);
    expect(r90.ci95).toEqual(r.ci95);
  });

  it('the bias it prevents: the mean of the escaped times alone is far below meanTime', () => {
    const r = estimateEscapeRate(times, { censoredAt: 3 });
    expect((0.5 + 2.1 + 0.9) / 3).toBeLessThan(0.4 * (r.meanTime as number));
  });

  it('flags, booleans and an ensemble result give the same estimate', () => {
    const a = estimateEscapeRate(times, { censoredAt: 3 });
    const b = estimateEscapeRate(Float64Array.from(times), { escaped: [1, 1, 0, 0, 1] });
    const c = estimateEscapeRate(times, { escaped: [true, true, false, false, true] });
    const d = estimateEscapeRate({ firstPassage: Float64Array.from(times), escaped: Uint8Array.of(1, 1, 0, 0, 1) });
    for (const x of [b, c, d]) {
      expect(x.rate).toBe(a.rate);
      expect(x.ci95).toEqual(a.ci95);
    }
  });

  it('Kaplan–Meier with Greenwood errors, ties (escapes before censorings), and a curve that reaches 0', () => {
    const km = estimateEscapeRate(times, { censoredAt: 3 }).kaplanMeier;
    expect(Array.from(km.times)).toEqual([0.5, 0.9, 2.1]);
    expect(Array.from(km.atRisk)).toEqual([5, 4, 3]);
    expect(km.survival[0]).toBeCloseTo(0.8, 15);
    expect(km.survival[1]).toBeCloseTo(0.6, 15);
    expect(km.survival[2]).toBeCloseTo(0.4, 15);
    expect(km.standardError[0]).toBeCloseTo(0.8 * Math.sqrt(1 / 20), 14);
    expect(km.standardError[2]).toBeCloseTo(0.4 * Math.sqrt(1 / 20 + 1 / 12 + 1 / 6), 14);
    // at t = 1 one escape and one censoring: the censored walker is at risk at 1
    const tie = estimateEscapeRate([1, 1, 2], { escaped: [0, 1, 1] }).kaplanMeier;
    expect(Array.from(tie.atRisk)).toEqual([3, 1]);
    expect(tie.survival[0]).toBeCloseTo(2 / 3, 15);
    expect(tie.survival[1]).toBe(0);
    expect(tie.standardError[1]).toBe(0);
  });

  it('nothing escaped: rate 0, meanTime null, the upper bound −ln 0.05/E ≈ 3/E', () => {
    const r = estimateEscapeRate([5, 5, 5, 5], { censoredAt: 5 });
    expect(r.rate).toBe(0);
    expect(r.meanTime).toBeNull();
    expect(r.standardError).toBeNull();
    expect(r.exponentiality).toBeNull();
    expect(r.ci95[0]).toBe(0);
    expect(r.ci95[1]).toBeCloseTo(3.6888794541139354 / 20, 12);
    expect(r.rateUpperBound).toBeCloseTo(-Math.log(0.05) / 20, 12);
    expect(r.meanTimeLowerBound).toBeCloseTo(20 / 2.9957322735539895, 11);
    expect(r.meanTimeCi95[1]).toBeNull();
    expect((JSON.parse(JSON.stringify(r)) as { meanTime: unknown }).meanTime).toBeNull();
  });

  it('censoredAt: Infinity — every walker escaped', () => {
    const r = estimateEscapeRate([1, 2, 3], { censoredAt: Infinity });
    expect(r.escaped).toBe(3);
    expect(r.meanTime).toBeCloseTo(2, 15);
  });
});

/** n exponential times of rate λ censored at c, from rngFor('kramers-test', seed, i). */
function censoredSample(n: number, lambda: number, c: number, seed: number, i: number): Float64Array {
  const rng = rngFor('kramers-test', seed, i);
  const t = new Float64Array(n);
  for (let j = 0; j < n; j++) t[j] = Math.min(c, -Math.log(1 - rng.uniform()) / lambda);
  return t;
}

describe('estimateEscapeRate: coverage and the exponentiality test', () => {
  it('the 95% interval covers the true rate 93–97% of the time over 2000 censored samples (several designs)', () => {
    // SE of a coverage estimate over 2000 samples at 0.95: √(0.95·0.05/2000) = 0.0049, so 93–97% is ±4 SE.
    for (const [n, c, seed] of [
      [40, 1.5, 1],
      [12, 0.7, 2],
      [200, 0.2, 3],
    ] as const) {
      let covered = 0;
      let coveredMean = 0;
      const lambda = 1.3;
      for (let i = 0; i < 2000; i++) {
        const r = estimateEscapeRate(censoredSample(n, lambda, c, seed, i), { censoredAt: c });
        if (r.ci95[0] <= lambda && lambda <= r.ci95[1]) covered++;
        const [lo, hi] = r.meanTimeCi95;
        if (lo <= 1 / lambda && (hi === null || 1 / lambda <= hi)) coveredMean++;
      }
      expect(covered / 2000).toBeGreaterThanOrEqual(0.93);
      expect(covered / 2000).toBeLessThanOrEqual(0.97);
      expect(coveredMean).toBe(covered); // the same event
    }
  });

  it('exponentiality: a test of size ≈ 5% on exponential data, that rejects a Weibull (k = 2) sample', () => {
    // size: over 600 censored exponential samples of 100, the rate of p < 0.05 is 5% ± 0.9% (1 SE): accept 2–9%
    let rejected = 0;
    for (let i = 0; i < 600; i++) {
      const r = estimateEscapeRate(censoredSample(100, 1, 2, 7, i), { censoredAt: 2 });
      if ((r.exponentiality?.pValue ?? 1) < 0.05) rejected++;
    }
    expect(rejected / 600).toBeGreaterThan(0.02);
    expect(rejected / 600).toBeLessThan(0.09);
    // power: Weibull shape 2 (increasing hazard), 200 times censored at 1.5
    const rng = rngFor('kramers-test-weibull', 1);
    const t = Float64Array.from({ length: 200 }, () => Math.min(1.5, Math.sqrt(-Math.log(1 - rng.uniform()))));
    const w = estimateEscapeRate(t, { censoredAt: 1.5 }).exponentiality;
    expect(w).not.toBeNull();
    expect(w?.pValue).toBeLessThan(1e-6);
    expect(w?.weibullShape).toBeGreaterThan(1.7);
    expect(w?.weibullShape).toBeLessThan(2.3);
  });
});

describe('estimateEscapeRate on simulated escapes', () => {
  it('overdamped Langevin on the double well agrees with meanFirstPassageTime1d within 4 standard errors', async () => {
    // L = θ⁴/4 − θ²/2 at D = 0.1 (ΔL/D = 2.5), from the minimum −1 to the top of the barrier (bridge-corrected stop),
    // 1000 walkers censored at 3T: the interval is about ±6.5%; Euler–Maruyama's weak error at dt = 0.005 is ≲ 1%.
    const D = 0.1;
    const T = meanFirstPassageTime1d({ potential: (x) => x ** 4 / 4 - x ** 2 / 2, diffusion: D, from: -1, to: 0 });
    const r = await simulateEnsemble({
      objective: doubleWell(),
      x0: [-1],
      dt: 0.005,
      temperature: D,
      tMax: 3 * T,
      walkers: 1000,
      seed: 5,
      stop: { coordinate: 0, atLeast: 0 },
    });
    const e = estimateEscapeRate(r);
    expect(e.censored).toBeGreaterThan(0);
    // tolerance: 4 standard errors of the rate plus the ~1% Euler–Maruyama bias (not the 95% interval, which another
    // seed would miss 5% of the time)
    expect(e.standardError).not.toBeNull();
    expect(Math.abs(e.rate - 1 / T)).toBeLessThan(4 * (e.standardError ?? 0) + 0.01 / T);
    // the naive mean of the escaped times is biased low by the censoring
    let s = 0;
    for (let i = 0; i < r.walkers; i++) if (r.escaped[i] === 1) s += r.firstPassage[i] as number;
    expect(s / e.escaped).toBeLessThan(e.meanTimeCi95[0]);
  }, 20000);
});

describe('estimateEscapeRate: bad input names the argument', () => {
  it('times', () => {
    expect(() => estimateEscapeRate([1, NaN, 2], { censoredAt: 3 })).toThrow(/times: expected finite times, received NaN at index 1/);
    expect(() => estimateEscapeRate([1, Infinity], { censoredAt: Infinity })).toThrow(/times: expected finite times/);
    expect(() => estimateEscapeRate([1, -1], { censoredAt: 3 })).toThrow(/times: expected non-negative times/);
    expect(() => estimateEscapeRate([], { censoredAt: 3 })).toThrow(/times: expected at least one time/);
    expect(() => estimateEscapeRate([1, 4], { censoredAt: 3 })).toThrow(/times: expected times ≤ options\.censoredAt/);
    expect(() => estimateEscapeRate([0, 0], { censoredAt: 3 })).toThrow(/times: expected a positive total time at risk/);
    expect(() => estimateEscapeRate('1,2' as never, { censoredAt: 3 })).toThrow(TypeError);
    expect(() => estimateEscapeRate({ firstPassage: [1, NaN], escaped: [1, 1] })).toThrow(/times\.firstPassage/);
  });
  it('censoring must be stated, once', () => {
    expect(() => estimateEscapeRate([1, 2])).toThrow(/options: expected exactly one of censoredAt and escaped.*received neither/);
    expect(() => estimateEscapeRate([1, 2], { censoredAt: 3, escaped: [1, 1] })).toThrow(/received both/);
    expect(() => estimateEscapeRate({ firstPassage: [1], escaped: [1] }, { censoredAt: 3 })).toThrow(/options: expected neither/);
    expect(() => estimateEscapeRate([1, 2], { escaped: [1] })).toThrow(/options\.escaped: expected length 2/);
    expect(() => estimateEscapeRate([1, 2], { escaped: [1, 2] })).toThrow(/options\.escaped: expected true\/false or 1\/0, received 2 at index 1/);
    expect(() => estimateEscapeRate([1, 2], { censoredAt: -1 })).toThrow(/options\.censoredAt/);
    expect(() => estimateEscapeRate([1, 2], { censoredAt: NaN })).toThrow(/options\.censoredAt/);
    expect(() => estimateEscapeRate([1, 2], { censoredAt: 3, level: 1 })).toThrow(/options\.level/);
    expect(() => estimateEscapeRate([1, 2], { censorAt: 3 } as never)).toThrow(/options\.censorAt: unknown option; did you mean censoredAt\?/);
  });
});

describe('review: estimateEscapeRate with a total time at risk that overflows', () => {
  // 1e308 + 1e308 = Infinity: k/E read as rate 0, ci95 [0, 0] and meanTime Infinity after 3 escapes.
  it('refuses it, naming times, instead of a rate of 0', () => {
    expect(() => estimateEscapeRate([1e308, 1e308, 5], { censoredAt: Infinity })).toThrow(RangeError);
    expect(() => estimateEscapeRate([1e308, 1e308, 5], { censoredAt: Infinity })).toThrow(/^times: expected a total time at risk/);
    // just below the limit it is still computed: rate = 2/(2e307 + 1e307)
    const r = estimateEscapeRate([2e307, 1e307], { censoredAt: Infinity });
    expect(r.rate / (2 / 3e307)).toBeCloseTo(1, 12);
  });
});
