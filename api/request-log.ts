import type { FastifyRequest } from 'fastify';

/** Query parameters that carry credentials, by lower-cased name: their values are never logged. */
const SECRET_PARAMS = new Set([
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'authorization',
  'api_key',
  'apikey',
]);
// A staff token (api/staff-directory.ts): `<id>.<43 base64url characters>`, wherever it appears.
const STAFF_TOKEN = /[A-Za-z0-9][A-Za-z0-9_-]{0,63}(?:\.|%2[Ee])[A-Za-z0-9_-]{43}/g;
const REDACTED = '[redacted]';

function paramName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/**
 * A URL as it may be logged: the values of credential parameters (`?token=`, `?access_token=`)
 * replaced, and anything shaped like a staff token blanked, in the path too.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const pathPart = at < 0 ? url : url.slice(0, at);
  const query =
    at < 0
      ? undefined
      : url
          .slice(at + 1)
          .split('&')
          .map((pair) => {
            const eq = pair.indexOf('=');
            const name = eq < 0 ? pair : pair.slice(0, eq);
            return eq >= 0 && SECRET_PARAMS.has(paramName(name)) ? `${name}=${REDACTED}` : pair;
          })
          .join('&');
  return `${pathPart}${query === undefined ? '' : `?${query}`}`.replace(STAFF_TOKEN, REDACTED);
}

/** Fastify's request log line without headers (the Authorization header never reaches it) and with redactUrl. */
export function requestLogView(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url ?? ''),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket ? request.socket.remotePort : undefined,
  };
}
