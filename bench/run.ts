/**
 * `npm run bench [-- filter…]`: runs every `bench/*.bench.ts` (or those whose name contains a
 * filter). Each exports `run(): Promise<void>` that prints its figures and, where a peer is
 * installed, the peer's figures on the same inputs in the same run and the ratio.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) console.log(`no benchmark matches ${filters.join(' ')}`);
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const mod = (await import(`./${f}`)) as { run: () => Promise<void> };
  await mod.run();
}
