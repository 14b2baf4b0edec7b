/**
 * What `sgd-dynamics` does, as a function of its arguments and its surroundings (`runCli`), kept apart
 * from the executable so that tests call it with their own output, experiments and signal: parse the
 * command line, run the experiments with a progress display, print each one's findings, then render
 * and write the report folder atomically. Returns the exit code: 0 done, 1 an experiment or the
 * writing failed, 2 a usage error (nothing run, nothing written), 130 interrupted (nothing written).
 *
 * @module
 */
import { resolve } from 'node:path';
import { VERSION } from '../version';
import { parseCommandLine } from './args';
import type { Experiment, ExperimentResult } from './experiment';
import { formatAgrees, formatInterval, formatNumber, formatValue, textTable } from './format';
import { defaultOutDir, outDirProblem, writeFolderAtomically } from './output';
import { loadPlotRenderer } from './plot-svg';
import { createProgress } from './progress';
import { loadExperiments } from './registry';
import { placePlots, reportHtml, reportMarkdown } from './report-files';
import { quoteCommand, RESULTS_SCHEMA, resultsJson, type ResultsFile } from './report-json';

/** The command's surroundings; everything but `out` and `err` has a default. */
export interface CliEnvironment {
  /** Standard output: the findings tables and where the report is. */
  readonly out: (s: string) => void;
  /** Standard error: progress, errors. */
  readonly err: (s: string) => void;
  /** Whether `err` is a terminal (a redrawn progress bar) or not (plain progress lines). Default false. */
  readonly isTTY?: boolean;
  /** The terminal's width (default 80). */
  readonly columns?: number;
  /** The folder relative paths and the default report folder are taken from (default process.cwd()). */
  readonly cwd?: string;
  /** The experiments (default: the registry's, loadExperiments()). */
  readonly experiments?: readonly Experiment[];
  /** Aborts the run (Ctrl-C): the experiments stop, nothing is written, the exit code is 130. */
  readonly signal?: AbortSignal;
  /** The clock for the date in results.json (default: now). */
  readonly now?: () => Date;
}

/** The exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === 'AbortError');
}

/** The shape check of what an experiment returned, so that a broken experiment fails with its name, not deep in a renderer. */
function resultProblem(r: unknown): string | null {
  if (typeof r !== 'object' || r === null) return `expected a result object, received ${r === null ? 'null' : typeof r}`;
  const o = r as Record<string, unknown>;
  for (const k of ['findings', 'tables', 'plots', 'notes'] as const) if (!Array.isArray(o[k])) return `expected ${k} to be an array, received ${typeof o[k]}`;
  for (const k of ['name', 'title', 'paper', 'summary'] as const) if (typeof o[k] !== 'string') return `expected ${k} to be a string, received ${typeof o[k]}`;
  if (typeof o.seconds !== 'number') return `expected seconds to be a number, received ${typeof o.seconds}`;
  return null;
}

/** The findings of one result as a terminal table, under a line naming the experiment. */
export function terminalSummary(r: ExperimentResult): string {
  const head = `${r.name}: ${r.title} (${r.paper}), mode ${r.mode}, seed ${r.seed}, ${r.seconds.toFixed(1)} s\n`;
  if (r.findings.length === 0) return `${head}  (no findings)\n`;
  const rows = r.findings.map((f) => [f.label, formatValue(f), formatInterval(f.interval), formatNumber(f.theory), formatAgrees(f.agrees)]);
  return `${head}${textTable(['finding', 'value ± SE', '95% interval', 'theory', 'agrees'], rows)}`;
}

