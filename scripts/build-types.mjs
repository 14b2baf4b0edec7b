// Emits the package's type declarations: one .d.ts per source file (tsc, tsconfig.build.json), so
// that go-to-definition lands in dist/optim/driver.d.ts beside its TSDoc, not in a hashed chunk.
// Each declaration is written twice, for the two halves of the exports map:
//   dist/<path>.d.ts  (ESM, "import" condition): relative specifiers rewritten to './x.js'
//   dist/<path>.d.cts (CJS, "require" condition): relative specifiers rewritten to './x.cjs'
// as node16/nodenext resolution requires explicit extensions (TypeScript maps x.js → x.d.ts and
// x.cjs → x.d.cts). Run after tsup (whose `clean` empties dist/).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = join(root, '.tmp', 'types');
const dist = join(root, 'dist');

rmSync(staging, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});

/** Every file under dir, recursively. */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

/** The declaration text with every relative specifier pointed at `./x<ext>` or `./x/index<ext>`. */
function rewrite(file, text, ext) {
  return text.replace(SPECIFIER, (whole, lead, quote, spec) => {
    const target = resolve(dirname(file), spec);
    let out;
    if (existsSync(`${target}.d.ts`)) out = `${spec}${ext}`;
    else if (existsSync(join(target, 'index.d.ts'))) out = `${spec.replace(/\/$/, '')}/index${ext}`;
    else throw new Error(`build-types: ${relative(staging, file)}: cannot resolve '${spec}'`);
    return `${lead}${quote}${out}${quote}`;
  });
}

let count = 0;
for (const file of walk(staging)) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const base = join(dist, relative(staging, file)).replace(/\.d\.ts$/, '');
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}.d.ts`, rewrite(file, text, '.js'));
  writeFileSync(`${base}.d.cts`, rewrite(file, text, '.cjs'));
  count++;
}
rmSync(staging, { recursive: true, force: true });
if (count === 0) throw new Error('build-types: tsc emitted no declarations');
