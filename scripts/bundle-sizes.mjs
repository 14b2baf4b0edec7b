// Measures what each subpath, and each of the library's main functions, costs in a browser bundle:
// esbuild bundles `import { f } from 'sgd-dynamics/x'` (resolved through the package's exports map
// to the built dist/, as an application's bundler does), minified and tree-shaken, and the bytes are
// counted before and after gzip (level 9). Node built-ins (`node:*`, loaded only by the worker
// pool and the CLI) and tinypool (imported lazily, only with `workers > 1`) stay external.
//
//   node scripts/bundle-sizes.mjs          writes the table to docs/bundle-sizes.md (npm run size)
//   node scripts/bundle-sizes.mjs --check  fails when a figure grew by more than 10% and 1 KB over
//                                          the table, or the table lacks a row (npm run lint)
//
// Needs a build (npm run build).
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const table = join(root, 'docs', 'bundle-sizes.md');
const check = process.argv.includes('--check');

if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('bundle-sizes: dist/ is missing; run npm run build first');
  process.exit(1);
}

const subpaths = ['core', 'random', 'objectives', 'optim', 'spectral', 'diffusion-maps', 'langevin', 'fokker-planck', 'kramers', 'analysis', 'testing'];

/** [label, source]: every subpath whole, then single functions as a user imports them. */
const cases = [
  ['sgd-dynamics (everything)', `import * as m from 'sgd-dynamics'; console.log(m);`],
  ...subpaths.map((s) => [`sgd-dynamics/${s} (whole)`, `import * as m from 'sgd-dynamics/${s}'; console.log(m);`]),
  ...[
    ['random', 'createRng'],
    ['random', 'rngFor'],
    ['random', 'blockStream'],
    ['core', 'toPoints'],
    ['core', 'symmetricEigen'],
    ['core', 'dormandPrince'],
    ['objectives', 'quadratic'],
    ['objectives', 'doubleWell'],
    ['objectives', 'mlp'],
    ['optim', 'gd'],
    ['optim', 'sgd'],
    ['optim', 'gradientFlow'],
    ['spectral', 'lanczos'],
    ['spectral', 'hutchinsonTrace'],
    ['spectral', 'spectralDensity'],
    ['spectral', 'hessianSummary'],
    ['langevin', 'overdampedLangevin'],
    ['langevin', 'simulateEnsemble'],
    ['fokker-planck', 'fokkerPlanck1d'],
    ['analysis', 'gdFlowGap'],
  ].map(([s, f]) => [`${f} (${s})`, `import { ${f} } from 'sgd-dynamics/${s}'; console.log(${f});`]),
];

const dir = mkdtempSync(join(tmpdir(), 'sgd-size-'));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(root, join(dir, 'node_modules', 'sgd-dynamics'), 'dir');

const rows = [];
try {
  for (const [label, contents] of cases) {
    const result = await build({
      stdin: { contents, resolveDir: dir, loader: 'js' },
      bundle: true,
      write: false,
      minify: true,
      treeShaking: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      external: ['node:*', 'tinypool', 'fast-check'],
      logLevel: 'error',
    });
    const code = result.outputFiles[0].contents;
    rows.push({ label, min: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const kb = (n) => (n / 1024).toFixed(1);

if (check) {
  const text = existsSync(table) ? readFileSync(table, 'utf8') : '';
  const recorded = new Map([...text.matchAll(/^\| `([^`]+)` +\| +([\d.]+) +\| +([\d.]+) +\|$/gm)].map((m) => [m[1], Number(m[2]) * 1024]));
  const problems = [];
  for (const r of rows) {
    const before = recorded.get(r.label);
    if (before === undefined) problems.push(`${r.label}: no row in docs/bundle-sizes.md`);
    else if (r.min > before * 1.1 && r.min - before > 1024) problems.push(`${r.label}: ${kb(r.min)} KB minified, the table says ${kb(before)} KB`);
  }
  if (problems.length > 0) {
    console.error(`bundle-sizes: ${problems.join('\n  ')}\nIf the growth is meant, run npm run size to update the table.`);
    process.exit(1);
  }
  console.log(`bundle-sizes: ${rows.length} bundles within 10% (or 1 KB) of docs/bundle-sizes.md`);
} else {
  // Laid out as Prettier lays out a Markdown table, so that `prettier --check .` passes on the output.
  const width = Math.max(...rows.map((r) => r.label.length)) + 2;
  const line = (a, b, c) => `| ${a.padEnd(width)} | ${b.padEnd(13)} | ${c.padEnd(9)} |`;
  const out = [
    '# Bundle sizes',
    '',
    'What importing a subpath, or one function, adds to a browser bundle: esbuild (minified,',
    "tree-shaken, ES2022, `platform: 'browser'`) bundles `import { f } from 'sgd-dynamics/x'` against the",
    'built package, and the output is counted as is and after gzip -9. The dependencies the code uses',
    '(ml-matrix, ndarray, seedrandom) are included; Node built-ins and tinypool (loaded lazily, only for',
    'an ensemble on workers) and fast-check (the optional peer of `sgd-dynamics/testing`) are not.',
    '',
    `Written by \`npm run size\` (scripts/bundle-sizes.mjs) on ${new Date().toISOString().slice(0, 10)}; \`npm run lint\` fails when a`,
    'figure grows by more than 10% (and 1 KB) over this table.',
    '',
    "Two imports were trimmed for this table: `createRng` imports seedrandom's Alea alone",
    '(`seedrandom/lib/alea.js`; the whole package was 10.4 KB of which 6.4 KB were generators never',
    'used), and the dense symmetric eigen-solver that Lanczos uses for its projected problem is',
    "ml-matrix's tred2/tql2 ported operation for operation (the same bits), because ml-matrix's",
    '`Matrix` class cannot be tree-shaken (`lanczos` was 114.8 KB, about 70 KB of it ml-matrix).',
    '`toMlMatrix` (core) still loads ml-matrix, by design.',
    '',
    line('import', 'minified (KB)', 'gzip (KB)'),
    `| ${'-'.repeat(width)} | ${'-'.repeat(13)} | ${'-'.repeat(9)} |`,
    ...rows.map((r) => line(`\`${r.label}\``, kb(r.min), kb(r.gzip))),
    '',
  ].join('\n');
  writeFileSync(table, out);
  for (const r of rows) console.log(`${r.label.padEnd(width)} ${kb(r.min).padStart(7)} KB  ${kb(r.gzip).padStart(6)} KB gzip`);
}
