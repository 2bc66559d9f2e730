import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The supervisor dashboard: plain HTML, CSS and ES modules from `dashboard/`, no build step.
 * From source the folder is two levels up; from `dist/api/routes` it is three.
 */
export function dashboardRoot(): string {
  const candidates = [path.resolve(__dirname, '../../dashboard'), path.resolve(__dirname, '../../../dashboard')];
  const root = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!root) throw new Error(`dashboard files not found (looked in ${candidates.join(', ')})`);
  return root;
}

// Everything is local: no CDN, no inline script, and the page only talks to this API.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/** Public static files; the page signs in with a staff token and sends it on every API call. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const root = dashboardRoot();
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/'));
  await app.register(fastifyStatic, {
    root,
    prefix: '/dashboard/',
    index: ['index.html'],
    // Sessions are short and files change with the code: always revalidate.
    cacheControl: false,
    setHeaders: (reply) => {
      reply.header('cache-control', 'no-cache');
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
    },
  });
  // The app's router ignores trailing slashes, so "/dashboard/" arrives as "/dashboard" and never
  // matches the plugin's "/dashboard/*": serve the page here (it links its files by absolute path).
  app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) => reply.sendFile('index.html', root));
}
