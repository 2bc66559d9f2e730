import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchDashboardBrowser } from '../support/browser';
import demoPolicyFile from '../../config/policies/demo.json';
import { buildApp } from '../../api/app';
import { createLiveFeed } from '../../api/live';
import { addStaff, openStaffDirectory } from '../../api/staff-directory';
import { parsePolicy } from '../../domain/policy';
import { startRealWorker } from '../support/real-stack';

/**
 * Queues, search, the list view, owners and hand-over, and polls that keep the viewer's place,
 * in Debian's Chromium against a real worker and the API in-process (like dashboard.browser.test.ts).
 */
// Functions passed to evaluate run in the page; tsconfig has no DOM lib.
declare const document: any;
declare const innerWidth: number;

const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');
/** More than one list page (50), so "more" has something to load. */
const MASS = 50;

describe('queues, search, the list view and hand-over in a real browser', () => {
  const run = randomUUID().slice(0, 6).toUpperCase();
  const dealer = `SH-MINHANG-${run}`;
  const otherDealer = `SH-JINGAN-${run}`;
  const taskQueue = `queues-browser-${run}`;
  const { roster: _roster, ...demo } = demoPolicyFile;
  // Nothing climbs or lapses by itself during the test: every move is the test's.
  const still = { respondWithin: '30m', resolveWithin: '1h' };
  const policy = parsePolicy({
    ...demo,
    version: 'queues-browser',
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
  const id = {
    sm: `sm-${run}`,
    li: `sa-${run}`,
    sun: `sa2-${run}`,
    wang: `cs-${run}`,
    qian: `tm-${run}`,
    zhao: `gm-${run}`,
  };

  let dir: string;
  let staffFile: string;
  const tokens: Record<string, string> = {};
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  /** The complaints the test follows. */
  const c = { plate: '', approval: '', unowned: '', focus: '', mass: [] as string[] };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium, as scripts/test.sh does`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-queues-'));
    staffFile = path.join(dir, 'staff.json');
    const add = (key: string, name: string, role: any, dealers = [dealer]) => {
      tokens[key] = addStaff({ id: (id as any)[key] ?? `${key}-${run}`, name, role, dealers }, staffFile).token;
    };
    add('sm', '张经理 Zhang', 'service_manager');
    add('li', '李顾问 Li', 'advisor');
    add('sun', '孙顾问 Sun', 'advisor');
    add('wang', '王客服 Wang', 'customer_service');
    add('qian', '钱经理 Qian', 'technical_manager');
    add('zhao', '赵总 Zhao', 'general_manager');
    add('other', '外店经理 Other', 'service_manager', [otherDealer]);

    const stack = await startRealWorker({ taskQueue });
    cleanup.push(() => stack.stop());
    // Changes reach the page over GET /v1/live, with the slow poll behind it, as under `npm start`.
    const live = createLiveFeed(stack.eventLog, pino({ level: 'silent' }));
    cleanup.push(() => live.close());
    app = await buildApp({
      live,
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
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => app.close());

    // The complaints: one to find and hand over, one awaiting approval, one its owner cannot act
    // on, and a list's worth more, all opened before the page first loads.
    const open = async (as: string, intake: Record<string, unknown>) =>
      (
        await call(as, 'POST', '/v1/complaints', {
          dealerId: dealer,
          channel: 'phone',
          category: 'delivery_delay',
          severity: 'medium',
          description: 'Late again',
          ...intake,
        })
      ).complaint.complaintId as string;
    c.plate = await open('sm', {
      customer: { name: '吴先生', phone: '13900001111' },
      vehicle: { plate: '沪A50001' },
      repairOrderNo: 'RO-Q-0001',
      severity: 'high',
    });
    c.approval = await open('li', {
      customer: { name: '郑女士', phone: '13700007777' },
      vehicle: { plate: '沪B70007' },
    });
    const { complaint } = await call('li', 'POST', `/v1/complaints/${c.approval}/remedies`, {
      type: 'cash_compensation',
      amount: 2000,
      description: 'Goodwill for two lost days',
    });
    expect(complaint.remedies[0].status).toBe('awaiting_approval');
    // A letter starts as a formal complaint (tier 2), which its advisor receiver cannot own.
    c.unowned = await open('li', {
      channel: 'letter',
      customer: { name: '冯先生', phone: '13600006666' },
      vehicle: { plate: '沪C60006' },
      severity: 'critical',
    });
    const severities = ['low', 'medium', 'high', 'critical'];
    const stages = ['latent', 'objection', 'complaint'];
    for (let i = 0; i < MASS; i += 10) {
      c.mass.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, MASS - i) }, (_, j) =>
            open('sm', {
              customer: { name: `客户${i + j}`, phone: `1380000${String(1000 + i + j)}` },
              vehicle: { plate: `沪Q${String(1000 + i + j)}` },
              severity: severities[(i + j) % 4],
              startingStage: stages[(i + j) % 3],
              ...((i + j) % 3 === 0 ? { reportedByStaff: true, channel: 'on_site' } : {}),
            }),
          ),
        )),
      );
    }
    c.focus = c.mass[1]!;

    ({ context, page } = await launchDashboardBrowser(
      dir,
      {
        viewport: { width: 1440, height: 900 },
        locale: 'en-GB',
      },
      pageErrors,
    ));
    cleanup.push(() => context.close());
  }, 120_000);

  afterAll(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function call(as: string, method: 'GET' | 'POST', url: string, body?: unknown) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (!res.ok)
      throw Object.assign(new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`), { status: res.status });
    return json;
  }
  /** The staff file edited by hand, as an administrator would; the API reloads it on change. */
  const editStaff = (edit: (staff: any[]) => any[]) => {
    const file = JSON.parse(readFileSync(staffFile, 'utf8'));
    writeFileSync(staffFile, JSON.stringify({ staff: edit(file.staff) }, null, 2));
  };
  const queueCount = (name: string) => page.locator(`[data-queue="${name}"] .queue-count`).innerText();
  const rowIds = () =>
    page
      .locator('.complaint-list tbody tr[data-complaint-id]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-complaint-id')));
  const rowData = (key: string) =>
    page
      .locator('.complaint-list tbody tr[data-complaint-id]')
      .evaluateAll((trs, k) => trs.map((tr) => tr.getAttribute(`data-${k}`) ?? ''), key);
  const waitRows = (n: number) =>
    page.waitForFunction(
      (k) => document.querySelectorAll('.complaint-list tbody tr[data-complaint-id]').length === k,
      n,
      { timeout: 15_000 },
    );
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  /** Elements of this feature that stick out past the right edge of the window. */
  const overflowing = (selectors: string) =>
    page.evaluate(
      (sel) =>
        [...document.querySelectorAll(sel)]
          .filter((el: any) => el.getBoundingClientRect().right > innerWidth + 0.5)
          .map((el: any) => el.className),
      selectors,
    );

  const withDiagnostics = (name: string, body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (err) {
      await page
        ?.screenshot({ path: path.join(SCREENSHOTS, `failure-${name}.png`), fullPage: true })
        .catch(() => undefined);
      throw new Error(
        `${(err as Error).message}\n\npage at ${page?.url()}; errors in the page: ${JSON.stringify(pageErrors)} (see screenshots/failure-${name}.png)`,
        { cause: err },
      );
    }
  };

  it(
    'counts my queues, shows one queue, and badges the cards that wait on me',
    withDiagnostics('queues', async () => {
      await page.goto(`${base}/dashboard/`);
      await page.fill('#token', tokens.sm!);
      await page.click('button[type=submit]');
      await page.waitForSelector('.queue-bar [data-queue=mine]');
      // Visibility is eventually consistent: the counts settle within a few polls.
      await page.waitForFunction(
        (n) => document.querySelector('[data-queue=mine] .queue-count')?.textContent === String(n),
        MASS + 1,
        { timeout: 20_000 },
      );
      await expect(queueCount('awaiting-my-approval')).resolves.toBe('1');
      await expect(queueCount('unowned-on-my-tier')).resolves.toBe('1');
      await expect(page.locator('.queue-bar [aria-pressed=true]').count()).resolves.toBe(0);

      // Every card names its owner; those waiting on me say why.
      await page.waitForFunction((n) => document.querySelectorAll('.card .card-owner').length === n, MASS + 3, {
        timeout: 15_000,
      });
      await expect(page.locator(`.card[data-complaint-id="${c.approval}"] .card-owner`).innerText()).resolves.toBe(
        'Owner: 李顾问 Li',
      );
      await expect(
        page.locator(`.card[data-complaint-id="${c.approval}"] [data-waits=approval]`).count(),
      ).resolves.toBe(1);
      await expect(page.locator(`.card[data-complaint-id="${c.unowned}"] [data-waits=take]`).count()).resolves.toBe(1);
      await expect(page.locator(`.card[data-complaint-id="${c.plate}"] [data-waits=mine]`).count()).resolves.toBe(1);
      await expect(page.locator(`.card[data-complaint-id="${c.approval}"] [data-waits=mine]`).count()).resolves.toBe(0);

      // A queue is a toggle: pressed, the board shows only its complaints; pressed again, all of them.
      await page.click('[data-queue=awaiting-my-approval]');
      await expect(page.getAttribute('[data-queue=awaiting-my-approval]', 'aria-pressed')).resolves.toBe('true');
      await page.waitForFunction(() => document.querySelectorAll('.card').length === 1, null, { timeout: 10_000 });
      await expect(page.locator('.card').getAttribute('data-complaint-id')).resolves.toBe(c.approval);
      await page.click('[data-view=list]');
      await waitRows(1);
      await expect(rowIds()).resolves.toEqual([c.approval]);
      await page.click('[data-queue=unowned-on-my-tier]');
      await expect(page.getAttribute('[data-queue=awaiting-my-approval]', 'aria-pressed')).resolves.toBe('false');
      await page.waitForFunction(
        (id) =>
          document.querySelector('.complaint-list tbody tr[data-complaint-id]')?.getAttribute('data-complaint-id') ===
          id,
        c.unowned,
        { timeout: 10_000 },
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-list.png') });

      // Its owner, an advisor, cannot act on a formal complaint: I take it from the detail page.
      await page.click(`.complaint-list tr[data-complaint-id="${c.unowned}"] a`);
      await page.waitForSelector('.owner-line');
      await expect(page.locator('.owner-line').innerText()).resolves.toContain('李顾问 Li');
      await expect(page.locator('.owner-line .badge.unowned').count()).resolves.toBe(1);
      await page.click('.action-list [data-action=take]');
      await page.waitForFunction(
        (who) => document.querySelector('.owner-line')?.getAttribute('data-owner') === who,
        id.sm,
        { timeout: 10_000 },
      );
      await expect(page.locator('.action-list [data-action=take]').count()).resolves.toBe(0);
      await page.click('.back');
      await page.waitForFunction(
        () => document.querySelector('[data-queue=unowned-on-my-tier] .queue-count')?.textContent === '0',
        null,
        { timeout: 20_000 },
      );
      await page.click('[data-queue=unowned-on-my-tier]');
      await expect(page.locator('.queue-bar [aria-pressed=true]').count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    }),
    90_000,
  );

  it(
    'finds a complaint by plate as typed and by a phone typed with dashes, in the list view',
    withDiagnostics('search', async () => {
      await page.click('[data-view=board]');
      await page.fill('.search input[name=q]', '沪a 50001');
      await page.press('.search input[name=q]', 'Enter');
      // A search shows its results in the list view.
      await page.waitForSelector('.list-view:not([hidden])');
      await waitRows(1);
      await expect(rowIds()).resolves.toEqual([c.plate]);
      await expect(page.getAttribute('[data-view=list]', 'aria-pressed')).resolves.toBe('true');
      await expect(page.locator('.count-total').innerText()).resolves.toContain('沪a 50001');

      await page.fill('.search input[name=q]', '139-0000-1111');
      await page.press('.search input[name=q]', 'Enter');
      await page.waitForFunction(
        (id) =>
          document.querySelectorAll('.complaint-list tbody tr[data-complaint-id]').length === 1 &&
          document.querySelector('.complaint-list tbody tr[data-complaint-id]').getAttribute('data-complaint-id') ===
            id,
        c.plate,
        { timeout: 10_000 },
      );
      await expect(page.locator(`.complaint-list tr[data-complaint-id="${c.plate}"]`).innerText()).resolves.toContain(
        '吴先生',
      );
      await page.fill('.search input[name=q]', 'RO-Q-0001');
      await page.press('.search input[name=q]', 'Enter');
      await page.waitForFunction(
        () => document.querySelector('.count-total')?.textContent.includes('RO-Q-0001'),
        null,
        { timeout: 10_000 },
      );
      await waitRows(1);
      await expect(rowIds()).resolves.toEqual([c.plate]);

      await page.click('[data-clear-search]');
      await waitRows(Math.min(MASS + 3, 50));
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    'sorts the list by each column and pages with more',
    withDiagnostics('list', async () => {
      const total = MASS + 3;
      await expect(page.locator('.complaint-list thead th').count()).resolves.toBe(7);
      // Earliest next deadline first by default.
      await expect(page.getAttribute('th[data-col=deadline]', 'aria-sort')).resolves.toBe('ascending');
      const dues = (await rowData('due')).map(Number);
      expect(dues).toEqual([...dues].sort((a, b) => a - b));

      // Everything, page by page.
      for (let i = 0; i < 3 && (await page.locator('[data-more]:not([hidden])').count()); i++) {
        await page.click('[data-more]');
        await page.waitForFunction(() => !document.querySelector('[data-more]').disabled, null, { timeout: 15_000 });
      }
      await waitRows(total);
      await expect(page.locator('[data-more]').isHidden()).resolves.toBe(true);

      const order = {
        latent: 0,
        objection: 1,
        complaint: 2,
        formal_complaint: 3,
        deadlock: 4,
        public_action: 5,
      } as Record<string, number>;
      await page.click('button[data-sort=stage]');
      const byStage = (await rowData('stage')).map((s) => order[s]!);
      expect(byStage).toEqual([...byStage].sort((a, b) => a - b));
      await expect(page.getAttribute('th[data-col=stage]', 'aria-sort')).resolves.toBe('ascending');
      await expect(page.getAttribute('th[data-col=deadline]', 'aria-sort')).resolves.toBe('none');

      const rank = { low: 0, medium: 1, high: 2, critical: 3 } as Record<string, number>;
      await page.click('button[data-sort=severity]');
      await page.click('button[data-sort=severity]');
      await expect(page.getAttribute('th[data-col=severity]', 'aria-sort')).resolves.toBe('descending');
      const bySeverity = (await rowData('severity')).map((s) => rank[s]!);
      expect(bySeverity).toEqual([...bySeverity].sort((a, b) => b - a));
      expect(bySeverity[0]).toBe(3);

      await page.click('button[data-sort=owner]');
      // In the page's own collation: each owner's complaints together, in order.
      const owners = await page.locator('.complaint-list tbody td[data-col=owner]').allInnerTexts();
      expect(new Set(owners)).toEqual(new Set(['李顾问 Li', '张经理 Zhang']));
      expect(owners.filter((o, i) => i > 0 && o !== owners[i - 1]).length).toBe(1);
      await expect(
        page.evaluate(([a, b]) => a!.localeCompare(b!), [owners[0], owners[owners.length - 1]]),
      ).resolves.toBeLessThan(0);
      await page.click('button[data-sort=dealer]');
      await expect(page.getAttribute('th[data-col=dealer]', 'aria-sort')).resolves.toBe('ascending');
      // Sorting keeps focus on the header's button (nothing was rebuilt).
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-sort'))).resolves.toBe('dealer');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'list.png') });
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    'hands a complaint over from the detail page, with every refusal shown in the dialog',
    withDiagnostics('handover', async () => {
      // The colleague list is the dealer's staff, and another dealer's is not mine to see.
      const { staff } = await call('sm', 'GET', `/v1/staff?dealerId=${dealer}`);
      expect(staff.map((s: any) => s.id).sort()).toEqual(Object.values(id).sort());
      await expect(call('sm', 'GET', `/v1/staff?dealerId=${otherDealer}`)).rejects.toMatchObject({ status: 403 });

      await page.goto(`${base}/dashboard/#/complaint/${c.plate}`);
      await page.waitForSelector('.owner-line');
      await expect(page.locator('.owner-line').innerText()).resolves.toContain('张经理 Zhang');
      await page.click('.action-list [data-action=handOver]');
      await page.waitForSelector('dialog[data-dialog=handOver]');
      // At an objection (tier 1) every colleague may own it; the owner is not offered.
      const offered = await page
        .locator('dialog select[name=to] option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value')).filter(Boolean));
      expect(offered.sort()).toEqual([id.li, id.sun, id.wang, id.qian, id.zhao].sort());
      await page.fill(
        'dialog textarea[name=note]',
        'Promised a call by 17:00 with the new delivery date; loan car booked.',
      );

      // Gone from the staff directory since the dialog opened: 404, under the field.
      await page.selectOption('dialog select[name=to]', id.qian);
      editStaff((staff) => staff.filter((s) => s.id !== id.qian));
      await page.click('dialog [data-submit=handOver]');
      await page.waitForSelector('dialog .form-error:not([hidden])');
      await expect(page.locator('dialog .form-error').innerText()).resolves.toContain(
        'no longer in the staff directory',
      );
      await expect(page.locator('dialog [data-field=to] .field-error').isVisible()).resolves.toBe(true);

      // Moved to another dealer meanwhile: 403.
      await page.selectOption('dialog select[name=to]', id.sun);
      editStaff((staff) => staff.map((s) => (s.id === id.sun ? { ...s, dealers: [otherDealer] } : s)));
      await page.click('dialog [data-submit=handOver]');
      await page.waitForFunction(
        () => document.querySelector('dialog .form-error')?.textContent.includes('Not permitted'),
        null,
        { timeout: 5_000 },
      );

      // The complaint climbs to a formal complaint (tier 2) while the dialog is open: an advisor cannot own it, 409.
      await call('sm', 'POST', `/v1/complaints/${c.plate}/escalate`, {
        to: 'formal_complaint',
        driver: 'supervisor',
        reason: 'Customer wrote to the brand',
      });
      await page.selectOption('dialog select[name=to]', id.li);
      await page.click('dialog [data-submit=handOver]');
      await page.waitForFunction(
        () =>
          document.querySelector('dialog .form-error')?.textContent.includes('cannot own the complaint at its rung'),
        null,
        { timeout: 5_000 },
      );
      // Typed text survived three refusals and the page's own updates behind the dialog.
      await expect(page.inputValue('dialog textarea[name=note]')).resolves.toContain('loan car booked');

      // Customer service serves every rung.
      await page.selectOption('dialog select[name=to]', id.wang);
      await page.click('dialog [data-submit=handOver]');
      await page.waitForSelector('dialog[data-dialog=handOver]', { state: 'detached' });
      await page.waitForFunction(
        (who) => document.querySelector('.owner-line')?.getAttribute('data-owner') === who,
        id.wang,
        { timeout: 10_000 },
      );

      // Reopened at the new rung, the dialog offers only who may own a formal complaint.
      await page.click('.action-list [data-action=handOver]');
      await page.waitForSelector('dialog[data-dialog=handOver]');
      const now = await page
        .locator('dialog select[name=to] option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value')).filter(Boolean));
      expect(now.sort()).toEqual([id.sm, id.zhao].sort());
      await page.click('dialog .dialog-foot .btn:not([data-submit])');

      // The board's card names the new owner.
      await page.click('[data-nav=board]');
      await page.click('[data-view=board]');
      await page.waitForFunction(
        ({ cid, who }) =>
          document.querySelector(`.card[data-complaint-id="${cid}"] .card-owner`)?.textContent.includes(who),
        { cid: c.plate, who: '王客服 Wang' },
        { timeout: 15_000 },
      );
      expect(pageErrors).toEqual([]);
    }),
    90_000,
  );

  it(
    'keeps focus on a card, and typed text, across live updates that change the board',
    withDiagnostics('focus', async () => {
      const card = `.card[data-complaint-id="${c.focus}"]`;
      await page.waitForSelector(card);
      await page.fill('.search input[name=q]', 'typed, not sent');
      await page.focus(card);
      await page.evaluate((sel) => {
        document.querySelector(sel).keptAcrossPolls = true;
      }, card);

      // Live update one: the focused complaint itself changes owner. Within 2 s, so the stream (not
      // the 15 s poll behind it) brought it.
      await page.locator('.live', { hasText: /streamed|推送/ }).waitFor({ timeout: 10_000 });
      await call('sm', 'POST', `/v1/complaints/${c.focus}/hand-over`, { to: id.li, note: 'Li knows the customer' });
      await page.waitForFunction(
        (sel) => document.querySelector(`${sel} .card-owner`)?.textContent.includes('李顾问'),
        card,
        { timeout: 2_000 },
      );
      // Live update two: a new complaint appears in another column.
      const { complaint } = await call('sm', 'POST', '/v1/complaints', {
        dealerId: dealer,
        channel: 'letter',
        category: 'parts',
        severity: 'low',
        description: 'Wrong part fitted',
        customer: { name: '褚先生', phone: '13100001234' },
        vehicle: { plate: '沪F10001' },
      });
      await page.waitForSelector(`.card[data-complaint-id="${complaint.complaintId}"]`, { timeout: 15_000 });
      await page.waitForTimeout(2_500);

      const kept = await page.evaluate(
        (sel) => ({
          same: document.activeElement === document.querySelector(sel),
          marked: document.activeElement?.keptAcrossPolls === true,
        }),
        card,
      );
      expect(kept).toEqual({ same: true, marked: true });
      await expect(page.inputValue('.search input[name=q]')).resolves.toBe('typed, not sent');
      await page.fill('.search input[name=q]', '');
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    'labels the new controls in Chinese',
    withDiagnostics('zh', async () => {
      await page.click('#lang-toggle');
      await page.waitForSelector('.queue-bar [data-queue=mine]');
      await expect(page.locator('[data-queue=awaiting-my-approval] .queue-name').innerText()).resolves.toBe('待我审批');
      await expect(page.locator('[data-view=list]').innerText()).resolves.toBe('列表');
      await expect(page.getAttribute('.search input[name=q]', 'placeholder')).resolves.toBe(
        '编号、车牌、车架号、工单号、姓名或电话',
      );
      await page.waitForFunction(
        () => document.querySelector('.card .card-owner')?.textContent.startsWith('负责人'),
        null,
        { timeout: 10_000 },
      );
      await page.click('[data-view=list]');
      await expect(page.locator('button[data-sort=owner]').innerText()).resolves.toContain('负责人');
      await page.click('#lang-toggle');
      await page.waitForSelector('.queue-bar [data-queue=mine]');
      expect(pageErrors).toEqual([]);
    }),
    30_000,
  );

  it(
    'fits a 390 px phone: no horizontal overflow on the board or the list',
    withDiagnostics('phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const mine =
        '.board-controls, .queue-bar, .queue, .search, .card-owner, .card-waits, .list-view, .list-wrap, .list-foot';
      await page.click('[data-view=list]');
      await waitRows(50);
      // The table is wider than a phone: it scrolls inside its own frame, not the page.
      expect({ list: await noOverflow(), sticking: await overflowing(mine) }).toEqual({ list: true, sticking: [] });
      await page.click('[data-view=board]');
      await page.waitForSelector('.board:not([hidden]) .card');
      expect({ board: await noOverflow(), sticking: await overflowing(mine) }).toEqual({ board: true, sticking: [] });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'queues-phone.png') });
      await page.setViewportSize({ width: 1440, height: 900 });
      expect(pageErrors).toEqual([]);
    }),
    30_000,
  );
});
