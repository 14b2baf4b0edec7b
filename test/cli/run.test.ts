import { describe, expect, it } from 'vitest';
import { HELP, runCli } from '../../src/cli/run';
import { VERSION } from '../../src/version';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = runCli(
    argv,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('sgd-dynamics command', () => {
  it('prints help by default and with --help', () => {
    for (const argv of [[], ['--help'], ['-h']]) {
      const r = run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toBe(HELP);
      expect(r.out).toMatch(/^sgd-dynamics \d+\.\d+\.\d+/);
    }
  });
  it('prints the version', () => {
    expect(run(['--version'])).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
  });
  it('rejects unknown options with exit code 2 and says which', () => {
    const r = run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command or option '--frobnicate'/);
    expect(run(['--version', 'x']).code).toBe(2);
  });
});
