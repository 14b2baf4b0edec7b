/**
 * Helpers for the command's tests: run `runCli` in a fresh temporary folder with captured output,
 * and list what a folder holds.
 *
 * @module
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliEnvironment } from '../../src/cli/run';
import { FAKE_EXPERIMENTS } from './fixtures/fake-experiments';

/** A fresh empty temporary folder. */
export function tempFolder(prefix = 'sgd-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every entry under `dir`, recursively, as sorted relative paths (hidden ones included). */
export function listTree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).sort();
}

/** Runs the command with `argv` in `cwd` (a new temporary folder by default) on the fake experiments unless `env` says otherwise. */
export async function cli(argv: string[], env: Partial<CliEnvironment> & { cwd?: string } = {}) {
  const cwd = env.cwd ?? tempFolder();
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    experiments: FAKE_EXPERIMENTS,
    ...env,
    cwd,
    out: (s) => (out += s),
    err: (s) => (err += s),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
  return { code, out, err, cwd };
}

/** Removes a temporary folder. */
export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
