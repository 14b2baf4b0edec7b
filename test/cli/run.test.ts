/**
 * The command end to end on fake experiments (test/cli/fixtures): exit codes, what is printed, what
 * is written (and that nothing is written on a usage error, a failure or an abort), progress.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/cli/experiment';
import { parseResults } from '../../src/cli/report-json';
import { createProgress } from '../../src/cli/progress';
import { VERSION } from '../../src/version';
import { FAKE_EXPERIMENTS, expectedResult, fakeExperiment } from './fixtures/fake-experiments';
import { cli, listTree, removeFolder, tempFolder } from './helpers';

const folders: string[] = [];
const fresh = () => {
  const d = tempFolder();
  folders.push(d);
  return d;
};
afterAll(() => folders.forEach(removeFolder));

describe('sgd-dynamics on fake experiments', () => {
  it('--help lists the registry and exits 0 writing nothing', async () => {
    const cwd = fresh();
    const r = await cli(['--help'], { cwd });
    expect(r.code).toBe(0);
    for (const e of FAKE_EXPERIMENTS) expect(r.out).toMatch(new RegExp(`^  ${e.name} +${e.description}$`, 'm'));
    expect(r.err).toBe('');
    expect(listTree(cwd)).toEqual([]);
    expect((await cli(['--version'], { cwd })).out).toBe(`${VERSION}\n`);
  });

  it('usage errors: a message naming the argument, exit code 2, nothing written', async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, 'a-file'), 'x');
    mkdirSync(join(cwd, 'full'));
    writeFileSync(join(cwd, 'full', 'keep.txt'), 'x');
    const cases: [string[], RegExp][] = [
      [['escpae'], /experiment: .*received 'escpae' \(did you mean 'escape'\?\)/],
      [['escape', '--seed', ''], /--seed: expected a non-negative integer/],
      [['escape', '--seed', 'x1'], /--seed: /],
      [['escape', '--out', 'full'], /--out: expected a folder that is absent or empty, received "full" \(holds 1 entry\)/],
      [['escape', '--out', 'a-file'], /--out: expected a folder that is absent or empty, received "a-file" \(a file\)/],
      [['escape', '--out', 'a-file/report'], /--out: expected a folder path that can be created, received "a-file\/report"/],
      [['--nope'], /unknown option '--nope'/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv, { cwd });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/^sgd-dynamics: /);
      expect(r.out).toBe('');
    }
    expect(listTree(cwd)).toEqual(['a-file', 'full', 'full/keep.txt']);
  });

  it('runs one experiment into --out: findings on stdout, every file in the folder, results.json round-trips', async () => {
    const cwd = fresh();
    const r = await cli(['escape', '--quick', '--seed', '5', '--out', 'rep'], { cwd });
    expect(r.code, r.err).toBe(0);
    const dir = join(cwd, 'rep');
    expect(listTree(cwd)).toEqual(['rep', 'rep/escape-embedding.svg', 'rep/escape-scaling.svg', 'rep/index.html', 'rep/report.md', 'rep/results.json']);
    expect(r.out).toContain(`Report: ${join(dir, 'index.html')}`);
    expect(r.out).toContain('Full mode: sgd-dynamics escape --seed 5');
    expect(r.out).toMatch(/escape: Fake escape: every kind of output \(Nobody & Somebody 2024\), mode quick, seed 5/);
    expect(r.out).toMatch(/slope of log τ in B\/η +1\.025 ± 0\.031 +\[0\.96, 1\.08\] +1 +yes/);
    expect(r.out).toMatch(/mean escape time +1235 ± 50 t +\[1100, ∞\] +1500 +NO/);
    const file = parseResults(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(file).toMatchObject({ schema: 'sgd-dynamics/results@1', version: VERSION, target: 'escape', mode: 'quick', seed: 5 });
    expect(file.date).toBe('2026-01-02T03:04:05.000Z');
    expect(file.command).toBe('escape --quick --seed 5 --out rep');
    expect(file.argv).toEqual(['escape', '--quick', '--seed', '5', '--out', 'rep']);
    expect(file.node).toBe(process.version);
    expect(file.seconds).toBeGreaterThanOrEqual(0);
    // The results exactly as the experiment returned them, Infinity included.
    expect(file.results).toEqual([expectedResult('escape', { seed: 5, mode: 'quick' })]);
    expect(file.results[0]?.findings[1]?.interval?.[1]).toBe(Infinity);
  });

  it('an existing empty --out is used; the tour and all run every experiment in order', async () => {
    const cwd = fresh();
    mkdirSync(join(cwd, 'empty'));
    const all = await cli(['all', '--out', 'empty'], { cwd });
    expect(all.code, all.err).toBe(0);
    const file = parseResults(readFileSync(join(cwd, 'empty', 'results.json'), 'utf8'));
    expect(file.results.map((x) => [x.name, x.mode])).toEqual([
      ['escape', 'full'],
      ['limiting', 'full'],
    ]);
    const tour = await cli([], { cwd });
    expect(tour.code, tour.err).toBe(0);
    const report = join(cwd, 'sgd-dynamics-report', 'tour');
    expect(tour.out).toContain(`Report: ${join(report, 'index.html')}`);
    expect(tour.out).toMatch(/Next: sgd-dynamics escape --quick/);
    expect(parseResults(readFileSync(join(report, 'results.json'), 'utf8')).results.map((x) => x.mode)).toEqual(['tour', 'tour']);
    // Twice: the default folder is taken, so the next one is tour-2.
    const again = await cli([], { cwd });
    expect(again.out).toContain(join(cwd, 'sgd-dynamics-report', 'tour-2', 'index.html'));
    expect(listTree(join(cwd, 'sgd-dynamics-report')).filter((p) => !p.includes('/'))).toEqual(['tour', 'tour-2']);
  });

  it('an experiment that fails or returns garbage: exit 1, its name in the message, nothing written', async () => {
    const cwd = fresh();
    const broken: Experiment = { ...fakeExperiment('flow'), run: () => Promise.reject(new Error('boom')) };
    const garbage: Experiment = { ...fakeExperiment('diffmap'), run: () => Promise.resolve({} as never) };
    const r = await cli(['all'], { cwd, experiments: [fakeExperiment('escape'), broken] });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/experiment 'flow' failed: boom\nnothing was written/);
    const g = await cli(['diffmap'], { cwd, experiments: [garbage] });
    expect(g.code).toBe(1);
    expect(g.err).toMatch(/experiment 'diffmap' returned a malformed result: expected findings to be an array/);
    expect(listTree(cwd)).toEqual([]);
  });

  it('an abort (Ctrl-C) stops the experiment: exit 130, nothing written, no temporary folder', async () => {
    const cwd = fresh();
    const controller = new AbortController();
    const slow = fakeExperiment('escape', { steps: 50, delayMs: 20 });
    const run = cli(['escape', '--out', 'rep'], { cwd, experiments: [slow], signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted; nothing was written/);
    expect(listTree(cwd)).toEqual([]);
    // An experiment that ignores the signal and returns anyway: still nothing written.
    const c2 = new AbortController();
    const quick = fakeExperiment('escape', { steps: 3, delayMs: 5 });
    const deaf: Experiment = { ...quick, run: (ctx) => (c2.abort(), quick.run({ ...ctx, signal: undefined })) };
    const r2 = await cli(['escape'], { cwd, experiments: [deaf], signal: c2.signal });
    expect(r2.code).toBe(130);
    expect(listTree(cwd)).toEqual([]);
  });

  it('progress: a few plain lines per stage when not a terminal', async () => {
    const many = fakeExperiment('escape', { steps: 400 });
    const r = await cli(['escape', '--out', 'x'], { experiments: [many] });
    folders.push(r.cwd);
    const lines = r.err.trim().split('\n');
    // 400 stages of 1/400 each: a line at each new stage would be 400; we get the quarters (and a stage change each 2 s).
    expect(lines.length).toBeLessThan(15);
    expect(lines[0]).toBe('[1/1] escape: starting');
    expect(lines.at(-1)).toMatch(/^\[1\/1\] escape: done in \d+\.\d s$/);
    expect(r.err).not.toContain('\r');
  });
});

describe('progress display', () => {
  it('non-TTY: one line per new stage and per quarter', () => {
    let s = '';
    let t = 0;
    const p = createProgress({ write: (x) => (s += x), isTTY: false, now: () => t });
    p.begin('flow', 2, 4);
    // 100 updates 0.1 s apart; stage changes at 30% and at every update after 60%: a stage change is written once 2 s have
    // passed since the last line (45%: 2 s after 25%; 70%: 2 s after 50%), the quarters always.
    for (let i = 0; i <= 100; i++) {
      t = 100 * i;
      p.update(i / 100, i < 30 ? 'first' : i < 60 ? 'second' : `step ${i}`);
    }
    p.end(1.25);
    expect(s.split('\n').filter((l) => l !== '')).toEqual([
      '[2/4] flow: starting',
      '[2/4] flow:   0% first',
      '[2/4] flow:  25% first',
      '[2/4] flow:  45% second',
      '[2/4] flow:  50% second',
      '[2/4] flow:  70% step 70',
      '[2/4] flow:  75% step 75',
      '[2/4] flow:  95% step 95',
      '[2/4] flow: 100% step 100',
      '[2/4] flow: done in 1.3 s',
    ]);
  });
  it('TTY: a bar redrawn in place, throttled, cleared at the end', () => {
    let s = '';
    let t = 0;
    const p = createProgress({ write: (x) => (s += x), isTTY: true, columns: 60, now: () => t });
    p.begin('escape', 1, 1);
    for (let i = 0; i <= 1000; i++) {
      t = i; // 1 ms apart: at most one redraw per 100 ms
      p.update(i / 1000, 'walkers');
    }
    p.end(1);
    const draws = s.split('\r').filter((x) => x.includes('['));
    expect(draws.length).toBeGreaterThan(5);
    expect(draws.length).toBeLessThan(20);
    expect(s).toContain('[1/1] escape [########################] 100% walkers');
    for (const d of draws) expect(d.replace('\x1b[K', '').split('\n')[0]!.length).toBeLessThan(60);
    expect(s.endsWith('\r\x1b[K[1/1] escape: done in 1.0 s\n')).toBe(true);
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
