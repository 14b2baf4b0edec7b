/**
 * The default tour with the real registry (src/cli/experiments/index.ts): every experiment in tour
 * mode, and the output names the report's path; the registry lists the four experiments in order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResults } from '../../src/cli/report-json';
import { loadExperiments } from '../../src/cli/registry';
import { cli, removeFolder } from './helpers';

describe('the default tour on the real experiments', () => {
  let cwd = '';
  afterAll(() => removeFolder(cwd));

  it('the registry lists escape, limiting, flow, diffmap', async () => {
    expect((await loadExperiments()).map((e) => e.name)).toEqual(['escape', 'limiting', 'flow', 'diffmap']);
  });

  it('runs every experiment in tour mode and says where the report is and what to run next', async () => {
    const r = await cli([], { experiments: await loadExperiments() });
    cwd = r.cwd;
    expect(r.code, r.err).toBe(0);
    const dir = join(cwd, 'sgd-dynamics-report', 'tour');
    expect(r.out).toContain(`Report: ${join(dir, 'index.html')}`);
    expect(r.out).toMatch(/Next: sgd-dynamics escape --quick/);
    const file = parseResults(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(file.results.map((x) => [x.name, x.mode])).toEqual([
      ['escape', 'tour'],
      ['limiting', 'tour'],
      ['flow', 'tour'],
      ['diffmap', 'tour'],
    ]);
    for (const x of file.results) {
      for (const p of x.plots) {
        const svg = `${p.id.startsWith(`${x.name}-`) ? p.id : `${x.name}-${p.id}`}.svg`;
        expect(existsSync(join(dir, svg)), svg).toBe(true);
      }
    }
  }, 120_000);
});
