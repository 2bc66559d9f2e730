import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { CHROMIUM, launchDashboardBrowser } from '../support/browser';
import demoPolicyFile from '../../config/policies/demo.json';
import { buildApp } from '../../api/app';
import { createLiveFeed } from '../../api/live';
import { addStaff, openStaffDirectory } from '../../api/staff-directory';
import { parsePolicy } from '../../domain/policy';
import { startRealWorker } from '../support/real-stack';

/**
 * Sessions: a refused token is replaced over the page without losing what was typed, and one
 * session serves every tab of the browser while one is open, in Debian's Chromium against a real
 * worker and the API in-process. A token "expires" the way an administrator ends it today: the
 * staff file gets a new token for the same person, and the API reloads the file.
 */
// Functions passed to evaluate run in the page; tsconfig has no DOM lib.
declare const document: any;
declare const window: any;
declare const axe: any;
declare const innerWidth: number;
declare const sessionStorage: any;
declare const localStorage: any;

const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const AGAIN = 'dialog[data-dialog=signInAgain]';
const HAND_OVER = 'dialog[data-dialog=handOver]';

describe('sessions: signing in again in place, and one session across tabs', () => {
  const run = randomUUID().slice(0, 6).toUpperCase();
  const dealer = `SH-XUHUI-${run}`;
  const taskQueue = `session-browser-${run}`;
  const silent = pino({ level: 'silent' });
  const { roster: _roster, ...demo } = demoPolicyFile;
  // Nothing climbs by itself during the test, so the hand-over stays open to an advisor.
  const still = { respondWithin: '30m', resolveWithin: '1h' };
  const policy = parsePolicy({
    ...demo,
    version: 'session-browser',
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
  const staff = {
    sm: { id: `sm-${run}`, name: '周经理 Zhou', role: 'service_manager' as const, dealers: [dealer] },
    li: { id: `sa-${run}`, name: '李顾问 Li', role: 'advisor' as const, dealers: [dealer] },
  };

  let dir: string;
  let staffFile: string;
  const tokens = { sm: '', li: '' };
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let second: Page;
  let complaintId: string;
  const pageErrors: string[] = [];
  /** The bearer token each tab's live stream was opened with, in order. */
  const liveTokens = new Map<Page, string[]>();
  const cleanup: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium, as scripts/test.sh does`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-session-'));
    staffFile = path.join(dir, 'staff.json');
    tokens.sm = addStaff(staff.sm, staffFile).token;
    tokens.li = addStaff(staff.li, staffFile).token;

    const stack = await startRealWorker({ taskQueue });
    cleanup.push(() => stack.stop());
    const live = createLiveFeed(stack.eventLog, silent);
    cleanup.push(() => live.close());
    app = await buildApp({
      client: stack.client,
      namespace: 'default',
      taskQueue,
      policy,
      staff: openStaffDirectory(staffFile),
      lookupKey: Buffer.from('test lookup key: 32 bytes or more'),
      health: { temporal: async () => undefined, kafka: async () => undefined },
      logger: silent,
      bodyLimitBytes: 64 * 1024,
      authFailures: { limit: 100, windowMs: 60_000 },
      live,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => app.close());

    const res = await fetch(`${base}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.sm}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        dealerId: dealer,
        channel: 'phone',
        category: 'delivery_delay',
        severity: 'medium',
        description: 'Car not ready when promised',
        customer: { name: '何女士', phone: '13912340000' },
        vehicle: { plate: '沪D20002' },
      }),
    });
    expect(res.status).toBe(201);
    complaintId = ((await res.json()) as any).complaint.complaintId;

    await launch();
    cleanup.push(() => context.close());
  }, 120_000);

  afterAll(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A browser from scratch on the same profile: what is left after every tab was closed. */
  async function launch() {
    ({ context, page } = await launchDashboardBrowser(
      dir,
      {
        viewport: DESKTOP,
        locale: 'en-GB',
        // axe-core goes in as an inline script, which the dashboard's CSP rightly refuses.
        bypassCSP: true,
        reducedMotion: 'reduce',
      },
      pageErrors,
    ));
    watchLive(page);
  }
  function watchLive(p: Page) {
    liveTokens.set(p, []);
    p.on('request', (req) => {
      if (new URL(req.url()).pathname === '/v1/live')
        liveTokens.get(p)!.push(String(req.headers().authorization ?? '').replace(/^Bearer /, ''));
    });
  }

  /**
   * The administrator's way to end a session today: a new token for the same person in the staff
   * file, which the API reloads on change. The file is replaced whole (a new inode), as addStaff does.
   */
  function renewToken(who: keyof typeof staff): string {
    const scratch = path.join(dir, `scratch-${randomUUID()}.json`);
    const token = addStaff(staff[who], scratch).token;
    const record = JSON.parse(readFileSync(scratch, 'utf8')).staff[0];
    const file = JSON.parse(readFileSync(staffFile, 'utf8'));
    const next = `${staffFile}.next`;
    writeFileSync(
      next,
      JSON.stringify({ staff: file.staff.map((s: any) => (s.id === record.id ? record : s)) }, null, 2),
    );
    renameSync(next, staffFile);
    rmSync(scratch);
    const old = tokens[who];
    tokens[who] = token;
    return old;
  }

  /** Reads until the value is `expected` (the page follows other tabs asynchronously), then asserts it. */
  async function eventually<T>(read: () => T | Promise<T>, expected: T, timeout = 5_000) {
    const end = Date.now() + timeout;
    let value = await read();
    while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    expect(value).toEqual(expected);
  }

  const withDiagnostics = (name: string, body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (err) {
      await page
        ?.screenshot({ path: path.join(SCREENSHOTS, `session-failure-${name}.png`), fullPage: true })
        .catch(() => undefined);
      throw new Error(
        `${(err as Error).message}\n\npage at ${page?.url()}; errors in the page: ${JSON.stringify(pageErrors)} (see screenshots/session-failure-${name}.png)`,
        { cause: err },
      );
    }
  };

  async function signIn(p: Page, token: string) {
    await p.waitForSelector('#token');
    await p.fill('#token', token);
    await p.click('button[type=submit]');
    await p.waitForSelector('#topbar:not([hidden])');
  }
  const signInAgain = async (p: Page, token: string) => {
    await p.fill(`${AGAIN} #resignin-token`, token);
    await p.click(`${AGAIN} [data-submit=signInAgain]`);
  };
  const focusedIn = (p: Page, selector: string) =>
    p.evaluate((sel) => Boolean(document.activeElement?.closest(sel)), selector);
  const focusedId = (p: Page) => p.evaluate(() => document.activeElement?.id ?? '');
  const tabToken = (p: Page) => p.evaluate(() => sessionStorage.getItem('ladder.token'));
  const whoName = (p: Page) => p.locator('#who .who-name').innerText();
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

  async function seriousAxeViolations(): Promise<string[]> {
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

  /** The hand-over dialog open on the complaint, with a colleague chosen and a note typed. */
  async function startHandOver(note: string, to: string) {
    await page.locator('.action-list [data-action=handOver]').click();
    await page.waitForSelector(HAND_OVER);
    await page.selectOption(`${HAND_OVER} select[name=to]`, to);
    await page.fill(`${HAND_OVER} textarea[name=note]`, note);
  }
  /** The detail page in `lang`, redrawn in it (a switch redraws the page). */
  async function useLang(lang: 'en' | 'zh') {
    if ((await page.evaluate(() => document.documentElement.lang)) !== (lang === 'zh' ? 'zh-CN' : 'en'))
      await page.click('#lang-toggle');
    await page
      .locator('.action-list [data-action=handOver]', { hasText: lang === 'zh' ? '移交' : 'Hand over' })
      .waitFor();
    await page.waitForSelector('.timeline li');
  }

  it(
    'asks to sign in again over an open dialog, keeps what was typed, and then completes the hand-over',
    withDiagnostics('in-place', async () => {
      await page.goto(`${base}/dashboard/#/complaint/${complaintId}`);
      await signIn(page, tokens.sm);
      await page.waitForSelector('.timeline li');
      const note = 'Promised a call by 17:00 with the new date; loan car booked.';
      await startHandOver(note, staff.li.id);

      // The token ends while the dialog is open: the next poll is refused, and the page asks in place.
      const old = renewToken('sm');
      await page.waitForSelector(AGAIN, { timeout: 10_000 });
      expect(await focusedId(page)).toBe('resignin-token');
      await expect(page.locator(AGAIN).getAttribute('aria-labelledby')).resolves.toBe('resignin-title');
      await expect(page.locator(`${AGAIN} label.field`).innerText()).resolves.toContain('Staff token');
      await expect(page.locator(`${AGAIN} .dialog-intro`).innerText()).resolves.toContain(staff.sm.name);
      await expect(page.locator(`${AGAIN} [data-sign-out]`).innerText()).resolves.toBe('Sign out');

      // Escape does not leave the page on a dead token, not even pressed twice.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.locator(`${AGAIN}[open]`).count()).resolves.toBe(1);
      expect(await focusedIn(page, AGAIN)).toBe(true);

      // A wrong token: said in the dialog, the field marked, focus back on it.
      await signInAgain(page, old);
      await page.waitForSelector(`${AGAIN} #resignin-error:not([hidden])`);
      await expect(page.locator('#resignin-error').innerText()).resolves.toBe(
        'This token is not accepted: check it and try again.',
      );
      await expect(page.getAttribute('#resignin-token', 'aria-invalid')).resolves.toBe('true');
      await expect(page.getAttribute('#resignin-token', 'aria-describedby')).resolves.toContain('resignin-error');
      expect(await focusedId(page)).toBe('resignin-token');

      // The page beneath was not redrawn: the hand-over and what was typed in it are still there.
      await expect(page.locator(`${HAND_OVER}[open]`).count()).resolves.toBe(1);
      await expect(page.inputValue(`${HAND_OVER} textarea[name=note]`)).resolves.toBe(note);

      await signInAgain(page, tokens.sm);
      await page.waitForSelector(AGAIN, { state: 'detached' });
      await expect(page.inputValue(`${HAND_OVER} textarea[name=note]`)).resolves.toBe(note);
      await expect(page.inputValue(`${HAND_OVER} select[name=to]`)).resolves.toBe(staff.li.id);
      expect(await focusedIn(page, HAND_OVER)).toBe(true);
      await expect(tabToken(page)).resolves.toBe(tokens.sm);

      // Ended again, and this time the submit itself is refused: the poll is held back so that the
      // hand-over is the call that meets the dead token, and it completes once signed in again.
      const held: Route[] = [];
      const isPoll = (url: URL) => url.pathname === `/v1/complaints/${complaintId}`;
      await page.route(isPoll, (route) => void held.push(route));
      for (let i = 0; i < 40 && !held.length; i++) await page.waitForTimeout(100);
      expect(held.length).toBe(1);
      const refused: string[] = [];
      page.on('response', (res) => {
        if (res.status() === 401) refused.push(`${res.request().method()} ${new URL(res.url()).pathname}`);
      });
      renewToken('sm');
      await page.click(`${HAND_OVER} [data-submit=handOver]`);
      await page.waitForSelector(AGAIN, { timeout: 10_000 });
      await eventually(() => refused.includes(`POST /v1/complaints/${complaintId}/hand-over`), true);
      // Let through, the held poll meets the dead token too, and waits for the same re-sign-in.
      for (const route of held) await route.continue();
      await page.unroute(isPoll);
      await signInAgain(page, tokens.sm);
      await page.waitForSelector(HAND_OVER, { state: 'detached', timeout: 10_000 });
      await page.waitForFunction(
        (who) => document.querySelector('.owner-line')?.getAttribute('data-owner') === who,
        staff.li.id,
        { timeout: 10_000 },
      );
      await expect(page.locator('.owner-line').innerText()).resolves.toContain('李顾问 Li');
      expect(pageErrors).toEqual([]);
    }),
    90_000,
  );

  it(
    'opens a second tab signed in, and moves it and its live stream to the token signed in with elsewhere',
    withDiagnostics('tabs', async () => {
      second = await context.newPage();
      second.on('pageerror', (err) => pageErrors.push(`second tab: ${err.message}`));
      watchLive(second);
      await second.goto(`${base}/dashboard/#/board`);
      // No sign-in page: the open tab handed over the session.
      await second.waitForSelector('#topbar:not([hidden])', { timeout: 5_000 });
      await expect(second.locator('#token').count()).resolves.toBe(0);
      await expect(whoName(second)).resolves.toBe(staff.sm.name);
      await expect(tabToken(second)).resolves.toBe(tokens.sm);
      await second.waitForFunction(() => document.querySelector('.card'), null, { timeout: 15_000 });
      await eventually(() => liveTokens.get(second)!.at(-1), tokens.sm, 10_000);

      // Signed in again in the first tab: the second takes the new token, and its stream reconnects with it.
      renewToken('sm');
      await page.waitForSelector(AGAIN, { timeout: 10_000 });
      await signInAgain(page, tokens.sm);
      await page.waitForSelector(AGAIN, { state: 'detached' });
      await eventually(() => tabToken(second), tokens.sm, 5_000);
      await eventually(() => liveTokens.get(second)!.at(-1), tokens.sm, 10_000);
      await expect(second.locator(AGAIN).count()).resolves.toBe(0);

      // Refused in the second tab itself (a search): it asks there, keeps the search, and its stream follows.
      renewToken('sm');
      await second.fill('.search input[name=q]', '沪D 20002');
      await second.press('.search input[name=q]', 'Enter');
      await second.waitForSelector(AGAIN, { timeout: 10_000 });
      await signInAgain(second, tokens.sm);
      await second.waitForSelector(AGAIN, { state: 'detached' });
      await expect(second.inputValue('.search input[name=q]')).resolves.toBe('沪D 20002');
      await second.waitForFunction(
        (id) => document.querySelector(`.complaint-list tr[data-complaint-id="${id}"]`),
        complaintId,
        { timeout: 10_000 },
      );
      await eventually(() => liveTokens.get(second)!.at(-1), tokens.sm, 10_000);
      await eventually(() => tabToken(page), tokens.sm, 5_000);
      // The first tab did not have to ask: its dialog, if a poll met the old token, closed by itself.
      await eventually(() => page.locator(AGAIN).count(), 0, 5_000);
      expect(pageErrors).toEqual([]);
    }),
    90_000,
  );

  for (const lang of ['en', 'zh'] as const) {
    for (const [size, viewport] of [
      ['1440×900', DESKTOP],
      ['390×844', PHONE],
    ] as const) {
      it(
        `asks in ${lang} at ${size}: the dialog fits, names its field and passes axe`,
        withDiagnostics(`dialog-${lang}-${viewport.width}`, async () => {
          await page.setViewportSize(viewport);
          await useLang(lang);
          // Li owns it since the first test: back to Zhou, who is offered as "me".
          await startHandOver(lang === 'zh' ? '已承诺17点前回电。' : 'Promised a call back by 17:00.', staff.sm.id);

          const old = renewToken('sm');
          await page.waitForSelector(AGAIN, { timeout: 10_000 });
          await signInAgain(page, old);
          await page.waitForSelector(`${AGAIN} #resignin-error:not([hidden])`);
          const words =
            lang === 'zh'
              ? {
                  title: '请重新登录',
                  field: '员工令牌',
                  refused: '此令牌无效，请检查后重试。',
                  signIn: '登录',
                  signOut: '退出',
                }
              : {
                  title: 'Sign in again',
                  field: 'Staff token',
                  refused: 'This token is not accepted: check it and try again.',
                  signIn: 'Sign in',
                  signOut: 'Sign out',
                };
          await expect(page.locator('#resignin-title').innerText()).resolves.toBe(words.title);
          await expect(page.locator(`${AGAIN} label.field > span`).innerText()).resolves.toBe(words.field);
          await expect(page.locator('#resignin-error').innerText()).resolves.toBe(words.refused);
          await expect(page.locator(`${AGAIN} [data-submit=signInAgain]`).innerText()).resolves.toBe(words.signIn);
          await expect(page.locator(`${AGAIN} [data-sign-out]`).innerText()).resolves.toBe(words.signOut);
          expect(await focusedId(page)).toBe('resignin-token');

          // On screen and within the window, with nothing pushing the page sideways.
          const box = (await page.locator(AGAIN).boundingBox())!;
          expect({
            left: box.x >= 0,
            right: box.x + box.width <= viewport.width + 0.5,
            top: box.y >= 0,
            bottom: box.y + box.height <= viewport.height + 0.5,
          }).toEqual({ left: true, right: true, top: true, bottom: true });
          const inner = await page
            .locator(AGAIN)
            .evaluate((d: any) => ({ scrollWidth: d.scrollWidth, clientWidth: d.clientWidth }));
          expect(inner.scrollWidth).toBeLessThanOrEqual(inner.clientWidth);
          expect(await noOverflow()).toBe(true);
          await page.screenshot({
            path: path.join(SCREENSHOTS, `session-sign-in-again-${lang}-${viewport.width}.png`),
          });
          expect(await seriousAxeViolations()).toEqual([]);

          await signInAgain(page, tokens.sm);
          await page.waitForSelector(AGAIN, { state: 'detached' });
          await page.click(`${HAND_OVER} .dialog-foot .btn:not([data-submit])`);
          await page.waitForSelector(HAND_OVER, { state: 'detached' });
          expect(pageErrors).toEqual([]);
        }),
        60_000,
      );
    }
  }

  it(
    'starts afresh when someone else signs in again, in every tab',
    withDiagnostics('someone-else', async () => {
      await page.setViewportSize(DESKTOP);
      await useLang('en');
      await startHandOver('Written by Zhou, not to be sent by anyone else.', staff.sm.id);
      renewToken('sm');
      await page.waitForSelector(AGAIN, { timeout: 10_000 });
      await signInAgain(page, tokens.li);
      await page.waitForSelector(AGAIN, { state: 'detached' });
      // Another person, other permissions: the page is drawn for Li, and Zhou's dialog is gone.
      await eventually(() => whoName(page), staff.li.name, 5_000);
      await expect(page.locator(HAND_OVER).count()).resolves.toBe(0);
      await page.waitForSelector('.timeline li');
      await eventually(() => whoName(second), staff.li.name, 5_000);
      await expect(tabToken(second)).resolves.toBe(tokens.li);
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    'signs every tab out together, and in together',
    withDiagnostics('sign-out', async () => {
      await second.click('#sign-out');
      await second.waitForSelector('#token');
      await page.waitForSelector('#token', { timeout: 5_000 });
      await expect(tabToken(page)).resolves.toBeNull();
      await expect(tabToken(second)).resolves.toBeNull();

      await signIn(page, tokens.sm);
      await second.waitForSelector('#topbar:not([hidden])', { timeout: 5_000 });
      await expect(whoName(second)).resolves.toBe(staff.sm.name);
      // Nowhere on disk: localStorage holds the language and nothing of the token.
      const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`));
      expect(stored.filter((s) => s.includes(tokens.sm) || s.includes(tokens.li))).toEqual([]);
      expect(pageErrors).toEqual([]);
    }),
    30_000,
  );

  it(
    'ends with the last tab: a browser started again asks to sign in',
    withDiagnostics('closed', async () => {
      await context.close();
      await launch();
      await page.goto(`${base}/dashboard/#/board`);
      await page.waitForSelector('#token', { timeout: 5_000 });
      await expect(page.locator('#topbar').isHidden()).resolves.toBe(true);
      await expect(tabToken(page)).resolves.toBeNull();
      expect(pageErrors).toEqual([]);
    }),
    30_000,
  );
});
