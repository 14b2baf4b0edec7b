import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../../src/cli/experiment';
import { diffmapExperiment, dimensionOverRange } from '../../../src/cli/experiments/diffmap';
import { quadratic } from '../../../src/objectives/index';
import { noisyGdAsync } from '../../../src/optim/index';
import { rngFor } from '../../../src/random/index';
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

  it('the valley’s intrinsic dimension, read over ε ∈ [10T, 40T], is 1 (seed 0)', () => {
    const f = finding(quick, 'valley ab = 1: intrinsic dimension');
    // 0.90–1.05 on seeds 0–39 (quick and tour); the maximum-slope rule gave 1.37 here
    expect(f.agrees).toBe(true);
    expect(Math.abs(f.value - 1)).toBeLessThanOrEqual(0.25);
    expect(f.criterion).toContain('[0.02, 0.08]');
    expect(f.criterion).toContain(': yes)');
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

  it.each([1, 2])(
    'the tour on seed %i: both valley findings agree',
    async (seed) => {
      const tour = await diffmapExperiment.run({ seed, mode: 'tour' });
      checkResultShape(tour, 'diffmap', 'tour', seed);
      expect(finding(tour, 'valley: |Spearman').agrees).toBe(true);
      const dim = finding(tour, 'valley ab = 1: intrinsic dimension');
      expect(dim.agrees).toBe(true);
      expect(Math.abs(dim.value - 1)).toBeLessThanOrEqual(0.25);
    },
    60_000,
  );
});

describe('diffmap: the dimension read over a range of ε', () => {
  it('independent uniform points on a straight segment give its closed form ≈ 0.989', () => {
    // n = 400 uniform on a segment of length L = 10: E[T(ε) − n] = n(n − 1)(L√(πε) − ε)/L², whose
    // log-slope is read as d = (L√(πε) − 2ε)/(L√(πε) − ε) = 0.9886 at the range's geometric middle
    // ε = 0.04 (the ends' share). Seeds 0–59 gave a standard deviation of 0.021 for one reading, so
    // the mean of 8 is within 5 standard errors, 5 · 0.021/√8 = 0.037. Keeping the diagonal would
    // read ≈ 0.92, the default 64 nearest neighbours ≈ 0.3.
    const readings = Array.from({ length: 8 }, (_, seed) => {
      const rng = rngFor('diffmap-test-segment', seed);
      const segment = Array.from({ length: 400 }, () => {
        const t = 10 * rng.uniform();
        return Float64Array.from([0.6 * t, 0.8 * t]);
      });
      const r = dimensionOverRange(segment);
      expect(r.nodes).toBeGreaterThanOrEqual(8);
      expect(r.belowExtent).toBe(true);
      return r.dimension;
    });
    const mean = readings.reduce((x, y) => x + y, 0) / readings.length;
    const eps = 0.04;
    const root = 10 * Math.sqrt(Math.PI * eps);
    expect(Math.abs(mean - (root - 2 * eps) / (root - eps))).toBeLessThan(0.037);
  });

  // The same pipeline as the valley (noisy GD, η = 0.01, 150 000 steps, every 500th iterate, the
  // first 10 dropped) in the bowl ½(a² + b²) at temperature s²: a 2-D Gaussian cloud of standard
  // deviation s. Its correlation sum is ∝ (ε/(ε + 4s²)), so over ε ∈ [0.02, 0.08] it reads
  // 2 · 4s²/(ε + 4s²): ≈ 1.96 at s = 1, ≈ 1.5 at s² = 0.035 (just wide enough for the extent check).
  async function blob(s2: number, seed: number): Promise<Float64Array[]> {
    const bowl = quadratic({
      hessian: [
        [1, 0],
        [0, 1],
      ],
    });
    const traj = await noisyGdAsync(bowl, [0, 0], { lr: 0.01, temperature: s2, steps: 150_000, every: 500, recordLosses: false, seed });
    return Array.from({ length: (traj.points.shape[0] ?? 0) - 10 }, (_, i) => Float64Array.from([traj.points.get(i + 10, 0), traj.points.get(i + 10, 1)]));
  }

  it.each([0, 1])('a 2-D blob at the valley’s scale reads ≈ 2 and does not agree with 1 (seed %i)', async (seed) => {
    const r = dimensionOverRange(await blob(1, seed));
    // 290 nearly independent points (relaxation time 1, snapshots 5 apart): seeds 0–2 gave 1.92–2.10
    expect(r.belowExtent).toBe(true);
    expect(r.dimension).toBeGreaterThan(1.75);
    expect(r.dimension).toBeLessThan(2.25);
    expect(r.agrees).toBe(false);
  });

  it('a 2-D blob just wide enough for the extent check still fails the tolerance', async () => {
    const r = dimensionOverRange(await blob(0.035, 3));
    expect(r.belowExtent).toBe(true);
    expect(r.dimension).toBeGreaterThan(1.25);
    expect(r.agrees).toBe(false);
  });

  it('a blob narrower than the kernel is refused by the extent check, not read as a curve', async () => {
    // s = 0.1: 4s² = 0.04 sits inside the range, the cloud looks like one lump (reads ≈ 1)
    const r = dimensionOverRange(await blob(0.01, 4));
    expect(r.medianSquaredDistance).toBeLessThan(0.08);
    expect(r.belowExtent).toBe(false);
    expect(r.agrees).toBe(false);
  });
});
