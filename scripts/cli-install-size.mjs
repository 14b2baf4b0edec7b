// Measures the install size that the `sgd-dynamics` command's dependencies add to the package:
// for each CLI dependency, the bytes and files of the package and of its whole dependency closure
// in node_modules (resolved as Node resolves them: the nearest node_modules/<name> going up from the
// requiring package), and what it adds beyond the library's own dependencies (the packages a user
// installs anyway). Run from the lint step (npm run lint); it only prints, never fails on size.
//
//   node scripts/cli-install-size.mjs            the CLI's dependencies (CLI_DEPENDENCIES below)
//   node scripts/cli-install-size.mjs --compare  also the plotting candidates that were measured for
//                                                docs/cli.md (Observable Plot + linkedom, vega + vega-lite)
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The dependencies that only the command (src/cli) loads; every other "dependencies" entry is the library's. */
export const CLI_DEPENDENCIES = ['commander', '@observablehq/plot', 'linkedom'];
const CANDIDATES = [
  ['Observable Plot + linkedom', ['@observablehq/plot', 'linkedom']],
  ['vega + vega-lite', ['vega', 'vega-lite']],
];

/** The folder of package `name` as seen from the package folder `from` (Node's lookup), or null. */
function resolvePackage(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Bytes and files under `dir`, not descending into nested node_modules (those are packages of their own). */
function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += lstatSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** The package folders of `names` and everything they depend on (dependencies and non-optional peers), as a set of paths. */
function closure(names, from = root) {
  const seen = new Set();
  const missing = [];
  const visit = (name, parent) => {
    const dir = resolvePackage(name, parent);
    if (dir === null) {
      missing.push(name);
      return;
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const optionalPeers = new Set(
      Object.entries(p.peerDependenciesMeta ?? {})
        .filter(([, m]) => m.optional)
        .map(([n]) => n),
    );
    const deps = [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n))];
    for (const d of deps) visit(d, dir);
  };
  for (const n of names) visit(n, from);
  return { dirs: seen, missing };
}

function total(dirs) {
  let bytes = 0;
  let files = 0;
  for (const d of dirs) {
    const s = sizeOf(d);
    bytes += s.bytes;
    files += s.files;
  }
  return { bytes, files, packages: dirs.size };
}

const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
const libraryDeps = Object.keys(pkg.dependencies ?? {}).filter((d) => !CLI_DEPENDENCIES.includes(d));
const library = closure(libraryDeps).dirs;
const without = (dirs) => new Set([...dirs].filter((d) => !library.has(d)));

function row(label, names) {
  const c = closure(names);
  const own = total(new Set(names.map((n) => resolvePackage(n, root)).filter((d) => d !== null)));
  const added = total(without(c.dirs));
  const miss = c.missing.length > 0 ? `  (not installed: ${[...new Set(c.missing)].join(', ')})` : '';
  console.log(
    `  ${label.padEnd(28)} package ${mb(own.bytes).padStart(9)}  closure ${mb(added.bytes).padStart(9)} in ${String(added.files).padStart(5)} files, ${String(added.packages).padStart(3)} packages${miss}`,
  );
  return c;
}

for (const d of CLI_DEPENDENCIES) if (!(d in (pkg.dependencies ?? {}))) console.log(`cli-install-size: ${d} is not in package.json "dependencies"`);
console.log("cli-install-size: what the command's dependencies add to an install (beyond the library's own dependencies)");
for (const d of CLI_DEPENDENCIES) row(d, [d]);
const all = closure(CLI_DEPENDENCIES).dirs;
const t = total(without(all));
console.log(
  `  ${'all CLI dependencies'.padEnd(28)} ${' '.repeat(17)}  closure ${mb(t.bytes).padStart(9)} in ${String(t.files).padStart(5)} files, ${String(t.packages).padStart(3)} packages`,
);
const lib = total(library);
console.log(`  (the library's own dependencies: ${mb(lib.bytes)} in ${lib.files} files, ${lib.packages} packages)`);
if (process.argv.includes('--compare')) {
  console.log('plotting candidates (docs/cli.md):');
  for (const [label, names] of CANDIDATES) row(label, names);
}
