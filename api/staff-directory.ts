import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RoleSchema, type Actor, type Role } from '../domain/staff';

/**
 * The staff directory file: who may call the API, in which role, for which dealers.
 *
 *     { "staff": [{ "id", "name", "role", "dealers": ["SH-PUDONG-01"] | ["*"], "tokenHash", "salt", "createdAt" }] }
 *
 * Tokens are `<staffId>.<32 random bytes, base64url>` and are shown once, when issued. The file
 * keeps only sha256(salt ‖ secret): a token carries 256 bits of entropy, so a fast salted hash is
 * as strong as a slow one here and keeps every request cheap.
 */
export const STAFF_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Dealer ids that may appear in a scope or a list filter; the quote-free shape keeps visibility queries safe. */
export const DEALER_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const ALL_DEALERS = '*';

const DealerScopeSchema = z.union([
  z.literal(ALL_DEALERS),
  z.string().regex(DEALER_ID_SHAPE, 'expected a dealer id (letters, digits, "-", "_", ".", ":") or "*"'),
]);

const NewStaffSchema = z.strictObject({
  id: z.string().regex(STAFF_ID_SHAPE, 'expected a staff id of letters, digits, "-" or "_" (at most 64)'),
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  role: RoleSchema,
  dealers: z.array(DealerScopeSchema).min(1, 'give at least one dealer, or "*" for all'),
});
export type NewStaff = z.input<typeof NewStaffSchema>;

const StaffRecordSchema = NewStaffSchema.extend({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  salt: z.string().regex(/^[0-9a-f]{32,}$/, 'expected a hex salt'),
  createdAt: z.string(),
});
export type StaffRecord = z.output<typeof StaffRecordSchema>;

const StaffFileSchema = z.strictObject({ staff: z.array(StaffRecordSchema) });
type StaffFile = z.output<typeof StaffFileSchema>;

/** A signed-in staff member, as the API sees them: no hash, no salt. */
export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  dealers: string[];
}

export class StaffDirectoryError extends Error {}

export function readStaffFile(file: string): StaffFile {
  if (!existsSync(file)) return { staff: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StaffDirectoryError(`staff file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = StaffFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new StaffDirectoryError(`staff file ${file} is invalid:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  for (const s of parsed.data.staff) {
    if (ids.has(s.id)) throw new StaffDirectoryError(`staff file ${file}: staff id ${s.id} appears twice`);
    ids.add(s.id);
  }
  return parsed.data;
}

/** Written whole to a temporary file and renamed, owner-only, so a reader never sees half a file. */
function writeStaffFile(file: string, contents: StaffFile): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

const hashSecret = (salt: string, secret: string) => createHash('sha256').update(salt).update(secret).digest('hex');

/**
 * Adds a staff member and returns their token, the only time it exists outside the caller.
 * Refuses an id that is already in the file. `ladder staff add` calls this.
 */
export function addStaff(input: NewStaff, file: string): { token: string; staff: StaffMember } {
  const parsed = NewStaffSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new StaffDirectoryError(`invalid staff member: ${lines.join('; ')}`);
  }
  const current = readStaffFile(file);
  if (current.staff.some((s) => s.id === parsed.data.id)) {
    throw new StaffDirectoryError(`staff id ${parsed.data.id} already exists in ${file}`);
  }
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const dealers = [...new Set(parsed.data.dealers)];
  const record: StaffRecord = {
    ...parsed.data,
    dealers: dealers.includes(ALL_DEALERS) ? [ALL_DEALERS] : dealers,
    tokenHash: hashSecret(salt, secret),
    salt,
    createdAt: new Date().toISOString(),
  };
  writeStaffFile(file, { staff: [...current.staff, record] });
  return { token: `${record.id}.${secret}`, staff: toMember(record) };
}

const toMember = ({ id, name, role, dealers }: StaffRecord): StaffMember => ({ id, name, role, dealers });

export function actorOf(member: StaffMember): Actor {
  return { id: member.id, role: member.role, name: member.name };
}

export function inScope(member: StaffMember, dealerId: string): boolean {
  return member.dealers.includes(ALL_DEALERS) || member.dealers.includes(dealerId);
}

export interface StaffDirectory {
  /** The staff member a bearer token belongs to, or null for any token that is not valid. */
  authenticate(token: string): StaffMember | null;
  /** A staff member by id, or null: who a complaint may be handed to. */
  find(id: string): StaffMember | null;
  /** Everyone who may sign in: the directory has no inactive entries (a leaver is taken out of the file). */
  list(): StaffMember[];
  size(): number;
}

// Compared against when the staff id is unknown, so a miss costs the same as a wrong secret.
const DECOY = { salt: '0'.repeat(32), tokenHash: '0'.repeat(64) };

/**
 * Reads the file at start-up and again whenever it changes on disk, so staff added with
 * `ladder staff add` can sign in without restarting the API. A file that turns bad after
 * start-up is reported and the last good directory stays in force.
 */
export function openStaffDirectory(file: string, onReloadError: (err: Error) => void = () => undefined): StaffDirectory {
  let records = new Map<string, StaffRecord>();
  let seen = '';
  const stamp = () => {
    try {
      const s = statSync(file);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'absent';
    }
  };
  const load = () => {
    const now = stamp();
    if (now === seen) return;
    records = new Map(readStaffFile(file).staff.map((s) => [s.id, s]));
    seen = now;
  };
  load();
  const refresh = () => {
    try {
      load();
    } catch (err) {
      onReloadError(err as Error);
    }
  };

  return {
    authenticate(token) {
      refresh();
      const dot = token.indexOf('.');
      if (dot <= 0 || token.length > 256) return null;
      const id = token.slice(0, dot);
      const secret = token.slice(dot + 1);
      const record = records.get(id);
      const { salt, tokenHash } = record ?? DECOY;
      const presented = Buffer.from(hashSecret(salt, secret), 'hex');
      const stored = Buffer.from(tokenHash, 'hex');
      const match = presented.length === stored.length && timingSafeEqual(presented, stored);
      return record && match ? toMember(record) : null;
    },
    find(id) {
      refresh();
      const record = records.get(id);
      return record ? toMember(record) : null;
    },
    list() {
      refresh();
      return [...records.values()].map(toMember);
    },
    size() {
      refresh();
      return records.size;
    },
  };
}
