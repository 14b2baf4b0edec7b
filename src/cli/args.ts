/**
 * The command line of `sgd-dynamics`, parsed with commander: `sgd-dynamics [experiment] [--out dir]
 * [--seed n] [--quick | --full]`, `--help`, `--version`. Parsing never prints and never exits: it
 * returns what to do, or a usage error whose message names the argument (the caller prints it and
 * exits with code 2).
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version';
import type { ExperimentMode } from './experiment';

/** What the command line asks for. `target` is 'tour' when no experiment is named. */
export type ParsedCommand =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'run';
      readonly target: string;
      readonly mode: ExperimentMode;
      readonly seed: number;
      /** The `--out` folder as given, or null for the default. */
      readonly out: string | null;
    };

/** What `--help` needs to know of the experiments: their names and one line each. */
export interface ExperimentListing {
  readonly name: string;
  readonly description: string;
}

/** Edit distance between two short strings (insertions, deletions, substitutions), for did-you-mean. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The closest of `names` to `word` when it is plausibly a typo (distance ≤ 2, or a prefix of one), else null. */
export function didYouMean(word: string, names: readonly string[]): string | null {
  const w = word.toLowerCase();
  const prefixed = names.filter((n) => w.length >= 2 && n.startsWith(w));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  let best: string | null = null;
  let bestDistance = 3;
  for (const n of names) {
    const d = editDistance(w, n);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

/** The help text's list of experiments and the mode rules, after commander's usage and options. */
function helpFooter(experiments: readonly ExperimentListing[]): string {
  const width = Math.max(4, ...experiments.map((e) => e.name.length));
  const lines = experiments.map((e) => `  ${e.name.padEnd(width)}  ${e.description}`);
  return [
    '',
    'Experiments:',
    ...(lines.length > 0 ? lines : ['  (none are registered in this build)']),
    `  ${'all'.padEnd(width)}  every experiment above, one report`,
    '',
    'Without an experiment the command runs the tour: every experiment in its short',
    "'tour' mode (a few seconds in all), then says where the report is.",
    "A named experiment runs in its full mode (the papers' sizes; minutes) unless",
    '--quick asks for the quick mode (under 30 s on 2 cores).',
    '',
    'The report (results.json, report.md, index.html and one SVG per plot) goes to',
    '--out, which must be absent or empty; by default to a new folder',
    './sgd-dynamics-report/<experiment> (or <experiment>-2, -3, ... if that is taken).',
    '',
    'Examples:',
    '  sgd-dynamics                      the tour',
    '  sgd-dynamics escape --quick       one experiment, quick mode',
    '  sgd-dynamics all --seed 7 --out results/seed-7',
    '',
  ].join('\n');
}

/** The seed of `--seed`: a non-negative safe integer written in decimal digits. */
function parseSeed(raw: string | undefined): number | string {
  if (raw === undefined) return 0;
  const text = raw.trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    return `sgd-dynamics: --seed: expected a non-negative integer (at most ${Number.MAX_SAFE_INTEGER}), received ${JSON.stringify(raw)}`;
  }
  return Number(text);
}

/**
 * Parses `argv` (the arguments after `node script`) against the experiment names in `experiments`.
 * Recognises `all` besides them; no experiment means the tour. Returns a usage error (never throws)
 * for an unknown experiment (with a did-you-mean), an unknown option, a missing or non-integer
 * `--seed`, an empty `--out`, `--quick` with `--full`, or the tour with `--quick`/`--full`.
 *
 * @example
 * ```ts no-run
 * parseCommandLine(['escape', '--quick', '--seed', '3'], experiments);
 * // { kind: 'run', target: 'escape', mode: 'quick', seed: 3, out: null }
 * ```
 */
export function parseCommandLine(argv: readonly string[], experiments: readonly ExperimentListing[]): ParsedCommand {
  let written = '';
  const program = new Command('sgd-dynamics')
    .description('Reproduces the findings of four papers on the dynamics of SGD, with tables, plots and a report.')
    .usage('[experiment] [options]')
    .argument('[experiment]', `one of: ${[...experiments.map((e) => e.name), 'all'].join(', ')}; none: the tour`)
    .option('--out <dir>', 'the report folder (absent or empty)')
    .option('--seed <n>', 'the base seed of every random stream (a non-negative integer)', undefined)
    .option('--quick', 'the quick mode: under 30 s per experiment on 2 cores')
    .option('--full', "the full mode (the default for a named experiment): the papers' sizes")
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', helpFooter(experiments))
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => (written += s),
      writeErr: (s) => (written += s),
      outputError: () => undefined,
    });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help') return { kind: 'help', text: written };
      if (e.code === 'commander.version') return { kind: 'version', text: written };
      return { kind: 'error', message: `sgd-dynamics: ${e.message.replace(/^error: /, '')}` };
    }
    throw e;
  }
  const opts = program.opts<{ out?: string; seed?: string; quick?: boolean; full?: boolean }>();
  const [name] = program.args;
  const names = experiments.map((e) => e.name);
  let target = 'tour';
  if (name !== undefined) {
    if (name !== 'all' && !names.includes(name)) {
      const guess = didYouMean(name, [...names, 'all']);
      const hint = guess === null ? '' : ` (did you mean '${guess}'?)`;
      return { kind: 'error', message: `sgd-dynamics: experiment: expected one of ${[...names, 'all'].join(', ')}, received '${name}'${hint}` };
    }
    target = name;
  }
  const seed = parseSeed(opts.seed);
  if (typeof seed === 'string') return { kind: 'error', message: seed };
  if (opts.out !== undefined && opts.out.trim() === '') {
    return { kind: 'error', message: `sgd-dynamics: --out: expected a folder path, received ${JSON.stringify(opts.out)}` };
  }
  if (opts.quick === true && opts.full === true) {
    return { kind: 'error', message: 'sgd-dynamics: --quick, --full: expected at most one of them, received both' };
  }
  if (target === 'tour' && (opts.quick === true || opts.full === true)) {
    return {
      kind: 'error',
      message: `sgd-dynamics: ${opts.quick === true ? '--quick' : '--full'}: expected an experiment to run in that mode (the tour has its own), received none`,
    };
  }
  const mode: ExperimentMode = target === 'tour' ? 'tour' : opts.quick === true ? 'quick' : 'full';
  return { kind: 'run', target, mode, seed, out: opts.out ?? null };
}
