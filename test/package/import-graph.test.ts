/**
 * The import graph of src/: no cycle among its files (neither through the imports loaded at run time
 * nor through type-only ones), and the module layering of the architecture,
 *
 *   core ← random ← objectives ← optim, spectral, langevin ← kramers, analysis ← cli
 *
 * with fokker-planck on core and spectral, diffusion-maps on core, random and spectral, and nothing
 * importing testing or cli. Imports are read with the TypeScript parser, so every form counts:
 * `import … from`, `export … from`, side-effect imports, `import()` and `import('…').T` types.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, relative, sep } from 'node:path';
import ts from 'typescript';
import { root } from './built';

/** How an import reaches its target: loaded with the importer, loaded on demand, or types only. */
type ImportKind = 'static' | 'dynamic' | 'type';

interface ImportEdge {
  specifier: string;
  kind: ImportKind;
}

/** True when the specifiers of an import or export clause are all marked `type`. */
function allTypeOnly(elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[]): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/**
 * The module specifiers a source file imports, each with its kind. `import type`, `export type` and
 * clauses whose every name is `type` are erased by the compiler ('type'); `import()` loads on demand
 * ('dynamic'); everything else, side-effect imports included, is loaded with the file ('static').
 */
function importsOf(fileName: string, text: string): ImportEdge[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      let typeOnly = clause?.phaseModifier === ts.SyntaxKind.TypeKeyword;
      if (clause && !typeOnly && clause.name === undefined && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        typeOnly = allTypeOnly(clause.namedBindings.elements);
      }
      edges.push({ specifier: node.moduleSpecifier.text, kind: typeOnly ? 'type' : 'static' });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const typeOnly = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && allTypeOnly(clause.elements));
      edges.push({ specifier: node.moduleSpecifier.text, kind: typeOnly ? 'type' : 'static' });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) edges.push({ specifier: ref.text, kind: node.isTypeOnly ? 'type' : 'static' });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) edges.push({ specifier: arg.text, kind: 'dynamic' });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      edges.push({ specifier: node.argument.literal.text, kind: 'type' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

/** A directed graph: each node's successors. */
type Graph = ReadonlyMap<string, readonly string[]>;

/**
 * Every cycle of `graph`, one per strongly connected component that has one (Tarjan), each as the
 * shortest closed path from the component's least node back to it, e.g. ['a', 'b', 'a'].
 */
function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort()[0] as string;
    if (component.length === 1 && !(graph.get(start) ?? []).includes(start)) continue;
    // Breadth-first search inside the component from start back to start.
    const parent = new Map<string, string>();
    const queue = [start];
    let last: string | undefined;
    for (let head = 0; head < queue.length && last === undefined; head++) {
      const v = queue[head] as string;
      for (const w of [...(graph.get(v) ?? [])].sort()) {
        if (w === start) {
          last = v;
          break;
        }
        if (members.has(w) && !parent.has(w)) {
          parent.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = last as string; v !== start; v = parent.get(v) as string) path.splice(1, 0, v);
    path.push(start);
    cycles.push(path);
  }
  return cycles.sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

/**
 * Which modules each module may import (besides itself and src/version.ts, a constant). "index" is
 * src/index.ts, the root re-export. A new folder under src/ must be given its place here.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  random: ['core'],
  objectives: ['core', 'random'],
  optim: ['core', 'random', 'objectives'],
  spectral: ['core', 'random', 'objectives'],
  // Langevin's SGD-noise models use Lanczos (top eigenpairs of the Hessian) for their low-rank form.
  langevin: ['core', 'random', 'objectives', 'spectral'],
  'fokker-planck': ['core', 'spectral'],
  'diffusion-maps': ['core', 'random', 'spectral'],
  kramers: ['core', 'random', 'objectives', 'optim', 'spectral', 'langevin', 'fokker-planck', 'diffusion-maps'],
  analysis: ['core', 'random', 'objectives', 'optim', 'spectral', 'langevin', 'fokker-planck', 'diffusion-maps'],
  // The command runs the library's experiments; it ships in the package, so it must not load testing
  // (and with it fast-check, an optional peer dependency).
  cli: ['core', 'random', 'objectives', 'optim', 'spectral', 'langevin', 'fokker-planck', 'diffusion-maps', 'kramers', 'analysis'],
  // Test helpers for users' property tests: anything of the library, and nothing imports them.
  testing: ['core', 'random', 'objectives', 'optim', 'spectral', 'langevin', 'fokker-planck', 'diffusion-maps', 'kramers', 'analysis', 'index'],
  index: ['core', 'random', 'objectives', 'optim', 'spectral', 'langevin', 'fokker-planck', 'diffusion-maps', 'kramers', 'analysis'],
  version: [],
};

/** Packages that only some modules may import. */
const PACKAGE_ONLY_IN: Readonly<Record<string, readonly string[]>> = {
  // An optional peer dependency: only the testing module, which users load for property tests.
  'fast-check': ['testing'],
};

/** The module of a file under src/: its folder, or "index" / "version" for the two root files. */
function moduleOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? (parts[1] as string) : (parts[1] as string).replace(/\.ts$/, '');
}

/** Module-level edges that the layering forbids, as 'from-file → to-file (kind)'. */
function layeringViolations(edges: readonly { from: string; to: string; kind: ImportKind }[]): string[] {
  const out: string[] = [];
  for (const { from, to, kind } of edges) {
    const a = moduleOf(from);
    const b = moduleOf(to);
    const allowed = MAY_IMPORT[a];
    if (allowed === undefined) out.push(`${from}: module '${a}' has no place in MAY_IMPORT`);
    else if (a !== b && b !== 'version' && !allowed.includes(b)) out.push(`${from} → ${to} (${kind}): '${a}' may not import '${b}'`);
  }
  return out;
}

const srcDir = join(root, 'src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier of `from` names (bundler resolution: `x.ts`, `x/index.ts`, `x.js` → `x.ts`). */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  const candidates = [base.replace(/\.[cm]?js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

const rel = (path: string): string => relative(root, path).split(sep).join('/');

interface FileEdge {
  from: string;
  to: string;
  kind: ImportKind;
}

/** Every import of every src/ file: relative ones resolved to files, bare ones kept as package names. */
function readGraph(): { files: string[]; edges: FileEdge[]; packages: { from: string; name: string }[]; unresolved: string[] } {
  const files = sourceFiles(srcDir);
  const edges: FileEdge[] = [];
  const packages: { from: string; name: string }[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    for (const { specifier, kind } of importsOf(file, readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (target === undefined) unresolved.push(`${rel(file)}: '${specifier}'`);
        else edges.push({ from: rel(file), to: rel(target), kind });
      } else {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
        packages.push({ from: rel(file), name });
      }
    }
  }
  return { files: files.map(rel), edges, packages, unresolved };
}

/** The file graph of the edges of the given kinds. */
function fileGraph(files: readonly string[], edges: readonly FileEdge[], kinds: readonly ImportKind[]): Map<string, string[]> {
  const graph = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) if (kinds.includes(e.kind)) graph.get(e.from)?.push(e.to);
  return graph;
}

describe('the import detector (controls on in-memory input)', () => {
  it('classifies every import form', () => {
    const text = `
import { a } from './a';
import type { B } from './b';
import { type C, type D } from './c';
import { type E, f } from './e';
import g from './g';
import * as h from './h';
import './side-effect';
export * from './star';
export type * from './type-star';
export { i } from './i';
export type { J } from './j';
export { type K } from './k';
import l = require('./l');
const m = () => import('./m');
type N = import('./n').N;
import fc from 'fast-check';
`;
    const kinds = Object.fromEntries(importsOf('x.ts', text).map((e) => [e.specifier, e.kind]));
    expect(kinds).toEqual({
      './a': 'static',
      './b': 'type',
      './c': 'type',
      './e': 'static',
      './g': 'static',
      './h': 'static',
      './side-effect': 'static',
      './star': 'static',
      './type-star': 'type',
      './i': 'static',
      './j': 'type',
      './k': 'type',
      './l': 'static',
      './m': 'dynamic',
      './n': 'type',
      'fast-check': 'static',
    });
  });

  it('finds a cycle, with its path, and reports none in an acyclic graph', () => {
    const cyclic = new Map([
      ['d', ['a']],
      ['a', ['b']],
      ['b', ['c', 'e']],
      ['c', ['a']],
      ['e', []],
      ['s', ['s']],
    ]);
    expect(findCycles(cyclic)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['s', 's'],
    ]);
    const acyclic = new Map([
      ['a', ['b', 'c']],
      ['b', ['c']],
      ['c', []],
    ]);
    expect(findCycles(acyclic)).toEqual([]);
  });

  it('flags an import against the layering', () => {
    expect(
      layeringViolations([
        { from: 'src/core/dense.ts', to: 'src/optim/gd.ts', kind: 'type' },
        { from: 'src/optim/gd.ts', to: 'src/core/dense.ts', kind: 'static' },
        { from: 'src/index.ts', to: 'src/testing/index.ts', kind: 'static' },
        { from: 'src/cli/run.ts', to: 'src/version.ts', kind: 'static' },
        { from: 'src/new-module/x.ts', to: 'src/core/dense.ts', kind: 'static' },
      ]),
    ).toEqual([
      "src/core/dense.ts → src/optim/gd.ts (type): 'core' may not import 'optim'",
      "src/index.ts → src/testing/index.ts (static): 'index' may not import 'testing'",
      "src/new-module/x.ts: module 'new-module' has no place in MAY_IMPORT",
    ]);
  });
});

describe('the import graph of src/', () => {
  const { files, edges, packages, unresolved } = readGraph();

  it('is read: every relative import resolves to a source file', () => {
    expect(unresolved).toEqual([]);
    // The reader sees the graph (not an empty one): the root index re-exports every module.
    expect(files.length).toBeGreaterThan(50);
    expect(edges).toContainEqual({ from: 'src/index.ts', to: 'src/core/index.ts', kind: 'static' });
    expect(edges.filter((e) => e.kind === 'static').length).toBeGreaterThan(100);
  });

  it('has no cycle among the imports loaded at run time', () => {
    // A cycle here is one that module evaluation order can break (a binding read before it is set).
    const cycles = findCycles(fileGraph(files, edges, ['static'])).map((c) => c.join(' → '));
    expect(cycles, 'run-time import cycles').toEqual([]);
  });

  it('has no cycle among all its imports, type-only and on-demand ones included', () => {
    // Harmless at run time, but two files that need each other's types are one unit in two files.
    const cycles = findCycles(fileGraph(files, edges, ['static', 'dynamic', 'type'])).map((c) => c.join(' → '));
    expect(cycles, 'import cycles').toEqual([]);
  });

  it('follows the module layering, type-only and on-demand imports included', () => {
    expect(layeringViolations(edges)).toEqual([]);
    for (const module of new Set(files.map(moduleOf))) expect(MAY_IMPORT, `module '${module}'`).toHaveProperty([module]);
  });

  it('imports restricted packages only where they are allowed', () => {
    const misplaced = packages
      .filter(({ from, name }) => {
        const only = PACKAGE_ONLY_IN[name];
        return only !== undefined && !only.includes(moduleOf(from));
      })
      .map(({ from, name }) => `${from} imports ${name}`);
    expect(misplaced).toEqual([]);
  });
});
