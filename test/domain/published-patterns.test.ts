import fc from 'fast-check';
import { z } from 'zod';
import { PhoneSchema, VehicleSchema } from '../../domain/complaint';
import { MAX_DURATION_MS, POSITIVE_DURATION_PATTERN, PositiveDurationSchema } from '../../domain/duration';
import { codePoints, line, optionalProse, prose } from '../../domain/text';

/**
 * The API publishes its request rules as JSON Schema (/v1/openapi.json), and a client or a fuzzer
 * reads them as a JSON Schema validator does: a pattern over the text as sent, lengths in code
 * points. These hold each published rule to the zod rule the API runs.
 */
type Published = { pattern?: string; maxLength?: number; minLength?: number };
const published = (schema: z.ZodType): Published =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Published;

/** What a JSON Schema validator says of a string: ECMA-262 pattern (Unicode), lengths in code points. */
function schemaAccepts(rule: Published, value: string): boolean {
  const n = codePoints(value);
  if (rule.maxLength !== undefined && n > rule.maxLength) return false;
  if (rule.minLength !== undefined && n < rule.minLength) return false;
  return rule.pattern === undefined || new RegExp(rule.pattern, 'u').test(value);
}

// A lone surrogate cannot be held by a validator that reads text as Unicode scalar values (the
// pattern cannot name it); zod refuses it, and no JSON Schema reader can send one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text near the edges: every kind of space and control, wide and astral characters, at and past the limits. */
const tricky = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\u00a0',
      '\u1680',
      '\u2007',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u0000',
      '\u001b',
      '\u0085',
      '\u200b',
      'a',
      'Z',
      '7',
      '中',
      '😀',
      '\ufffd',
    ),
    maxLength,
  });

describe('published request rules say what the API accepts', () => {
  it.each([
    ['a one-line text', line(5)],
    ['a multi-line text', prose(5)],
    ['an optional note', optionalProse(5)],
  ] as const)('%s: schema-valid exactly when zod accepts it', (_name, schema) => {
    const rule = published(schema);
    expect(rule.maxLength).toBe(5);
    fc.assert(
      fc.property(fc.oneof(tricky(8), fc.string({ unit: 'binary', maxLength: 8 })), (value) => {
        fc.pre(!LONE_SURROGATE.test(value));
        expect([value, schemaAccepts(rule, value)]).toEqual([value, schema.safeParse(value).success]);
      }),
      { numRuns: 3000 },
    );
  });

  it('a phone: 7 to 20 digits with an optional +, spaces and dashes, around spaces that are trimmed', () => {
    const rule = published(PhoneSchema);
    const phone = fc.string({
      unit: fc.constantFrom('0', '1', '8', '+', '-', ' ', '\t', '\u3000', '\u00a0', 'a', '１', '٣', '.'),
      maxLength: 26,
    });
    fc.assert(
      fc.property(phone, (value) => {
        expect([value, schemaAccepts(rule, value)]).toEqual([value, PhoneSchema.safeParse(value).success]);
      }),
      { numRuns: 5000 },
    );
    expect(schemaAccepts(rule, '0')).toBe(false); // the finding: "0" matched the old pattern
    expect(schemaAccepts(rule, ' +86 138-1234-5678 ')).toBe(true);
  });

  it('a VIN: 17 characters without I, O or Q, either case, trimmed', () => {
    const vin = (published(VehicleSchema) as { properties: { vin: Published } }).properties.vin;
    const text = fc.string({
      unit: fc.constantFrom('A', 'h', 'z', '1', 'I', 'o', 'Q', ' ', '\t', 'ſ', 'ﬀ'),
      minLength: 15,
      maxLength: 19,
    });
    fc.assert(
      fc.property(text, (value) => {
        const zodSays = VehicleSchema.safeParse({ vin: value }).success;
        expect([value, schemaAccepts(vin, value)]).toEqual([value, zodSays]);
      }),
      { numRuns: 3000 },
    );
  });

  it('a vehicle needs its plate, its VIN or both', () => {
    expect(published(VehicleSchema)).toMatchObject({ minProperties: 1 });
    expect(VehicleSchema.safeParse({}).success).toBe(false);
  });

  it('a positive duration: every string the pattern admits is one the API takes, within 400 days', () => {
    const pattern = new RegExp(POSITIVE_DURATION_PATTERN);
    fc.assert(
      fc.property(fc.stringMatching(pattern), (value) => {
        fc.pre(value.length <= 64);
        const parsed = PositiveDurationSchema.safeParse(value);
        expect([value, parsed.success]).toEqual([value, true]);
        if (parsed.success) expect(parsed.data).toBeLessThanOrEqual(MAX_DURATION_MS);
      }),
      { numRuns: 3000 },
    );
    for (const shown of ['4h', '1d', '1h30m', '90 s', '1.5h', ' 2h ', '79d 999h 99999m 999999s 999999999ms'])
      expect([shown, pattern.test(shown)]).toEqual([shown, true]);
    for (const refused of ['0h', '0.5h', 'soon', '100000000d', ''])
      expect([refused, pattern.test(refused)]).toEqual([refused, false]);
  });
});
