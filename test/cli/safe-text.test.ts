import { deepSafe, jsonSafe, terminalSafe } from '../../cli/safe-text';

describe('text from the API made safe for a terminal', () => {
  it('shows escapes, C1 controls and bidi controls as visible escapes, and leaves the rest', () => {
    expect(terminalSafe('刘\u202e先生\u001b[2J\u009b')).toBe('刘\\u{202E}先生\\u{001B}[2J\\u{009B}');
    expect(terminalSafe('line one\n\tline two · 投诉 😡')).toBe('line one\n\tline two · 投诉 😡');
    expect(terminalSafe('\u2066isolated\u2069 \u200fmark')).toBe('\\u{2066}isolated\\u{2069} \\u{200F}mark');
  });

  it('reaches every string in an answer, keys untouched', () => {
    expect(deepSafe({ a: ['x\u202e'], b: { c: 'ok', n: 3, z: null } })).toEqual({
      a: ['x\\u{202E}'],
      b: { c: 'ok', n: 3, z: null },
    });
  });

  it('keeps JSON valid and equal in meaning', () => {
    const body = { name: '刘\u202e先生' };
    const safe = jsonSafe(JSON.stringify(body));
    expect(safe).not.toMatch(/\u202e/);
    expect(JSON.parse(safe)).toEqual(body);
  });
});
