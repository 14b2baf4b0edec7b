/**
 * Bad-input fuzz test of every export of every subpath (issue 15). Each export has an entry in
 * fuzz-specs.ts (valid arguments; the fuzzer derives the bad calls from them: NaN, ±Infinity,
 * negative, zero, non-integer and huge numbers, wrong lengths, empty arrays, NaN entries, strings,
 * null/undefined, missing options, unknown and misspelt option keys). The calls run in a worker
 * thread; one that does not finish within CALL_LIMIT_MS is a timeout (the worker is replaced).
 * A call passes when it throws a RangeError/TypeError naming the argument, returns a result flagged
 * as not succeeded, or returns a finite result; it fails on any other exception, an unflagged NaN,
 * an unclear error or a timeout. Exports documented as unchecked kernels (the BLAS-1 vector kernels,
 * `unchecked: true` in the table) are run and counted but may fail. An export without an entry fails.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURES, type Outcome } from './fuzz-engine';

/** A call's time limit: generous on a loaded 2-core machine; every valid call takes milliseconds. */
const CALL_LIMIT_MS = 2000;

interface ExportInfo {
  subpath: string;
  name: string;
  sameAs: string | null;
  hasSpec: boolean;
  cases: number;
  unchecked: boolean;
}
interface CallResult {
  subpath: string;
  name: string;
  index: number;
  path: string;
  label: string;
  outcome: Outcome;
  detail: string;
}

let dir = '';
let bundle = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sgd-fuzz-'));
  bundle = join(dir, 'fuzz-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./fuzz-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function listExports(): Promise<ExportInfo[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(bundle);
    w.once('message', (m: { exports: ExportInfo[] }) => {
      void w.terminate();
      resolve(m.exports);
    });
    w.once('error', reject);
    w.postMessage({ type: 'list' });
  });
}

/** One worker kept across exports; replaced after a call times out. */
let worker: Worker | null = null;

/** Runs every call of one export, replacing the worker after a timeout. */
async function runExport(e: ExportInfo, results: CallResult[]): Promise<void> {
  let start = 0;
  while (start < e.cases) {
    start = await new Promise<number>((resolve) => {
      const w = worker ?? new Worker(bundle);
      worker = w;
      let current = start;
      let currentPath = '?';
      let currentLabel = '?';
      let timer: NodeJS.Timeout | undefined;
      const finish = (next: number, replace: boolean): void => {
        clearTimeout(timer);
        w.removeAllListeners('message');
        w.removeAllListeners('error');
        if (replace) {
          void w.terminate();
          worker = null;
        }
        resolve(next);
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results.push({
            subpath: e.subpath,
            name: e.name,
            index: current,
            path: currentPath,
            label: currentLabel,
            outcome: 'timeout',
            detail: `over ${CALL_LIMIT_MS} ms`,
          });
          finish(current + 1, true);
        }, CALL_LIMIT_MS);
      };
      w.on('message', (m: { type: string; index: number } & Omit<CallResult, 'subpath' | 'name'>) => {
        if (m.type === 'start') {
          current = m.index;
          currentPath = m.path;
          currentLabel = m.label;
          arm();
        } else if (m.type === 'result') results.push({ ...m, subpath: e.subpath, name: e.name });
        else if (m.type === 'done') finish(e.cases, false);
      });
      w.on('error', (err) => {
        // An error escaping the call (e.g. thrown later from a timer): the current call fails.
        results.push({
          subpath: e.subpath,
          name: e.name,
          index: current,
          path: currentPath,
          label: currentLabel,
          outcome: 'other-error',
          detail: String(err).slice(0, 200),
        });
        finish(current + 1, true);
      });
      w.postMessage({ type: 'run', subpath: e.subpath, name: e.name, start: current });
      arm();
    });
  }
}

afterAll(async () => {
  if (worker !== null) await worker.terminate();
});

describe('every export answers bad input with a named error, a flagged result or a usable one', () => {
  it('has a spec entry for every export and no failure outside the unchecked kernels', async () => {
    const exports = await listExports();
    const missing = exports.filter((e) => !e.hasSpec).map((e) => `${e.subpath}/${e.name}`);
    const results: CallResult[] = [];
    for (const e of exports) if (e.hasSpec && e.sameAs === null && e.cases > 0) await runExport(e, results);

    const unchecked = new Set(exports.filter((e) => e.unchecked).map((e) => `${e.subpath}/${e.name}`));
    const counts = new Map<string, Record<string, number>>();
    for (const r of results) {
      const key = unchecked.has(`${r.subpath}/${r.name}`) ? `${r.subpath} (unchecked kernels)` : r.subpath;
      const c = counts.get(key) ?? {};
      c[r.outcome] = (c[r.outcome] ?? 0) + 1;
      counts.set(key, c);
    }
    const lines = [...counts.entries()].map(
      ([s, c]) =>
        `${s.padEnd(32)} ${Object.entries(c)
          .map(([o, n]) => `${o} ${n}`)
          .join(', ')}`,
    );
    console.log(`fuzz: ${results.length} calls into ${exports.filter((e) => e.sameAs === null).length} exports\n${lines.join('\n')}`);
    const failures = results
      .filter((r) => FAILURES.includes(r.outcome) && !unchecked.has(`${r.subpath}/${r.name}`))
      .map((r) => `${r.subpath}/${r.name} ${r.path} = ${r.label}: ${r.outcome} ${r.detail}`);
    if (failures.length > 0) console.log(failures.join('\n'));
    if (process.env.FUZZ_ACCEPTED === '1')
      console.log(
        results
          .filter((r) => r.outcome === 'accepted')
          .map((r) => `${r.subpath}/${r.name} ${r.path} = ${r.label}`)
          .join('\n'),
      );
    expect(missing, 'exports without an entry in test/hardening/fuzz-specs.ts').toEqual([]);
    expect(failures).toEqual([]);
  });
});
