import { DurationSchema, formatDuration, parseDuration, readDuration } from '../../domain/duration';

describe('durations in policy files', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['3d', 259_200_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['0s', 0],
  ])('reads "%s" as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '2', '2 hours', 'h', '-1h', '2x', '1h30'])('refuses "%s"', (text) => {
    expect(readDuration(text)).toBeNull();
    expect(() => parseDuration(text)).toThrow('expected a duration like "2h"');
  });

  it('writes durations back compactly, largest unit first', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(259_200_000)).toBe('3d');
    expect(formatDuration(90_500)).toBe('1m30s500ms');
    expect(formatDuration(0)).toBe('0s');
    expect(parseDuration(formatDuration(93_784_005))).toBe(93_784_005);
  });

  it('accepts a duration string or whole milliseconds, and outputs milliseconds', () => {
    expect(DurationSchema.parse('4h')).toBe(14_400_000);
    expect(DurationSchema.parse(1500)).toBe(1500);
  });

  it('refuses negative or fractional milliseconds and other types with a clear message', () => {
    expect(DurationSchema.safeParse(-1).error?.issues[0]?.message).toMatch(/non-negative number of milliseconds/);
    expect(DurationSchema.safeParse(1.5).success).toBe(false);
    expect(DurationSchema.safeParse('tomorrow').error?.issues[0]?.message).toBe('expected a duration like "2h"');
    expect(DurationSchema.safeParse(true).error?.issues[0]?.message).toBe('expected a duration like "2h"');
  });
});
