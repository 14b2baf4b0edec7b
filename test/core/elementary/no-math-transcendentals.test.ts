/**
 * The cross-engine guarantee holds only while src/ calls no implementation-approximated `Math.*`
 * function (ECMAScript leaves exp, log, sin, pow, tanh, hypot … to the engine): every use, called or
 * passed as a value (`xs.map(Math.log)`), must go through src/core/elementary. Comments may name them.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const APPROXIMATED = /\bMath\.(exp|expm1|log|log1p|log2|log10|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|hypot|cbrt)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('engine-independent arithmetic', () => {
  it('src/ uses no implementation-approximated Math function outside comments', () => {
    const hits: string[] = [];
    for (const file of sources(join(root, 'src'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.trimStart();
          if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
          const beforeComment = line.split(' // ')[0] as string;
          if (APPROXIMATED.test(beforeComment)) hits.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
