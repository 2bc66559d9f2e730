// Every call carries the signed-in staff member's bearer token (SPEC §4).
const TOKEN_KEY = 'ladder.token';

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
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

const listeners = { unauthorized: new Set() };
export const onUnauthorized = (fn) => listeners.unauthorized.add(fn);

export async function api(method, path, body, token = session.token) {
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
  if (!res.ok) {
    const err = new ApiError(res.status, json);
    if (res.status === 401 && token === session.token) for (const fn of listeners.unauthorized) fn(err);
    throw err;
  }
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
