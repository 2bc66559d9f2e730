import type { FastifyInstance } from 'fastify';
import { DOCS_PAGE } from '../docs-page';

/** The OpenAPI document and a page that reads it; both public. */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/v1/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
      )
      .send(DOCS_PAGE),
  );
}
