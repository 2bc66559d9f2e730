import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, forbidden, notFound, unauthorized } from './errors';
import { ALL_DEALERS, inScope, tokenStaffId, type StaffDirectory, type StaffMember } from './staff-directory';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the bearer-auth hook on every authenticated route. */
    staff?: StaffMember;
  }
}

export interface AuthFailureSettings {
  /** Failed tokens one client may present per window before its failures are answered 429. */
  limit: number;
  windowMs: number;
  /** The longest a failed sign-in's answer is held back. */
  maxDelayMs?: number;
}

/** Failures that cost nothing: a mistyped token or two answers at once. */
const FREE_FAILURES = 2;
const FIRST_DELAY_MS = 100;
/** Above this many counted keys, expired windows are dropped, then the oldest. */
const MAX_KEYS = 10_000;

/**
 * How long the answer to the n-th failure in a window is held back: nothing for the first
 * FREE_FAILURES, then doubling from FIRST_DELAY_MS up to the cap.
 */
export function failureDelayMs(failures: number, maxDelayMs: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES - 1, 30));
}

/**
 * Counts failed tokens per client address and per presented staff id, each in a fixed window.
 * It only ever slows and refuses *failed* sign-ins: a valid token is never counted, delayed or
 * refused, so nobody can lock staff out by failing on purpose from their address (an office
 * NAT, a proxy) or in their name. The per-id count slows a guesser who spreads over many
 * addresses; the per-client count also turns a client's failures past `limit` into 429.
 */
export function createAuthFailureLimiter(settings: AuthFailureSettings, now: () => number = Date.now) {
  const { limit, windowMs, maxDelayMs = 2000 } = settings;
  const windows = new Map<string, { failures: number; endsAt: number }>();
  // A window is (re)inserted when it opens and all are as long, so the Map's order is the order
  // in which they end: pruning drops from the front, expired ones and then the oldest.
  const prune = (t: number) => {
    for (const [key, w] of windows) {
      if (w.endsAt > t && windows.size <= MAX_KEYS * 0.9) break;
      windows.delete(key);
    }
  };
  const count = (key: string, t: number) => {
    const w = windows.get(key);
    if (!w || w.endsAt <= t) {
      const fresh = { failures: 1, endsAt: t + windowMs };
      windows.delete(key);
      windows.set(key, fresh);
      return fresh;
    }
    w.failures++;
    return w;
  };
  return {
    /**
     * Records one failed sign-in. Returns how long to hold the answer back, and, once the client
     * is past its limit, the seconds until its window ends (answer 429 with Retry-After).
     */
    fail(who: { client: string; staffId?: string | null }): { delayMs: number; retryAfter: number } {
      const t = now();
      if (windows.size > MAX_KEYS) prune(t);
      const client = count(`client:${who.client}`, t);
      const staff = who.staffId ? count(`staff:${who.staffId}`, t) : undefined;
      const failures = Math.max(client.failures, staff?.failures ?? 0);
      const retryAfter = client.failures > limit ? Math.max(1, Math.ceil((client.endsAt - t) / 1000)) : 0;
      return { delayMs: failureDelayMs(failures, maxDelayMs), retryAfter };
    },
  };
}
export type AuthFailureLimiter = ReturnType<typeof createAuthFailureLimiter>;

// RFC 7235: the scheme is case-insensitive ("bearer" is as good as "Bearer").
const BEARER = /^bearer +([\x21-\x7e]+) *$/i;

/**
 * The onRequest hook of every authenticated route: the staff member on the request, or 401
 * (429 for a client past its limit of failures), held back longer the more failures there were.
 * Expired and revoked tokens get 401 at once with the reason: their holder knew the secret.
 */
export function bearerAuth(
  directory: StaffDirectory,
  limiter: AuthFailureLimiter,
  pause: (ms: number) => Promise<unknown> = sleep,
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('missing Authorization: Bearer <token> header');
    const token = BEARER.exec(header)?.[1];
    const signIn = token ? directory.verify(token) : ({ ok: false, reason: 'invalid' } as const);
    if (signIn.ok) {
      request.staff = signIn.member;
      return;
    }
    if (signIn.reason === 'expired') throw unauthorized(`token expired on ${signIn.expiredAt}`);
    if (signIn.reason === 'revoked') throw unauthorized('token revoked');
    const { delayMs, retryAfter } = limiter.fail({ client: request.ip, staffId: token ? tokenStaffId(token) : null });
    if (delayMs > 0) await pause(delayMs);
    if (retryAfter > 0) {
      throw new ApiError(
        429,
        'too_many_requests',
        `too many failed sign-ins from this client; try again in ${retryAfter} s`,
        undefined,
        {
          'retry-after': String(retryAfter),
        },
      );
    }
    throw unauthorized(token ? 'the bearer token is not valid' : 'expected Authorization: Bearer <token>');
  };
}

export function staffOf(request: FastifyRequest): StaffMember {
  if (!request.staff) throw unauthorized('not signed in');
  return request.staff;
}

/** Dealer scope (SPEC §4): staff act only on their own dealers' complaints, unless scoped to "*". */
export function requireDealer(member: StaffMember, dealerId: string): void {
  if (!inScope(member, dealerId)) {
    throw forbidden(`staff ${member.id} may act for ${member.dealers.join(', ')} only, not dealer ${dealerId}`);
  }
}

/**
 * Dealer scope for an existing complaint: another dealer's complaint is 404, word for word the
 * answer for a complaint that does not exist, so its existence is not told.
 */
export function requireComplaintInScope(member: StaffMember, complaintId: string, dealerId: string): void {
  if (!inScope(member, dealerId)) throw notFound(`no complaint ${complaintId}`);
}

/** The dealers a list or queue covers: the one asked for (if in scope), else all of the caller's; undefined for all dealers. */
export function visibleDealers(member: StaffMember, dealerId?: string): string[] | undefined {
  if (dealerId !== undefined) {
    if (!inScope(member, dealerId))
      throw forbidden(`staff ${member.id} may see ${member.dealers.join(', ')} only, not dealer ${dealerId}`);
    return [dealerId];
  }
  return member.dealers.includes(ALL_DEALERS) ? undefined : member.dealers;
}

/**
 * A colleague named by staff id (a hand-over, an intake owner): 404 when the directory has no such
 * person, 403 when they do not serve the complaint's dealer.
 */
export function colleagueOf(directory: StaffDirectory, id: string, dealerId: string, field: string): StaffMember {
  const colleague = directory.find(id);
  if (!colleague)
    throw new ApiError(404, 'not_found', `${field}: no staff member ${JSON.stringify(id)}`, [
      { path: field, message: 'no staff member with this id' },
    ]);
  if (!inScope(colleague, dealerId))
    throw forbidden(`${colleague.name} (${colleague.id}) does not serve dealer ${dealerId}`);
  return colleague;
}
