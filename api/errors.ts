import { STATUS_CODES as HTTP_REASONS } from 'node:http';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { z } from 'zod';
import { REFUSAL_TYPES } from '../workflows/messages';
import { ownValue } from '../domain/own';

/** One field's problem, e.g. `{ path: 'customer.phone', message: 'expected 7 to 20 digits' }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Every error the API sends is `{ error, message, details? }` (SPEC §4). */
export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    return {
      error: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export const invalidInput = (message: string, details: FieldIssue[]) =>
  new ApiError(400, 'invalid_input', message, details);
export const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer realm="complaint-ladder"' });
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const notAllowed = (message: string) => new ApiError(409, 'not_allowed', message);
/** A known path asked with a method it does not take (RFC 9110 §15.5.6: Allow lists the ones it does). */
export const methodNotAllowed = (method: string, path: string, allowed: readonly string[]) =>
  new ApiError(
    405,
    'method_not_allowed',
    `${path} does not take ${method}; it takes ${allowed.join(', ')}`,
    undefined,
    { allow: allowed.join(', ') },
  );

export function fieldIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldIssue[] {
  return issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: i.message,
  }));
}

export function describeIssues(what: string, details: FieldIssue[]): string {
  return `invalid ${what}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`;
}

/** The workflow refused an Update in its validator; the refusal type says why (workflows/messages.ts). */
const REFUSAL_STATUS: Record<string, { status: number; code: string }> = {
  [REFUSAL_TYPES.invalid_input]: { status: 400, code: 'invalid_input' },
  [REFUSAL_TYPES.not_allowed]: { status: 409, code: 'not_allowed' },
  [REFUSAL_TYPES.over_authority]: { status: 403, code: 'over_authority' },
  [REFUSAL_TYPES.forbidden]: { status: 403, code: 'forbidden' },
  [REFUSAL_TYPES.idempotency_key_reused]: { status: 422, code: 'idempotency_key_reused' },
};

/** The HTTP answer for a refusal type; a type named like an Object.prototype member is unknown. */
export function refusalStatus(type: string | undefined | null): { status: number; code: string } | undefined {
  return type ? ownValue(REFUSAL_STATUS, type) : undefined;
}

/** Maps what Temporal threw at an Update or query to the API's error, or returns null if unknown. */
export function fromTemporal(err: unknown, complaintId: string): ApiError | null {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const mapped = refusalStatus(err.cause.type);
    if (mapped) {
      const details = mapped.code === 'invalid_input' ? err.cause.details?.[0] : undefined;
      return new ApiError(mapped.status, mapped.code, err.cause.message, details);
    }
  }
  // The complaint closed between our look-up and the Update (Temporal reports it as not found).
  if (err instanceof Error && /already completed|workflow execution.*(closed|completed)/i.test(err.message)) {
    return notAllowed(`complaint ${complaintId} is closed`);
  }
  if (err instanceof WorkflowNotFoundError) return notFound(`no complaint ${complaintId}`);
  return null;
}

const STATUS_CODES: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'not_allowed',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

/** Fastify's own client errors (bad JSON, body too large, wrong content type, a path parameter too long) in our error shape. */
export function fromFastify(err: { statusCode?: number; message: string }): ApiError | null {
  const status = err.statusCode;
  if (status === undefined || status < 400 || status >= 500) return null;
  return new ApiError(status, STATUS_CODES[status] ?? 'bad_request', err.message);
}

/**
 * What Node's HTTP parser refuses before any route runs (headers too large, a malformed request,
 * a timeout), as the raw HTTP/1.1 response in our error shape; the connection closes after it.
 */
export function rawClientError(code: string | undefined): string {
  const [status, error, message]: [number, string, string] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'the request line and headers are larger than the server accepts']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'the request did not arrive in time']
        : [400, 'bad_request', 'the request is not well-formed HTTP'];
  const body = JSON.stringify({ error, message } satisfies ErrorBody);
  return `HTTP/1.1 ${status} ${HTTP_REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
