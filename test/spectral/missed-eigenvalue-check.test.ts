/**
 * The missed-eigenvalue check on its own: on diagonal operators whose missed eigenvector is known,
 * it returns that direction when a found set skips an eigenvalue, an all-clear when it does not,
 * spends at most `steps` applications (fewer at breakdown), and stops on an aborted signal.
 */
import { describe, expect, it } from 'vitest';
import { rngFor } from '../../src/random/rng';
import { missedEigenvalueCheck, type MissedEigenvalueCheckInput, type MissedEigenvalueCheckResult } from '../../src/spectral/missed-eigenvalue-check';
import type { LanczosWhich } from '../../src/spectral/rayleigh-ritz';

const unit = (n: number, i: number): Float64Array => {
  const e = new Float64Array(n);
  e[i] = 1;
  return e;
};

/** Runs the check synchronously on diag(d), counting the applications. */
function runCheck(
  d: readonly number[],
  found: number[],
  which: LanczosWhich,
  extra: Partial<MissedEigenvalueCheckInput> = {},
): { result: MissedEigenvalueCheckResult; applied: number } {
  const n = d.length;
  let applied = 0;
  function* apply(x: Float64Array, out: Float64Array): Generator<undefined, void, void> {
    applied++;
    for (let i = 0; i < n; i++) out[i] = (d[i] as number) * (x[i] as number);
    yield undefined;
  }
  const gen = missedEigenvalueCheck(apply, {
    n,
    found: found.map((i) => unit(n, i)),
    foundValues: found.map((i) => d[i] as number),
    residualEstimates: found.map(() => 0),
    trueResiduals: found.map(() => 0),
    which,
    normEstimate: Math.max(...d.map(Math.abs)),
    steps: 20,
    rng: rngFor('test-missed', 0),
    signal: undefined,
    ...extra,
  });
  let step = gen.next();
  while (!step.done) step = gen.next();
  return { result: step.value, applied };
}

/** |z_i| / ‖z‖: how much of direction z lies along e_i. */
function along(z: Float64Array, i: number): number {
  let s = 0;
  for (const x of z) s += x * x;
  return Math.abs(z[i] as number) / Math.sqrt(s);
}

describe('missedEigenvalueCheck', () => {
  const n = 50;
  // diag(10, 10, 9, 8, …, a bulk in (1, 7.2]) and its mirror for the low end.
  const d = [10, 10, 9, 8, ...Array.from({ length: n - 4 }, (_, i) => 7.2 - 6 * (i / n))];

  it('finds the skipped copy of a double eigenvalue, for each which', () => {
    const cases: [readonly number[], number[], LanczosWhich, number][] = [
      [d, [0, 2, 3], 'largest', 1],
      [d.map((x) => -x), [0, 2, 3], 'smallest', 1],
      [d, [0, 2, 3], 'magnitude', 1],
      // 'both': the found set interleaves low (even positions) and high (odd) ends.
      [d, [n - 1, 0, n - 2, 2], 'both', 1],
    ];
    for (const [diag, found, which, missed] of cases) {
      const { result, applied } = runCheck(diag, found, which);
      expect(result.aborted).toBe(false);
      expect(applied).toBe(20);
      expect(result.directions.length).toBeGreaterThanOrEqual(1);
      // The 20-step run resolves the isolated eigenvalue ±10 of P A P (gap ≥ 2 to the rest of
      // its spectrum on the Krylov space, which is ⊥ the found vectors): its Ritz vector is e₁
      // to within 1e-6 in angle.
      const best = Math.max(...result.directions.map((z) => along(z, missed)));
      expect(best).toBeGreaterThan(1 - 1e-6);
    }
  });

  it('gives an all-clear when nothing beyond the found values is missing', () => {
    for (const [found, which] of [
      [[0, 1, 2], 'largest'],
      [[0, 1], 'magnitude'],
    ] as const) {
      const { result, applied } = runCheck(d, [...found], which);
      expect(applied).toBe(20);
      expect(result).toEqual({ directions: [], aborted: false });
    }
  });

  it('stops at breakdown, and spends nothing with no steps (one start vector still drawn)', () => {
    // P A P with two distinct eigenvalues on the complement of e₀: the Krylov space has dimension 2.
    const two = Array.from({ length: 30 }, (_, i) => (i < 1 ? 5 : i < 20 ? 1 : -1));
    const { result, applied } = runCheck(two, [0], 'largest');
    expect(applied).toBe(2);
    // Nothing of P A P lies above the found 5.
    expect(result.directions).toEqual([]);
    const rng = rngFor('test-missed', 0);
    const none = runCheck(d, [0], 'largest', { steps: 0, rng });
    expect(none.applied).toBe(0);
    expect(none.result.directions).toEqual([]);
    const fresh = rngFor('test-missed', 0);
    fresh.fillNormal(new Float64Array(n));
    expect(rng.state()).toEqual(fresh.state());
  });

  it('the margin 2·max ρ + 64ε‖A‖ hides what lies within the found residuals', () => {
    // Found 10, 9, 8 with residual estimates 0.6: the missed 10 lies within 10 − 8 = 2 > 2·0.6
    // beyond the edge, so it is still reported; with residuals 1.1 (margin 2.2) it is not.
    expect(runCheck(d, [0, 2, 3], 'largest', { residualEstimates: [0.6, 0.6, 0.6] }).result.directions.length).toBeGreaterThan(0);
    expect(runCheck(d, [0, 2, 3], 'largest', { residualEstimates: [1.1, 1.1, 1.1] }).result.directions).toEqual([]);
    expect(runCheck(d, [0, 2, 3], 'largest', { trueResiduals: [0, 0, 1.1] }).result.directions).toEqual([]);
  });

  it('returns at once, with aborted, when the signal is aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const { result, applied } = runCheck(d, [0, 2, 3], 'largest', { signal: controller.signal });
    expect(applied).toBe(0);
    expect(result).toEqual({ directions: [], aborted: true });
  });
});
