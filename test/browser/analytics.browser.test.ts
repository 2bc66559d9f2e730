import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchDashboardBrowser } from '../support/browser';
import demoPolicyFile from '../../config/policies/demo.json';
import { buildApp, type AppDeps } from '../../api/app';
import { addStaff, openStaffDirectory } from '../../api/staff-directory';
import { parsePolicy } from '../../domain/policy';
import { startAnalytics, startRealWorker, TEST_INTERNAL_SECRET } from '../support/real-stack';

/**
 * The analytics page's date range and its bars that open the board's list, in Debian's Chromium
 * against a real worker, Kafka, the analytics reader and the API in-process (like
 * queues.browser.test.ts): English and Chinese, a desktop and a 390 px phone, keyboard and axe-core.
 */
// Functions passed to evaluate run in the page; tsconfig has no DOM lib.
declare const document: any;
declare const window: any;
declare const location: any;
declare const axe: any;

const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
// The policy runs round the clock, so days are the viewer's: the browser is put in Shanghai.
const ZONE = 'Asia/Shanghai';
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('the analytics date range and drill-down to the list in a real browser', () => {
  const run = randomUUID().slice(0, 6).toUpperCase();
  const dealer = `SH-MINHANG-${run}`;
  const otherDealer = `SH-JINGAN-${run}`;
  const taskQueue = `analytics-browser-${run}`;
  const { roster: _roster, ...demo } = demoPolicyFile;
  // Nothing climbs or lapses by itself during the test: the counts hold still under the checks.
  const still = { respondWithin: '30m', resolveWithin: '1h' };
  const policy = parsePolicy({
    ...demo,
    version: 'analytics-browser',
    clocks: {
      latent: still,
      objection: still,
      complaint: still,
      formal_complaint: still,
      deadlock: still,
      public_action: { respondWithin: '30m', resolveWithin: null },
    },
    customerUpdates: { firstWithin: '1h', every: '1h' },
    customerNotices: { ...demo.customerNotices, channel: { kind: 'log' } },
  });

  let dir: string;
  let token: string;
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  /** Open complaints by what the bars count, and the resolved one no bar counts. */
  const c = {
    objection: [] as string[],
    complaint: [] as string[],
    formal: [] as string[],
    high: [] as string[],
    other: [] as string[],
    resolved: '',
  };
  const allOpen = () => [...c.objection, ...c.complaint, ...c.formal];

  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium, as scripts/test.sh does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-analytics-'));
    const staffFile = path.join(dir, 'staff.json');
    // Serving two dealers, so the page also shows open complaints by dealer.
    token = addStaff(
      { id: `sm-${run}`, name: '张经理 Zhang', role: 'service_manager', dealers: [dealer, otherDealer] },
      staffFile,
    ).token;

    const stack = await startRealWorker({ taskQueue });
    cleanup.push(() => stack.stop());
    const analytics = await startAnalytics(stack.eventLog);
    cleanup.push(() => analytics.stop());
    const deps: AppDeps & { analyticsUrl?: string } = {
      client: stack.client,
      namespace: 'default',
      taskQueue,
      policy,
      staff: openStaffDirectory(staffFile),
      lookupKey: Buffer.from('test lookup key: 32 bytes or more'),
      health: { temporal: async () => undefined, kafka: async () => undefined },
      logger: pino({ level: 'silent' }),
      bodyLimitBytes: 64 * 1024,
      authFailures: { limit: 50, windowMs: 60_000 },
      analyticsUrl: analytics.url,
      internalSecret: TEST_INTERNAL_SECRET,
    };
    app = await buildApp(deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => app.close());

    // Eight open complaints over three rungs, two dealers and four severities, and one resolved.
    let n = 0;
    const open = async (severity: string, intake: Record<string, unknown> = {}) => {
      n++;
      const { complaint } = await call('POST', '/v1/complaints', {
        dealerId: dealer,
        channel: 'phone',
        category: 'delivery_delay',
        severity,
        description: 'Late again',
        customer: { name: `客户${n}`, phone: `1390000${String(1000 + n)}` },
        vehicle: { plate: `沪K${String(1000 + n)}` },
        ...intake,
      });
      return complaint.complaintId as string;
    };
    c.objection.push(await open('high'), await open('medium'), await open('low'));
    c.complaint.push(
      await open('high', { startingStage: 'complaint' }),
      await open('medium', { startingStage: 'complaint' }),
    );
    c.formal.push(await open('critical', { channel: 'letter' }));
    c.other.push(await open('high', { dealerId: otherDealer }), await open('critical', { dealerId: otherDealer }));
    c.objection.push(...c.other);
    c.high.push(c.objection[0]!, c.complaint[0]!, c.other[0]!);
    c.resolved = await open('high');
    await call('POST', `/v1/complaints/${c.resolved}/contacts`, {
      method: 'phone',
      summary: 'Explained the delay and apologised',
    });
    const { complaint } = await call('POST', `/v1/complaints/${c.resolved}/remedies`, {
      type: 'discount',
      amount: 300,
      description: 'Goodwill',
    });
    await call('POST', `/v1/complaints/${c.resolved}/remedies/${complaint.remedies[0].remedyId}/decision`, {
      decision: 'accept',
    });
    await call('POST', `/v1/complaints/${c.resolved}/resolve`, { kind: 'remedy_accepted' });

    // The analytics process reads the stream: wait until it has counted all of them.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { data } = await call('GET', '/v1/analytics/open-work');
      const { data: funnel } = await call('GET', '/v1/analytics/funnel');
      if (data.total === allOpen().length && funnel.opened === allOpen().length + 1) break;
      if (Date.now() > deadline) throw new Error(`the analytics never counted the complaints: ${JSON.stringify(data)}`);
      await new Promise((r) => setTimeout(r, 300));
    }

    ({ context, page } = await launchDashboardBrowser(
      dir,
      {
        viewport: DESKTOP,
        locale: 'en-GB',
        timezoneId: ZONE,
        // axe-core goes in as an inline script, which the dashboard's CSP rightly refuses.
        bypassCSP: true,
        reducedMotion: 'reduce',
      },
      pageErrors,
    ));
    cleanup.push(() => context.close());
    await page.goto(`${base}/dashboard/`);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.waitForSelector('#topbar:not([hidden])');
  }, 150_000);

  afterAll(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const withDiagnostics = (name: string, body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (err) {
      await page
        ?.screenshot({ path: path.join(SCREENSHOTS, `analytics-failure-${name}.png`), fullPage: true })
        .catch(() => undefined);
      throw new Error(
        `${(err as Error).message}\n\npage at ${page?.url()}; errors in the page: ${JSON.stringify(pageErrors)} (see screenshots/analytics-failure-${name}.png)`,
        { cause: err },
      );
    }
  };

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  const day = (ms: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  const today = () => day(Date.now());
  const daysAgo = (n: number) => day(Date.now() - n * 86_400_000);
  const hash = () => page.evaluate(() => location.hash as string);
  const hashParams = async () => Object.fromEntries(new URLSearchParams((await hash()).split('?')[1] ?? ''));

  /** Switches the language; the page is drawn again in it (its heading changes). */
  async function useLang(lang: 'en' | 'zh') {
    const now = await page.evaluate(() => document.documentElement.lang);
    if ((now === 'zh-CN') === (lang === 'zh')) return;
    const heading = await page.locator('#view h1').innerText();
    await page.click('#lang-toggle');
    await page.waitForFunction(
      (was) => document.querySelector('#view h1') && document.querySelector('#view h1').textContent !== was,
      heading,
    );
  }
  /** The analytics page at a hash, once its figures are drawn. */
  async function analyticsAt(query = '') {
    await page.evaluate((h) => {
      location.hash = h;
    }, `#/analytics${query}`);
    await page.waitForSelector('[data-chart=open-by-stage] svg', { timeout: 20_000 });
  }
  const kpi = (name: string) => page.locator(`[data-kpi="${name}"] .kpi-value`).innerText();
  const waitKpi = (name: string, value: string) =>
    page.waitForFunction(
      ([k, v]) => document.querySelector(`[data-kpi="${k}"] .kpi-value`)?.textContent === v,
      [name, value],
      { timeout: 15_000 },
    );
  const bar = (chart: string, key: string) => page.locator(`[data-chart="${chart}"] a.bar-link[data-key="${key}"]`);
  const barCount = async (chart: string, key: string) => Number(await bar(chart, key).locator('.val').textContent());
  const rowIds = async () =>
    (
      await page
        .locator('.complaint-list tbody tr[data-complaint-id]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-complaint-id')))
    ).sort();
  const waitRows = (ids: string[]) =>
    page
      .waitForFunction(
        (want) => {
          const got = [...document.querySelectorAll('.complaint-list tbody tr[data-complaint-id]')]
            .map((tr: any) => tr.dataset.complaintId)
            .sort();
          return JSON.stringify(got) === JSON.stringify(want);
        },
        [...ids].sort(),
        { timeout: 20_000 },
      )
      .then(
        () => undefined,
        async () => {
          throw new Error(`the list shows ${JSON.stringify(await rowIds())}, not ${JSON.stringify([...ids].sort())}`);
        },
      );
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const sticksOut = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el: any) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el: any) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
        .slice(-8),
    );
  const focused = () =>
    page.evaluate(() => ({
      id: document.activeElement?.id,
      name: document.activeElement?.getAttribute('name'),
      invalid: document.activeElement?.getAttribute('aria-invalid'),
      described:
        document.getElementById(document.activeElement?.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    }));

  async function seriousAxe(): Promise<string[]> {
    if (!(await page.evaluate(() => typeof window.axe === 'object')))
      await page.addScriptTag({ path: require.resolve('axe-core') });
    return page.evaluate(async (tags) => {
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v: any) =>
            `${v.impact} ${v.id}: ${v.help} — ${v.nodes
              .map((n: any) => n.target.join(' '))
              .slice(0, 4)
              .join(', ')}`,
        );
    }, WCAG_AA);
  }

  // ── the checks ──────────────────────────────────────────────────────────────────────────────

  it(
    'offers a from/to range with quick choices in English and Chinese, kept in the address across a reload, on a desktop and a 390 px phone',
    withDiagnostics('range', async () => {
      const words = {
        en: {
          legend: 'Complaints opened',
          from: 'From',
          to: 'To',
          apply: 'Apply',
          last7: 'Last 7 days',
          all: 'All time',
        },
        zh: { legend: '受理日期', from: '开始日期', to: '结束日期', apply: '应用', last7: '近 7 天', all: '全部时间' },
      };
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const lang of ['en', 'zh'] as const) {
          await useLang(lang);
          await analyticsAt();
          const w = words[lang];
          await expect(page.locator('.range legend').innerText()).resolves.toBe(w.legend);
          // Each date field is named by its own label.
          await expect(page.getByLabel(w.from, { exact: true }).getAttribute('type')).resolves.toBe('date');
          await expect(page.getByLabel(w.to, { exact: true }).getAttribute('type')).resolves.toBe('date');
          await expect(page.locator('[data-range-apply]').innerText()).resolves.toBe(w.apply);
          await expect(page.locator('[data-range="7"]').innerText()).resolves.toBe(w.last7);
          await expect(page.locator('[data-range=all]').getAttribute('aria-pressed')).resolves.toBe('true');

          // A quick choice fills both fields, goes in the address, and the figures cover it.
          await page.click('[data-range="7"]');
          await expect(hashParams()).resolves.toEqual({ from: daysAgo(6), to: today() });
          await expect(page.inputValue('input[name=from]')).resolves.toBe(daysAgo(6));
          await waitKpi('opened', String(allOpen().length + 1));
          await page.reload();
          await page.waitForSelector('[data-chart=open-by-stage] svg', { timeout: 20_000 });
          await expect(page.inputValue('input[name=to]')).resolves.toBe(today());
          await expect(page.locator('[data-range="7"]').getAttribute('aria-pressed')).resolves.toBe('true');

          // A month long past: nothing was opened then, so no bar has anything to open.
          await page.fill('input[name=from]', '2020-01-01');
          await page.fill('input[name=to]', '2020-01-31');
          await page.click('[data-range-apply]');
          await waitKpi('opened', '0');
          await expect(hashParams()).resolves.toEqual({ from: '2020-01-01', to: '2020-01-31' });
          await expect(page.locator('a.bar-link').count()).resolves.toBe(0);

          const fits = await noOverflow();
          expect({ viewport: viewport.width, lang, fits, out: fits ? [] : await sticksOut() }).toEqual({
            viewport: viewport.width,
            lang,
            fits: true,
            out: [],
          });
          const box = (await page.locator('.range').boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
          await page.screenshot({
            path: path.join(SCREENSHOTS, `analytics-range-${lang}-${viewport.width}.png`),
            fullPage: viewport === PHONE,
          });
          await page.click('[data-range=all]');
          await waitKpi('opened', String(allOpen().length + 1));
          await expect(hash()).resolves.toBe('#/analytics');
        }
      }
      await page.setViewportSize(DESKTOP);
      await useLang('en');
      expect(pageErrors).toEqual([]);
    }),
    180_000,
  );

  it(
    'opens the board’s list of exactly the complaints a bar counts, within the range, with each filter shown and clearable',
    withDiagnostics('drill', async () => {
      await analyticsAt(`?from=${daysAgo(29)}&to=${today()}`);
      await expect(barCount('open-by-stage', 'objection')).resolves.toBe(c.objection.length);
      // The resolved complaint is counted by the funnel, not as open work.
      await expect(kpi('open')).resolves.toBe(String(allOpen().length));
      await expect(bar('open-by-stage', 'objection').getAttribute('aria-label')).resolves.toBe(
        `Objection 异议 ${c.objection.length}: list the ${c.objection.length} open complaints at this stage, opened ${await page.evaluate(
          ([a, b]) => {
            const f = (d: string) =>
              new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', {
                day: 'numeric',
                month: 'short',
                year: 'numeric',
                timeZone: 'UTC',
              });
            return `${f(a!)} – ${f(b!)}`;
          },
          [daysAgo(29), today()],
        )}`,
      );

      await bar('open-by-stage', 'objection').click();
      await page.waitForSelector('.list-view:not([hidden])');
      await expect(hashParams()).resolves.toEqual({
        view: 'list',
        status: 'open',
        stage: 'objection',
        from: daysAgo(29),
        to: today(),
      });
      await waitRows(c.objection);
      await expect(page.getAttribute('[data-view=list]', 'aria-pressed')).resolves.toBe('true');
      const chips = page.locator('.active-filters .filter-chip');
      await expect(chips.allInnerTexts()).resolves.toEqual([
        expect.stringContaining('Stage: Objection'),
        expect.stringContaining('Opened: '),
      ]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'analytics-drill-list.png') });

      // The range holds on the board too: a month long past lists nothing.
      await page.evaluate(() => {
        location.hash = '#/board?view=list&status=open&stage=objection&from=2020-01-01&to=2020-01-31';
      });
      await page.waitForSelector('.complaint-list .empty-row', { timeout: 20_000 });
      await expect(rowIds()).resolves.toEqual([]);

      // Each filter clears on its own, and the address follows; focus stays in the filter bar.
      await page.evaluate(
        (h) => {
          location.hash = h;
        },
        `#/board?view=list&status=open&stage=objection&from=${daysAgo(29)}&to=${today()}`,
      );
      await waitRows(c.objection);
      await page.click('.filter-chip[data-filter=stage]');
      await waitRows(allOpen());
      await expect(hashParams()).resolves.toEqual({ view: 'list', status: 'open', from: daysAgo(29), to: today() });
      await expect(page.evaluate(() => document.activeElement?.dataset.filter)).resolves.toBe('from to');
      await page.click('[data-clear-filters]');
      await expect(hash()).resolves.toBe('#/board');
      await expect(page.locator('.active-filters').isHidden()).resolves.toBe(true);
      await waitRows(allOpen());

      // A dealer's bar lists that dealer's complaints only.
      await analyticsAt();
      await expect(barCount('open-by-dealer', otherDealer)).resolves.toBe(c.other.length);
      await bar('open-by-dealer', otherDealer).click();
      await waitRows(c.other);
      await expect(page.inputValue('.toolbar select')).resolves.toBe(otherDealer);
      await page.click('.filter-chip[data-filter=dealer]');
      await waitRows(allOpen());
      expect(pageErrors).toEqual([]);
    }),
    120_000,
  );

  it(
    'reaches a bar with Tab and opens its list with Enter, or with Space',
    withDiagnostics('keyboard', async () => {
      await analyticsAt();
      await page.focus('[data-range-apply]');
      let reached: { key: string | null; name: string | null } | null = null;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => {
          const el = document.activeElement;
          return el?.matches('a.bar-link')
            ? { key: el.getAttribute('data-key'), name: el.getAttribute('aria-label') }
            : null;
        });
      }
      // The first bar that counts something: objection (latent has none open).
      expect(reached).toEqual({
        key: 'objection',
        name: `Objection 异议 ${c.objection.length}: list the ${c.objection.length} open complaints at this stage`,
      });
      await expect(page.evaluate(() => document.activeElement.closest('svg').getAttribute('role'))).resolves.toBe(
        'group',
      );
      await page
        .locator('[data-chart=open-by-stage]')
        .screenshot({ path: path.join(SCREENSHOTS, 'analytics-bar-focus.png') });
      await page.keyboard.press('Enter');
      await waitRows(c.objection);
      await expect(hashParams()).resolves.toEqual({ view: 'list', status: 'open', stage: 'objection' });

      await analyticsAt();
      await bar('open-by-severity', 'high').focus();
      await page.keyboard.press('Space');
      await waitRows(c.high);
      await expect(hashParams()).resolves.toEqual({ view: 'list', status: 'open', severity: 'high' });
      await expect(page.locator('.filter-chip[data-filter=severity]').innerText()).resolves.toContain('Severity: High');
      expect(pageErrors).toEqual([]);
    }),
    90_000,
  );

  it(
    'refuses a range that ends before it starts at the field, in English and Chinese, and changes nothing',
    withDiagnostics('invalid', async () => {
      for (const [lang, message] of [
        ['en', '“From” is after “To”'],
        ['zh', '开始日期晚于结束日期'],
      ] as const) {
        await useLang(lang);
        await analyticsAt(`?from=${daysAgo(6)}&to=${today()}`);
        await waitKpi('opened', String(allOpen().length + 1));
        const before = await hash();
        await page.fill('input[name=from]', today());
        await page.fill('input[name=to]', daysAgo(3));
        await page.click('[data-range-apply]');
        await page.waitForSelector('.range-error:not([hidden])');
        await expect(focused()).resolves.toEqual({
          id: 'range-from',
          name: 'from',
          invalid: 'true',
          described: expect.stringContaining(message),
        });
        await expect(hash()).resolves.toBe(before);
        await page.waitForTimeout(500);
        await expect(kpi('opened')).resolves.toBe(String(allOpen().length + 1));
        await expect(seriousAxe()).resolves.toEqual([]);

        // Put right, it applies and the mark goes.
        await page.fill('input[name=to]', today());
        await page.click('[data-range-apply]');
        await expect(hashParams()).resolves.toEqual({ from: today(), to: today() });
        await expect(page.locator('input[name=from]').getAttribute('aria-invalid')).resolves.toBeNull();
        await expect(page.locator('.range-error').isHidden()).resolves.toBe(true);
      }
      await useLang('en');
      expect(pageErrors).toEqual([]);
    }),
    90_000,
  );

  it(
    'has no serious or critical axe violations on the analytics page with its range, or on the filtered list, in English and Chinese',
    withDiagnostics('axe', async () => {
      const found: Record<string, string[]> = {};
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const lang of ['en', 'zh'] as const) {
          await useLang(lang);
          await analyticsAt(`?from=${daysAgo(29)}&to=${today()}`);
          await page.waitForTimeout(300); // a resize redraw settles
          found[`${lang} ${viewport.width} analytics`] = await seriousAxe();
          await page.evaluate(
            (h) => {
              location.hash = h;
            },
            `#/board?view=list&status=open&stage=objection&from=${daysAgo(29)}&to=${today()}`,
          );
          await waitRows(c.objection);
          found[`${lang} ${viewport.width} filtered list`] = await seriousAxe();
          expect({ lang, width: viewport.width, fits: await noOverflow() }).toEqual({
            lang,
            width: viewport.width,
            fits: true,
          });
        }
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
      await page.setViewportSize(DESKTOP);
      await useLang('en');
      expect(pageErrors).toEqual([]);
    }),
    180_000,
  );
});
