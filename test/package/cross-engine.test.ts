/**
 * The same seeded computations in Node and in headless Chromium give the same bits: random
 * streams (uniform, normal and exponential-by-inversion draws from `createRng` and `blockStream`),
 * the elementary functions themselves, an SGD run, a Lanczos solve and an overdamped Langevin run.
 * One esbuild bundle of the sources runs in both engines; every Float64 of every result is
 * compared by its hex bit pattern. Skipped, with a message, when Debian's `chromium` is absent
 * (`.ci/run` installs it where it can).
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`cross-engine test skipped: no Chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM)`);

const root = resolve(import.meta.dirname, '../..');
const src = (p: string): string => JSON.stringify(join(root, 'src', p, 'index.ts'));
// The langevin entry also carries simulateEnsemble's worker pool (node:worker_threads), which no
// browser bundle can load, so the run below imports overdampedLangevin from its own file.

/** The computations, bundled once and run unchanged in both engines; sets globalThis.__crossEngine. */
const program = `
import { createRng, blockStream } from ${src('random')};
import { exp, expm1, log, log1p, log2, sin, cos, tanh, hypot, cbrt, asinh, acos } from ${src('core')};
import { linearRegression, linearTeacher, mullerBrown } from ${src('objectives')};
import { sgd } from ${src('optim')};
import { denseOperator, lanczos } from ${src('spectral')};
import { overdampedLangevin } from ${JSON.stringify(join(root, 'src/langevin/overdamped-langevin.ts'))};

const F = new Float64Array(1);
const U = new BigUint64Array(F.buffer);
function hex(x) { F[0] = x; return U[0].toString(16).padStart(16, '0'); }
function collect(v, depth = 0) {
  if (typeof v === 'number') return [hex(v)];
  if (v instanceof Float64Array) return Array.from(v, hex);
  if (depth > 3 || v === null || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v.flatMap((w) => collect(w, depth + 1));
  if (v.data instanceof Float64Array) return Array.from(v.data, hex);
  return Object.keys(v).sort().flatMap((k) => collect(v[k], depth + 1));
}
const out = {};
const n = 2000;

const rng = createRng(7);
out.uniform = collect(rng.fillUniform(new Float64Array(n)));
out.normal = collect(rng.fillNormal(new Float64Array(n)));
const single = []; for (let i = 0; i < 50; i++) single.push(rng.normal());
out.normalOneByOne = collect(single);
const e = new Float64Array(n); for (let i = 0; i < n; i++) e[i] = -log(1 - rng.uniform());
out.exponential = collect(e);
out.blockNormal = collect(blockStream(7, 3).fillNormal(new Float64Array(n)));

const xs = new Float64Array(n);
const r2 = createRng(11);
for (let i = 0; i < n; i++) xs[i] = (r2.uniform() - 0.5) * 40;
const fns = { exp, expm1, log: (x) => log(Math.abs(x)), log1p: (x) => log1p(Math.abs(x)), log2: (x) => log2(Math.abs(x)), sin, cos, tanh,
  hypot: (x) => hypot(x, 0.3 * x + 1), cbrt, asinh, acos: (x) => acos(x / 20) };
for (const [name, f] of Object.entries(fns)) out['elementary.' + name] = collect(Array.from(xs, f));
// Not compared: how often the engine's own Math.exp/Math.log/Math.sin differ (reported only).
out.mathExp = collect(Array.from(xs, Math.exp));
out.mathLog = collect(Array.from(xs, (x) => Math.log(Math.abs(x))));
out.mathSin = collect(Array.from(xs, (x) => Math.sin(x * 1000)));

const teacher = linearTeacher({ samples: 200, dim: 5, noise: 0.1, seed: 1 });
const model = linearRegression({ features: teacher.features, targets: teacher.targets });
const run = sgd(model, new Float64Array(5), { lr: 0.05, batchSize: 8, momentum: 0.9, steps: 300, seed: 2 });
out.sgd = collect([run.final, run.losses]);

const m = 60;
const r3 = createRng(5);
const a = Array.from({ length: m }, () => new Array(m).fill(0));
for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) { const v = r3.normal(); a[i][j] = v; a[j][i] = v; }
const eig = lanczos(denseOperator(a), { k: 3, which: 'largest', seed: 4 });
out.lanczos = collect([eig.values, eig.vectors]);

const lv = overdampedLangevin({ objective: mullerBrown(), x0: [-0.5, 1.5], dt: 1e-4, steps: 3000, temperature: 10, seed: 3 });
out.langevin = collect([lv.points, lv.losses, lv.final]);

globalThis.__crossEngine = JSON.stringify(out);
`;

type Result = Record<string, string[]>;
const dir = hasChromium ? mkdtempSync(join(tmpdir(), 'sgd-cross-engine-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function bundle(): Promise<string> {
  const r = await build({
    stdin: { contents: program, resolveDir: root, sourcefile: 'cross-engine-entry.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return r.outputFiles[0]?.text ?? '';
}

function inNode(js: string): Result {
  const file = join(dir, 'node.cjs');
  writeFileSync(file, js + '\nprocess.stdout.write(globalThis.__crossEngine);\n');
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`node run failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result;
}

function inChromium(js: string): Result {
  writeFileSync(join(dir, 'bundle.js'), js);
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><script src="bundle.js"></script><script>document.body.textContent = "@@" + globalThis.__crossEngine + "@@";</script></body></html>',
  );
  const r = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--dump-dom',
      `file://${join(dir, 'index.html')}`,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: 120_000,
    },
  );
  const m = /@@(.*)@@/s.exec(r.stdout);
  if (!m?.[1]) throw new Error(`chromium run failed (status ${String(r.status)}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(m[1]) as Result;
}

describe.skipIf(!hasChromium)('cross-engine bits: Node and headless Chromium', () => {
  it('every Float64 of the seeded streams, elementary functions, SGD, Lanczos and Langevin runs is identical', async () => {
    const js = await bundle();
    const node = inNode(js);
    const chrome = inChromium(js);
    const reported = ['mathExp', 'mathLog', 'mathSin'];
    const keys = Object.keys(node).filter((k) => !reported.includes(k));
    expect(keys.length).toBeGreaterThanOrEqual(18);
    for (const k of keys) {
      const a = node[k] ?? [];
      const b = chrome[k] ?? [];
      expect(a.length, k).toBeGreaterThan(0);
      expect(b.length, k).toBe(a.length);
      const first = a.findIndex((h, i) => h !== b[i]);
      expect(first, `${k}: first differing value at index ${String(first)}: node ${String(a[first])}, chromium ${String(b[first])}`).toBe(-1);
    }
    const diff = reported.map((k) => {
      const a = node[k] ?? [];
      const b = chrome[k] ?? [];
      return `${k} ${String(a.filter((h, i) => h !== b[i]).length)}/${String(a.length)}`;
    });
    console.log(`cross-engine: ${String(keys.length)} result sets identical; the engines' own Math.* differ on: ${diff.join(', ')} (${process.version})`);
  }, 180_000);
});
