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
import { createLiveFeed } from '../../api/live';
import { addStaff, openStaffDirectory } from '../../api/staff-directory';
import { parsePolicy } from '../../domain/policy';
import { startAnalytics, startRealWorker, TEST_INTERNAL_SECRET } from '../support/real-stack';

/**
 * The dashboard in Debian's Chromium against the real stack: dev-server Temporal, a real worker,
 * Kafka, the analytics reader and the API, with the demo policy's 4-second clocks.
 * scripts/test.sh installs the `chromium` package; this test never downloads a browser.
 */
// Functions passed to waitForFunction run in the page; tsconfig has no DOM lib, so name what they use.
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
};

const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');
const CLIMBED = ['complaint', 'formal_complaint', 'deadlock', 'public_action'];

describe('the supervisor dashboard in a real browser', () => {
  const run = randomUUID().slice(0, 6).toUpperCase();
  const dealer = `SH-PUDONG-${run}`;
  const taskQueue = `dashboard-test-${run}`;
  const silent = pino({ level: 'silent' });
  // Nobody on the roster: the test watches the board, not webhooks.
  const { roster: _roster, ...demo } = demoPolicyFile;
  // One climb to watch, then rungs that hold still long enough to resolve at: a deadlock or a
  // public action would need a tier-3 role, and an acceptance given before a climb is stale.
  const steady = { respondWithin: '90s', resolveWithin: '180s' };
  const policy = parsePolicy({
    ...demo,
    version: 'demo-browser',
    clocks: { ...demo.clocks, complaint: steady, formal_complaint: steady, deadlock: steady },
    // No demo inbox runs here: customer notices go to the log.
    customerNotices: { ...demo.customerNotices, channel: { kind: 'log' } },
  });

  let dir: string;
  let token: string;
  let advisorToken: string;
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cleanup: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as scripts/test.sh does`,
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });

    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-dashboard-'));
    const staffFile = path.join(dir, 'staff.json');
    token = addStaff(
      { id: `sm-${run}`, name: '张经理 Zhang', role: 'service_manager', dealers: [dealer] },
      staffFile,
    ).token;
    advisorToken = addStaff(
      { id: `sa-${run}`, name: '李顾问 Li', role: 'advisor', dealers: [dealer] },
      staffFile,
    ).token;

    const stack = await startRealWorker({ taskQueue });
    cleanup.push(() => stack.stop());
    const analyticsProcess = await startAnalytics(stack.eventLog);
    cleanup.push(() => analyticsProcess.stop());
    const analyticsUrl = analyticsProcess.url;
    const { client } = stack;

    // Changes reach the page over GET /v1/live, as under `npm start`.
    const live = createLiveFeed(stack.eventLog, silent);
    cleanup.push(() => live.close());
    const staff = openStaffDirectory(staffFile);
    const deps: AppDeps & { analyticsUrl?: string } = {
      client,
      namespace: 'default',
      taskQueue,
      policy,
      staff,
      lookupKey: Buffer.from('test lookup key: 32 bytes or more'),
      health: { temporal: async () => undefined, kafka: async () => undefined },
      logger: silent,
      bodyLimitBytes: 64 * 1024,
      authFailures: { limit: 50, windowMs: 60_000 },
      analyticsUrl,
      internalSecret: TEST_INTERNAL_SECRET,
      live,
    };
    app = await buildApp(deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => app.close());

    // A fresh profile per run; Playwright passes it to Chromium as --user-data-dir.
    ({ context, page } = await launchDashboardBrowser(
      dir,
      {
        viewport: { width: 1600, height: 940 },
        locale: 'en-GB',
      },
      pageErrors,
    ));
    cleanup.push(() => context.close());
  }, 90_000);

  afterAll(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The API as the signed-in manager, for the background complaints that fill the board. */
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
  /** Screenshots without the action toasts on top. */
  const snap = async (name: string, fullPage = false) => {
    await page.waitForSelector('.toast', { state: 'detached', timeout: 5_000 }).catch(() => undefined);
    // The board is as tall as its longest column: crop the empty page below it.
    const board =
      !fullPage && (await page.locator('.board').count()) ? await page.locator('.board').boundingBox() : null;
    const clip = board
      ? { x: 0, y: 0, width: page.viewportSize()!.width, height: Math.ceil(board.y + board.height + 20) }
      : undefined;
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage, ...(clip ? { clip } : {}) });
  };
  const kpi = (name: string) => page.locator(`[data-kpi="${name}"] .kpi-value`).innerText();

  /** On a failed step: keep a screenshot and say what the page itself complained about. */
  const withDiagnostics = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (err) {
      await page?.screenshot({ path: path.join(SCREENSHOTS, 'failure.png'), fullPage: true }).catch(() => undefined);
      const where = page ? `at ${page.url()}` : '';
      throw new Error(
        `${(err as Error).message}\n\npage ${where}; errors in the page: ${JSON.stringify(pageErrors)} (see screenshots/failure.png)`,
        { cause: err },
      );
    }
  };

  it(
    'signs in, opens a complaint, watches it climb, resolves it and sees the analytics move',
    withDiagnostics(async () => {
      // 1. Sign in: the root redirects to the dashboard, which asks for a token.
      await page.goto(base);
      expect(page.url()).toBe(`${base}/dashboard/`);
      await page.fill('#token', token);
      await page.click('button[type=submit]');
      await page.waitForSelector('#topbar:not([hidden])');
      await expect(page.locator('#who').innerText()).resolves.toContain('张经理');

      // 2. Open a complaint through the intake form.
      await page.click('[data-nav=new]');
      await page.fill('input[name=customerName]', '刘先生');
      await page.fill('input[name=phone]', '138 1234 5678');
      await page.fill('input[name=plate]', '沪A12345');
      await page.fill('input[name=repairOrderNo]', 'RO-2026-0042');
      await page.selectOption('select[name=channel]', 'phone');
      await page.selectOption('select[name=category]', 'delivery_delay');
      await page.selectOption('select[name=severity]', 'high');
      await page.fill('textarea[name=description]', 'Car promised for 17:00 was not ready and nobody called.');
      await snap('intake.png');
      await page.click('[data-submit=intake]');

      // 3. Its card appears on the board as an objection (异议), with a countdown.
      await page.waitForURL(/#\/board$/);
      const card = page.locator(`.card[data-status=open]`).filter({ hasText: '刘先生' });
      await card.waitFor({ timeout: 15_000 });
      const complaintId = (await card.getAttribute('data-complaint-id'))!;
      expect(complaintId).toMatch(/^CL-/);
      await expect(page.locator('.column[data-stage=objection] .name-secondary').innerText()).resolves.toBe('异议');

      // A few more complaints at other rungs, so the board shows a working day.
      const background = await openBackgroundComplaints(call, dealer);

      // 4. Nobody responds within the demo policy's 4 s: the card climbs to 抱怨 (complaint) or higher.
      // The page notes when its card first shows the climb, to compare with when the ladder climbed.
      await page.locator('.live', { hasText: /streamed|推送/ }).waitFor({ timeout: 10_000 });
      await page.evaluate((id) => {
        const g = globalThis as any;
        new g.MutationObserver(() => {
          const stage = g.document.querySelector(`.card[data-complaint-id="${id}"]`)?.getAttribute('data-stage');
          if (stage && stage !== 'objection' && g.__climbSeenAt === undefined) g.__climbSeenAt = Date.now();
        }).observe(g.document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-stage'],
        });
      }, complaintId);
      await page.waitForFunction(
        ({ id, climbed }) =>
          climbed.includes(
            document.querySelector(`.card[data-complaint-id="${id}"]`)?.getAttribute('data-stage') ?? '',
          ),
        { id: complaintId, climbed: CLIMBED },
        { timeout: 20_000, polling: 200 },
      );
      // Shown within 2 s of the climb, without a reload: the live stream, not the 15 s poll behind it.
      const seenAt = await page.evaluate(() => (globalThis as any).__climbSeenAt as number);
      const climbedAt = (await call('GET', `/v1/complaints/${complaintId}`)).complaint.audit.find(
        (e: any) => e.event?.name === 'stage.entered' && e.event.data.from === 'objection',
      ).at;
      expect(seenAt - climbedAt).toBeLessThan(2_000);
      await page.waitForFunction((n) => document.querySelectorAll('.card').length >= n, background.length + 1, {
        timeout: 10_000,
      });
      await expect(page.locator(`.card[data-complaint-id="${complaintId}"] .countdown`).count()).resolves.toBe(1);
      await page.waitForTimeout(1_800); // let the climb animation settle
      await snap('board.png');

      // The analytics before resolution: the complaint is counted, nothing has been paid.
      await page.click('[data-nav=analytics]');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-kpi=opened] .kpi-value')?.textContent) >= 1,
        null,
        { timeout: 20_000 },
      );
      const before = { resolved: Number(await kpi('resolved')), compensation: await kpi('compensation') };
      expect(before).toEqual({ resolved: 0, compensation: '¥0' });

      // Open the detail from the board: its timeline shows the lapsed deadline and the climb.
      await page.click('[data-nav=board]');
      await page.click(`.card[data-complaint-id="${complaintId}"]`);
      await page.waitForSelector('.timeline');
      await expect(page.locator('.timeline').innerText()).resolves.toContain('Deadline lapsed');
      await expect(page.locator('.timeline').innerText()).resolves.toContain('Objection → Complaint');
      // A service manager may pause and extend; the buttons say so.
      await expect(page.locator('.action-list [data-action=pause]').count()).resolves.toBe(1);

      // 5. Propose a remedy within the manager's 5,000 cap, record the customer's acceptance, resolve.
      await page.click('.action-list [data-action=proposeRemedy]');
      await page.selectOption('dialog select[name=type]', 'labour_fee_waiver');
      await page.fill('dialog input[name=amount]', '800');
      await page.fill(
        'dialog textarea[name=description]',
        'Waive the labour fee and deliver the car to the customer’s home',
      );
      await snap('propose.png');
      await page.click('dialog [data-submit=proposeRemedy]');
      const accept = page.locator('[data-remedy-action=accept]');
      await accept.waitFor();
      await accept.click();
      await page.waitForSelector('.badge.remedy-accepted');
      await page.click('.action-list [data-action=resolve]');
      await page.click('dialog [data-submit=resolve]');
      await page.waitForSelector('[data-status=resolved]');
      await expect(page.locator('.timeline li[data-action=resolve]').innerText()).resolves.toContain(
        'Total compensation ¥800.00',
      );
      await snap('detail.png', true);

      // The follow-up call (回访) and the closing report, through the same dialogs.
      await page.click('.action-list [data-action=followUp]');
      // The demo policy's call falls due seconds after resolution; before then, say the customer called.
      const called = page.locator('dialog input[name=customerCalled]');
      if (await called.count()) await called.check();
      await page.click('dialog [data-submit=followUp]');
      await page.waitForSelector('.action-list [data-action=close]');
      await page.click('.action-list [data-action=close]');
      await page.check('dialog input[name=kind][value=process_defect]');
      await page.selectOption('dialog select[name=area]', 'communication');
      await page.fill('dialog textarea[name=description]', 'Nobody called when the job ran late');
      for (const field of await page.locator('dialog [data-field] textarea[required]:not([name=description])').all()) {
        await field.fill('Filled in by the service manager');
      }
      await page.click('dialog [data-submit=close]');
      await page.waitForSelector('[data-status=closed]', { timeout: 15_000 });

      // Resolve the background complaints too, at whatever rung they reached, for a fuller report.
      let paid = 800;
      for (const [i, id] of background.entries()) {
        if (i === background.length - 1) break; // one stays open
        const amount = [200, 1500, 3000, 600][i] ?? 100;
        await resolveWithRemedy(call, id, amount);
        paid += amount;
      }

      // 6. The analytics page catches up from the Kafka stream: more resolved, more compensation.
      await page.click('[data-nav=analytics]');
      const resolvedCount = background.length;
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-kpi=resolved] .kpi-value')?.textContent) === n,
        resolvedCount,
        { timeout: 30_000 },
      );
      await expect(kpi('compensation')).resolves.toBe(`¥${paid.toLocaleString('en-GB')}`);
      await expect(page.locator('[data-chart=funnel] svg').count()).resolves.toBe(1);
      await expect(page.locator('[data-chart=cost] svg circle').count()).resolves.toBe(6);
      await snap('analytics.png', true);

      // The same board in Chinese, for the record.
      await page.click('#lang-toggle');
      await page.click('[data-nav=board]');
      await page.waitForSelector('.segmented');
      await page.click('.segmented [data-status=all]');
      await page.waitForFunction((n) => document.querySelectorAll('.card').length >= n, resolvedCount + 1, {
        timeout: 10_000,
      });
      await snap('board-zh.png');
      await page.click('#lang-toggle');

      // An advisor sees the complaint still open but only the buttons an advisor may use.
      const stillOpen = background[background.length - 1]!;
      await page.click('#sign-out');
      await page.fill('#token', advisorToken);
      await page.click('button[type=submit]');
      await page.waitForSelector('#topbar:not([hidden])');
      await page.goto(`${base}/dashboard/#/complaint/${stillOpen}`);
      await page.waitForSelector('.action-list');
      const offered = await page
        .locator('.action-list [data-action]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      expect(offered).toEqual(expect.arrayContaining(['logContact', 'proposeRemedy']));
      expect(offered).not.toContain('pause');
      expect(offered).not.toContain('extend');
      expect(offered).not.toContain('resolve'); // no accepted remedy, and upheld-policy needs tier 2

      expect(pageErrors).toEqual([]);
    }),
    180_000,
  );
});

