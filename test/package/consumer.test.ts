/**
 * The package as a user gets it. A clean checkout (the files git tracks or would track, without
 * dist/ or any other build output) is packed with `npm pack`, as CI and a release do, so the
 * tarball holds only what `prepack` builds; it is then installed, offline from npm's cache, into a
 * fresh project that imports it from ESM, CommonJS and TypeScript (moduleResolution node16,
 * bundler and node), and runs the README's example in each.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { build, transformSync } from 'esbuild';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from './built';
import { subpaths } from '../../tsup.config';

let project = '';
let tarball = '';
let packed: string[] = [];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const example = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

/** A copy of the working tree as a fresh clone has it: tracked and untracked-but-not-ignored files, nothing built. */
function cleanCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sgd-clean-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && f !== 'node_modules' && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(root, f), join(dir, f));
  }
  // The dependencies a clean clone gets from `npm ci` (the shared, already installed ones).
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `npm install` in the consumer, offline from npm's cache (filled by `npm ci`); the registry only if the cache lacks a package. */
function install(args: string[]): void {
  const common = ['install', ...args, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
  const offline = spawnSync('npm', [...common, '--offline'], { cwd: project, encoding: 'utf8' });
  if (offline.status === 0) return;
  console.warn(`npm install --offline failed (${offline.stderr.trim().split('\n').at(-1) ?? ''}); retrying with --prefer-offline`);
  execFileSync('npm', [...common, '--prefer-offline'], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
}

beforeAll(() => {
  const checkout = cleanCheckout();
  expect(existsSync(join(checkout, 'dist'))).toBe(false);
  const packDir = mkdtempSync(join(tmpdir(), 'sgd-pack-'));
  // prepack builds dist/ (tsup and the declarations) in the clean checkout.
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: checkout, stdio: ['ignore', 'ignore', 'inherit'] });
  tarball = join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );
  packed = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^package\//, ''));
  rmSync(checkout, { recursive: true, force: true });
  project = mkdtempSync(join(tmpdir(), 'sgd-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // fast-check is the optional peer that sgd-dynamics/testing needs: the version the repository is
  // tested with (fast-check 4.11.0's own declarations do not type-check without skipLibCheck).
  const fastCheck = (JSON.parse(readFileSync(join(root, 'node_modules', 'fast-check', 'package.json'), 'utf8')) as { version: string }).version;
  install([tarball, `fast-check@${fastCheck}`]);
}, 600_000);

function node(file: string): string {
  return execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
}

/** Checks what the README's example printed: the loss falling, λ_max from a converged Lanczos run, a trace estimate. */
function expectReadmeOutput(out: string): void {
  const [l0, l1] = /loss (\S+) → (\S+)/.exec(out)!.slice(1).map(Number) as [number, number];
  expect(l1).toBeLessThan(l0);
  expect(out).toMatch(/λ_max \d\S* edge 37\.9\d* converged true/); // edge 2(1 + β)/η = 38 up to rounding
  expect(out).toMatch(/tr H ≈ \d\S* ± \d/);
}

/** One import of a value from every entry point given, so that each subpath's types must resolve. */
function importEvery(names: readonly string[]): string {
  return [
    `import { createRng as rootRng } from 'sgd-dynamics';`,
    ...names.map((s, i) => `import * as m${i} from 'sgd-dynamics/${s}';`),
    `export const all: number = [rootRng, ${names.map((_, i) => `m${i}`).join(', ')}].length;`,
    `const n: number = rootRng(1).normal();`,
    `// @ts-expect-error: a number is not a string (fails if the types resolved to any)`,
    `export const s: string = rootRng(1).normal();`,
    `export { n };`,
  ].join('\n');
}

/** A use of sgd-dynamics/testing whose misuse must be caught, so that its types cannot be any. */
const testingUse = [
  `import { checkGradient } from 'sgd-dynamics/testing';`,
  `const f = { dim: 1, value: (x: Float64Array) => x[0]! ** 2, gradient: (x: Float64Array, out = new Float64Array(1)) => ((out[0] = 2 * x[0]!), out) };`,
  `export const e: number = checkGradient(f, Float64Array.of(1)).maxRelativeError;`,
  `// @ts-expect-error: maxRelativeError is a number`,
  `export const bad: string = checkGradient(f, Float64Array.of(1)).maxRelativeError;`,
].join('\n');

function typecheck(dir: string, compilerOptions: Record<string, unknown>): { status: number | null; out: string } {
  const tsconfig = {
    compilerOptions: { strict: true, noUncheckedIndexedAccess: true, target: 'es2022', skipLibCheck: false, types: [], ...compilerOptions },
    include: ['*.ts', '*.mts', '*.cts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the tarball npm pack makes from a clean checkout', () => {
  it('ships the build, the guides and the declarations, and nothing of the sources or tests', () => {
    for (const f of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/cli/main.js',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
    ]) {
      expect(packed, f).toContain(f);
    }
    for (const s of subpaths) for (const ext of ['js', 'cjs', 'd.ts', 'd.cts']) expect(packed, `${s} ${ext}`).toContain(`dist/${s}/index.${ext}`);
    const guides = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));
    expect(guides).toContain('architecture.md');
    for (const g of guides) expect(packed).toContain(`docs/${g}`);
    expect(packed.filter((f) => /^(src|test|bench|scripts|\.ci)\//.test(f) || f.startsWith('docs/api/'))).toEqual([]);
  });

  it('has one declaration per source file, no hashed declaration chunks (go-to-definition lands beside the TSDoc)', () => {
    const declarations = packed.filter((f) => /\.d\.c?ts$/.test(f));
    // Every declaration file mirrors a source file (dist/optim/sgd.d.ts ↔ src/optim/sgd.ts): no bundled chunk such as driver-BBCtZ58X.d.ts.
    expect(declarations.filter((f) => !existsSync(join(root, 'src', f.replace(/^dist\//, '').replace(/\.d\.c?ts$/, '.ts'))))).toEqual([]);
    expect(declarations.length).toBeGreaterThan(100);
    expect(declarations).toContain('dist/optim/sgd.d.ts');
    expect(declarations).toContain('dist/optim/sgd.d.cts');
    const sgd = readFileSync(join(project, 'node_modules', 'sgd-dynamics', 'dist', 'optim', 'sgd.d.ts'), 'utf8');
    expect(sgd).toMatch(/\/\*\*[\s\S]*?@example[\s\S]*?\*\/\s*export declare function sgd\(/);
    // ESM declarations name their imports with .js, CommonJS ones with .cjs (node16 needs the extension).
    expect(sgd).toMatch(/from '\.\/driver\.js'/);
    expect(readFileSync(join(project, 'node_modules', 'sgd-dynamics', 'dist', 'optim', 'sgd.d.cts'), 'utf8')).toMatch(/from '\.\/driver\.cjs'/);
  });

  it('links the guides with relative paths that resolve inside the installed package', () => {
    const pkgDir = join(project, 'node_modules', 'sgd-dynamics');
    const markdown = packed.filter((f) => f.endsWith('.md'));
    const broken: string[] = [];
    for (const f of markdown) {
      const text = readFileSync(join(pkgDir, f), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!) || target!.startsWith('#')) continue;
        const path = target!.split('#')[0]!;
        if (!existsSync(join(pkgDir, dirname(f), path))) broken.push(`${f}: ${target!}`);
      }
    }
    expect(broken).toEqual([]);
    expect(readFileSync(join(pkgDir, 'README.md'), 'utf8')).toMatch(/\]\(docs\/architecture\.md\)/);
    // The guides speak for themselves: no pointer to a design file outside the package. (The
    // placeholders of modules not yet written, and the changelog's history, are not guides.)
    const guides = markdown.filter((f) => f === 'README.md' || f.startsWith('docs/'));
    const pointing = guides.filter((f) => {
      const text = readFileSync(join(pkgDir, f), 'utf8');
      return !/^Not implemented yet/m.test(text) && /\.\.\/shared|DESIGN\.md/.test(text);
    });
    expect(pointing).toEqual([]);
    expect(markdown.filter((f) => readFileSync(join(pkgDir, f), 'utf8').includes('../shared'))).toEqual([]);
  });
});

describe('the packed package in a consumer project', () => {
  it('imports from ESM, root and subpaths', () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { createRng, toPoints, VERSION } from 'sgd-dynamics';
import { streamRng } from 'sgd-dynamics/random';
import { symmetricEigen } from 'sgd-dynamics/core';
const a = createRng(7).normal(), b = createRng(7).normal();
console.log(JSON.stringify({ same: a === b, stream: typeof streamRng(1, 2).uniform(), shape: toPoints([[1, 2]]).shape, eig: Array.from(symmetricEigen([[2, 1], [1, 2]]).values).map(Math.round), VERSION }));`,
    );
    const out = JSON.parse(node('esm.mjs')) as unknown;
    expect(out).toEqual({ same: true, stream: 'number', shape: [1, 2], eig: [1, 3], VERSION: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown });
  });

  it('requires from CommonJS, with the same numbers as ESM', () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const { createRng } = require('sgd-dynamics/random');
const root = require('sgd-dynamics');
console.log(JSON.stringify([createRng(7).normal(), root.createRng(7).normal(), typeof root.symmetricEigen]));`,
    );
    writeFileSync(join(project, 'esm2.mjs'), `import { createRng } from 'sgd-dynamics/random'; console.log(JSON.stringify(createRng(7).normal()));`);
    const [cjs, cjsRoot, kind] = JSON.parse(node('cjs.cjs')) as [number, number, string];
    expect(cjs).toBe(JSON.parse(node('esm2.mjs')));
    expect(cjsRoot).toBe(cjs);
    expect(kind).toBe('function');
  });

  it('type-checks a TypeScript file that uses the public types, and rejects one that misuses them', () => {
    const dir = join(project, 'types-nodenext');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'good.mts'),
      `import { createRng, type Rng, type RngState } from 'sgd-dynamics/random';
import type { Objective, SymmetricOperator, Trajectory, Points } from 'sgd-dynamics/core';
import { toPoints, dot } from 'sgd-dynamics';
const rng: Rng = createRng('x');
const state: RngState = rng.state();
const f: Objective = { dim: 2, value: (x) => dot(x, x) / 2, gradient: (x, out = new Float64Array(2)) => (out.set(x), out) };
const op: SymmetricOperator = { dim: 2, apply: (x, out) => (out.set(x), out) };
const p: Points = toPoints([[1, 2]]);
declare const t: Trajectory;
const n: number = t.points.shape[0]! + p.shape[1]! + state.c + f.value(new Float64Array(2)) + op.dim;
export { n };
`,
    );
    const good = typecheck(dir, { module: 'nodenext', moduleResolution: 'nodenext', noEmit: true });
    expect(good.out).toBe('');
    expect(good.status).toBe(0);
    writeFileSync(join(dir, 'bad.mts'), `import { createRng } from 'sgd-dynamics/random';\nconst s: string = createRng(1).normal();\nexport { s };\n`);
    const bad = typecheck(dir, { module: 'nodenext', moduleResolution: 'nodenext', noEmit: true });
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/bad\.mts.*Type 'number' is not assignable to type 'string'/);
  });

  // Each TypeScript set-up: its compiler options, the file names it compiles, and how its output runs.
  // Under node10, fast-check's own declarations do not resolve (pure-rand 8 has only an exports map),
  // so sgd-dynamics/testing is checked there with skipLibCheck, in a project of its own.
  const setups = [
    { name: 'node16 (ESM, .mts)', options: { module: 'node16', moduleResolution: 'node16' }, ext: 'mts', out: 'mjs', testingLibCheck: true },
    { name: 'node16 (CommonJS, .cts)', options: { module: 'node16', moduleResolution: 'node16' }, ext: 'cts', out: 'cjs', testingLibCheck: true },
    { name: 'bundler', options: { module: 'esnext', moduleResolution: 'bundler' }, ext: 'ts', out: 'bundle', testingLibCheck: true },
    { name: 'node (node10, CommonJS)', options: { module: 'commonjs', moduleResolution: 'node' }, ext: 'ts', out: 'js', testingLibCheck: false },
  ] as const;

  for (const setup of setups) {
    it(`moduleResolution ${setup.name}: every subpath's types resolve, and the README example compiles and runs`, async () => {
      const dir = join(project, `ts-${setup.name.replace(/\W+/g, '-')}`);
      mkdirSync(dir);
      const names = setup.testingLibCheck ? subpaths : subpaths.filter((x) => x !== 'testing');
      writeFileSync(join(dir, `subpaths.${setup.ext}`), `${importEvery(names)}\n`);
      if (setup.testingLibCheck) writeFileSync(join(dir, `testing.${setup.ext}`), `${testingUse}\n`);
      else {
        const own = join(dir, 'testing');
        mkdirSync(own);
        writeFileSync(join(own, `testing.${setup.ext}`), `${testingUse}\n`);
        const t = typecheck(own, { ...setup.options, noEmit: true, skipLibCheck: true });
        expect(t.out).toBe('');
        expect(t.status).toBe(0);
      }
      writeFileSync(join(dir, `readme.${setup.ext}`), `${example}export {};\n`);
      const outDir = join(dir, 'out');
      const checked = typecheck(dir, { ...setup.options, outDir, ...(setup.out === 'bundle' ? { noEmit: true } : {}) });
      expect(checked.out).toBe('');
      expect(checked.status).toBe(0);
      let entry = join(outDir, `readme.${setup.out}`);
      if (setup.out === 'bundle') {
        // A bundler project: esbuild resolves the package through its exports map, as it does for an app.
        entry = join(dir, 'bundle.mjs');
        await build({ entryPoints: [join(dir, 'readme.ts')], bundle: true, format: 'esm', platform: 'node', outfile: entry, logLevel: 'silent' });
      }
      expectReadmeOutput(node(entry));
    }, 120_000);
  }

  it("runs the README's example as plain ESM and CommonJS JavaScript", () => {
    expect(example, 'README has a ts block under ## Example').not.toBe('');
    writeFileSync(join(project, 'readme.mjs'), transformSync(example, { loader: 'ts', format: 'esm' }).code);
    expectReadmeOutput(node('readme.mjs'));
    writeFileSync(join(project, 'readme.cjs'), transformSync(example, { loader: 'ts', format: 'cjs' }).code);
    expectReadmeOutput(node('readme.cjs'));
  });

  it('installs the sgd-dynamics command', () => {
    const r = spawnSync(join(project, 'node_modules', '.bin', 'sgd-dynamics'), ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
