import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../../src/cli/experiment';
import { escapeExperiment } from '../../../src/cli/experiments/escape';
import { checkResultShape, finding } from './result-shape';

// One quick run (≈ 10–20 s on a loaded 2-core machine) shared by every assertion of the file.
let quick: ExperimentResult;
beforeAll(async () => {
  quick = await escapeExperiment.run({ seed: 0, mode: 'quick' });
}, 120_000);

const S_STAR = 2 - 8 * (Math.log(2) - 0.5);
const XIE_SLOPE = 0.5 * (S_STAR / 2 + 1 - S_STAR); // 2ΔL(s/H_a + (1 − s)/|H_b|) = 0.38629

describe('escape experiment (Xie et al.)', () => {
  it('has the shape the command renders', () => {
    checkResultShape(quick, 'escape', 'quick', 0);
    expect(quick.plots.map((p) => p.id)).toEqual(['escape-vs-ratio', 'escape-vs-sharpness']);
    expect(quick.tables.map((t) => t.id)).toEqual(['escape-times', 'escape-slopes']);
  });

  it('every finding with a theory agrees with it', () => {
    for (const f of quick.findings) if (f.theory !== null) expect(f.agrees, f.label).toBe(true);
  });

  it('log τ is linear in B/η with Xie et al.’s slope (SDE simulation and exact MFPT)', () => {
    const sim = finding(quick, 'SGD noise: slope of log τ against B/η (simulation)');
    // 4 SE: the slope's standard error comes from the censored estimates (σ = 1/√escapes each, 300 walkers a point)
    expect(sim.theory).toBeCloseTo(XIE_SLOPE, 12);
    expect(Math.abs(sim.value - XIE_SLOPE)).toBeLessThanOrEqual(4 * (sim.standardError ?? 0));
    expect(sim.standardError).toBeLessThan(0.03);
    const exact = finding(quick, 'SGD noise: slope of log τ against B/η (Fokker–Planck');
    // the exact MFPT slope over B/η ∈ [4, 10] is 0.3869 (docs/kramers.md: the windowed slopes approach 0.38629)
    expect(Math.abs(exact.value - XIE_SLOPE) / XIE_SLOPE).toBeLessThan(0.005);
  });

  it('the simulated escape time matches the Fokker–Planck mean first-passage time', () => {
    const f = finding(quick, 'SGD noise: mean escape time at B/η = 10');
    expect(f.theory).toBeGreaterThan(89.5);
    expect(f.theory).toBeLessThan(89.7);
    expect(Math.abs(f.value - (f.theory ?? 0))).toBeLessThanOrEqual(4 * (f.standardError ?? 0));
  });

  it('SGD noise: exponential in 1/H; white noise: τ ∝ 1/H', () => {
    const sgd = finding(quick, 'SGD noise: slope of log τ against 1/H at B/η = 10 (simulation)');
    expect(Math.abs(sgd.value - (sgd.theory ?? 0))).toBeLessThanOrEqual(4 * (sgd.standardError ?? 0));
    expect(sgd.value).toBeGreaterThan(8); // far from the white-noise value 0 in 1/H
    const white = finding(quick, 'white noise: slope of log τ against log H');
    expect(white.theory).toBe(-1);
    expect(Math.abs(white.value + 1)).toBeLessThanOrEqual(4 * (white.standardError ?? 0));
  });

  it('minibatch SGD on doubleWellFiniteSum follows the slope of its SDE limit', () => {
    const f = finding(quick, 'minibatch SGD: slope of log τ');
    expect(Math.abs(f.value - XIE_SLOPE)).toBeLessThanOrEqual(4 * (f.standardError ?? 0));
  });

  it('the table rows carry simulation, Fokker–Planck and formula side by side', () => {
    const t = quick.tables[0];
    expect(t?.rows.length).toBe(16);
    for (const row of t?.rows ?? []) {
      const [sim, lo, hi] = [row[6], row[7], row[8]] as number[];
      expect(lo).toBeLessThan(sim as number);
      expect(hi).toBeGreaterThan(sim as number);
    }
  });

  it('runs the tour and reports progress in order', async () => {
    const fractions: number[] = [];
    const tour = await escapeExperiment.run({ seed: 3, mode: 'tour', onProgress: (f) => fractions.push(f) });
    checkResultShape(tour, 'escape', 'tour', 3);
    expect(tour.findings.length).toBeGreaterThanOrEqual(2);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] as number);
  }, 60_000);

  it('an aborted run throws an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(escapeExperiment.run({ seed: 0, mode: 'tour', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
