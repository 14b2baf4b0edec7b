import { describe, expect, it } from 'vitest';
import { fokkerPlanck1d } from '../../src/fokker-planck/fokker-planck-1d';
import { fokkerPlanck2d } from '../../src/fokker-planck/fokker-planck-2d';
import type { EscapeRateProgress, EvolveProgress } from '../../src/fokker-planck/generator-kernels';

const doubleWell = (x: number): number => x ** 4 / 4 - x ** 2 / 2;

const solvers = () => ({
  one: fokkerPlanck1d({ potential: doubleWell, diffusion: 0.2, domain: [-2.5, 2.5], cells: 80 }),
  two: fokkerPlanck2d({
    potential: (p) => doubleWell(p[0] as number) + (p[1] as number) ** 2,
    diffusion: 0.3,
    domain: [
      [-2.5, 2.5],
      [-2, 2],
    ],
    cells: [20, 15],
  }),
});

function bump(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.exp(-(((i % 20) - 4) ** 2) / 4) + 1e-3);
}

describe('fokker-planck long-work contract: evolve', () => {
  it('an abort from onProgress returns the state at the time reached, equal to a shorter run (prefix-consistent)', () => {
    for (const [dim, fp] of Object.entries(solvers())) {
      const n = fp.generator.dim;
      const p0 = bump(n);
      for (const scheme of ['backward-euler', 'extrapolated'] as const) {
        const controller = new AbortController();
        const seen: EvolveProgress[] = [];
        const r = fp.evolve(p0, 2, {
          steps: 400,
          scheme,
          signal: controller.signal,
          onProgress: (info) => {
            seen.push(info);
            if (info.step >= 120) controller.abort();
          },
        });
        expect(r.stopReason, dim).toBe('aborted');
        // 400 steps, reports every 4 steps: the first report at or past step 120 is step 120
        expect(r.steps).toBe(120);
        expect(r.time).toBeCloseTo((2 * 120) / 400, 14);
        expect(seen.length).toBe(30);
        expect(seen.every((s, k) => s.step === 4 * (k + 1) && s.steps === 400)).toBe(true);
        // the same Δt, 120 steps: the identical density (same factorisation, same operations)
        const prefix = fp.evolve(p0, r.time, { steps: 120, scheme });
        expect(prefix.stopReason).toBe('time');
        for (let i = 0; i < n; i++) expect(Math.abs((r.density[i] as number) - (prefix.density[i] as number))).toBeLessThan(1e-13);
      }
    }
  });

  it("a full run says 'time'; an already-fired signal returns p0 (normalised) at time 0", () => {
    const { one } = solvers();
    const p0 = bump(80);
    const full = one.evolve(p0, 1, { steps: 10, onProgress: () => undefined });
    expect(full).toMatchObject({ time: 1, steps: 10, stopReason: 'time' });
    const controller = new AbortController();
    controller.abort();
    const none = one.evolve(p0, 1, { steps: 10, signal: controller.signal });
    expect(none).toMatchObject({ time: 0, steps: 0, stopReason: 'aborted' });
    let mass = 0;
    for (const v of none.density) mass += v * one.grid.h;
    expect(mass).toBeCloseTo(1, 14);
    expect((none.density[3] as number) / (p0[3] as number)).toBeCloseTo((none.density[9] as number) / (p0[9] as number), 14);
  });

  it('rejects a bad onProgress or signal by name', () => {
    const { one, two } = solvers();
    expect(() => one.evolve(bump(80), 1, { onProgress: 3 as never })).toThrow(/options\.onProgress: expected a function/);
    expect(() => two.evolve(bump(300), 1, { signal: {} as never })).toThrow(/options\.signal: expected an AbortSignal/);
    expect(() => one.escapeRate(undefined, { signal: 'stop' as never })).toThrow(/options\.signal: expected an AbortSignal/);
    expect(() =>
      two.escapeRate(
        [
          [1, 2.5],
          [-2, 2],
        ],
        { onProgress: {} as never },
      ),
    ).toThrow(/options\.onProgress: expected a function/);
  });
});

describe('fokker-planck long-work contract: escapeRate', () => {
  it("an abort from onProgress stops the inverse iteration: stopReason 'aborted', converged false, the iterate so far", () => {
    for (const [dim, fp] of Object.entries(solvers())) {
      const target =
        dim === 'one'
          ? ([1, 2.5] as const)
          : ([
              [1, 2.5],
              [-2, 2],
            ] as const);
      const reference = (fp.escapeRate as (t: unknown) => { rate: number; iterations: number; converged: boolean; stopReason: string })(target);
      expect(reference.converged).toBe(true);
      expect(reference.stopReason).toBe('converged');
      const controller = new AbortController();
      const seen: EscapeRateProgress[] = [];
      const r = (fp.escapeRate as (t: unknown, o: unknown) => { rate: number; iterations: number; converged: boolean; stopReason: string; residual: number })(
        target,
        {
          maxIterations: 100,
          signal: controller.signal,
          onProgress: (info: EscapeRateProgress) => {
            seen.push(info);
            if (info.iteration === 2) controller.abort();
          },
        },
      );
      expect(r.stopReason, dim).toBe('aborted');
      expect(r.converged).toBe(false);
      // maxIterations 100 → a report after every iteration; the reference needs more than 2
      expect(reference.iterations).toBeGreaterThan(2);
      expect(r.iterations).toBe(2);
      expect(seen.map((s) => s.iteration)).toEqual([1, 2]);
      expect(seen[0]).toMatchObject({ iteration: 1, maxIterations: 100 });
      expect(Number.isFinite(r.rate) && Number.isFinite(r.residual)).toBe(true);
    }
  });

  it("budget: stopReason 'budget' and converged false; relaxation rate under the same contract", () => {
    const { one } = solvers();
    const r = one.escapeRate([1, 2.5], { maxIterations: 1, tol: 1e-15 });
    expect(r).toMatchObject({ iterations: 1, converged: false, stopReason: 'budget' });
    const controller = new AbortController();
    const relax = one.escapeRate(undefined, { maxIterations: 50, signal: controller.signal, onProgress: () => controller.abort() });
    expect(relax.kind).toBe('relaxation');
    expect(relax.converged).toBe(relax.stopReason === 'converged');
    expect(['converged', 'aborted']).toContain(relax.stopReason);
  });
});
