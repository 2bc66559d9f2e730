import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ACTION_ROUTES, operationIdOf } from './routes/actions';

/**
 * The OpenAPI 3 document, generated from the same zod schemas the routes validate with, so the
 * document cannot drift from the code. Served at /v1/openapi.json (routes/docs.ts). What zod does
 * not carry (response headers, links between operations) is added here, in one place.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // The provider's default override drops a union branch whose schema is still being built, which
  // is every lazy domain schema (an audit actor is an Actor or "system"). We target 3.1 and need
  // none of its 3.0 rewrites.
  const zodToJsonConfig = { override: () => undefined };
  const components = createJsonSchemaTransformObject({ zodToJsonConfig });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Complaint Ladder API',
        version: '1.0.0',
        description:
          'Every customer complaint is a durable Temporal workflow that climbs an escalation ladder. ' +
          'Every call except health and these documents needs `Authorization: Bearer <token>` (issued by `ladder staff add`). ' +
          'Errors are `{ error, message, details? }`, routing errors included; a known path asked with another method is 405 with `Allow`. ' +
          'Complaint ids read `CL-<DEALER>-<YYYYMMDD>-<6 Crockford base32>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A staff token from `ladder staff add`' },
          codecCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ladder_codec',
            description: 'Set by POST /v1/codec/session; read by /v1/codec only (routes/codec.ts)',
          },
        },
      },
      security: [{ bearer: [] }],
      tags: [
        { name: 'complaints', description: 'Intake, read, list and search' },
        { name: 'actions', description: 'Staff and supervisor actions (workflow Updates)' },
        {
          name: 'queues',
          description: 'The caller’s work queues: mine, awaiting my approval, overdue, due soon, unowned on my tier',
        },
        { name: 'staff', description: 'The signed-in staff member, colleagues and the vocabulary' },
        { name: 'analytics', description: 'Reports from the complaint-events stream' },
        { name: 'operations', description: 'Health' },
        {
          name: 'codec',
          description:
            'The Temporal UI’s remote codec: decrypt and encrypt Temporal payloads (supervisors, their dealers only)',
        },
      ],
    },
    transform: createJsonSchemaTransform({ skipList: ['/v1/docs', '/v1/docs/*', '/v1/openapi.json'], zodToJsonConfig }),
    transformObject: (document) => completed(components(document) as OpenApiDocument),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the generated document is walked and patched key by key
type Json = Record<string, any>;
interface OpenApiDocument {
  paths?: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> } & Json;
  [key: string]: unknown;
}

/** Response headers we send, by status, for every operation that answers that status. */
const RESPONSE_HEADERS: Record<string, Json> = {
  '401': {
    'WWW-Authenticate': {
      description: 'How to sign in: Bearer',
      required: true,
      schema: { type: 'string', pattern: '^Bearer ' },
    },
  },
  '429': {
    'Retry-After': {
      description: 'Seconds until this client may try to sign in again',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    },
  },
};

/**
 * Links from intake to everything that takes the complaint it opened, and from a proposed remedy
 * to approving it and recording the customer's decision: a stateful client (or fuzzer) can walk a
 * complaint's life from the document alone.
 */
function intakeLinks(): Json {
  const id = { id: '$response.body#/complaint/complaintId' };
  const links: Json = {
    getComplaint: { operationId: 'getComplaint', parameters: id, description: 'Read the complaint just opened' },
    getPermittedActions: {
      operationId: 'getPermittedActions',
      parameters: id,
      description: 'What the caller may do to it now',
    },
  };
  for (const route of ACTION_ROUTES) {
    if (route.remedyInPath) continue;
    const op = operationIdOf(route);
    links[op] = { operationId: op, parameters: id, description: route.summary };
  }
  return links;
}
const remedyLinks = (): Json => {
  const params = { id: '$request.path.id', remedyId: '$response.body#/complaint/remedies/0/remedyId' };
  return Object.fromEntries(
    ACTION_ROUTES.filter((r) => r.remedyInPath).map((r) => [
      operationIdOf(r),
      { operationId: operationIdOf(r), parameters: params, description: `${r.summary} (the first remedy proposed)` },
    ]),
  );
};

function completed(doc: OpenApiDocument): OpenApiDocument {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        const headers = RESPONSE_HEADERS[status];
        if (headers) response.headers = { ...response.headers, ...headers };
      }
      if (op.operationId === 'openComplaint') {
        op.responses['201'].headers = {
          Location: {
            description: 'The new complaint: /v1/complaints/{id}',
            required: true,
            schema: { type: 'string' },
          },
        };
        op.responses['201'].links = intakeLinks();
        op.responses['200'].links = intakeLinks();
      }
      if (op.operationId === 'proposeRemedy') op.responses['200'].links = remedyLinks();
      if (op.operationId === 'countQueues') {
        op.responses['200'].links = {
          listQueue: {
            operationId: 'listQueue',
            parameters: { queue: '$response.body#/queues/0/name' },
            description: 'The first queue counted',
          },
        };
      }
    }
  }
  return pruned(doc);
}

/** Components nothing refers to (the provider adds an input twin of every output schema) are dropped. */
function pruned(doc: OpenApiDocument): OpenApiDocument {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(doc.paths);
  doc.components = {
    ...doc.components,
    schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))),
  };
  return doc;
}
