/**
 * The missed-eigenvalue example of docs/spectral.md ("Missed eigenvalues: what is guaranteed"),
 * copied verbatim (imports from the source instead of the package name), with its comments as
 * assertions: the double eigenvalue comes back with both copies and the check certifies the set.
 */
import { describe, expect, it } from 'vitest';
import { csrOperator, gridLaplacian, gridLaplacianEigenvalues, lanczos } from '../../src/spectral/index';

describe('docs/spectral.md: the missed-eigenvalue example', () => {
  it('runs and says what the doc says', () => {
    // ---- verbatim from the doc ----
    // The 2-D Dirichlet Laplacian of a 30 × 30 grid: most eigenvalues are double.
    const lap = csrOperator(gridLaplacian(30));
    const r = lanczos(lap, { k: 4, which: 'largest', seed: 3 });
    // ---- end of the doc's code ----
    const exact = Array.from(gridLaplacianEigenvalues(30))
      .sort((a, b) => b - a)
      .slice(0, 4);
    expect(Array.from(r.values, (v) => v.toFixed(5))).toEqual(['7.97948', '7.94880', '7.94880', '7.91812']);
    r.values.forEach((v, i) => expect(Math.abs(v - (exact[i] as number))).toBeLessThan(1e-10));
    expect(r.possiblyMissed).toBe(false);
    expect(r.missedCheck?.confidence).toBeGreaterThanOrEqual(0.99);
  });
});
