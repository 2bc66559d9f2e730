import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../api/app';
import { DOCS_CSP } from '../../api/routes/docs';
import { openStaffDirectory } from '../../api/staff-directory';
import { apiTestPolicy } from './harness';

/** /v1/docs is swagger-ui over the app's own document, served from this process alone; no stack needed. */
let app: FastifyInstance;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-docs-'));

beforeAll(async () => {
  app = await buildApp({
    client: {} as Client, // never called: nothing here reaches Temporal
    namespace: 'default',
    taskQueue: 'docs-page',
    policy: apiTestPolicy,
    staff: openStaffDirectory(path.join(dir, 'staff.json')),
    lookupKey: Buffer.from('docs page test lookup key, 32+ chars'),
    health: { temporal: async () => undefined, kafka: async () => undefined },
    logger: pino({ level: 'silent' }),
    bodyLimitBytes: 16 * 1024,
    authFailures: { limit: 10, windowMs: 60_000 },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });
/** Every src= and href= of a page. */
const linksOf = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);

describe('GET /v1/docs', () => {
  it('is the swagger-ui page, without a token, under our CSP and headers', async () => {
    const res = await get('/v1/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="swagger-ui"></div>');
    expect(res.body).toContain('<title>Complaint Ladder API</title>');
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('allows nothing inline and nothing from another origin', () => {
    expect(DOCS_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(DOCS_CSP).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(DOCS_CSP).toMatch(/(^|; )connect-src 'self'(;|$)/);
    expect(DOCS_CSP).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  });

  it('loads only its own files from /v1/docs/static/, and serves every one of them under the same CSP', async () => {
    for (const page of ['/v1/docs', '/v1/docs/']) {
      const html = (await get(page)).body;
      expect(html).not.toMatch(/<script>|<style>|\son[a-z]+=/i); // no inline script, style or handler
      const links = linksOf(html);
      expect(links).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/static\/swagger-ui-bundle\.js$/),
          expect.stringMatching(/static\/swagger-ui-standalone-preset\.js$/),
          expect.stringMatching(/static\/swagger-initializer\.js$/),
          expect.stringMatching(/static\/swagger-ui\.css$/),
        ]),
      );
      for (const link of links) {
        const url = new URL(link, `http://api.test${page}`);
        expect([link, url.origin, url.pathname]).toEqual([
          link,
          'http://api.test',
          expect.stringMatching(/^\/v1\/docs\/static\//),
        ]);
        const res = await get(url.pathname);
        expect([url.pathname, res.statusCode]).toEqual([url.pathname, 200]);
        expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    }
  });

  it('serves swagger-ui itself as JavaScript', async () => {
    const res = await get('/v1/docs/static/swagger-ui-bundle.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.body).toContain('SwaggerUIBundle');
    expect(res.body.length).toBeGreaterThan(500_000);
  });

  it('points swagger-ui at the OpenAPI document the app serves, with no outside validator', async () => {
    const init = await get('/v1/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain("url: resolveUrl('./json')"); // relative to /v1/docs/: /v1/docs/json
    expect(init.body).toContain('validatorUrl: null');
    const loaded = await get('/v1/docs/json');
    expect(loaded.statusCode).toBe(200);
    const served = await get('/v1/openapi.json');
    expect(loaded.json()).toEqual(served.json());
    expect(served.json().info.title).toBe('Complaint Ladder API');
  });

  it('keeps its own routes out of the document', async () => {
    const paths = Object.keys((await get('/v1/openapi.json')).json().paths);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => p.startsWith('/v1/docs') || p.startsWith('/v1/openapi'))).toEqual([]);
  });

  it('answers a file it does not have with the JSON 404', async () => {
    const res = await get('/v1/docs/static/nothing-here.js');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: expect.any(String) });
  });
});
