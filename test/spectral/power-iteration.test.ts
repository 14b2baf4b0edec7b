import { describe, it, expect } from 'vitest';
import { denseOperator } from '../../src/spectral/dense-operator';
import { powerIteration } from '../../src/spectral/power-iteration';
import { operatorFromFunction } from '../../src/spectral/function-operator';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/rng';

/** A random SPD matrix GGᵀ/m + I (Wishart-like, well separated top eigenvalues). */
function randomSpd(n: number, m: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const g = rng.fillNormal(new Float64Array(n * m));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (g[i * m + k] as number) * (g[j * m + k] as number);
      a[i * n + j] = s / m + (i === j ? 1 : 0);
      a[j * n + i] = a[i * n + j] as number;
    }
  }
  return a;
}

describe('powerIteration', () => {
  // Deflated power iteration can stall above a tight tolerance: the pairs found first carry an
  // error of about residual/gap, which floors the later residuals. Over start vectors (seeds) it
  // must then say so (converged: false, 'budget'), and be right whenever it says converged.
  it('finds the top eigenvalues of a random SPD matrix, as symmetricEigen, or says it has not (seeds 0–7)', () => {
    let convergedRuns = 0;
    for (let seed = 0; seed < 8; seed++) {
      const n = 25;
      const A = randomSpd(n, 8, 77);
      const ref = symmetricEigen(A, { order: 'descending' });
      const k = 4;
      const tol = 1e-9;
      const r = powerIteration(denseOperator(A), { k, tol, maxIterations: 20000, seed });
      if (!r.converged) {
        expect(r.stopReason).toBe('budget');
        expect(Math.max(...r.residuals)).toBeGreaterThan(tol * (ref.values[0] as number));
        continue;
      }
      convergedRuns++;
      expect(r.values.length).toBe(k);
      expect(r.iterations.reduce((s, x) => s + x, 0)).toBe(r.matvecs);
      const l1 = ref.values[0] as number;
      for (let j = 0; j < k; j++) {
        expect(r.residuals[j]).toBeLessThanOrEqual(tol * l1);
        // Bauer–Fike for symmetric A: an eigenvalue lies within the residual of the Rayleigh quotient
        // (plus the rounding of the dense reference, ~n·ε·‖A‖).
        expect(Math.abs((r.values[j] as number) - (ref.values[j] as number))).toBeLessThanOrEqual((r.residuals[j] as number) + 100 * n * Number.EPSILON * l1);
        // The vector: |cos| to the reference vector is 1 − O((residual/gap)²).
        const v = r.vectors[j] as Float64Array;
        const u = ref.vectors[j] as Float64Array;
        let c = 0;
        for (let i = 0; i < n; i++) c += (v[i] as number) * (u[i] as number);
        const gap = Math.min(
          Math.abs((ref.values[j] as number) - (ref.values[j + 1] as number)),
          j > 0 ? Math.abs((ref.values[j] as number) - (ref.values[j - 1] as number)) : Infinity,
        );
        // sin θ ≤ residual / gap (Davis–Kahan), so 1 − |cos| ≤ sin²θ.
        expect(1 - Math.abs(c)).toBeLessThanOrEqual(((r.residuals[j] as number) / gap) ** 2 + 1e-12);
      }
    }
    expect(convergedRuns).toBeGreaterThanOrEqual(4);
  });

  it('reports non-convergence when ±λ are both extreme, instead of lying', () => {
    const op = denseOperator([
      [1, 0],
      [0, -1],
    ]);
    const r = powerIteration(op, { maxIterations: 50, tol: 1e-8 });
    expect(r.converged).toBe(false);
    expect(r.matvecs).toBe(50);
    expect(r.residuals[0]).toBeGreaterThan(1e-8);
  });

  it('rejects bad arguments and a NaN from the operator', () => {
    const op = denseOperator([
      [2, 0],
      [0, 1],
    ]);
    expect(() => powerIteration(op, { k: 3 })).toThrow(/options.k: expected an integer in \[1, 2\], received 3/);
    expect(() => powerIteration(op, { tol: 0 })).toThrow(/options.tol: expected a positive number, received 0/);
    expect(() => powerIteration(op, { maxIterations: 0 })).toThrow(/options.maxIterations: expected an integer ≥ 1, received 0/);
    expect(() => powerIteration(null as never)).toThrow(/op: expected a SymmetricOperator/);
    const bad = operatorFromFunction(2, (_x, out) => {
      out[0] = Number.NaN;
      out[1] = 0;
    });
    expect(() => powerIteration(bad)).toThrow(/op.apply: expected finite values, received NaN at index 0/);
  });
});
