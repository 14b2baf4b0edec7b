/**
 * The fuzz worker (bundled by fuzz-exports.test.ts with esbuild and run in a worker thread, so that a
 * call that hangs can be stopped): enumerates the exports of every subpath, builds each spec's bad
 * calls and runs them in order, posting a `start` message before each call and a `result` after it.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import * as root from '../../src/index';
import * as core from '../../src/core/index';
import * as random from '../../src/random/index';
import * as objectives from '../../src/objectives/index';
import * as optim from '../../src/optim/index';
import * as spectral from '../../src/spectral/index';
import * as diffusionMaps from '../../src/diffusion-maps/index';
import * as langevin from '../../src/langevin/index';
import * as fokkerPlanck from '../../src/fokker-planck/index';
import * as kramers from '../../src/kramers/index';
import * as analysis from '../../src/analysis/index';
import * as testing from '../../src/testing/index';
import { classify, fuzzCases } from './fuzz-engine';
import { SPECS } from './fuzz-specs';

const ROOT: Record<string, unknown> = { ...root };
const SUBPATHS: Record<string, Record<string, unknown>> = {
  core,
  random,
  objectives,
  optim,
  spectral,
  'diffusion-maps': diffusionMaps,
  langevin,
  'fokker-planck': fokkerPlanck,
  kramers,
  analysis,
  testing,
};

/** A request from the test: list the exports, or run an export's calls from `start` on. */
export type FuzzRequest = { type: 'list' } | { type: 'run'; subpath: string; name: string; start: number };

/** Every export: subpath, name, and where the same binding was already listed (fuzzed once, counted once). */
function listExports(): { subpath: string; name: string; sameAs: string | null; hasSpec: boolean; cases: number; unchecked: boolean }[] {
  const first = new Map<unknown, string>();
  const out: ReturnType<typeof listExports> = [];
  const add = (subpath: string, mod: Record<string, unknown>): void => {
    for (const [name, value] of Object.entries(mod)) {
      const prev = first.get(value);
      const spec = SPECS[name];
      if (prev === undefined) first.set(value, `${subpath}/${name}`);
      out.push({
        subpath,
        name,
        sameAs: prev ?? null,
        hasSpec: spec !== undefined,
        cases: spec?.args === undefined || prev !== undefined ? 0 : fuzzCases(spec).length + 1,
        unchecked: spec?.unchecked === true,
      });
    }
  };
  for (const [s, m] of Object.entries(SUBPATHS)) add(s, m);
  add('root', root);
  return out;
}

async function runFrom(subpath: string, name: string, start: number): Promise<void> {
  const spec = SPECS[name];
  const fn = (SUBPATHS[subpath] ?? ROOT)[name];
  const port = parentPort;
  if (spec === undefined || port === null) return;
  const cases = fuzzCases(spec);
  // Case 0 is the valid call itself: the spec must be right for the bad calls to mean anything.
  const all = [{ path: '', names: [], label: 'valid call', build: spec.args ?? ((): unknown[] => []) }, ...cases];
  for (let i = start; i < all.length; i++) {
    const c = all[i];
    if (c === undefined) break;
    port.postMessage({ type: 'start', index: i, path: c.path, label: c.label });
    let threw = false;
    let value: unknown;
    try {
      value = (fn as (...a: unknown[]) => unknown)(...c.build());
      if (value instanceof Promise) value = await value;
    } catch (e) {
      threw = true;
      value = e;
    }
    let r = classify(c.names, spec.allowUnknownKeys === true ? '' : c.label, threw, value);
    if (i === 0)
      r =
        threw || r.outcome === 'silent-nan'
          ? { outcome: 'other-error', detail: `the valid call failed: ${r.detail || String(value)}` }
          : { outcome: 'accepted', detail: '' };
    port.postMessage({ type: 'result', index: i, path: c.path, label: c.label, ...r });
  }
  port.postMessage({ type: 'done' });
}

parentPort?.on('message', (req: FuzzRequest) => {
  if (req.type === 'list') parentPort?.postMessage({ type: 'list', exports: listExports() });
  else void runFrom(req.subpath, req.name, req.start);
});
