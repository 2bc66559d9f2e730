import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** Where the API's reference page lives: swagger-ui, its own files under /v1/docs/static/. */
export const DOCS_PREFIX = '/v1/docs';

/**
 * The page's policy: only this API's own files (swagger-ui ships no inline script or style and we
 * pass it no CDN), data: images (its icons and logo), and calls to this API alone ("Try it out",
 * the document). No validator badge: swagger-ui's validatorUrl stays null, so nothing leaves.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The OpenAPI document at /v1/openapi.json, and swagger-ui over it at /v1/docs; all public and all
 * hidden from the document itself. swagger-ui reads the same document at /v1/docs/json (its
 * initializer fixes that URL), which is `app.swagger()` like /v1/openapi.json.
 */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  // Before swagger-ui registers, so its routes (and its static files) inherit the hook.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: DOCS_CSP,
    theme: { title: 'Complaint Ladder API' },
    // Without the top bar: it only picks another document to explore, and its logo is an SVG with
    // an inline <style> that the CSP refuses (test/browser/docs.browser.test.ts checks for none).
    uiConfig: { layout: 'BaseLayout' },
  });
}
