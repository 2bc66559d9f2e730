import { z } from 'zod';

/**
 * Text that every consumer can read: no lone surrogates (strict JSON parsers such as jq and
 * Python refuse a whole Kafka record over one) and no control characters, which a terminal
 * would obey. Multi-line text may keep newlines and tabs; a name or an id may not.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Control characters as character-class ranges, shared by the check and the published pattern. */
const CONTROL = {
  line: '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029',
  prose: '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029',
};
/**
 * What String.prototype.trim() removes (JavaScript's \s), spelled out: JSON Schema readers differ
 * on what \s means, and a published pattern must mean to them what it means here.
 */
export const SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const CONTROL_IN_PROSE = new RegExp(`[${CONTROL.prose}]`);
const CONTROL_IN_LINE = new RegExp(`[${CONTROL.line}]`);

/** Why `value` is not fit to store and publish, or null when it is. */
export function textFault(value: string, multiLine: boolean): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  if ((multiLine ? CONTROL_IN_PROSE : CONTROL_IN_LINE).test(value)) {
    return multiLine
      ? 'must not hold control characters other than newline and tab'
      : 'must be one line without control characters';
  }
  return null;
}

/**
 * The JSON Schema `pattern` of a text as sent, before trimming: whatever trim() removes around it
 * (controls such as \r among them), then no control characters inside, and, when it must not be
 * empty, one character that is not a space. (A lone surrogate cannot be said in a pattern; JSON
 * Schema readers that hold text as Unicode scalar values never have one.)
 */
export function textPattern(multiLine: boolean, nonBlank: boolean, alsoForbidden = ''): string {
  const banned = `${multiLine ? CONTROL.prose : CONTROL.line}${alsoForbidden}`;
  const solid = `[^${banned}${SPACE}]`;
  const content = `${solid}(?:[^${banned}]*${solid})?`;
  return `^[${SPACE}]*${nonBlank ? content : `(?:${content})?`}[${SPACE}]*$`;
}

/** Length as JSON Schema counts it: in Unicode code points, not UTF-16 units. */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * A well-formed text of at most `max` characters as sent (counted as JSON Schema counts them, so
 * the published maxLength is the rule), then trimmed. The JSON Schema the API publishes carries
 * the same rules as maxLength and a pattern (test/domain/text.test.ts holds them equal).
 */
function wellFormed(multiLine: boolean, max: number) {
  return z
    .string()
    .refine((value) => codePoints(value) <= max, { message: `must be at most ${max} characters`, abort: true })
    .trim()
    .superRefine((value, ctx) => {
      const fault = textFault(value, multiLine);
      if (fault) ctx.addIssue({ code: 'custom', message: fault, input: value, abort: true });
    });
}

/** A name, an id, a plate: one line, trimmed, 1 to `max` characters. */
export const line = (max: number, empty = 'must not be empty') =>
  wellFormed(false, max)
    .min(1, empty)
    .meta({ maxLength: max, pattern: textPattern(false, true) });

/** A description, a note, a summary: newlines allowed, trimmed, 1 to `max` characters. */
export const prose = (max: number, empty = 'must not be empty') =>
  wellFormed(true, max)
    .min(1, empty)
    .meta({ maxLength: max, pattern: textPattern(true, true) });

/** An optional note: may be empty. */
export const optionalProse = (max: number) =>
  wellFormed(true, max)
    .meta({ maxLength: max, pattern: textPattern(true, false) })
    .optional();
