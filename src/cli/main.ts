/**
 * The `sgd-dynamics` command. For now it prints its version and help; the papers' experiments
 * arrive as subcommands with their own issue.
 *
 * @module
 */
import { runCli } from './run';

process.exitCode = runCli(
  process.argv.slice(2),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
);
