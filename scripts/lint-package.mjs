// Lints the package as npm would ship it: publint on the package, @arethetypeswrong/cli on the
// packed tarball (both offline), in every attw profile: 'strict' resolves each entry point under
// node10 (moduleResolution "node"), node16 (CommonJS and ESM) and bundler; 'node16' and 'esm-only'
// are its subsets, run too so that a rule ignored by one of them cannot hide behind the others.
// Expects a fresh build (npm run lint builds first), so the tarball is packed without re-running
// prepack. Exits non-zero on any error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

run(bin('publint'), ['--strict']);
const dir = mkdtempSync(join(tmpdir(), 'sgd-lint-'));
try {
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz')),
  );
  // The CLI entry is a bin, not an export: attw checks the exports map (and typesVersions for node10).
  for (const profile of ['strict', 'node16', 'esm-only']) run(bin('attw'), [tarball, '--profile', profile]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
