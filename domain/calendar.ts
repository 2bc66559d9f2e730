import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * Which hours count towards a deadline. Around the clock, or a dealership's opening hours in
 * its own time zone, on its working days, minus public holidays (plus 调休 make-up days).
 */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Built on first use (lazy-schema.ts): workflows import this module for its clock maths. */
export const CalendarSchema = lazySchema(() => {
  const roundTheClock = z.strictObject({ mode: z.literal('24x7') });
  const businessHours = z
    .strictObject({
      mode: z.literal('business_hours'),
      timeZone: z
        .string()
        .default('Asia/Shanghai')
        .refine(isTimeZone, { message: 'expected an IANA time zone like "Asia/Shanghai"' }),
      /** ISO weekdays, 1 = Monday … 7 = Sunday. Many 4S stores open six days a week. */
      workingDays: z
        .array(z.number().int().min(1, 'expected 1 (Mon) to 7 (Sun)').max(7, 'expected 1 (Mon) to 7 (Sun)'))
        .min(1, 'expected at least one working day')
        .default([1, 2, 3, 4, 5, 6]),
      open: z.string().regex(TIME, 'expected a time like "08:30"').default('08:30'),
      close: z.string().regex(TIME, 'expected a time like "18:00"').default('18:00'),
      holidays: z.array(z.string().regex(DATE, 'expected a date like "2026-10-01"')).default([]),
      /** Weekend days worked to make up for a long holiday (调休). */
      extraWorkingDays: z.array(z.string().regex(DATE, 'expected a date like "2026-10-10"')).default([]),
    })
    .refine((c) => minutesOf(c.open) < minutesOf(c.close), {
      message: 'close must be later than open on the same day',
      path: ['close'],
    });
  return z
    .discriminatedUnion('mode', [roundTheClock, businessHours], {
      error: 'expected mode "24x7" or "business_hours"',
    })
    .default({ mode: '24x7' });
});
export type Calendar = z.output<typeof CalendarSchema>;
export type BusinessHours = Extract<Calendar, { mode: 'business_hours' }>;

export const ROUND_THE_CLOCK: Calendar = { mode: '24x7' };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

// Formatters are costly to build and pure to use, so one per zone is kept.
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    FORMATTERS.set(timeZone, formatter);
  }
  return formatter;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The wall-clock reading in a zone, as if it were UTC. */
function wallClockAsUtc(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const get = (type: string) => parts[type] ?? 0;
  const millis = ((ms % 1000) + 1000) % 1000;
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), millis);
}

function localDateOf(ms: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockAsUtc(ms, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The instant at which a zone's clocks read `minutes` past midnight on `date`. */
function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Two passes settle the offset even on a daylight-saving change day.
  const first = wall - (wallClockAsUtc(wall, timeZone) - wall);
  return wall - (wallClockAsUtc(first, timeZone) - first);
}

function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function dateKey(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function isoWeekday(date: LocalDate): number {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  if (calendar.mode === '24x7') return true;
  const [year, month, day] = date.split('-').map(Number);
  return isWorkingLocalDate({ year: year ?? 0, month: month ?? 0, day: day ?? 0 }, calendar);
}

function isWorkingLocalDate(date: LocalDate, calendar: BusinessHours): boolean {
  const key = dateKey(date);
  if (calendar.extraWorkingDays.includes(key)) return true;
  if (calendar.holidays.includes(key)) return false;
  return calendar.workingDays.includes(isoWeekday(date));
}

/** Opening hours of one local day as instants, or null when the dealership is shut. */
function hoursOn(date: LocalDate, calendar: BusinessHours): { open: number; close: number } | null {
  if (!isWorkingLocalDate(date, calendar)) return null;
  return {
    open: instantOf(date, minutesOf(calendar.open), calendar.timeZone),
    close: instantOf(date, minutesOf(calendar.close), calendar.timeZone),
  };
}

// Ten years of holidays in a row would be a misconfiguration, not a long weekend.
const MAX_DAYS_SEARCHED = 3660;

/** The instant by which `durationMs` of countable time has passed since `startMs`. */
export function addBusinessTime(startMs: number, durationMs: number, calendar: Calendar): number {
  if (calendar.mode === '24x7' || durationMs <= 0) return startMs + Math.max(0, durationMs);
  let remaining = durationMs;
  let date = localDateOf(startMs, calendar.timeZone);
  for (let day = 0; day < MAX_DAYS_SEARCHED; day++, date = nextDate(date)) {
    const hours = hoursOn(date, calendar);
    if (!hours || hours.close <= startMs) continue;
    const from = Math.max(hours.open, startMs);
    const available = hours.close - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  throw new RangeError('the business calendar has no working hours in the next ten years');
}

/** Countable time between two instants; zero when `toMs` is not after `fromMs`. */
export function businessTimeBetween(fromMs: number, toMs: number, calendar: Calendar): number {
  if (toMs <= fromMs) return 0;
  if (calendar.mode === '24x7') return toMs - fromMs;
  let total = 0;
  let date = localDateOf(fromMs, calendar.timeZone);
  for (let day = 0; day < MAX_DAYS_SEARCHED; day++, date = nextDate(date)) {
    const hours = hoursOn(date, calendar);
    const dayStart = instantOf(date, 0, calendar.timeZone);
    if (dayStart >= toMs) break;
    if (!hours) continue;
    total += Math.max(0, Math.min(hours.close, toMs) - Math.max(hours.open, fromMs));
  }
  return total;
}

/** `ms` itself when the dealership is open then, otherwise the next opening time. */
export function nextOpenInstant(ms: number, calendar: Calendar): number {
  if (calendar.mode === '24x7') return ms;
  let date = localDateOf(ms, calendar.timeZone);
  for (let day = 0; day < MAX_DAYS_SEARCHED; day++, date = nextDate(date)) {
    const hours = hoursOn(date, calendar);
    if (hours && hours.close > ms) return Math.max(hours.open, ms);
  }
  throw new RangeError('the business calendar has no working hours in the next ten years');
}
