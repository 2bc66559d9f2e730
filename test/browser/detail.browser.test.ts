import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
import { startRealWorker } from '../support/real-stack';

/**
 * The complaint detail page in Debian's Chromium against the real stack: a timeline worded in the
 * reader's language and the policy's time zone, the follow-up and closing report after resolution,
 * reopens marked as reopens, and the guardrails on money, clocks and the intake dealer.
 * The browser sits in New York and the policy in Shanghai, so a time shown in the wrong zone shows.
 */
// Functions passed to evaluate run in the page; tsconfig has no DOM lib, so name what they use.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');
const ZONE = 'Asia/Shanghai';
const ISO_UTC = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/;
const REFLECTION = {
  customerThoughts: '他觉得我们不重视他的时间',
  customerNeeds: '按时取车，或者提前得到通知',
  wrongBelief: '延误几个小时客户不会在意',
  wrongBehaviour: '没有主动打电话说明延误',
  badConsequence: '客户写信投诉到厂家',
  rightBelief: '客户的时间和我们的一样重要',
  rightBehaviour: '一发现延误就打电话并提供代步车',
  goodResult: '客户理解并接受了补偿',
};

describe('the complaint detail page in a real browser', () => {
  const run = randomUUID().slice(0, 6).toUpperCase();
  const dealer = `SH-DETAIL-${run}`;
  const taskQueue = `detail-test-${run}`;
  const silent = pino({ level: 'silent' });
  const { roster: _roster, ...demo } = demoPolicyFile;
  // Clocks that hold still while the test reads the page; business hours in Shanghai on every day
  // (all but the last minute), so the policy has a time zone and nothing pauses during the run.
  const steady = { respondWithin: '10m', resolveWithin: '20m' };
  const policy = parsePolicy({
    ...demo,
    version: 'detail-browser',
    clocks: {
      latent: steady,
      objection: steady,
      complaint: steady,
      formal_complaint: steady,
      deadlock: steady,
      public_action: { respondWithin: '10m', resolveWithin: null },
    },
    calendar: {
      mode: 'business_hours',
      timeZone: ZONE,
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      open: '00:00',
      close: '23:59',
    },
    followUp: { delay: '1h', dueWithin: '2d', unreachableRetryAfter: '1h' },
    customerUpdates: { firstWithin: '1h', every: '1h' },
    customerNotices: { ...demo.customerNotices, channel: { kind: 'log' } },
  });

  let dir: string;
  const tokens = { manager: '', advisor: '', hq: '' };
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
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-detail-'));
    const staffFile = path.join(dir, 'staff.json');
    tokens.manager = addStaff(
      { id: `sm-${run}`, name: '张经理 Zhang', role: 'service_manager', dealers: [dealer] },
      staffFile,
    ).token;
    tokens.advisor = addStaff(
      { id: `sa-${run}`, name: '李顾问 Li', role: 'advisor', dealers: [dealer] },
      staffFile,
    ).token;
    tokens.hq = addStaff(
      { id: `hq-${run}`, name: '王总 Wang', role: 'general_manager', dealers: ['*'] },
      staffFile,
    ).token;

    const stack = await startRealWorker({ taskQueue });
    cleanup.push(() => stack.stop());
    const deps: AppDeps = {
      client: stack.client,
      namespace: 'default',
      taskQueue,
      policy,
      staff: openStaffDirectory(staffFile),
      lookupKey: Buffer.from('test lookup key: 32 bytes or more'),
      health: { temporal: async () => undefined, kafka: async () => undefined },
      logger: silent,
      bodyLimitBytes: 64 * 1024,
      authFailures: { limit: 50, windowMs: 60_000 },
    };
    app = await buildApp(deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => app.close());

    ({ context, page } = await launchDashboardBrowser(
      dir,
      {
        viewport: { width: 1440, height: 900 },
        locale: 'en-GB',
        timezoneId: 'America/New_York',
      },
      pageErrors,
    ));
    cleanup.push(() => context.close());
  }, 90_000);

  afterAll(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, token = tokens.manager) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const open = async (intake: Record<string, unknown> = {}): Promise<string> => {
    const { complaint } = await call('POST', '/v1/complaints', {
      dealerId: dealer,
      customer: { name: '刘先生', phone: '13812345678' },
      vehicle: { plate: '沪A12345' },
      channel: 'phone',
      category: 'delivery_delay',
      severity: 'medium',
      description: 'Car promised for 17:00 was not ready and nobody called.',
      ...intake,
    });
    return complaint.complaintId;
  };
  /** Proposed, accepted and resolved: the follow-up call is planned an hour later. */
  const resolveWith = async (id: string, type: string, amount: number) => {
    await call('POST', `/v1/complaints/${id}/contacts`, { method: 'phone', summary: '已致电客户，说明原因并道歉' });
    const { complaint } = await call('POST', `/v1/complaints/${id}/remedies`, {
      type,
      amount,
      description: '代步车费用',
    });
    const remedy = complaint.remedies.at(-1);
    await call('POST', `/v1/complaints/${id}/remedies/${remedy.remedyId}/decision`, { decision: 'accept' });
    return (await call('POST', `/v1/complaints/${id}/resolve`, { kind: 'remedy_accepted' })).complaint;
  };

  let signedIn = '';
  const signIn = async (who: keyof typeof tokens) => {
    if (signedIn === who) return;
    await page.goto(`${base}/dashboard/`);
    if (signedIn) await page.click('#sign-out');
    await page.fill('#token', tokens[who]);
    await page.click('button[type=submit]');
    await page.waitForSelector('#topbar:not([hidden])');
    signedIn = who;
  };
  const setLanguage = async (lang: 'zh' | 'en') => {
    const now = await page.evaluate(() => (globalThis as any).document.documentElement.lang);
    if ((lang === 'zh') !== (now === 'zh-CN')) await page.click('#lang-toggle');
  };
  const showDetail = async (id: string) => {
    await page.goto(`${base}/dashboard/#/complaint/${id}`);
    await page.locator('.detail-id', { hasText: id }).waitFor();
    await page.waitForSelector('.timeline li');
  };
  /** After a language switch the page redraws: wait for the new words before reading it. */
  const waitFor = (selector: string, text: string) => page.locator(selector, { hasText: text }).first().waitFor();
  /** The page's own formatting of a moment in the policy's zone, which is what the dashboard must show. */
  const inPolicyZone = (ms: number, lang: 'zh' | 'en') =>
    page.evaluate(
      ({ at, zone, locale }) =>
        new Date(at).toLocaleString(locale, {
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          timeZone: zone,
        }),
      { at: ms, zone: ZONE, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' },
    );

  const withDiagnostics = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (err) {
      await page
        ?.screenshot({ path: path.join(SCREENSHOTS, 'failure-detail.png'), fullPage: true })
        .catch(() => undefined);
      throw new Error(
        `${(err as Error).message}\n\npage at ${page?.url()}; errors in the page: ${JSON.stringify(pageErrors)} (see screenshots/failure-detail.png)`,
        { cause: err },
      );
    }
  };

  let closedId: string;

  it(
    'words the timeline in Chinese and in English: remedy labels and amounts, names and roles, local times, no raw ids',
    withDiagnostics(async () => {
      // Raised to 投诉 by the manager, so the closing report needs the reflection.
      closedId = await open({ startingStage: 'complaint', category: 'vehicle_damage_in_shop' });
      await call('POST', `/v1/complaints/${closedId}/escalate`, {
        to: 'formal_complaint',
        driver: 'supervisor',
        reason: '客户要求厂家介入',
      });
      const resolved = await resolveWith(closedId, 'cash_compensation', 3000);
      await call('POST', `/v1/complaints/${closedId}/follow-up`, { outcome: 'satisfied', customerCalled: true });
      await call('POST', `/v1/complaints/${closedId}/close`, {
        rootCause: { kind: 'process_defect', area: 'communication', description: '延误时没有人通知客户' },
        reflection: REFLECTION,
      });

      await signIn('manager');
      await setLanguage('zh');
      await showDetail(closedId);
      await page.waitForSelector('[data-status=closed]');
      const zh = await page.locator('.timeline').innerText();
      expect(zh).toContain('现金补偿 · 3,000 元');
      expect(zh).toContain('抱怨 → 投诉');
      expect(zh).toContain('主管决定升级');
      expect(zh).toContain('张经理 Zhang · 服务经理');
      expect(zh).toContain('客户满意');
      expect(zh).toContain('流程缺陷 · 沟通');
      for (const raw of ['cash_compensation', 'CNY', 'formal_complaint', 'supervisor', 'resolved with'])
        expect(zh).not.toContain(raw);
      expect(zh).not.toMatch(ISO_UTC);
      // The resolution's time, in Shanghai although the browser is in New York.
      const resolvedLine = page.locator('.timeline li[data-action=resolve] time');
      await expect(resolvedLine.innerText()).resolves.toContain(
        await inPolicyZone(resolved.resolution.resolvedAt, 'zh'),
      );
      // The remedy id stays only as secondary text, after the remedy's label.
      await expect(page.locator('.timeline li[data-action=proposeRemedy] .tl-ref').innerText()).resolves.toContain(
        `${closedId}-R1`,
      );
      await expect(
        page.locator('.timeline li[data-action=proposeRemedy] .tl-title').innerText(),
      ).resolves.not.toContain(closedId);

      await setLanguage('en');
      await waitFor('.timeline', 'Cash compensation');
      const en = await page.locator('.timeline').innerText();
      expect(en).toContain('Cash compensation · ¥3,000.00');
      expect(en).toContain('Complaint → Formal complaint');
      expect(en).toContain('Service manager');
      expect(en).toContain('Process defect · Communication');
      for (const raw of ['cash_compensation', 'CNY', 'formal_complaint', 'resolved with'])
        expect(en).not.toContain(raw);
      expect(en).not.toMatch(ISO_UTC);
      await expect(resolvedLine.innerText()).resolves.toContain(
        await inPolicyZone(resolved.resolution.resolvedAt, 'en'),
      );
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    'shows a closed complaint’s closing report: root cause, the process defect and all 8 reflection fields',
    withDiagnostics(async () => {
      await signIn('manager');
      await setLanguage('zh');
      await showDetail(closedId);
      const report = page.locator('[data-panel=closing]');
      await report.waitFor();
      await expect(report.locator('[data-defect-area]').innerText()).resolves.toBe('沟通');
      await expect(report.innerText()).resolves.toContain('延误时没有人通知客户');
      for (const [field, text] of Object.entries(REFLECTION)) {
        await expect(report.locator(`[data-reflection=${field}]`).innerText()).resolves.toBe(text);
      }
      await expect(report.innerText()).resolves.toContain('错误的观念');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'detail-closing-zh.png'), fullPage: true });
    }),
    60_000,
  );

  it(
    'shows a resolved complaint’s follow-up call and when it falls due, in the policy’s time zone',
    withDiagnostics(async () => {
      const id = await open();
      const resolved = await resolveWith(id, 'apology', 0);
      await signIn('manager');
      await setLanguage('en');
      await showDetail(id);
      const due = page.locator('[data-panel=followUp] [data-follow-up=due]');
      await due.waitFor();
      await expect(due.innerText()).resolves.toContain(await inPolicyZone(resolved.followUp.dueBy, 'en'));
      await expect(page.locator('[data-panel=followUp] [data-follow-up=scheduled]').innerText()).resolves.toContain(
        await inPolicyZone(resolved.followUp.scheduledFor, 'en'),
      );
      await expect(due.locator('.countdown').count()).resolves.toBe(1);
      await expect(page.locator('.timeline').innerText()).resolves.toContain('Apology · ¥0.00');
    }),
    60_000,
  );

  it(
    'marks a reopened complaint as a reopen, with a badge and no green dot',
    withDiagnostics(async () => {
      const id = await open();
      await resolveWith(id, 'apology', 0);
      await call('POST', `/v1/complaints/${id}/follow-up`, {
        outcome: 'not_satisfied',
        customerCalled: true,
        note: '车还是有异响',
      });
      await signIn('manager');
      await setLanguage('zh');
      await showDetail(id);
      await expect(page.locator('.detail-head [data-badge=reopened]').innerText()).resolves.toBe('已重新打开');
      const line = page.locator('.timeline li[data-action=recordFollowUp]');
      await expect(line.getAttribute('class')).resolves.toContain('tone-reopen');
      await expect(line.getAttribute('class')).resolves.not.toContain('tone-good');
      await expect(line.locator('[data-badge=reopened]').count()).resolves.toBe(1);
      await expect(line.innerText()).resolves.toContain('车还是有异响');
    }),
    60_000,
  );

  it(
    'asks before every approval, with the amount in words',
    withDiagnostics(async () => {
      const id = await open();
      // 3,000 is over the advisor's 500: it waits for the manager.
      await call(
        'POST',
        `/v1/complaints/${id}/remedies`,
        { type: 'cash_compensation', amount: 3000, description: '补偿代步车费用' },
        tokens.advisor,
      );
      await signIn('manager');
      await setLanguage('zh');
      await showDetail(id);
      await page.click('[data-remedy-action=approve]');
      const confirm = page.locator('dialog[data-dialog=confirm-approve]');
      await confirm.waitFor();
      await expect(confirm.locator('[data-words]').innerText()).resolves.toBe('三千元整');
      await expect(confirm.innerText()).resolves.toContain('3,000 元');
      await expect(confirm.innerText()).resolves.toContain('李顾问 Li · 服务顾问');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'detail-approve-zh.png') });
      // Cancelled: nothing is approved.
      await confirm.locator('[data-confirm=no]').click();
      await expect(confirm.count()).resolves.toBe(0);
      expect((await call('GET', `/v1/complaints/${id}`)).complaint.remedies[0].status).toBe('awaiting_approval');
      // Confirmed: it goes to the customer.
      await page.click('[data-remedy-action=approve]');
      await page.locator('dialog[data-dialog=confirm-approve] [data-confirm=yes]').click();
      await page.waitForSelector('.badge.remedy-proposed');
      expect((await call('GET', `/v1/complaints/${id}`)).complaint.remedies[0].approvedBy.id).toBe(`sm-${run}`);

      await setLanguage('en');
      await waitFor('.timeline', 'Remedy approved');
      await expect(page.locator('.timeline li[data-action=approveRemedy]').innerText()).resolves.toContain(
        'Remedy approved: Cash compensation · ¥3,000.00',
      );
    }),
    60_000,
  );

  it(
    'refuses a 1.5e9 amount in place, shows the policy maximum, and asks above the viewer’s cap',
    withDiagnostics(async () => {
      const id = await open();
      await signIn('manager');
      await setLanguage('en');
      await showDetail(id);
      await page.click('.action-list [data-action=proposeRemedy]');
      const dialog = page.locator('dialog[data-dialog=proposeRemedy]');
      await dialog.waitFor();
      await expect(dialog.locator('[data-field=amount] .hint').innerText()).resolves.toContain(
        'Policy maximum per remedy: ¥100,000.00',
      );
      await dialog.locator('select[name=type]').selectOption('gift');
      await dialog.locator('textarea[name=description]').fill('A bottle of wine');
      await dialog.locator('input[name=amount]').fill('1.5e9');
      const error = dialog.locator('[data-field=amount] .field-error');
      await expect(error.innerText()).resolves.toContain('1.5e9 are not accepted');
      await expect(dialog.locator('input[name=amount]').getAttribute('aria-invalid')).resolves.toBe('true');
      await dialog.locator('[data-submit=proposeRemedy]').click();
      await expect(dialog.isVisible()).resolves.toBe(true);
      // Over the policy's maximum: refused in place too.
      await dialog.locator('input[name=amount]').fill('10000000');
      await expect(error.innerText()).resolves.toContain('Above the policy’s maximum of ¥100,000.00');
      expect((await call('GET', `/v1/complaints/${id}`)).complaint.remedies).toEqual([]);

      // Over the manager's 5,000: the live note and then a confirmation say so, in words.
      await dialog.locator('input[name=amount]').fill('8000');
      await expect(dialog.locator('[data-note=amountWords]').innerText()).resolves.toContain('eight thousand yuan');
      await expect(dialog.locator('[data-note=amountWords]').innerText()).resolves.toContain('General manager');
      await dialog.locator('[data-submit=proposeRemedy]').click();
      const confirm = page.locator('dialog[data-dialog=confirm-over-cap]');
      await confirm.waitFor();
      await expect(confirm.locator('[data-words]').innerText()).resolves.toBe('eight thousand yuan');
      await confirm.locator('[data-confirm=yes]').click();
      await page.waitForSelector('.badge.remedy-awaiting_approval');
      expect((await call('GET', `/v1/complaints/${id}`)).complaint.remedies[0]).toMatchObject({
        amount: 8000,
        status: 'awaiting_approval',
      });
    }),
    60_000,
  );

  it(
    'says so when a clock is extended while the other one falls due sooner',
    withDiagnostics(async () => {
      const id = await open();
      await signIn('manager');
      await setLanguage('en');
      await showDetail(id);
      await page.click('.action-list [data-action=extend]');
      const dialog = page.locator('dialog[data-dialog=extend]');
      await dialog.waitFor();
      await dialog.locator('select[name=clock]').selectOption('respond');
      // Respond-by in 10 min, resolve-by in 20: extending respond-by by 30 min leaves resolve-by first.
      await dialog.locator('input[name=by]').fill('30m');
      const note = dialog.locator('[data-note=otherClock]');
      await expect(note.innerText()).resolves.toContain('Resolve by is due sooner');
      await expect(note.getAttribute('class')).resolves.toContain('warn');
      await dialog.locator('input[name=by]').fill('5m');
      await expect(note.innerText()).resolves.not.toContain('due sooner');
      await dialog.locator('input[name=by]').fill('soon');
      await expect(dialog.locator('[data-field=by] .field-error').innerText()).resolves.toContain('2h, 30m');
    }),
    60_000,
  );

  it(
    'offers a single-dealer user their dealer as a choice, and puts server errors on the fields in Chinese',
    withDiagnostics(async () => {
      await signIn('advisor');
      await setLanguage('zh');
      await page.goto(`${base}/dashboard/#/new`);
      const select = page.locator('select[name=dealerId]');
      await select.waitFor();
      await expect(select.locator('option').evaluateAll((os) => os.map((o) => (o as any).value))).resolves.toEqual([
        dealer,
      ]);
      await page.fill('input[name=customerName]', '周女士');
      await page.fill('input[name=phone]', '12');
      await page.fill('input[name=plate]', '沪E20260');
      await page.selectOption('select[name=category]', 'staff_attitude');
      await page.fill('textarea[name=description]', '顾问态度生硬');
      await page.click('[data-submit=intake]');
      // The field's error element is there (empty) before the API answers: wait for its text.
      await page.waitForFunction(() => document.querySelector('[data-field=phone] .field-error')?.textContent?.trim());
      await expect(page.locator('[data-field=phone] .field-error').innerText()).resolves.toBe('应为 7 到 20 位数字');
      await expect(page.locator('.intake .form-error').innerText()).resolves.toContain('请检查标出的字段');
    }),
    60_000,
  );

  it(
    'gives an all-dealers user a dealer field that suggests the known dealers and warns about others',
    withDiagnostics(async () => {
      await signIn('hq');
      await setLanguage('en');
      await page.goto(`${base}/dashboard/#/new`);
      const input = page.locator('input[name=dealerId]');
      await input.waitFor();
      const listed = await page
        .locator(`datalist#${await input.getAttribute('list')} option`)
        .evaluateAll((os) => os.map((o) => (o as any).value));
      expect(listed).toContain(dealer);
      await input.fill(`${dealer}X`);
      await expect(page.locator('[data-note=dealerNote]').innerText()).resolves.toContain('Not a dealer we know');
      await input.fill(dealer);
      await expect(page.locator('[data-note=dealerNote]').isHidden()).resolves.toBe(true);
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    "offers the actions the API allows, with the rules' reason for the rest, and patches changes in place",
    withDiagnostics(async () => {
      const id = await open();
      await signIn('advisor');
      await setLanguage('en');
      await showDetail(id);
      const offered = await page
        .locator('.action-list [data-action]')
        .evaluateAll((bs) => bs.map((b) => (b as any).dataset.action));
      const allowed = (await call('GET', `/v1/complaints/${id}/actions`, undefined, tokens.advisor)).actions;
      const names: Record<string, string> = {
        pauseClock: 'pause',
        resumeClock: 'resume',
        extendDeadline: 'extend',
        recordFollowUp: 'followUp',
      };
      const expected = allowed.filter((a: any) => a.allowed).map((a: any) => names[a.action] ?? a.action);
      expect(offered.sort()).toEqual(expected.sort());
      expect(offered).not.toContain('pause'); // an advisor may not pause: the API says why
      await page.click('details.why-not summary');
      await expect(page.locator('details.why-not [data-refused=pause]').innerText()).resolves.toMatch(/manager/);

      // A colleague's action redraws what it changed and leaves the focused button alone.
      await page.locator('.action-list [data-action=logContact]').focus();
      await page.evaluate(() => {
        const g = globalThis as any;
        g.__kept = g.document.querySelector('.action-list [data-action=logContact]');
      });
      await call(
        'POST',
        `/v1/complaints/${id}/contacts`,
        { method: 'phone', summary: 'Called back about the delay' },
        tokens.manager,
      );
      await page.locator('.timeline li[data-action=logContact]').waitFor();
      const kept = await page.evaluate(() => {
        const g = globalThis as any;
        return g.document.activeElement === g.__kept && g.__kept.isConnected;
      });
      expect(kept).toBe(true);
      // The contact answered the customer: acknowledging is no longer offered, and nothing else moved.
      await page.locator('.action-list [data-action=acknowledge]').waitFor({ state: 'detached' });
      await expect(page.evaluate(() => (globalThis as any).document.activeElement?.dataset.action)).resolves.toBe(
        'logContact',
      );

      // Resolve offers only the kinds the rules allow: a manager may uphold policy once the customer was contacted.
      await signIn('manager');
      await showDetail(id);
      await page.click('.action-list [data-action=resolve]');
      const kinds = await page
        .locator('dialog[data-dialog=resolve] input[name=kind]')
        .evaluateAll((rs) => rs.map((r) => (r as any).value));
      expect(kinds).toEqual(['upheld_policy']);
      await page.keyboard.press('Escape');
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );

  it(
    "isolates a right-to-left override in a customer's name, so it flips nothing after it",
    withDiagnostics(async () => {
      const id = await open({
        customer: { name: '刘\u202e先生', phone: '13812345678' },
        description: 'RLO \u202eabc in the description',
      });
      await signIn('manager');
      await setLanguage('en');
      await showDetail(id);
      const isolated = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('bdi')].map((b: any) => b.textContent),
      );
      expect(isolated).toEqual(expect.arrayContaining([' · 刘\u202e先生', 'RLO \u202eabc in the description']));
      // Isolated as the browser lays it out, so the override ends with the element.
      const styles = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('bdi')].map(
          (b: any) => (globalThis as any).getComputedStyle(b).unicodeBidi,
        ),
      );
      expect(new Set(styles)).toEqual(new Set(['isolate']));
      expect(pageErrors).toEqual([]);
    }),
    60_000,
  );
});
