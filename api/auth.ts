import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, forbidden, unauthorized } from './errors';
import { ALL_DEALERS, inScope, type StaffDirectory, type StaffMember } from './staff-directory';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the bearer-auth hook on every authenticated route. */
    staff?: StaffMember;
  }
}

/**
 * Counts failed tokens per client address in a fixed window. Once a client reaches the limit,
 * every authenticated call from it gets 429 until the window ends, valid token or not, so
 * guessing tokens costs a minute per handful of guesses.
 */
export function createAuthFailureLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  const prune = (t: number) => {
    for (const [client, w] of windows) if (w.endsAt <= t) windows.delete(client);
  };
  return {
    /** Seconds until the client may try again, or 0 if it may try now. */
    retryAfter(client: string): number {
      const w = windows.get(client);
      const t = now();
      if (!w || w.endsAt <= t || w.failures < limit) return 0;
      return Math.max(1, Math.ceil((w.endsAt - t) / 1000));
    },
    fail(client: string): void {
      const t = now();
      if (windows.size > 10_000) prune(t);
      const w = windows.get(client);
      if (!w || w.endsAt <= t) windows.set(client, { failures: 1, endsAt: t + windowMs });
      else w.failures++;
    },
  };
}
export type AuthFailureLimiter = ReturnType<typeof createAuthFailureLimiter>;

const BEARER = /^Bearer ([\x21-\x7e]+)$/;

/** The onRequest hook of every authenticated route: 429, then 401, then the staff member on the request. */
export function bearerAuth(directory: StaffDirectory, limiter: AuthFailureLimiter) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const wait = limiter.retryAfter(request.ip);
    if (wait > 0) {
      throw new ApiError(429, 'too_many_requests', `too many failed sign-ins from this client; try again in ${wait} s`, undefined, {
        'retry-after': String(wait),
      });
    }
    const header = request.headers.authorization;
    if (!header) throw unauthorized('missing Authorization: Bearer <token> header');
    const token = BEARER.exec(header)?.[1];
    const member = token ? directory.authenticate(token) : null;
    if (!member) {
      limiter.fail(request.ip);
      throw unauthorized(token ? 'the bearer token is not valid' : 'expected Authorization: Bearer <token>');
    }
    request.staff = member;
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

/** The dealers a list or queue covers: the one asked for (if in scope), else all of the caller's; undefined for all dealers. */
export function visibleDealers(member: StaffMember, dealerId?: string): string[] | undefined {
  if (dealerId !== undefined) {
    if (!inScope(member, dealerId)) throw forbidden(`staff ${member.id} may see ${member.dealers.join(', ')} only, not dealer ${dealerId}`);
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
  if (!colleague) throw new ApiError(404, 'not_found', `${field}: no staff member ${JSON.stringify(id)}`, [{ path: field, message: 'no staff member with this id' }]);
  if (!inScope(colleague, dealerId)) throw forbidden(`${colleague.name} (${colleague.id}) does not serve dealer ${dealerId}`);
  return colleague;
}
