import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, root } from './built';

let project = '';
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The packed tarball installed into a fresh project, as a user gets it from npm. */
beforeAll(() => {
  ensureBuilt();
  const packDir = mkdtempSync(join(tmpdir(), 'sgd-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );
  project = mkdtempSync(join(tmpdir(), 'sgd-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 300_000);

function node(file: string): string {
  return execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
}

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
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: [] },
      }),
    );
    writeFileSync(
      join(project, 'good.mts'),
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
    const good = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    writeFileSync(join(project, 'bad.mts'), `import { createRng } from 'sgd-dynamics/random';\nconst s: string = createRng(1).normal();\nexport { s };\n`);
    const bad = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/bad\.mts.*Type 'number' is not assignable to type 'string'/);
  });

  it("runs the README's example, which type-checks under strict settings", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README has a ts block under ## Example').toBeTypeOf('string');
    writeFileSync(join(project, 'readme.mts'), `${example as string}export {};\n`);
    const checked = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noUncheckedIndexedAccess'], { cwd: project, encoding: 'utf8' });
    expect(checked.stdout.split('\n').filter((l) => l.includes('readme.mts'))).toEqual([]);
    writeFileSync(join(project, 'readme.mjs'), transformSync(example as string, { loader: 'ts', format: 'esm' }).code);
    const out = node('readme.mjs');
    // The example prints the loss falling, λ_max from a converged Lanczos run, and a trace estimate.
    const [l0, l1] = /loss (\S+) → (\S+)/.exec(out)!.slice(1).map(Number) as [number, number];
    expect(l1).toBeLessThan(l0);
    expect(out).toMatch(/converged true/);
    expect(out).toMatch(/tr H ≈ \d/);
  });

  it('installs the sgd-dynamics command', () => {
    const r = spawnSync(join(project, 'node_modules', '.bin', 'sgd-dynamics'), ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
