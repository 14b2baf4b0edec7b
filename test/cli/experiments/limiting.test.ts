import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../../src/cli/experiment';
import { limitingExperiment } from '../../../src/cli/experiments/limiting';
import { checkResultShape, finding } from './result-shape';

// One quick run (≈ 5–10 s) shared by every assertion of the file.
let quick: ExperimentResult;
beforeAll(async () => {
  quick = await limitingExperiment.run({ seed: 0, mode: 'quick' });
}, 120_000);

describe('limiting experiment (Kunin et al.)', () => {
  it('has the shape the command renders', () => {
    checkResultShape(quick, 'limiting', 'quick', 0);
    expect(quick.plots.map((p) => p.id)).toEqual(['limiting-phase-space', 'limiting-anomalous-diffusion']);
  });

  it('every finding with a theory agrees with it', () => {
    for (const f of quick.findings) if (f.theory !== null) expect(f.agrees, f.label).toBe(true);
  });

  it('the stationary covariance matches the exact law within 4 batch-means SE', () => {
    // 20 batches of 15 000 steps, each ≫ the ~20-step correlation time, so the batch means are ≈ independent
    for (const prefix of ['tr Cov θ', 'Cov θ₁₁', 'Cov θ₂₂', 'Cov θ₁₂']) {
      const f = finding(quick, prefix);
      expect(Math.abs(f.value - (f.theory ?? 0)), prefix).toBeLessThanOrEqual(4 * (f.standardError ?? 0));
    }
    // the multiplicative noise matters: ignoring it (σ²H only) is off by many SE
    const table = quick.tables.find((t) => t.id === 'limiting-covariance');
    const [, sim, se, , constantOnly] = table?.rows[0] as number[];
    expect(Math.abs((sim as number) - (constantOnly as number))).toBeGreaterThan(6 * (se as number));
  });

  it('the iterates rotate in phase space at the exact areal velocity', () => {
    const f = finding(quick, 'areal velocity');
    expect(Math.abs(f.value - (f.theory ?? 0))).toBeLessThanOrEqual(4 * (f.standardError ?? 0));
    expect(f.value).toBeGreaterThan(10 * (f.standardError ?? 0)); // clearly non-zero: no detailed balance
  });

  it('the distance from the minimum grows subdiffusively with the exact exponent', () => {
    const f = finding(quick, 'anomalous-diffusion exponent');
    // jackknife SE over 48 runs; the exact curve omits the ≈2% multiplicative noise, a near-uniform factor
    expect(Math.abs(f.value - (f.theory ?? 0))).toBeLessThanOrEqual(4 * (f.standardError ?? 0));
    expect(f.value).toBeLessThan(0.85);
    expect(f.value).toBeGreaterThan(0.45);
  });

  it('runs the tour', async () => {
    const tour = await limitingExperiment.run({ seed: 5, mode: 'tour' });
    checkResultShape(tour, 'limiting', 'tour', 5);
    for (const f of tour.findings) if (f.theory !== null) expect(f.agrees, f.label).toBe(true);
  }, 60_000);

  it('an aborted run throws an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(limitingExperiment.run({ seed: 0, mode: 'tour', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
