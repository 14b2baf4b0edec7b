/**
 * Runs every ```ts block of docs/langevin.md: each is written, with its `sgd-dynamics/<module>`
 * imports pointed at src/, to a temporary module beside this test and imported (vitest transforms
 * it), so an example that throws fails here.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const doc = readFileSync(join(root, 'docs', 'langevin.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const tmp = join(here, '.docs-examples');

describe('docs/langevin.md examples', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });
  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs`, async () => {
      mkdirSync(tmp, { recursive: true });
      const src = code.replace(/from 'sgd-dynamics\/([a-z-]+)'/g, (_m, mod: string) => `from '${join(root, 'src', mod, 'index').replace(/\\/g, '/')}'`);
      const file = join(tmp, `example-${i + 1}.ts`);
      writeFileSync(file, `${src}\nexport {};\n`);
      await import(/* @vite-ignore */ file);
    });
  });
});
