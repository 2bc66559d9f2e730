import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI 3 document, generated from the same zod schemas the routes validate with, so the
 * document cannot drift from the code. Served at /v1/openapi.json (routes/docs.ts).
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Complaint Ladder API',
        version: '1.0.0',
        description:
          'Every customer complaint is a durable Temporal workflow that climbs an escalation ladder. ' +
          'Every call except health and these documents needs `Authorization: Bearer <token>` (issued by `ladder staff add`). ' +
          'Errors are `{ error, message, details? }`. Complaint ids read `CL-<DEALER>-<YYYYMMDD>-<6 Crockford base32>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'complaints', description: 'Intake, read, list and search' },
        { name: 'actions', description: 'Staff and supervisor actions (workflow Updates)' },
        { name: 'queues', description: 'The caller’s work queues: mine, awaiting my approval, overdue, due soon, unowned on my tier' },
        { name: 'operations', description: 'Health' },
      ],
    },
    transform: createJsonSchemaTransform({ skipList: ['/v1/docs', '/v1/docs/*', '/v1/openapi.json'] }),
  });
}
