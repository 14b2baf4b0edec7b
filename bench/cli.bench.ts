/**
 * The command's plotting: the time to draw 10 representative plots (5 of the escape-scaling kind:
 * every mark type on log axes with series and a legend; 5 embeddings of 1000 points coloured by
 * time) to SVG with the renderer the command uses (Observable Plot over linkedom) and with the
 * alternative that was measured for docs/cli.md (vega-lite compiled to vega, vega's headless SVG
 * renderer), the one-off import time of each, the SVG bytes; and matplotlib's SVG backend on the same
 * data as the peer. The install sizes come from scripts/cli-install-size.mjs --compare.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { PlotMark, PlotSpec } from '../src/cli/experiment';
import { loadPlotRenderer } from '../src/cli/plot-svg';
import { expectedResult } from '../test/cli/fixtures/fake-experiments';
import { peerAvailable, ratio, runPeer } from './harness';

/** Median of `repeats` timings (ms) of `fn`, after one warm-up. */
async function medianMs(fn: () => unknown, repeats = 3): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] ?? NaN;
}

/** The ten plots: the fake experiment's scaling plot (all marks) and a 1000-point embedding, five each. */
function plots(): PlotSpec[] {
  const out: PlotSpec[] = [];
  for (let i = 0; i < 5; i++) {
    const r = expectedResult('escape', { seed: i, mode: 'quick' });
    const scaling = r.plots[0] as PlotSpec;
    const pts = Array.from({ length: 1000 }, (_, k) => ({ psi1: Math.sqrt(k / 100 + 1), psi2: ((k % 97) / 97) * 0.2 + k / 1000, t: k / 100 }));
    const embedding: PlotSpec = { ...(r.plots[1] as PlotSpec), marks: (r.plots[1] as PlotSpec).marks.map((m) => ({ ...m, data: pts })) };
    out.push({ ...scaling, id: `scaling-${i}` }, { ...embedding, id: `embedding-${i}` });
  }
  return out;
}

/** The same plot as a vega-lite spec (layers of the marks; the measured alternative, not used by the command). */
function vegaLite(spec: PlotSpec): Record<string, unknown> {
  const scale = (t: 'linear' | 'log' | undefined) => ({ type: t ?? 'linear' });
  const q = (field: string | undefined, axis: 'x' | 'y') =>
    field === undefined
      ? undefined
      : { field, type: 'quantitative', scale: scale(axis === 'x' ? spec.x.type : spec.y.type), title: axis === 'x' ? spec.x.label : spec.y.label };
  const colour = (m: PlotMark) =>
    m.color !== undefined
      ? { field: m.color, type: 'quantitative', scale: { scheme: 'viridis' }, title: spec.colorLabel }
      : m.series !== undefined
        ? { field: m.series, type: 'nominal', title: spec.colorLabel }
        : undefined;
  const layer = spec.marks.map((m) => {
    const enc: Record<string, unknown> = { color: colour(m) };
    switch (m.type) {
      case 'line':
        return {
          data: { values: m.data },
          mark: { type: 'line', strokeDash: m.dash?.split(',').map(Number) },
          encoding: { ...enc, x: q(m.x, 'x'), y: q(m.y, 'y') },
        };
      case 'dot':
        return { data: { values: m.data }, mark: { type: 'circle', size: 30 }, encoding: { ...enc, x: q(m.x, 'x'), y: q(m.y, 'y') } };
      case 'ruleY':
        return { data: { values: m.data }, mark: 'rule', encoding: { y: q(m.y, 'y') } };
      case 'ruleX':
        return { data: { values: m.data }, mark: 'rule', encoding: { x: q(m.x, 'x') } };
      case 'errorY':
        return { data: { values: m.data }, mark: 'rule', encoding: { ...enc, x: q(m.x, 'x'), y: q(m.y1, 'y'), y2: { field: m.y2 } } };
      case 'area':
        return { data: { values: m.data }, mark: { type: 'area', opacity: 0.18 }, encoding: { ...enc, x: q(m.x, 'x'), y: q(m.y1, 'y'), y2: { field: m.y2 } } };
      case 'text':
        return { data: { values: m.data }, mark: { type: 'text', dy: -9 }, encoding: { x: q(m.x, 'x'), y: q(m.y, 'y'), text: { field: m.text } } };
    }
  });
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: spec.title, width: 560, height: 330, layer };
}

