import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('house style', () => {
  it('every source file opens with a module header (a TSDoc block with @module or @packageDocumentation)', () => {
    const files = sources(join(root, 'src'));
    expect(files.length).toBeGreaterThan(50);
    const missing = files
      .filter((f) => !/^\/\*\*[\s\S]*?@(module|packageDocumentation)\b[\s\S]*?\*\//.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(missing).toEqual([]);
  });
});
