/**
 * The built command (dist/cli/main.js) as a process: its exit codes, and Ctrl-C. It runs the slow
 * fake experiments of fixtures/slow-experiments.mjs through its test hook; a SIGINT in the middle of
 * the run must end it with exit code 130, the message, and nothing left in the working folder (no
 * report, no temporary folder), both when the experiment honours the AbortSignal and when it ignores
 * it (then the command exits 5 s later on its own).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../package/built';
import { builtCli } from './built-cli';
import { listTree, removeFolder, tempFolder } from './helpers';

const FIXTURE = join(root, 'test', 'cli', 'fixtures', 'slow-experiments.mjs');
let main = '';
const folders: string[] = [];
beforeAll(() => {
  main = builtCli();
}, 300_000);
afterAll(() => folders.forEach(removeFolder));

function folder(): string {
  const d = tempFolder();
  folders.push(d);
  return d;
}

/** Spawns the command in `cwd`, sends SIGINT once its first progress line is out, and resolves to what it did. */
function interrupt(args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; ms: number }>((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, SGD_DYNAMICS_TEST_EXPERIMENTS: FIXTURE, ...env } });
    let err = '';
    let sent = 0;
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      if (sent === 0 && err.includes('escape: starting')) {
        sent = Date.now();
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, err, ms: Date.now() - sent }));
  });
}

describe('the built command as a process', () => {
  it('exits 0 for --help (listing the experiments), 2 for a usage error, writing nothing', () => {
    const cwd = folder();
    const env = { ...process.env, SGD_DYNAMICS_TEST_EXPERIMENTS: FIXTURE };
    const help = spawnSync(process.execPath, [main, '--help'], { cwd, env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^ {2}escape +a slow fake experiment/m);
    expect(help.stdout).toMatch(/^ {2}flow +a quick fake experiment/m);
    const bad = spawnSync(process.execPath, [main, 'flwo'], { cwd, env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/experiment: .*received 'flwo' \(did you mean 'flow'\?\)/);
    const ok = spawnSync(process.execPath, [main, 'flow', '--quick', '--out', 'r'], { cwd, env, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(listTree(cwd)).toEqual(['r', 'r/flow-line.svg', 'r/index.html', 'r/report.md', 'r/results.json']);
  }, 60_000);

  it('Ctrl-C: exit 130, nothing left behind', async () => {
    const cwd = folder();
    const r = await interrupt(['escape', '--out', 'rep'], cwd);
    expect(r.code, r.err).toBe(130);
    expect(r.err).toMatch(/interrupted; nothing was written/);
    expect(listTree(cwd)).toEqual([]);
    // The default folder too: not even sgd-dynamics-report/ is created.
    const r2 = await interrupt(['escape'], cwd);
    expect(r2.code).toBe(130);
    expect(listTree(cwd)).toEqual([]);
  }, 60_000);

  it('Ctrl-C with an experiment that ignores the signal: exit 130 after the grace period, nothing left behind', async () => {
    const cwd = folder();
    const r = await interrupt(['escape'], cwd, { SGD_DYNAMICS_TEST_DEAF: '1' });
    expect(r.code, r.err).toBe(130);
    expect(r.ms).toBeGreaterThan(4000);
    expect(listTree(cwd)).toEqual([]);
  }, 60_000);
});
