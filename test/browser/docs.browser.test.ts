import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../api/app';
import { openStaffDirectory } from '../../api/staff-directory';
import { apiTestPolicy } from '../api/harness';
import { launchDashboardBrowser } from '../support/browser';

// Functions passed to evaluate run in the page; tsconfig has no DOM lib.
declare const document: any;

/**
 * /v1/docs in Debian's Chromium: swagger-ui renders the API's document under the page's CSP, with
 * no violation and no request to another origin. No stack: the page only reads the document.
 */
describe('the API reference page (swagger-ui) in a browser', () => {
  let dir: string;
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-docs-browser-'));
    app = await buildApp({
      client: {} as Client, // never called: the page reads the document only
      namespace: 'default',
      taskQueue: 'docs-browser',
      policy: apiTestPolicy,
      staff: openStaffDirectory(path.join(dir, 'staff.json')),
      lookupKey: Buffer.from('docs browser test lookup key, 32+ chars'),
      health: { temporal: async () => undefined, kafka: async () => undefined },
      logger: pino({ level: 'silent' }),
      bodyLimitBytes: 16 * 1024,
      authFailures: { limit: 10, windowMs: 60_000 },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    ({ context, page } = await launchDashboardBrowser(dir, {}, pageErrors));
    page.on('request', (request) => requested.push(request.url()));
    // A CSP violation is reported on the console as an error; launchDashboardBrowser collects those.
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every tag and the operations of the document, with no error, violation or outside request', async () => {
    await page.goto(`${base}/v1/docs`);
    await page.waitForSelector('.opblock-tag', { timeout: 20_000 });
    const seen = await page.evaluate(() => ({
      title: document.querySelector('.info .title')?.textContent ?? '',
      tags: [...document.querySelectorAll('.opblock-tag')].map((el: any) => el.getAttribute('data-tag')),
      operations: document.querySelectorAll('.opblock').length,
    }));
    const doc = (await (await fetch(`${base}/v1/openapi.json`)).json()) as any;
    expect(seen.title).toContain(doc.info.title);
    expect(seen.tags).toEqual(expect.arrayContaining(['complaints', 'actions', 'queues', 'operations']));
    const operationCount = Object.values(doc.paths as Record<string, object>).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    expect(seen.operations).toBe(operationCount);
    // An operation opened, with its form for trying it: what swagger-ui draws next is checked too.
    await page.click('.opblock .opblock-summary');
    await page.waitForSelector('.opblock-body');
    await page.click('.opblock-body .try-out__btn');
    await page.waitForSelector('.opblock-body .execute');
    expect(pageErrors).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(requested).toContain(`${base}/v1/docs/json`);
  });
});
