/**
 * The command line parser behind `sgd-dynamics` (`runCli`), kept apart from the executable so that
 * tests call it with their own output functions instead of spawning a process.
 *
 * @module
 */
import { VERSION } from '../version';

export const HELP = `sgd-dynamics ${VERSION}: the dynamics of stochastic gradient descent

Usage:
  sgd-dynamics            print this help (the default job)
  sgd-dynamics --help     print this help
  sgd-dynamics --version  print the version

The library is used from TypeScript/JavaScript:
  import { createRng } from 'sgd-dynamics/random';
Modules: core, random, objectives, optim, spectral, diffusion-maps, langevin,
fokker-planck, kramers, analysis, testing. See README.md and docs/.
`;

/**
 * Runs the command line `argv` (without node and the script), writing to `out`/`err`.
 * Returns the exit code.
 */
export function runCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    if (rest.length > 0) {
      err(`sgd-dynamics: --version takes no arguments, received ${rest.join(' ')}\n`);
      return 2;
    }
    out(`${VERSION}\n`);
    return 0;
  }
  err(`sgd-dynamics: unknown command or option '${first}'\n\n${HELP}`);
  return 2;
}
