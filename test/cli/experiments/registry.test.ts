import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../src/cli/experiments/index';

describe('experiment registry', () => {
  it('lists the four experiments in order, each with its paper and a one-line description', () => {
    expect(EXPERIMENTS.map((e) => e.name)).toEqual(['escape', 'limiting', 'flow', 'diffmap']);
    for (const e of EXPERIMENTS) {
      expect(e.paper).toMatch(/20\d\d$/);
      expect(e.description).not.toMatch(/\n/);
      expect(e.title.length).toBeGreaterThan(10);
    }
  });
});
