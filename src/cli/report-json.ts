/**
 * results.json: the experiments' results as they returned them, with what produced them (version,
 * command line, seed, mode, date, Node version, wall time). JSON has no Infinity or NaN: such a
 * number is written as the string "Infinity", "-Infinity" or "NaN" (`parseResults` turns them back).
 *
 * @module
 */
import type { ExperimentMode, ExperimentResult } from './experiment';

/** The schema name of results.json, bumped when a field changes meaning. */
export const RESULTS_SCHEMA = 'sgd-dynamics/results@1';

/** What results.json holds. */
export interface ResultsFile {
  readonly schema: typeof RESULTS_SCHEMA;
  /** The sgd-dynamics version that wrote it. */
  readonly version: string;
  /** What was run: 'tour', 'all' or an experiment's name. */
  readonly target: string;
  readonly mode: ExperimentMode;
  readonly seed: number;
  /** When the run started, ISO 8601 in UTC. */
  readonly date: string;
  /** The command line as typed (arguments after the program, shell-quoted where needed). */
  readonly command: string;
  /** The same arguments as a list. */
  readonly argv: readonly string[];
  /** process.version of the Node that ran it. */
  readonly node: string;
  /** Wall time of the whole run in seconds. */
  readonly seconds: number;
  /** One result per experiment, in the order they ran. */
  readonly results: readonly ExperimentResult[];
}

/** results.json's text for `file` (two-space indentation, non-finite numbers as strings). */
export function resultsJson(file: ResultsFile): string {
  return `${JSON.stringify(file, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}

/** Reads results.json's text back, turning the strings "Infinity", "-Infinity" and "NaN" into numbers. */
export function parseResults(text: string): ResultsFile {
  return JSON.parse(text, (_k, v: unknown) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v)) as ResultsFile;
}

/** A command line for display: each argument as is, or single-quoted when it holds anything but safe characters. */
export function quoteCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
