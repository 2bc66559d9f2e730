import { CliFailure } from './failure';

/** The API's error body (SPEC §4). */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string | undefined;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A thin fetch wrapper: JSON in, JSON out, and every failure turned into a message a person can act on. */
export function createApiClient({ baseUrl, token, timeoutMs = 30_000, fetch: doFetch = fetch }: ApiClientOptions) {
  const root = baseUrl.replace(/\/+$/, '');

  /** `accept` lists non-2xx statuses whose body is an answer, not an error (health's 503). */
  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    { body, headers = {}, accept = [] }: { body?: unknown; headers?: Record<string, string>; accept?: number[] } = {},
  ): Promise<ApiResponse<T>> {
    const url = `${root}${path}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw unreachable(root, err);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.ok || accept.includes(response.status)) {
      if (json === undefined)
        throw new CliFailure(
          `the API at ${root} answered ${method} ${path} with something that is not JSON (HTTP ${response.status})`,
        );
      return { status: response.status, body: json as T };
    }
    throw apiFailure(response.status, json, text, token !== undefined && token !== '');
  }

  return {
    baseUrl: root,
    get: <T>(path: string, opts: { accept?: number[] } = {}) => request<T>('GET', path, opts),
    post: <T>(path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
      request<T>('POST', path, { body, headers }),
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(json: unknown): json is ApiErrorBody {
  return typeof json === 'object' && json !== null && typeof (json as ApiErrorBody).message === 'string';
}

const HINTS: Partial<Record<number, (hadToken: boolean) => string>> = {
  401: (hadToken) =>
    hadToken
      ? 'the token was refused: check LADDER_TOKEN or --token (tokens come from `ladder staff add`)'
      : 'no token given: set LADDER_TOKEN or pass --token (tokens come from `ladder staff add`)',
};

function apiFailure(status: number, json: unknown, text: string, hadToken: boolean): CliFailure {
  if (!isErrorBody(json)) {
    const snippet = text.trim().slice(0, 200) || '(empty body)';
    return new CliFailure(`the API answered HTTP ${status}: ${snippet}`, 1, {
      error: 'http_error',
      status,
      message: snippet,
    });
  }
  const lines = [`${json.message} (HTTP ${status} ${json.error})`];
  lines.push(...detailLines(json.details, json.message));
  const hint = HINTS[status]?.(hadToken);
  if (hint) lines.push(hint);
  return new CliFailure(lines.join('\n'), 1, { status, ...json });
}

interface FieldIssue {
  path: string;
  message: string;
}
const isFieldIssues = (d: unknown): d is FieldIssue[] =>
  Array.isArray(d) && d.every((i) => typeof i?.path === 'string' && typeof i?.message === 'string');

/** Field-level details as `  path: message` lines, except those the message already spells out. */
function detailLines(details: unknown, message: string): string[] {
  if (details === undefined || details === null) return [];
  if (isFieldIssues(details)) {
    return details.filter((d) => !message.includes(`${d.path}: ${d.message}`)).map((d) => `  ${d.path}: ${d.message}`);
  }
  return [`  details: ${JSON.stringify(details)}`];
}

function unreachable(root: string, err: unknown): CliFailure {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const why = e.name === 'TimeoutError' ? 'no answer in time' : (e.cause?.code ?? e.cause?.message ?? e.message);
  return new CliFailure(
    `cannot reach the API at ${root} (${why}); is it running? Set LADDER_API_URL or pass --api-url`,
    1,
    { error: 'unreachable', message: `cannot reach the API at ${root}`, cause: why },
  );
}