type Call = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<any>;

/** Complaints at several rungs; two are paused so they hold still on the board. */
async function openBackgroundComplaints(call: Call, dealerId: string): Promise<string[]> {
  const intakes = [
    {
      customer: { name: '王女士', phone: '13900001111' },
      vehicle: { plate: '沪B88888' },
      channel: 'on_site',
      category: 'quote_or_price',
      severity: 'low',
      reportedByStaff: true,
      description: 'Quote changed after the job started; tell her before she asks.',
    },
    {
      customer: { name: '陈先生', phone: '13700002222' },
      vehicle: { plate: '沪C12121' },
      channel: 'phone',
      category: 'repair_quality',
      severity: 'medium',
      description: 'Noise came back two days after the repair.',
    },
    {
      customer: { name: '赵女士', phone: '13600003333' },
      vehicle: { vin: 'LSVAU2180N2183294' },
      channel: 'letter',
      category: 'vehicle_damage_in_shop',
      severity: 'high',
      description: 'Scratch on the rear bumper after the service visit.',
    },
    {
      customer: { name: '孙先生', phone: '13500004444' },
      vehicle: { plate: '沪D66666' },
      channel: 'online',
      category: 'staff_attitude',
      severity: 'medium',
      startingStage: 'complaint',
      description: 'Advisor was curt on the phone.',
    },
    {
      customer: { name: '周女士', phone: '13400005555' },
      vehicle: { plate: '沪E20260' },
      channel: 'phone',
      category: 'misdiagnosis',
      severity: 'critical',
      startingStage: 'deadlock',
      description: 'Third visit for the same warning light; wants a refund.',
    },
  ];
  const ids: string[] = [];
  for (const intake of intakes) {
    const { complaint } = await call('POST', '/v1/complaints', { dealerId, ...intake });
    ids.push(complaint.complaintId);
  }
  // The latent one and the letter hold still, waiting on the customer and on parts.
  await call('POST', `/v1/complaints/${ids[0]}/pause`, { reason: 'waiting_for_customer' });
  await call('POST', `/v1/complaints/${ids[2]}/pause`, { reason: 'waiting_for_parts', note: 'bumper panel on order' });
  await call('POST', `/v1/complaints/${ids[1]}/acknowledge`, { note: 'Called back within the hour' });
  return ids;
}

async function resolveWithRemedy(call: Call, id: string, amount: number): Promise<void> {
  const { complaint: paused } = await call('GET', `/v1/complaints/${id}`);
  if (paused.pause) await call('POST', `/v1/complaints/${id}/resume`, {});
  if (!paused.respondedInStage)
    await call('POST', `/v1/complaints/${id}/contacts`, {
      method: 'phone',
      summary: 'Explained the cause and apologised',
    });
  const { complaint } = await call('POST', `/v1/complaints/${id}/remedies`, {
    type: amount >= 1000 ? 'cash_compensation' : 'discount',
    amount,
    description: 'Goodwill',
  });
  const remedy = complaint.remedies[complaint.remedies.length - 1];
  await call('POST', `/v1/complaints/${id}/remedies/${remedy.remedyId}/decision`, { decision: 'accept' });
  await call('POST', `/v1/complaints/${id}/resolve`, { kind: 'remedy_accepted' });
}