/** The import time (ms) of `modules` in a fresh Node process (a cold start, as the command has). */
function coldImportMs(modules: readonly string[]): number {
  const code = `const t=performance.now();await Promise.all(${JSON.stringify(modules)}.map((m)=>import(m)));console.log(performance.now()-t)`;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: join(import.meta.dirname, '..') });
    times.push(Number(r.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return times[1] ?? NaN;
}

/** The parts of vega's and vega-lite's APIs this benchmark uses (they are optional, not dependencies). */
interface VegaApi {
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG: () => Promise<string>; finalize: () => void };
  parse: (spec: unknown) => unknown;
}
interface VegaLiteApi {
  compile: (spec: never) => { spec: unknown };
}

export async function run(): Promise<void> {
  const specs = plots();
  const draw = await loadPlotRenderer();
  let plotBytes = 0;
  const plotMs = await medianMs(() => {
    plotBytes = specs.reduce((n, s) => n + draw(s, s.id).length, 0);
  });
  // vega and vega-lite are not dependencies of the package (only measured here): skipped when absent.
  let vegaMs = NaN;
  let vegaBytes = 0;
  let vegaImport = NaN;
  try {
    // Imported by a computed name so that the type-check does not need them installed.
    const optional = (name: string): Promise<unknown> => import(name);
    const vega = (await optional('vega')) as VegaApi;
    const vl = (await optional('vega-lite')) as VegaLiteApi;
    vegaMs = await medianMs(async () => {
      vegaBytes = 0;
      for (const s of specs) {
        const view = new vega.View(vega.parse(vl.compile(vegaLite(s) as never).spec), { renderer: 'none' });
        vegaBytes += (await view.toSVG()).length;
        view.finalize();
      }
    });
    vegaImport = coldImportMs(['vega', 'vega-lite']);
  } catch (e) {
    console.log(`  vega-lite skipped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)} (it is measured only, not a dependency)`);
  }
  const plotImport = coldImportMs(['@observablehq/plot', 'linkedom']);
  console.log('  10 plots to SVG (5 with every mark type on log axes, 5 of 1000 points coloured by time), median of 3:');
  console.log(
    `    Observable Plot + linkedom (the command's)  ${plotMs.toFixed(0).padStart(6)} ms  ${(plotBytes / 1e3).toFixed(0)} kB of SVG  cold import ${plotImport.toFixed(0)} ms`,
  );
  if (Number.isFinite(vegaMs))
    console.log(
      `    vega-lite → vega headless SVG              ${vegaMs.toFixed(0).padStart(6)} ms  ${(vegaBytes / 1e3).toFixed(0)} kB of SVG  cold import ${vegaImport.toFixed(0)} ms  (Plot/vega ${ratio(plotMs, vegaMs)})`,
    );
  if (peerAvailable(['matplotlib'], 'apt-get install python3-matplotlib')) {
    const peerInput = {
      repeats: 3,
      plots: specs.map((s) => {
        if (s.id.startsWith('scaling')) {
          const sim = s.marks[2]?.data ?? [];
          const theory = s.marks[1]?.data ?? [];
          const names = [...new Set(sim.map((d) => String(d.s)))];
          return {
            kind: 'scaling',
            title: s.title,
            series: names.map((n) => {
              const rows = sim.filter((d) => d.s === n);
              return {
                name: n,
                x: rows.map((d) => d.x),
                y: rows.map((d) => d.y),
                lo: rows.map((d) => d.lo),
                hi: rows.map((d) => d.hi),
                theory: theory.filter((d) => d.s === n).map((d) => d.y),
              };
            }),
          };
        }
        const pts = s.marks[0]?.data ?? [];
        return { kind: 'embedding', title: s.title, x: pts.map((d) => d.psi1), y: pts.map((d) => d.psi2), t: pts.map((d) => d.t) };
      }),
    };
    const peer = runPeer<{ ms: number; bytes: number; version: string }>('matplotlib_svg.py', [], JSON.stringify(peerInput));
    console.log(
      `    peer: matplotlib ${peer.version} SVG backend          ${peer.ms.toFixed(0).padStart(6)} ms  ${(peer.bytes / 1e3).toFixed(0)} kB of SVG  (ours/peer ${ratio(plotMs, peer.ms)})`,
    );
  }
  const sizes = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'cli-install-size.mjs'), '--compare'], { encoding: 'utf8' });
  console.log(sizes.stdout.replace(/^/gm, '  ').trimEnd());
}
