import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from './built';
import { subpaths } from '../../tsup.config';
import { VERSION } from '../../src/version';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  author: string;
  files: string[];
  scripts: Record<string, string>;
  types: string;
  typesVersions: Record<string, Record<string, string[]>>;
  exports: Record<string, Record<string, Record<string, string> | string> | string>;
};

// The subpaths DESIGN.md lays out (its "Layout" section): cli is a command, not a subpath.
const DESIGN_SUBPATHS = ['core', 'random', 'objectives', 'optim', 'spectral', 'diffusion-maps', 'langevin', 'fokker-planck', 'kramers', 'analysis', 'testing'];

describe('package layout', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('builds and exports every subpath of DESIGN.md, types first, ESM and CJS', () => {
    expect([...subpaths].sort()).toEqual([...DESIGN_SUBPATHS].sort());
    for (const name of ['.', ...DESIGN_SUBPATHS.map((s) => `./${s}`)]) {
      const entry = pkg.exports[name];
      expect(entry, name).toBeTypeOf('object');
      const e = entry as Record<string, Record<string, string> | string>;
      for (const cond of ['import', 'require'] as const) {
        const c = e[cond] as Record<string, string>;
        expect(Object.keys(c)[0], `${name} ${cond}: types must come first`).toBe('types');
        for (const file of Object.values(c)) expect(existsSync(join(root, file)), file).toBe(true);
      }
      // A fallback for resolvers that know neither condition, last (conditions match in order).
      expect(Object.keys(e).at(-1), `${name}: default comes last`).toBe('default');
      expect(e.default, name).toBe((e.import as Record<string, string>).default);
    }
  });

  it("resolves every subpath's types under moduleResolution node too (typesVersions, beside the CommonJS main)", () => {
    const map = pkg.typesVersions['*']!;
    expect(Object.keys(map).sort()).toEqual([...DESIGN_SUBPATHS].sort());
    for (const s of DESIGN_SUBPATHS) {
      expect(map[s]).toEqual([`./dist/${s}/index.d.cts`]);
      expect(existsSync(join(root, map[s]![0]!)), s).toBe(true);
    }
    expect(pkg.types).toBe('./dist/index.d.cts');
  });

  it('is a release: built on pack, guides shipped, a real author', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.build).toMatch(/tsup.*build-types/);
    expect(pkg.files).toContain('docs/*.md');
    expect(pkg.author).toBe('sgd-dynamics contributors');
  });

  it('has a CHANGELOG section for the package version, below [Unreleased]', () => {
    const log = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const headings = [...log.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
    expect(headings[0]).toBe('Unreleased');
    expect(headings[1]).toBe(pkg.version);
    expect(log).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  it('keeps VERSION equal to package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });
});
