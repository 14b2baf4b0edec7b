/**
 * Runs every ```ts block of docs/fokker-planck.md, with `sgd-dynamics/fokker-planck` mapped to the
 * source, so that the guide's examples are executed (a block that throws fails the test).
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(join(root, 'docs', 'fokker-planck.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('docs/fokker-planck.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });
  const dir = mkdtempSync(join(tmpdir(), 'fp-doc-'));
  for (const [k, code] of blocks.entries()) {
    it(`example ${k + 1} runs`, async () => {
      const src = code.replaceAll("'sgd-dynamics/fokker-planck'", `'${join(root, 'src', 'fokker-planck', 'index.ts')}'`);
      const file = join(dir, `example-${k}.ts`);
      writeFileSync(file, src);
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await import(file);
        for (const call of log.mock.calls) for (const v of call) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      } finally {
        log.mockRestore();
      }
    });
  }
});
