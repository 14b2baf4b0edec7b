import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, root } from './built';

/**
 * Bundles `source` as a consumer would (esbuild, resolving `sgd-dynamics` through the package's
 * exports map to dist/) and returns the bundle's text.
 */
async function bundle(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sgd-shake-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'sgd-dynamics'), 'dir');
  const result = await build({
    stdin: { contents: source, resolveDir: dir, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// Markers: ml-matrix's base class, ndarray's constructor compiler, fast-check's entry.
const ML_MATRIX = /\bclass _?AbstractMatrix\b/; // esbuild may write `class _AbstractMatrix`
const NDARRAY = /function compileConstructor/;
const FAST_CHECK = /fast-check/i;
// seedrandom's generators other than Alea (xor128, xorwow, xorshift7, xor4096, tychei share `function XorGen`) and its ARC4 default.
const OTHER_SEEDRANDOM = /function XorGen|function ARC4/;
const ALEA = /function Alea/;

describe('tree-shaking', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('a bundle of createRng from sgd-dynamics/random holds no ml-matrix, ndarray or fast-check', async () => {
    const text = await bundle(`import { createRng } from 'sgd-dynamics/random'; console.log(createRng(1).normal());`);
    expect(text).toMatch(/zigguratNormal/); // what was asked for is there
    expect(text).toMatch(ALEA);
    expect(text).not.toMatch(OTHER_SEEDRANDOM);
    expect(text).not.toMatch(ML_MATRIX);
    expect(text).not.toMatch(NDARRAY);
    expect(text).not.toMatch(FAST_CHECK);
  });

  it('the same import from the package root tree-shakes as well', async () => {
    const text = await bundle(`import { createRng } from 'sgd-dynamics'; console.log(createRng(1).normal());`);
    expect(text).toMatch(/zigguratNormal/);
    expect(text).not.toMatch(ML_MATRIX);
    expect(text).not.toMatch(NDARRAY);
  });

  it('objectives and the whole root entry never load fast-check (only sgd-dynamics/testing does)', async () => {
    const models = await bundle(`import { mlp, doubleWell } from 'sgd-dynamics/objectives'; console.log(mlp, doubleWell);`);
    expect(models).toMatch(/function mlp/);
    expect(models).not.toMatch(FAST_CHECK);
    const solvers = await bundle(
      `import { lanczos } from 'sgd-dynamics/spectral'; import { sgd, gradientFlow } from 'sgd-dynamics/optim'; console.log(lanczos, sgd, gradientFlow);`,
    );
    expect(solvers).toMatch(/function lanczos/);
    expect(solvers).not.toMatch(FAST_CHECK);
    const everything = await bundle(`import * as all from 'sgd-dynamics'; console.log(Object.keys(all).length);`);
    expect(everything).not.toMatch(FAST_CHECK);
    const kit = await bundle(`import { checkGradient, spdMatrix } from 'sgd-dynamics/testing'; console.log(checkGradient, spdMatrix);`);
    expect(kit).toMatch(FAST_CHECK);
  });

  it('lanczos, symmetricEigen and the models carry no ml-matrix (its Matrix class cannot be tree-shaken)', async () => {
    for (const source of [
      `import { lanczos } from 'sgd-dynamics/spectral'; console.log(lanczos);`,
      `import { symmetricEigen } from 'sgd-dynamics/core'; console.log(symmetricEigen([[1]]));`,
      `import { mlp, linearRegression, quadratic } from 'sgd-dynamics/objectives'; console.log(mlp, linearRegression, quadratic);`,
      `import { sgd } from 'sgd-dynamics/optim'; console.log(sgd);`,
    ]) {
      const text = await bundle(source);
      expect(text, source).toMatch(/function (lanczos|symmetricEigen|mlp|sgd)\b/);
      expect(text, source).not.toMatch(ML_MATRIX);
    }
  });

  it('the markers do detect the libraries when they are used (the test can fail)', async () => {
    const text = await bundle(`import { toMlMatrix, toPoints } from 'sgd-dynamics/core'; console.log(toMlMatrix(new Float64Array(1), 1), toPoints([[1]]));`);
    expect(text).toMatch(ML_MATRIX);
    expect(text).toMatch(NDARRAY);
    for (const file of ['seedrandom.js', 'lib/xor128.js', 'lib/xorwow.js', 'lib/xorshift7.js', 'lib/xor4096.js', 'lib/tychei.js']) {
      expect(readFileSync(join(root, 'node_modules', 'seedrandom', file), 'utf8'), file).toMatch(OTHER_SEEDRANDOM);
    }
    expect(readFileSync(join(root, 'node_modules', 'seedrandom', 'lib', 'alea.js'), 'utf8')).toMatch(ALEA);
  });
});
