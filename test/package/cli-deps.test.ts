/**
 * The command's dependencies (commander, Observable Plot, linkedom; and vega/vega-lite, the measured
 * alternative) stay out of the library: no file of src/ outside src/cli imports them, no built file
 * of a library subpath (dist/<subpath>/…, dist/index.*, the shared chunks) names them, and the built
 * command keeps them external (imported, not inlined). They are in package.json's "dependencies", so
 * that `npx sgd-dynamics` installs them. (The bundle-size guard, scripts/bundle-sizes.mjs --check,
 * covers the size of each subpath's browser bundle.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from '../cli/built-cli';
import { root } from './built';

const CLI_ONLY = ['commander', '@observablehq/plot', 'linkedom', 'vega', 'vega-lite', 'd3', 'htmlparser2', 'puppeteer-core'];
const specifier = (name: string) => new RegExp(`(?:from\\s*|import\\s*\\(\\s*|require\\s*\\(\\s*|import\\s+)["']${name.replace('/', '\\/')}(?:/[^"']*)?["']`);

function files(dir: string, ext: RegExp): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => ext.test(f)).map((f) => join(dir, f));
}

describe('the CLI dependencies stay out of the library', () => {
  let main = '';
  beforeAll(() => {
    main = builtCli();
  }, 300_000);

  it('the pattern finds an import (so the checks below can fail)', () => {
    expect(specifier('commander').test(`import { Command } from "commander";`)).toBe(true);
    expect(specifier('@observablehq/plot').test(`await import("@observablehq/plot")`)).toBe(true);
    expect(specifier('d3').test(`import "d3-array"`)).toBe(false);
    expect(specifier('d3').test(`import "d3/x"`)).toBe(true);
  });

  it('no library source file imports them', () => {
    const offenders = files(join(root, 'src'), /\.ts$/)
      .filter((f) => !f.startsWith(join(root, 'src', 'cli')))
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8');
        return CLI_ONLY.filter((n) => specifier(n).test(text)).map((n) => `${f} imports ${n}`);
      });
    expect(offenders).toEqual([]);
  });

  it('no built file of the library names them', () => {
    const built = files(join(root, 'dist'), /\.(c?js|d\.c?ts)$/).filter((f) => !f.startsWith(join(root, 'dist', 'cli')));
    expect(built.length).toBeGreaterThan(20);
    const offenders = built.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return CLI_ONLY.filter((n) => specifier(n).test(text)).map((n) => `${f} names ${n}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the built command imports them, does not inline them, and package.json lists them as dependencies', () => {
    const text = readFileSync(main, 'utf8');
    expect(text).toMatch(/from "commander"/);
    expect(text).toMatch(/import\("@observablehq\/plot"\)/);
    expect(text).toMatch(/import\("linkedom"\)/);
    // Inlined code would carry their sources: Plot's mark classes, linkedom's parser, commander's Command class.
    expect(text).not.toMatch(/class Command extends|function plot\(options|parseHTML = /);
    // The command bundles the library modules its experiments run (about 0.5 MB); Plot and linkedom
    // alone are 2.7 MB of source, so a bundle over 1 MB means one of them was pulled in.
    expect(text.length).toBeLessThan(1_000_000);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const d of ['commander', '@observablehq/plot', 'linkedom']) expect(pkg.dependencies, d).toHaveProperty([d]);
    expect(pkg.devDependencies).toHaveProperty(['puppeteer-core']);
  });
});
