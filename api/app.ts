import Fastify, { type FastifyInstance, type FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { Logger } from '../config/logger';
import type { Policy } from '../domain/policy';
import { ownValue } from '../domain/own';
import { bearerAuth, createAuthFailureLimiter } from './auth';
import { randomSuffix } from './complaint-id';
import { createPageTokens } from './complaints';
import { customerKeyer } from './customer-keys';
import type { HealthProbes, RouteContext } from './context';
import { ApiError, describeIssues, fieldIssues, fromFastify, invalidInput } from './errors';
import { registerOpenApi } from './openapi';
import { actionRoutes } from './routes/actions';
import { analyticsRoutes } from './routes/analytics';
import { complaintRoutes } from './routes/complaints';
import { dashboardRoutes } from './routes/dashboard';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { liveRoutes } from './routes/live';
import { permissionRoutes } from './routes/permissions';
import { vocabularyRoutes } from './routes/vocabulary';
import { meRoutes } from './routes/me';
import { queueRoutes } from './routes/queues';
import { staffRoutes } from './routes/staff';
import type { StaffDirectory } from './staff-directory';
import type { LiveFeed } from './live';

export interface AppDeps {
  client: Client;
  namespace: string;
  /** Where new complaint workflows go; tests pass their own queue. */
  taskQueue: string;
  /**
   * The policy new complaints are opened with; it stays with each complaint. A function (e.g. a
   * PolicyStore's current) is asked again for every complaint, so a reloaded version applies.
   */
  policy: Policy | (() => Policy);
  staff: StaffDirectory;
  /** The secret customers' phones and names are hashed under (api/customer-keys.ts); keep it across restarts. */
  lookupKey: Buffer;
  health: HealthProbes;
  logger: Logger;
  bodyLimitBytes: number;
  authFailures: { limit: number; windowMs: number };
  /** The analytics process (analytics/server.ts) whose reports /v1/analytics serves. */
  analyticsUrl?: string;
  /** The live feed behind GET /v1/live (api/live.ts); without it that route answers 503. */
  live?: LiveFeed;
  now?: () => number;
  randomSuffix?: () => string;
}

/** Log paths that may hold a customer's phone or a token; pino replaces them with "[redacted]". */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'phone',
  '*.phone',
  'customer.phone',
  '*.customer.phone',
  'intake.customer.phone',
  '*.intake.customer.phone',
];

const HTTP_PARTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/**
 * zod validation with our error shape. Bodies stay as sent (the handlers validate them again
 * with the actor added and forward them unchanged); query, path and headers get zod's output.
 */
const zodValidator: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (!result.success) {
      const details = fieldIssues(result.error.issues);
      return { error: invalidInput(describeIssues(ownValue(HTTP_PARTS, httpPart ?? '') ?? 'request', details), details) };
    }
    return { value: httpPart === 'body' ? data : result.data };
  };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(zodValidator);
  // Response schemas document the contract; replies are sent as built, never reshaped.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // An action without a payload (acknowledge, approve, resume) may be posted with an empty JSON body.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else defaultJson(request, body as string, done);
  });
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && request.body === undefined) request.body = {};
  });

  app.setErrorHandler((err, request, reply) => {
    const known = err instanceof ApiError ? err : fromFastify(err as { statusCode?: number; message: string });
    if (known) {
      if (known.statusCode >= 500) request.log.warn({ err: known }, known.message);
      return reply.code(known.statusCode).headers(known.headers).send(known.body());
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  const { policy } = deps;
  const currentPolicy = typeof policy === 'function' ? policy : () => policy;
  const ctx: RouteContext = {
    client: deps.client,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    get policy() {
      return currentPolicy();
    },
    staff: deps.staff,
    health: deps.health,
    pageTokens: createPageTokens(),
    customerKeys: customerKeyer(deps.lookupKey),
    now: deps.now ?? Date.now,
    randomSuffix: deps.randomSuffix ?? randomSuffix,
    ...(deps.live ? { live: deps.live } : {}),
  };
  const limiter = createAuthFailureLimiter(deps.authFailures.limit, deps.authFailures.windowMs);

  await registerOpenApi(app);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(healthRoutes, { ctx });
  await app.register(docsRoutes);
  await app.register(dashboardRoutes);
  // Everything else names its actor with a bearer token.
  await typed.register(async (authed) => {
    authed.addHook('onRequest', bearerAuth(deps.staff, limiter));
    await authed.register(complaintRoutes, { ctx });
    await authed.register(actionRoutes, { ctx });
    await authed.register(queueRoutes, { ctx });
    await authed.register(meRoutes, { ctx });
    await authed.register(staffRoutes, { ctx });
    await authed.register(liveRoutes, { ctx });
    await authed.register(permissionRoutes, { ctx });
    await authed.register(vocabularyRoutes);
    await authed.register(analyticsRoutes, { analyticsUrl: deps.analyticsUrl ?? 'http://127.0.0.1:3100' });
  });
  return app;
}
