/**
 * The `sgd-dynamics` executable: runs `runCli` on the process's arguments, with Ctrl-C wired to an
 * AbortSignal (the first SIGINT aborts the experiments, and the run exits 130 leaving nothing
 * behind; a second one, or 5 s without the experiments stopping, exits at once: nothing has been
 * written then either, as the report is written synchronously at the very end).
 *
 * Test hook: when SGD_DYNAMICS_TEST_EXPERIMENTS names an ES module, its `EXPERIMENTS` export replaces
 * the registry (the tests run the built command on fake, slow experiments this way).
 *
 * @module
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Experiment } from './experiment';
import { EXIT, runCli } from './run';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts++;
  controller.abort();
  if (interrupts > 1) process.exit(EXIT.interrupted);
  setTimeout(() => process.exit(EXIT.interrupted), 5000).unref();
});

const hook = process.env.SGD_DYNAMICS_TEST_EXPERIMENTS;
const experiments =
  hook === undefined || hook === '' ? undefined : ((await import(pathToFileURL(resolve(hook)).href)) as { EXPERIMENTS: readonly Experiment[] }).EXPERIMENTS;

process.exitCode = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY,
  columns: process.stderr.columns,
  signal: controller.signal,
  experiments,
});
