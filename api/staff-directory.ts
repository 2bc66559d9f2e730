import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readDuration } from '../domain/duration';
import { RoleSchema, type Actor, type Role } from '../domain/staff';

/**
 * The staff directory file: who may call the API, in which role, for which dealers.
 *
 *     { "staff": [{ "id", "name", "role", "dealers": ["SH-PUDONG-01"] | ["*"], "tokenHash", "salt", "createdAt",
 *                   "expiresAt"?, "revokedAt"? }] }
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
  /** The token stops working at this instant; none: it works until revoked. */
  expiresAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time' }).optional(),
});
export type NewStaff = z.input<typeof NewStaffSchema>;

const StaffRecordSchema = NewStaffSchema.extend({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  salt: z.string().regex(/^[0-9a-f]{32,}$/, 'expected a hex salt'),
  createdAt: z.string(),
  /** Set by `ladder staff revoke`: the token no longer works. The record stays, so the id is not reused by accident. */
  revokedAt: z.string().optional(),
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

/** Written whole to a temporary file, flushed and renamed, owner-only, so a reader never sees half a file. */
function writeStaffFile(file: string, contents: StaffFile): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(contents, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

const LOCK_WAIT_MS = 10_000;
/** A lock is held for one read-modify-write, milliseconds; one this old was left by a crash. */
const LOCK_STALE_MS = 30_000;
const pauseSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 0);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true; // its writer is gone
      }
    }
    return Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false; // gone already, or just created and not yet written: try again
  }
}

/**
 * Runs one read-modify-write of the staff file under `<file>.lock`, created exclusively, so
 * concurrent `ladder staff add` runs (separate processes) queue instead of losing each other's
 * staff. A lock whose process has died, or that is older than LOCK_STALE_MS, is taken over.
 */
function withStaffFileLock<T>(file: string, change: () => T): T {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const lock = `${file}.lock`;
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  let fd: number | undefined;
  for (let pause = 2; fd === undefined; pause = Math.min(pause * 2, 50)) {
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lock)) {
        try {
          unlinkSync(lock);
        } catch {
          // another waiter took it over first
        }
        continue;
      }
      if (Date.now() > giveUpAt) {
        throw new StaffDirectoryError(
          `staff file ${file} stayed locked by another writer for ${LOCK_WAIT_MS / 1000} s; if none is running, remove ${lock}`,
        );
      }
      pauseSync(pause + Math.random() * pause);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return change();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // taken over as stale meanwhile: nothing of ours to remove
    }
  }
}

const hashSecret = (salt: string, secret: string) => createHash('sha256').update(salt).update(secret).digest('hex');

/** Why a record's token no longer signs anyone in, or null while it does. */
function lapsed(record: StaffRecord, now: number): 'revoked' | 'expired' | null {
  if (record.revokedAt !== undefined) return 'revoked';
  if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now) return 'expired';
  return null;
}

/**
 * When a token given `--expires` stops working: a duration from now ("90d", "12h") or an ISO
 * date or date-time ("2026-12-31" is midnight UTC starting that day). Null if unreadable.
 */
