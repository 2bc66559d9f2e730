/** Phone masking, apart from the intake schemas because workflows call it (see roster.ts). */

/**
 * '13812345678' → '138****5678'. Keeps at most the first 3 and last 4 digits and always hides
 * at least a third of them, so a short number is never shown whole.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const hidden = Math.max(Math.ceil(digits.length / 3), digits.length - 7);
  const shown = digits.length - hidden;
  const tail = Math.min(4, Math.ceil(shown / 2));
  const head = Math.min(3, shown - tail);
  const prefix = phone.trim().startsWith('+') ? '+' : '';
  return `${prefix}${digits.slice(0, head)}${'*'.repeat(hidden)}${digits.slice(digits.length - tail)}`;
}
