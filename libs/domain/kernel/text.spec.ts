import { cycleText, idProblem, isOneOf, textProblem } from './text.js';

describe('idProblem', () => {
  it.each(['WP-1.2', 'Pumpstation Süd', '工程 A', 'a b', 'x😀y'])('accepts %j', (id) => {
    expect(idProblem(id)).toBeNull();
  });

  it.each([
    ['A\u0000B', 'U+0000'],
    ['A\u001bB', 'U+001B'],
    ['A\u0085', 'U+0085'],
    ['admin\u202Etxt.exe', 'U+202E'],
    ['A\u2066B', 'U+2066'],
    ['A\u200BB', 'U+200B'],
  ])('refuses %j naming %s', (id, code) => {
    expect(idProblem(id)).toContain(code);
  });

  it('refuses a lone surrogate, leading or trailing white space', () => {
    expect(idProblem('A\uD800')).toContain('lone UTF-16 surrogate');
    expect(idProblem('\uDC00A')).toContain('lone UTF-16 surrogate');
    expect(idProblem(' A')).toContain('white space');
    expect(idProblem('A\t')).toContain('U+0009');
  });
});

describe('textProblem', () => {
  it('keeps line breaks, tabs and right-to-left marks', () => {
    expect(textProblem('line 1\r\nline 2\tend')).toBeNull();
    expect(textProblem('\u200Fמחיר\u200F')).toBeNull();
  });

  it('refuses NUL, other controls and lone surrogates', () => {
    expect(textProblem('a\u0000b')).toContain('U+0000');
    expect(textProblem('a\u0007')).toContain('U+0007');
    expect(textProblem('a\uD83D')).toContain('lone UTF-16 surrogate');
  });
});

describe('cycleText', () => {
  it('lists a short cycle whole and a long one by its first 20 members and its size', () => {
    expect(cycleText(['A', 'B', 'A'])).toBe('A -> B -> A');
    const long = [...Array.from({ length: 1_000 }, (_, i) => `a${i}`), 'a0'];
    const text = cycleText(long);
    expect(text).toBe(`${long.slice(0, 20).join(' -> ')} -> … (1000 activities)`);
    expect(text.length).toBeLessThan(200);
  });
});

describe('isOneOf', () => {
  it('accepts exactly the listed values', () => {
    const kinds = ['risk', 'issue'] as const;
    expect(isOneOf(kinds, 'risk')).toBe(true);
    expect(isOneOf(kinds, 'Risk')).toBe(false);
    expect(isOneOf(kinds, 1)).toBe(false);
  });
});
