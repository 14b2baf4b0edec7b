import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../../src/cli/experiment';
import { diffmapExperiment } from '../../../src/cli/experiments/diffmap';
import { checkResultShape, finding } from './result-shape';

// One quick run (≈ 10 s) shared by every assertion of the file.
let quick: ExperimentResult;
beforeAll(async () => {
  quick = await diffmapExperiment.run({ seed: 0, mode: 'quick' });
}, 120_000);

describe('diffmap experiment (Fjellström & Nyström)', () => {
  it('has the shape the command renders', () => {
    checkResultShape(quick, 'diffmap', 'quick', 0);
    expect(quick.plots.map((p) => p.id)).toEqual([
      'diffmap-spectrum',
      'diffmap-valley-iterates',
      'diffmap-valley-embedding',
      'diffmap-valley-pca',
      'diffmap-valley-monotone',
      'diffmap-mlp-embedding',
      'diffmap-mlp-pca',
    ]);
  });

  it('ψ₁ is a monotone coordinate along the valley ab = 1', () => {
    const f = finding(quick, 'valley: |Spearman');
    expect(f.agrees).toBe(true);
    expect(f.value).toBeGreaterThanOrEqual(0.95);
  });

  it('the valley’s intrinsic dimension rounds to 1 (seed 0) and is below the ambient 2', () => {
    const f = finding(quick, 'valley ab = 1: intrinsic dimension');
    // the estimator resolves the valley's thermal thickness, which biases it up (1.37–1.51 on seeds 0–2)
    expect(f.agrees).toBe(true);
    expect(f.value).toBeLessThan(1.9);
    expect(f.value).toBeGreaterThan(0.6);
  });

  it('the eigenvalues are a decreasing spectrum in (0, 1)', () => {
    const t = quick.tables[0];
    for (const name of ['valley ab = 1', 'MLP 2-6-1']) {
      const values = (t?.rows ?? []).filter((r) => r[0] === name).map((r) => r[2] as number);
      expect(values.length).toBe(6);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1] as number);
      for (const v of values) expect(v).toBeLessThan(1);
    }
  });

  it('runs the tour', async () => {
    const tour = await diffmapExperiment.run({ seed: 2, mode: 'tour' });
    checkResultShape(tour, 'diffmap', 'tour', 2);
    expect(finding(tour, 'valley: |Spearman').agrees).toBe(true);
  }, 60_000);
});
