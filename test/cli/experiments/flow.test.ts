import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../../src/cli/experiment';
import { flowExperiment } from '../../../src/cli/experiments/flow';
import { checkResultShape, finding } from './result-shape';

// One quick run (≈ 10 s) shared by every assertion of the file. Deterministic given the seed.
let quick: ExperimentResult;
beforeAll(async () => {
  quick = await flowExperiment.run({ seed: 0, mode: 'quick' });
}, 120_000);

describe('flow experiment (Elkabetz & Cohen)', () => {
  it('has the shape the command renders', () => {
    checkResultShape(quick, 'flow', 'quick', 0);
    expect(quick.plots.map((p) => p.id)).toEqual(['flow-gap-vs-lr', 'flow-curvature']);
  });

  it('every finding with a theory agrees with it', () => {
    for (const f of quick.findings) if (f.theory !== null) expect(f.agrees, f.label).toBe(true);
  });

  it('the GD–flow gap is O(η) on the deep linear net', () => {
    const f = finding(quick, 'deep linear net 4-4-4-1: slope');
    // a smooth objective: gap = c₁η + O(η²), the local slope over η ≤ 0.05·2/λ_max is 1 within 10%
    expect(Math.abs(f.value - 1)).toBeLessThan(0.1);
  });

  it('the ReLU net’s slope has 1 in its fit interval', () => {
    const f = finding(quick, 'ReLU net 2-12-1 (two moons): slope');
    expect(f.interval?.[0]).toBeLessThanOrEqual(1);
    expect(f.interval?.[1]).toBeGreaterThanOrEqual(1);
  });

  it('GD stays close only below η·λ_max = 2', () => {
    for (const prefix of ['deep linear net 4-4-4-1: η·max', 'ReLU net 2-12-1 (two moons): η·max']) {
      const f = finding(quick, prefix);
      expect(f.value).toBeLessThan(2);
    }
    const rows = quick.tables[0]?.rows ?? [];
    // the largest steps (η·Λ > 2) are never close
    for (const row of rows) if ((row[2] as number) > 2) expect(row[6]).toBe('no');
  });

  it('runs the tour', async () => {
    const tour = await flowExperiment.run({ seed: 4, mode: 'tour' });
    checkResultShape(tour, 'flow', 'tour', 4);
  }, 60_000);
});
