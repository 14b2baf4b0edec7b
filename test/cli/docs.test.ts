/**
 * docs/cli.md's examples, executed: the add-an-experiment block (```ts no-run, as it imports the
 * contract by a path inside src/cli) is written out with that import pointed at the source and run
 * through the command, which must write its report; every `npx sgd-dynamics …` line of the ```sh
 * blocks parses to a run, the help or the version (they are not run: full modes take minutes); the
 * error messages shown are the command's, verbatim.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args';
import type { Experiment } from '../../src/cli/experiment';
import { parseResults } from '../../src/cli/report-json';
import { root } from '../package/built';
import { fakeExperiment } from './fixtures/fake-experiments';
import { cli, removeFolder, tempFolder } from './helpers';

const ALL_FOUR = (['escape', 'limiting', 'flow', 'diffmap'] as const).map((n) => fakeExperiment(n));

const doc = readFileSync(join(root, 'docs', 'cli.md'), 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1] ?? '');
const LIST = ['escape', 'limiting', 'flow', 'diffmap'].map((name) => ({ name, description: name }));
const scratch = join(root, '.tmp', 'cli-docs');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('docs/cli.md', () => {
  it('the add-an-experiment example runs through the command and its report is written', async () => {
    const [code] = blocks('ts no-run');
    expect(code).toContain('export const myExperiment: Experiment');
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, 'my-experiment.ts');
    writeFileSync(file, code!.replace("from '../experiment'", `from '${join(root, 'src', 'cli', 'experiment')}'`));
    const { myExperiment } = (await import(pathToFileURL(file).href)) as { myExperiment: Experiment };
    const cwd = tempFolder();
    try {
      const r = await cli(['escape', '--quick', '--out', 'r'], { cwd, experiments: [myExperiment] });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/slope of log τ in B\/η +1\.02 ± 0\.03 +\[0\.96, 1\.08\] +1 +yes/);
      const results = parseResults(readFileSync(join(cwd, 'r', 'results.json'), 'utf8')).results;
      expect(results[0]?.mode).toBe('quick');
      expect(readFileSync(join(cwd, 'r', 'escape-scaling.svg'), 'utf8')).toContain('<svg');
    } finally {
      removeFolder(cwd);
    }
  });

  it('every command line shown parses', () => {
    const lines = blocks('sh')
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('npx sgd-dynamics'));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) {
      const argv = l.replace(/#.*$/, '').trim().split(/\s+/).slice(2);
      expect(['run', 'help', 'version'], l).toContain(parseCommandLine(argv, LIST).kind);
    }
  });

  it('the error messages shown are the command’s', async () => {
    const shown = (blocks('text')[0] ?? '').trim().split('\n');
    expect(shown).toHaveLength(3);
    const cwd = tempFolder();
    try {
      mkdirSync(join(cwd, 'report'));
      for (const f of ['a', 'b', 'c']) writeFileSync(join(cwd, 'report', f), '');
      const messages = await Promise.all(
        [['escpae'], ['escape', '--seed', ''], ['escape', '--out', 'report']].map((argv) => cli(argv, { cwd, experiments: ALL_FOUR })),
      );
      expect(messages.map((m) => m.err.split('\n')[0])).toEqual(shown);
    } finally {
      removeFolder(cwd);
    }
  });
});
