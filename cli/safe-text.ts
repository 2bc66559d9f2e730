/**
 * Text from the API reaches a terminal: a customer name may hold an escape sequence that clears
 * the screen, or a right-to-left override that flips everything printed after it. Both are shown
 * as visible escapes instead. The CLI's own colour codes are added after this, so they survive.
 */

// C0 controls but tab and newline, DEL and C1, and the bidirectional embeddings, overrides,
// isolates and marks (U+061C, U+200E-F, U+202A-E, U+2066-9).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;

/** One string, safe to print: every unsafe character as `\u{202E}`. */
export const terminalSafe = (s: string): string => s.replace(UNSAFE, visible);

/** Every string inside an API answer, for the human renderers. */
export function deepSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map(deepSafe) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepSafe(v)])) as T;
  }
  return value;
}

/** JSON text with the same characters as JSON escapes (JSON.stringify leaves the bidi ones raw). */
export const jsonSafe = (json: string): string =>
  json.replace(UNSAFE, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