export function expiryFrom(text: string, now: number): string | null {
  const ms = readDuration(text);
  if (ms !== null) return ms > 0 ? new Date(now + ms).toISOString() : null;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  const at = Date.parse(text.trim());
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

/**
 * Adds a staff member and returns their token, the only time it exists outside the caller.
 * Refuses an id that is already in the file, unless that id's token was revoked or has expired:
 * then the record is replaced and `replaced` says why. `ladder staff add` calls this.
 */
export function addStaff(
  input: NewStaff,
  file: string,
  now: number = Date.now(),
): { token: string; staff: StaffMember; expiresAt?: string; replaced?: 'revoked' | 'expired' } {
  const parsed = NewStaffSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new StaffDirectoryError(`invalid staff member: ${lines.join('; ')}`);
  }
  const expiresAt = parsed.data.expiresAt === undefined ? undefined : new Date(parsed.data.expiresAt).toISOString();
  if (expiresAt !== undefined && Date.parse(expiresAt) <= now) {
    throw new StaffDirectoryError(`invalid staff member: expiresAt: ${expiresAt} has already passed`);
  }
  return withStaffFileLock(file, () => {
    const current = readStaffFile(file);
    const existing = current.staff.find((s) => s.id === parsed.data.id);
    const replaced = existing ? lapsed(existing, now) : null;
    if (existing && !replaced) throw new StaffDirectoryError(`staff id ${parsed.data.id} already exists in ${file}`);
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    const dealers = [...new Set(parsed.data.dealers)];
    const { expiresAt: _given, ...fields } = parsed.data;
    const record: StaffRecord = {
      ...fields,
      dealers: dealers.includes(ALL_DEALERS) ? [ALL_DEALERS] : dealers,
      tokenHash: hashSecret(salt, secret),
      salt,
      createdAt: new Date(now).toISOString(),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
    writeStaffFile(file, { staff: [...current.staff.filter((s) => s !== existing), record] });
    return {
      token: `${record.id}.${secret}`,
      staff: toMember(record),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(replaced ? { replaced } : {}),
    };
  });
}

/**
 * Revokes a staff member's token: the API refuses it from its next request on, without a
 * restart. The record stays (marked revokedAt); `addStaff` with the same id issues a new token.
 */
export function revokeStaff(
  id: string,
  file: string,
  now: number = Date.now(),
): { staff: StaffMember; revokedAt: string; already: boolean } {
  return withStaffFileLock(file, () => {
    const current = readStaffFile(file);
    const record = current.staff.find((s) => s.id === id);
    if (!record) throw new StaffDirectoryError(`no staff id ${id} in ${file}`);
    if (record.revokedAt !== undefined) return { staff: toMember(record), revokedAt: record.revokedAt, already: true };
    const revokedAt = new Date(now).toISOString();
    writeStaffFile(file, { staff: current.staff.map((s) => (s === record ? { ...s, revokedAt } : s)) });
    return { staff: toMember(record), revokedAt, already: false };
  });
}

/** The staff id a token names (`<id>.<secret>`), or null if it does not have that shape. */
export function tokenStaffId(token: string): string | null {
  const dot = token.indexOf('.');
  const id = dot > 0 ? token.slice(0, dot) : '';
  return STAFF_ID_SHAPE.test(id) ? id : null;
}

const toMember = ({ id, name, role, dealers }: StaffRecord): StaffMember => ({ id, name, role, dealers });

export function actorOf(member: StaffMember): Actor {
  return { id: member.id, role: member.role, name: member.name };
}

export function inScope(member: StaffMember, dealerId: string): boolean {
  return member.dealers.includes(ALL_DEALERS) || member.dealers.includes(dealerId);
}

/**
 * What a presented token comes to. `expired` and `revoked` are told only for a token whose
 * secret is right, so they reveal nothing to someone guessing.
 */
export type SignIn =
  | { ok: true; member: StaffMember }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'expired'; expiredAt: string }
  | { ok: false; reason: 'revoked'; revokedAt: string };

export interface StaffDirectory {
  /** Checks a bearer token against the file as it is now (expiry against the current time). */
  verify(token: string): SignIn;
  /** The staff member a bearer token belongs to, or null for any token that is not valid now. */
  authenticate(token: string): StaffMember | null;
  /** A staff member who may sign in now, by id, or null: who a complaint may be handed to. */
  find(id: string): StaffMember | null;
  /** Everyone who may sign in now: revoked and expired tokens leave their holders out. */
  list(): StaffMember[];
  size(): number;
}

// Compared against when the staff id is unknown, so a miss costs the same as a wrong secret.
const DECOY = { salt: '0'.repeat(32), tokenHash: '0'.repeat(64) };

/**
 * Reads the file at start-up and again whenever it changes on disk, so staff added with
 * `ladder staff add`, and tokens revoked with `ladder staff revoke`, take effect without
 * restarting the API; expiry is checked against the clock on every request. A file that turns
 * bad after start-up is reported and the last good directory stays in force.
 */
export function openStaffDirectory(
  file: string,
  onReloadError: (err: Error) => void = () => undefined,
  now: () => number = Date.now,
): StaffDirectory {
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

  const active = () => [...records.values()].filter((r) => lapsed(r, now()) === null);

  const verify = (token: string): SignIn => {
    refresh();
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 256) return { ok: false, reason: 'invalid' };
    const id = token.slice(0, dot);
    const secret = token.slice(dot + 1);
    const record = records.get(id);
    const { salt, tokenHash } = record ?? DECOY;
    const presented = Buffer.from(hashSecret(salt, secret), 'hex');
    const stored = Buffer.from(tokenHash, 'hex');
    const match = presented.length === stored.length && timingSafeEqual(presented, stored);
    if (!record || !match) return { ok: false, reason: 'invalid' };
    const why = lapsed(record, now());
    if (why === 'revoked') return { ok: false, reason: 'revoked', revokedAt: record.revokedAt! };
    if (why === 'expired') return { ok: false, reason: 'expired', expiredAt: record.expiresAt! };
    return { ok: true, member: toMember(record) };
  };

  return {
    verify,
    authenticate(token) {
      const signIn = verify(token);
      return signIn.ok ? signIn.member : null;
    },
    find(id) {
      refresh();
      const record = records.get(id);
      return record && lapsed(record, now()) === null ? toMember(record) : null;
    },
    list() {
      refresh();
      return active().map(toMember);
    },
    size() {
      refresh();
      return active().length;
    },
  };
}
