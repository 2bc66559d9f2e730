// Every call carries the signed-in staff member's bearer token (SPEC §4).
// sessionStorage, never localStorage: the token lives only as long as a tab (session.js shares it).
const TOKEN_KEY = 'ladder.token';

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    const before = this.token;
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
    if ((value || null) !== before) for (const fn of tokenListeners) fn(value || null);
  },
  /** The staff member from GET /v1/me, once signed in. */
  me: null,
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? 'error';
    this.details = body?.details ?? [];
  }
}

const tokenListeners = new Set();
/** Calls fn(token) whenever the session's token changes (signed in again, here or in another tab); returns an unsubscribe. */
export function onTokenChange(fn) {
  tokenListeners.add(fn);
  return () => tokenListeners.delete(fn);
}

let renewSession = null;
let renewal = null;
/** How an expired session is renewed (app.js asks to sign in again): fn() resolves true once a new token is in place. */
export const onSessionExpired = (fn) => {
  renewSession = fn;
};

/**
 * True once the session holds a token other than the refused `stale` one, asking to sign in again
 * if nobody has yet (one ask however many calls were refused); false once the session has ended.
 */
export async function renewedSince(stale) {
  if (session.token && session.token !== stale) return true;
  if (!session.me || !renewSession) return false;
  renewal ??= Promise.resolve()
    .then(renewSession)
    .catch(() => false)
    .finally(() => {
      renewal = null;
    });
  return renewal;
}

/**
 * A call with the session's token (or an explicit `token`, as sign-in checks one). Refused with 401
 * while signed in, it waits for the re-sign-in and is sent once more, so what the user was doing
 * completes instead of being lost.
 */
export async function api(method, path, body, token) {
  if (token !== undefined) return send(method, path, body, token);
  // A token already known to be dead is not sent again: each refusal counts against the client (api/auth.ts).
  if (renewal) await renewal;
  const sent = session.token;
  const as = session.me?.id;
  try {
    return await send(method, path, body, sent);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401 || !as) throw err;
    // A 401 is refused before the route runs, so sending it again cannot do anything twice. Only
    // for the same person, though: someone else signing in must not finish this one's action.
    if (!(await renewedSince(sent)) || session.me?.id !== as) throw err;
    return send(method, path, body, session.token);
  }
}

async function send(method, path, body, token) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = { error: 'bad_response', message: text.slice(0, 200) };
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);

/** One page of a list: GET /v1/complaints (filters, q=) or /v1/queues/{queue}. */
export function listPage(path, params, pageToken) {
  const q = new URLSearchParams(params);
  if (pageToken) q.set('pageToken', pageToken);
  return get(`${path}?${q}`);
}

/** The first `pages` pages afresh, so a poll sees what moved; nextPageToken continues after them. */
export async function listPages(path, params, pages) {
  const items = [];
  let nextPageToken = null;
  for (let page = 0; page < pages; page++) {
    const res = await listPage(path, params, nextPageToken);
    items.push(...res.items);
    nextPageToken = res.nextPageToken;
    if (!nextPageToken) break;
  }
  return { items, nextPageToken };
}

/** The whole list of complaints matching a filter, following page tokens (bounded). */
export async function listAll(params, maxPages = 5) {
  return (await listPages('/v1/complaints', { ...params, pageSize: '200' }, maxPages)).items;
}
