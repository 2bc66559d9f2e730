import { readFileSync } from 'node:fs';
import { usageError } from './failure';

// biome-ignore lint/suspicious/noExplicitAny: an intake file is the user's JSON; the API validates it, the CLI only fills in flags
type IntakeJson = Record<string, any>;

/** The `ladder open` flags. Anything given here overrides the same field from `--file`. */
export interface IntakeFlags {
  file?: string;
  dealer?: string;
  customerName?: string;
  phone?: string;
  plate?: string;
  vin?: string;
  ro?: string;
  channel?: string;
  category?: string;
  severity?: string;
  description?: string;
  stage?: string;
  reportedByStaff?: boolean;
}

/** A JSON file named on the command line; a missing or broken file is the user's to fix (exit 2). */
export function readJsonFile(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw usageError(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw usageError(`${what} ${file} must hold a JSON object`);
  return json as Record<string, unknown>;
}

const REQUIRED: [keyof IntakeFlags, string, (b: IntakeJson) => unknown][] = [
  ['dealer', '--dealer', (b) => b.dealerId],
  ['customerName', '--customer-name', (b) => b.customer?.name],
  ['phone', '--phone', (b) => b.customer?.phone],
  ['channel', '--channel', (b) => b.channel],
  ['category', '--category', (b) => b.category],
  ['severity', '--severity', (b) => b.severity],
  ['description', '--description', (b) => b.description],
];

/**
 * The POST /v1/complaints body. Missing flags are reported here, all at once, before anything is
 * sent; the values themselves are checked by the API, which names the field it refuses.
 */
export function intakeBody(flags: IntakeFlags): Record<string, unknown> {
  const base = flags.file ? readJsonFile(flags.file, 'intake file') : {};
  const body: IntakeJson = { ...base };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('dealerId', flags.dealer);
  if (flags.customerName !== undefined || flags.phone !== undefined) {
    body.customer = {
      ...(body.customer ?? {}),
      ...(flags.customerName !== undefined ? { name: flags.customerName } : {}),
      ...(flags.phone !== undefined ? { phone: flags.phone } : {}),
    };
  }
  if (flags.plate !== undefined || flags.vin !== undefined) {
    body.vehicle = {
      ...(body.vehicle ?? {}),
      ...(flags.plate !== undefined ? { plate: flags.plate } : {}),
      ...(flags.vin !== undefined ? { vin: flags.vin } : {}),
    };
  }
  set('repairOrderNo', flags.ro);
  set('channel', flags.channel);
  set('category', flags.category);
  set('severity', flags.severity);
  set('description', flags.description);
  set('startingStage', flags.stage);
  set('reportedByStaff', flags.reportedByStaff);

  const missing = REQUIRED.filter(([, , get]) => get(body) === undefined).map(([, flag]) => flag);
  if (body.vehicle?.plate === undefined && body.vehicle?.vin === undefined) missing.push('--plate or --vin');
  if (missing.length > 0) {
    throw usageError(
      `missing ${missing.join(', ')}${flags.file ? ` (not in ${flags.file} either)` : ' (or give --file intake.json)'}`,
    );
  }
  return body;
}
