/**
 * Runs every ```ts block of README.md and of every docs/*.md, so that the guides' examples cannot
 * rot. Each block is written, with `sgd-dynamics` and `sgd-dynamics/<subpath>` pointed at
 * src/index.ts and src/<subpath>/index.ts, to a module of its own under .tmp/ and imported (vitest
 * transforms it): a block that throws, rejects, or logs a non-finite number (console.log arguments,
 * or the entries of an array or typed array it logs) fails. A new guide in docs/ is covered without
 * any change here.
 *
 * The same blocks, as written (imports from 'sgd-dynamics/…'), must also type-check under strict
 * settings with noUncheckedIndexedAccess, so that an undefined name on a branch the run does not take
 * fails too.
 *
 * A block may opt out only with an explicit marker on its fence, ```ts no-run, meant for signatures
 * and other text that is not a program; the test counts them and prints where they are.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../package/built';

/** One fenced block of a Markdown file: where it starts, its info string and its code. */
interface Block {
  file: string;
  line: number;
  info: string;
  code: string;
}

/** The marker that excludes a block from running. */
const NO_RUN = 'no-run';

/**
 * Every fenced block whose language is ts or typescript. Fences are read line by line, so a ``` line
 * inside another language's block (a shell session, a message) cannot start a ts block.
 */
export function tsBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[i] as string);
    if (!open) continue;
    const [, indent, fence, lang, info] = open as unknown as [string, string, string, string, string];
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const l = lines[i] as string;
      const t = l.trim();
      if (t.length >= fence.length && t === (fence[0] as string).repeat(t.length)) break;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l);
    }
    if (lang === 'ts' || lang === 'typescript') out.push({ file, line: start + 1, info: info.trim(), code: body.join('\n') });
  }
  return out;
}

const docs = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => `docs/${f}`);
const files = ['README.md', ...docs];
const blocks = files.flatMap((f) => tsBlocks(f, readFileSync(join(root, f), 'utf8')));
const runnable = blocks.filter((b) => !b.info.split(/\s+/).includes(NO_RUN));
const optedOut = blocks.filter((b) => b.info.split(/\s+/).includes(NO_RUN));

const tmp = join(root, '.tmp', `docs-examples-${process.pid}`);
const src = (subpath: string): string => join(root, 'src', subpath, 'index.ts').replace(/\\/g, '/');

/** The block with its package imports pointed at the sources (static imports, re-exports and `import()`). */
export function toSourceImports(code: string): string {
  return code.replace(/(['"])sgd-dynamics(?:\/([a-z-]+))?\1/g, (_m, _q: string, subpath: string | undefined) => `'${src(subpath ?? '')}'`);
}

/** The numbers among what was logged that are not finite: plain numbers, array and typed-array entries. */
function nonFinite(args: readonly unknown[]): unknown[] {
  const bad: unknown[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) bad.push(v);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) Array.from(v as unknown as ArrayLike<number>).forEach(visit);
  };
  args.forEach(visit);
  return bad;
}

const timings: { where: string; ms: number }[] = [];

describe('every ts example of README.md and docs/*.md runs', () => {
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    const slow = timings.filter((t) => t.ms > 2000).map((t) => `${t.where} (${(t.ms / 1000).toFixed(1)} s)`);
    console.info(
      [
        `docs examples: ${runnable.length} run, ${optedOut.length} opted out with \`\`\`ts ${NO_RUN}` +
          (optedOut.length > 0 ? `: ${optedOut.map((b) => `${b.file}:${b.line}`).join(', ')}` : ''),
        ...(slow.length > 0 ? [`over 2 s: ${slow.join(', ')}`] : []),
      ].join('\n'),
    );
  });

  it('finds the examples of the README and of the guides', () => {
    expect(runnable.filter((b) => b.file === 'README.md').length).toBeGreaterThanOrEqual(1);
    expect(runnable.length).toBeGreaterThanOrEqual(30);
  });

  it('reads fences line by line, maps every import form, and sees through opt-outs only when marked', () => {
    const md = ['```sh', '```ts', 'not ts', '```', '', '```ts no-run', 'f(x): number', '```', '~~~typescript', "import 'sgd-dynamics';", '~~~'].join('\n');
    const found = tsBlocks('x.md', md);
    expect(found.map((b) => [b.line, b.info, b.code])).toEqual([
      [6, 'no-run', 'f(x): number'],
      [9, '', "import 'sgd-dynamics';"],
    ]);
    expect(toSourceImports(`import { a } from "sgd-dynamics/optim";\nconst m = await import('sgd-dynamics');`)).toBe(
      `import { a } from '${src('optim')}';\nconst m = await import('${src('')}');`,
    );
    expect(nonFinite([1, 'NaN', [2, Number.NaN], Float64Array.of(0, Infinity), { x: NaN }])).toEqual([Number.NaN, Infinity]);
  });

  it('every example type-checks (strict, noUncheckedIndexedAccess), with the package names mapped to src/', () => {
    const dir = join(tmp, 'typecheck');
    mkdirSync(dir, { recursive: true });
    for (const [k, b] of runnable.entries()) writeFileSync(join(dir, `${b.file.replace(/[^A-Za-z0-9]+/g, '-')}-${b.line}-${k}.ts`), `${b.code}\nexport {};\n`);
    const compilerOptions = {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      paths: { 'sgd-dynamics': ['../../../src/index.ts'], 'sgd-dynamics/*': ['../../../src/*/index.ts'] },
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  for (const [k, block] of runnable.entries()) {
    const where = `${block.file}:${block.line}`;
    it(`${where} runs`, async () => {
      mkdirSync(tmp, { recursive: true });
      const file = join(tmp, `${block.file.replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}-${k}.ts`);
      writeFileSync(file, `${toSourceImports(block.code)}\nexport {};\n`);
      const logged: unknown[][] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        logged.push(args);
      });
      const t0 = performance.now();
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        log.mockRestore();
        timings.push({ where, ms: performance.now() - t0 });
      }
      expect(logged.flatMap(nonFinite), `${where} logged non-finite numbers`).toEqual([]);
    }, 30_000);
  }
});
