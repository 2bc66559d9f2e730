/**
 * Terminal text: optional colour, column widths that count CJK characters as two cells,
 * tables, and times both absolute and relative to now.
 */

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

export function createStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
    cyan: sgr(36, 39),
  };
}

/** Colour only for a person at a terminal: never when piped, or when NO_COLOR is set (no-color.org). */
export function wantsColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
  flag: boolean,
): boolean {
  return flag && stream.isTTY === true && !env.NO_COLOR;
}

const ANSI = /\x1b\[[0-9;]*m/g;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Terminal cells a string takes: 投诉 is four, colour codes none. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s.replace(ANSI, '')) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

export const padEnd = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** Columns padded to their widest cell; the last column is left ragged. */
export function table(headers: string[], rows: string[][], style: Style, indent = ''): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [style.dim(line(headers)), ...rows.map(line)].join('\n');
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local time, to the second: the demo policy's clocks are seconds long. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** The two largest units: 1d 4h, 2h 5m, 45s. */
export function span(ms: number): string {
  let rest = Math.abs(Math.round(ms / 1000) * 1000);
  if (rest < 1000) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

export const ago = (ms: number, now: number) => (ms <= now ? `${span(now - ms)} ago` : `in ${span(ms - now)}`);
