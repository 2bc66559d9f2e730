import { z } from 'zod';

/**
 * Text that every consumer can read: no lone surrogates (strict JSON parsers such as jq and
 * Python refuse a whole Kafka record over one) and no control characters, which a terminal
 * would obey. Multi-line text may keep newlines and tabs; a name or an id may not.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_IN_PROSE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** Why `value` is not fit to store and publish, or null when it is. */
export function textFault(value: string, multiLine: boolean): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  if ((multiLine ? CONTROL_IN_PROSE : CONTROL_IN_LINE).test(value)) {
    return multiLine ? 'must not hold control characters other than newline and tab' : 'must be one line without control characters';
  }
  return null;
}

function wellFormed(multiLine: boolean) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const fault = textFault(value, multiLine);
      if (fault) ctx.addIssue({ code: 'custom', message: fault, input: value, abort: true });
    });
}

/** A name, an id, a plate: one line, trimmed, 1 to `max` characters. */
export const line = (max: number, empty = 'must not be empty') => wellFormed(false).min(1, empty).max(max, `must be at most ${max} characters`);

/** A description, a note, a summary: newlines allowed, trimmed, 1 to `max` characters. */
export const prose = (max: number, empty = 'must not be empty') => wellFormed(true).min(1, empty).max(max, `must be at most ${max} characters`);

/** An optional note: may be empty. */
export const optionalProse = (max: number) => wellFormed(true).max(max, `must be at most ${max} characters`).optional();
