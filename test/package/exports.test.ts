import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from './built';
import { subpaths } from '../../tsup.config';
import { VERSION } from '../../src/version';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, Record<string, Record<string, string>> | string>;
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
      const e = entry as Record<string, Record<string, string>>;
      for (const cond of ['import', 'require'] as const) {
        expect(Object.keys(e[cond]!)[0], `${name} ${cond}: types must come first`).toBe('types');
        for (const file of Object.values(e[cond]!)) expect(existsSync(join(root, file)), file).toBe(true);
      }
    }
  });

  it('keeps VERSION equal to package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });
});
