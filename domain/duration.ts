import { z } from 'zod';
import { lazySchema } from './lazy-schema';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

// "ms" must come before "m" in the alternation so "500ms" is not read as 500 minutes + "s".
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/y;

export const DURATION_HINT = 'expected a duration like "2h"';

/** Milliseconds in a duration such as "90s", "2h", "3d", "500ms" or "1h30m"; null if unreadable. */
export function readDuration(text: string): number | null {
  const source = text.trim();
  if (source === '') return null;
  let total = 0;
  let at = 0;
  while (at < source.length) {
    PART.lastIndex = at;
    const match = PART.exec(source);
    if (!match) return null;
    const [, amount, unit] = match;
    total += Number(amount) * UNIT_MS[unit as Unit];
    at = PART.lastIndex;
    while (source[at] === ' ') at++;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

export function parseDuration(text: string): number {
  const ms = readDuration(text);
  if (ms === null) throw new RangeError(`${DURATION_HINT}, got ${JSON.stringify(text)}`);
  return ms;
}

/** Compact form, largest unit first: 5400000 → "1h30m", 0 → "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * UNIT_MS[unit];
    }
  }
  return out;
}

/**
 * The longest duration anything here accepts: a policy clock, a pause, an extension. Beyond it
 * a deadline is no deadline, and far beyond it a date overflows (`new Date(...)` throws).
 */
export const MAX_DURATION_MS = 400 * UNIT_MS.d;

/** A duration string ("4h") or a whole, non-negative number of milliseconds; outputs ms. */
export const DurationSchema = lazySchema(() =>
  z.union([z.string().max(64, DURATION_HINT), z.number()], { error: DURATION_HINT }).transform((value, ctx): number => {
    const ms =
      typeof value === 'number'
        ? Number.isInteger(value) && value >= 0
          ? value
          : null
        : readDuration(value);
    if (ms !== null && ms > MAX_DURATION_MS) {
      ctx.issues.push({ code: 'custom', input: value, message: `expected a duration of at most ${formatDuration(MAX_DURATION_MS)}` });
      return z.NEVER;
    }
    if (ms === null) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message:
          typeof value === 'number'
            ? 'expected a whole, non-negative number of milliseconds'
            : DURATION_HINT,
      });
      return z.NEVER;
    }
    return ms;
  }),
);

export const PositiveDurationSchema = lazySchema(() =>
  DurationSchema.refine((ms) => ms > 0, {
    message: 'expected a duration longer than zero',
  }),
);
