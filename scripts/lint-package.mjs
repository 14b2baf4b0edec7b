// Lints the package as npm would ship it: publint on the package, @arethetypeswrong/cli on the
// packed tarball (both offline). Exits non-zero on any error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

run(bin('publint'), ['--strict']);
const dir = mkdtempSync(join(tmpdir(), 'sgd-lint-'));
execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
const tarball = join(
  dir,
  readdirSync(dir).find((f) => f.endsWith('.tgz')),
);
// The CLI entry is a bin, not an export: attw checks the exports map.
run(bin('attw'), [tarball, '--profile', 'node16']);
