import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, parseCommandLine } from '../../src/cli/args';
import { VERSION } from '../../src/version';

const LIST = [
  { name: 'escape', description: 'escape times' },
  { name: 'limiting', description: 'limiting dynamics' },
  { name: 'flow', description: 'gd vs flow' },
  { name: 'diffmap', description: 'diffusion maps' },
];

describe('parseCommandLine', () => {
  it('defaults: the tour in tour mode, seed 0, the default folder', () => {
    expect(parseCommandLine([], LIST)).toEqual({ kind: 'run', target: 'tour', mode: 'tour', seed: 0, out: null });
  });
  it('a named experiment runs full by default, quick with --quick; all is accepted', () => {
    expect(parseCommandLine(['escape'], LIST)).toEqual({ kind: 'run', target: 'escape', mode: 'full', seed: 0, out: null });
    expect(parseCommandLine(['flow', '--quick', '--seed', '12', '--out', 'x/y'], LIST)).toEqual({
      kind: 'run',
      target: 'flow',
      mode: 'quick',
      seed: 12,
      out: 'x/y',
    });
    expect(parseCommandLine(['all', '--full', '--seed=3'], LIST)).toEqual({ kind: 'run', target: 'all', mode: 'full', seed: 3, out: null });
    expect(parseCommandLine(['--quick', 'diffmap'], LIST)).toMatchObject({ target: 'diffmap', mode: 'quick' });
  });
  it('--help lists every experiment with its description and the mode rules', () => {
    for (const argv of [['--help'], ['-h'], ['escape', '--help']]) {
      const r = parseCommandLine(argv, LIST);
      expect(r.kind).toBe('help');
      if (r.kind !== 'help') continue;
      for (const e of LIST) expect(r.text).toMatch(new RegExp(`^  ${e.name} +${e.description}$`, 'm'));
      expect(r.text).toMatch(/^ {2}all +/m);
      expect(r.text).toContain('--quick');
      expect(r.text).toContain('--out');
      expect(r.text).toContain('--seed');
      expect(r.text).toMatch(/full mode/);
    }
  });
  it('--version prints the version', () => {
    expect(parseCommandLine(['--version'], LIST)).toEqual({ kind: 'version', text: `${VERSION}\n` });
    expect(parseCommandLine(['-v'], LIST)).toEqual({ kind: 'version', text: `${VERSION}\n` });
  });
  it('names the argument of every usage error', () => {
    const error = (argv: string[]) => {
      const r = parseCommandLine(argv, LIST);
      expect(r.kind, argv.join(' ')).toBe('error');
      return r.kind === 'error' ? r.message : '';
    };
    expect(error(['escpae'])).toMatch(
      /^sgd-dynamics: experiment: expected one of escape, limiting, flow, diffmap, all, received 'escpae' \(did you mean 'escape'\?\)$/,
    );
    expect(error(['diff'])).toMatch(/did you mean 'diffmap'/);
    expect(error(['frobnicate'])).not.toMatch(/did you mean/);
    expect(error(['escape', '--seed'])).toMatch(/--seed/);
    expect(error(['escape', '--seed', ''])).toMatch(/^sgd-dynamics: --seed: expected a non-negative integer .*, received ""$/);
    expect(error(['escape', '--seed', '1.5'])).toMatch(/--seed: expected a non-negative integer.*received "1.5"/);
    expect(error(['escape', '--seed', 'abc'])).toMatch(/--seed: .*received "abc"/);
    expect(error(['escape', '--seed', '-1'])).toMatch(/--seed/);
    expect(error(['escape', '--seed', '1e3'])).toMatch(/--seed/);
    expect(error(['escape', '--seed', '99999999999999999999'])).toMatch(/--seed/);
    expect(error(['escape', '--out', ''])).toMatch(/^sgd-dynamics: --out: expected a folder path, received ""$/);
    expect(error(['escape', '--out'])).toMatch(/--out/);
    expect(error(['escape', '--quick', '--full'])).toMatch(/--quick, --full: expected at most one/);
    expect(error(['--quick'])).toMatch(/^sgd-dynamics: --quick: expected an experiment/);
    expect(error(['--frobnicate'])).toMatch(/unknown option '--frobnicate'/);
    expect(error(['escape', 'flow'])).toMatch(/too many arguments/);
  });
});

describe('did-you-mean', () => {
  it('edit distance is the Levenshtein distance', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('escape', 'escpae')).toBe(2);
    expect(editDistance('flow', 'flow')).toBe(0);
  });
  it('suggests only plausible typos', () => {
    const names = LIST.map((e) => e.name);
    expect(didYouMean('flwo', names)).toBe('flow');
    expect(didYouMean('LIMITING', names)).toBe('limiting');
    expect(didYouMean('lim', names)).toBe('limiting');
    expect(didYouMean('xyzzy', names)).toBeNull();
  });
});