/**
 * Runs the command line `argv` (the arguments after the program) in `env` and resolves to the exit
 * code. Never throws for a usage error, a failing experiment, a write error or an abort: each is a
 * message on `err` and an exit code.
 *
 * @example
 * ```ts no-run
 * const code = await runCli(['escape', '--quick', '--out', 'report'], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
 * ```
 */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const { out, err, signal } = env;
  const cwd = env.cwd ?? process.cwd();
  const experiments = env.experiments ?? (await loadExperiments());
  const parsed = parseCommandLine(argv, experiments);
  if (parsed.kind === 'help' || parsed.kind === 'version') {
    out(parsed.text);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    err(`${parsed.message}\nRun 'sgd-dynamics --help' for the experiments and options.\n`);
    return EXIT.usage;
  }
  const selected = parsed.target === 'tour' || parsed.target === 'all' ? experiments : experiments.filter((e) => e.name === parsed.target);
  if (selected.length === 0) {
    err('sgd-dynamics: no experiments are registered in this build; nothing was run\n');
    return EXIT.failed;
  }
  const outDir = parsed.out === null ? defaultOutDir(cwd, parsed.target) : resolve(cwd, parsed.out);
  const problem = parsed.out === null ? outDirProblem(outDir, cwd, `--out (default ${outDir})`) : outDirProblem(parsed.out, cwd);
  if (problem !== null) {
    err(`${problem}\n`);
    return EXIT.usage;
  }

  const started = env.now?.() ?? new Date();
  const t0 = performance.now();
  const progress = createProgress({ write: err, isTTY: env.isTTY ?? false, columns: env.columns });
  const results: ExperimentResult[] = [];
  for (const [i, experiment] of selected.entries()) {
    progress.begin(experiment.name, i + 1, selected.length);
    const t = performance.now();
    let result: ExperimentResult;
    try {
      result = await experiment.run({ seed: parsed.seed, mode: parsed.mode, onProgress: progress.update, signal });
    } catch (e) {
      progress.clear();
      if (isAbort(e, signal)) {
        err('sgd-dynamics: interrupted; nothing was written\n');
        return EXIT.interrupted;
      }
      err(`sgd-dynamics: experiment '${experiment.name}' failed: ${e instanceof Error ? e.message : String(e)}\nnothing was written\n`);
      return EXIT.failed;
    }
    if (signal?.aborted === true) {
      progress.clear();
      err('sgd-dynamics: interrupted; nothing was written\n');
      return EXIT.interrupted;
    }
    const shape = resultProblem(result);
    if (shape !== null) {
      progress.clear();
      err(`sgd-dynamics: experiment '${experiment.name}' returned a malformed result: ${shape}\nnothing was written\n`);
      return EXIT.failed;
    }
    progress.end((performance.now() - t) / 1000);
    out(`\n${terminalSummary(result)}`);
    results.push(result);
  }

  const file: ResultsFile = {
    schema: RESULTS_SCHEMA,
    version: VERSION,
    target: parsed.target,
    mode: parsed.mode,
    seed: parsed.seed,
    date: started.toISOString(),
    command: quoteCommand(argv),
    argv: [...argv],
    node: process.version,
    seconds: (performance.now() - t0) / 1000,
    results,
  };
  let files: Map<string, string>;
  try {
    const draw = await loadPlotRenderer();
    const plots = placePlots(results);
    const svgs = new Map(plots.map((p) => [p.key, draw(p.spec, p.key)]));
    files = new Map([
      ['results.json', resultsJson(file)],
      ['report.md', reportMarkdown(file, plots)],
      ['index.html', reportHtml(file, plots, svgs)],
    ]);
    for (const [key, svg] of svgs) files.set(`${key}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
  } catch (e) {
    err(`sgd-dynamics: drawing the report failed: ${e instanceof Error ? e.message : String(e)}\nnothing was written\n`);
    return EXIT.failed;
  }
  if (signal?.aborted === true) {
    err('sgd-dynamics: interrupted; nothing was written\n');
    return EXIT.interrupted;
  }
  try {
    writeFolderAtomically(outDir, files);
  } catch (e) {
    err(`sgd-dynamics: --out: cannot write ${outDir}: ${e instanceof Error ? e.message : String(e)}\nnothing was written\n`);
    return EXIT.failed;
  }
  const plotCount = files.size - 3;
  out(`\nReport: ${resolve(outDir, 'index.html')}\n  (beside it: report.md, results.json and ${plotCount} SVG plot${plotCount === 1 ? '' : 's'})\n`);
  const first = selected[0];
  if (parsed.target === 'tour' && first !== undefined) {
    out(`Next: sgd-dynamics ${first.name} --quick   (${first.description}; drop --quick for the full mode, or run 'all')\n`);
  } else if (parsed.mode === 'quick') {
    out(`Full mode: sgd-dynamics ${parsed.target}${parsed.seed === 0 ? '' : ` --seed ${parsed.seed}`}\n`);
  }
  return EXIT.ok;
}
