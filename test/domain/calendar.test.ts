import {
  CalendarSchema,
  ROUND_THE_CLOCK,
  addBusinessTime,
  businessTimeBetween,
  isWorkingDay,
  nextOpenInstant,
  type Calendar,
} from '../../domain/calendar';
import { HOUR, MINUTE, shanghai, weekdays } from './fixtures';

/** A six-day 4S store, 08:30–18:00, closed for National Day 2026 and working the 调休 Sunday before. */
const store: Calendar = CalendarSchema.parse({
  mode: 'business_hours',
  timeZone: 'Asia/Shanghai',
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkingDays: ['2026-09-20'],
});

describe('round-the-clock deadlines', () => {
  it('simply add the duration, nights and weekends included', () => {
    const start = shanghai('2026-03-06T17:00');
    expect(addBusinessTime(start, 24 * HOUR, ROUND_THE_CLOCK)).toBe(start + 24 * HOUR);
    expect(businessTimeBetween(start, start + 5 * HOUR, ROUND_THE_CLOCK)).toBe(5 * HOUR);
  });
});

describe('business-hours deadlines (Asia/Shanghai)', () => {
  it('count only opening hours within a working day', () => {
    expect(addBusinessTime(shanghai('2026-03-03T10:00'), 2 * HOUR, weekdays)).toBe(shanghai('2026-03-03T12:00'));
  });

  it('carry what is left on Friday evening over the weekend to Monday morning', () => {
    // Friday 16:00 + 4 h: two hours on Friday, two on Monday from 09:00.
    expect(addBusinessTime(shanghai('2026-03-06T16:00'), 4 * HOUR, weekdays)).toBe(shanghai('2026-03-09T11:00'));
  });

  it('start counting at opening time when a complaint arrives before the store opens', () => {
    expect(addBusinessTime(shanghai('2026-03-03T06:00'), HOUR, weekdays)).toBe(shanghai('2026-03-03T10:00'));
  });

  it('start counting the next working morning when a complaint arrives after closing', () => {
    expect(addBusinessTime(shanghai('2026-03-03T20:00'), HOUR, weekdays)).toBe(shanghai('2026-03-04T10:00'));
  });

  it('start counting on Monday when a complaint arrives on a Sunday', () => {
    expect(addBusinessTime(shanghai('2026-03-08T11:00'), 30 * MINUTE, weekdays)).toBe(shanghai('2026-03-09T09:30'));
  });

  it('skip the National Day holiday week', () => {
    // Wednesday 30 Sep 17:00 + 2 h: one hour that evening, the next on Thursday 8 Oct.
    expect(addBusinessTime(shanghai('2026-09-30T17:00'), 2 * HOUR, store)).toBe(shanghai('2026-10-08T09:30'));
  });

  it('count a make-up working Sunday (调休) even though Sundays are normally closed', () => {
    expect(addBusinessTime(shanghai('2026-09-19T17:30'), HOUR, store)).toBe(shanghai('2026-09-20T09:00'));
    expect(isWorkingDay('2026-09-20', store)).toBe(true);
    expect(isWorkingDay('2026-09-27', store)).toBe(false);
    expect(isWorkingDay('2026-10-05', store)).toBe(false);
  });

  it('spread a 24-business-hour deadline over several working days', () => {
    // 9 h a day: Monday 09:00 + 24 h = Wednesday 15:00.
    expect(addBusinessTime(shanghai('2026-03-02T09:00'), 24 * HOUR, weekdays)).toBe(shanghai('2026-03-04T15:00'));
  });

  it('end exactly at closing time when the duration fills the day', () => {
    expect(addBusinessTime(shanghai('2026-03-03T09:00'), 9 * HOUR, weekdays)).toBe(shanghai('2026-03-03T18:00'));
  });

  it('measure business time between two instants, ignoring nights, weekends and holidays', () => {
    expect(businessTimeBetween(shanghai('2026-03-06T17:00'), shanghai('2026-03-09T10:00'), weekdays)).toBe(2 * HOUR);
    expect(businessTimeBetween(shanghai('2026-09-30T17:00'), shanghai('2026-10-08T09:30'), store)).toBe(2 * HOUR);
    expect(businessTimeBetween(shanghai('2026-03-07T10:00'), shanghai('2026-03-08T10:00'), weekdays)).toBe(0);
    expect(businessTimeBetween(shanghai('2026-03-09T10:00'), shanghai('2026-03-06T10:00'), weekdays)).toBe(0);
  });

  it('agree with itself: the time between a start and its deadline is the duration', () => {
    const starts = ['2026-03-06T16:00', '2026-03-03T06:00', '2026-09-30T17:00', '2026-03-08T23:59'].map(shanghai);
    for (const start of starts) {
      for (const duration of [MINUTE, 4 * HOUR, 24 * HOUR, 72 * HOUR]) {
        expect(businessTimeBetween(start, addBusinessTime(start, duration, store), store)).toBe(duration);
      }
    }
  });

  it('find the next opening time for something due outside hours', () => {
    expect(nextOpenInstant(shanghai('2026-03-07T12:00'), weekdays)).toBe(shanghai('2026-03-09T09:00'));
    expect(nextOpenInstant(shanghai('2026-03-09T12:00'), weekdays)).toBe(shanghai('2026-03-09T12:00'));
  });

  it('work in other zones too (New York, across the daylight-saving change)', () => {
    const ny = CalendarSchema.parse({
      mode: 'business_hours',
      timeZone: 'America/New_York',
      workingDays: [1, 2, 3, 4, 5],
      open: '09:00',
      close: '17:00',
    });
    // Friday 6 March 2026 16:00 EST + 2 h → Monday 9 March 10:00 EDT (clocks went forward on Sunday 8 March).
    expect(addBusinessTime(Date.parse('2026-03-06T16:00:00-05:00'), 2 * HOUR, ny)).toBe(
      Date.parse('2026-03-09T10:00:00-04:00'),
    );
  });
});
