import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPolicyStore } from '../../config/policy-store';
import { eventually, intakeBody, startApi, type ApiHarness } from './harness';

const HOUR = 3_600_000;

describe('inputs beyond sense are refused with a clear 400 and change nothing, on the real stack', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const open = async () => {
    const res = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) });
    expect(res.status).toBe(201);
    return res.body.complaint.complaintId as string;
  };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses the dealer id %s at intake',
    async (dealerId) => {
      const res = await h.call('POST', '/v1/complaints', {
        as: { token: h.allDealersToken },
        body: intakeBody(dealerId),
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ path: 'dealerId', message: expect.stringMatching(/reserved/) }),
      ]);
    },
  );

  it('refuses a media complaint started at latent, and a lone surrogate or an escape sequence in intake text', async () => {
    const media = await h.call('POST', '/v1/complaints', {
      as: 'advisor',
      body: intakeBody(h.dealer, { channel: 'media', startingStage: 'latent' }),
    });
    expect(media.status).toBe(400);
    expect(media.body.message).toMatch(/starts at public_action/);
    const surrogate = await h.call('POST', '/v1/complaints', {
      as: 'advisor',
      body: intakeBody(h.dealer, { description: 'half \ud800 of a character' }),
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.details[0]).toMatchObject({
      path: 'description',
      message: expect.stringMatching(/surrogate/),
    });
    const escaped = await h.call('POST', '/v1/complaints', {
      as: 'advisor',
      body: intakeBody(h.dealer, { customer: { name: '\u001b[2J', phone: '13812345678' } }),
    });
    expect(escaped.status).toBe(400);
  });

  it('refuses an extension of 100,000,000 days at once, and an amount of 1e308, leaving the complaint as it was', async () => {
    const id = await open();
    const before = (await h.call('GET', `/v1/complaints/${id}`)).body.complaint;
    const started = Date.now();
    const extend = await h.call('POST', `/v1/complaints/${id}/extend`, {
      as: 'service_manager',
      body: { clock: 'respond', by: '100000000d', reason: 'forever' },
    });
    expect(extend.status).toBe(400);
    expect(extend.body.message).toMatch(/at most 400d/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const huge = await h.call('POST', `/v1/complaints/${id}/remedies`, {
      as: 'general_manager',
      body: { type: 'gift', amount: 1e308, description: 'a yacht' },
    });
    expect(huge.status).toBe(400);
    const overLimit = await h.call('POST', `/v1/complaints/${id}/remedies`, {
      as: 'general_manager',
      body: { type: 'gift', amount: 150_000, description: 'a car' },
    });
    // Well-formed, but beyond this complaint's policy: its limits are data, so 409 (not 400).
    expect(overLimit.status).toBe(409);
    expect(overLimit.body.message).toMatch(/at most 100000 CNY/);
    const after = (await h.call('GET', `/v1/complaints/${id}`)).body.complaint;
    expect(after.clocks).toEqual(before.clocks);
    expect(after.remedies).toEqual([]);
    expect(after.audit.map((a: { action: string }) => a.action)).toEqual(
      before.audit.map((a: { action: string }) => a.action),
    );
  });
});

describe('policy files are versions', () => {
  let h: ApiHarness;
  let dir: string;
  let file: string;
  const write = (policy: object) => {
    const next = `${file}.next`;
    writeFileSync(next, JSON.stringify(policy));
    renameSync(next, file);
  };
  const errors: Error[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-policy-'));
    file = path.join(dir, 'policy.json');
    write({ version: 'shop-1', clocks: { objection: { respondWithin: '2h' } } });
    const store = openPolicyStore({
      file,
      registryFile: path.join(dir, 'registry.json'),
      checkEveryMs: 0,
      onReloadError: (e) => errors.push(e),
    });
    h = await startApi({ policy: () => store.current() });
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const res = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) });
    expect(res.status).toBe(201);
    return res.body.complaint as {
      complaintId: string;
      policyVersion: string;
      openedAt: number;
      clocks: { kind: string; dueAt: number }[];
    };
  };
  const respondWithin = (c: Awaited<ReturnType<typeof open>>) =>
    c.clocks.find((k) => k.kind === 'respond')!.dueAt - c.openedAt;

  it('applies a new version to complaints opened after it, without a restart, and keeps in-flight clocks', async () => {
    const first = await open();
    expect([first.policyVersion, respondWithin(first)]).toEqual(['shop-1', 2 * HOUR]);
    write({ version: 'shop-2', clocks: { objection: { respondWithin: '1h' } } });
    const second = await open();
    expect([second.policyVersion, respondWithin(second)]).toEqual(['shop-2', HOUR]);
    const still = (await h.call('GET', `/v1/complaints/${first.complaintId}`)).body.complaint;
    expect(still.clocks).toEqual(first.clocks);
  });

  it('refuses a file edited under a version it already had, and keeps the policy in force', async () => {
    write({ version: 'shop-2', clocks: { objection: { respondWithin: '30m' } } });
    const third = await open();
    expect([third.policyVersion, respondWithin(third)]).toEqual(['shop-2', HOUR]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/version "shop-2" was edited without changing its version/),
    ]);
  });
});

describe('hand-over through the API, on the real stack', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('hands a complaint to a named colleague of the dealer, with a note, and indexes the new owner', async () => {
    const opened = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) });
    const id = opened.body.complaint.complaintId as string;
    expect(opened.body.complaint.owner).toMatchObject({ role: 'advisor' });
    const colleague = `cs-${h.dealer.slice(2)}`;
    const handed = await h.call('POST', `/v1/complaints/${id}/hand-over`, {
      as: 'advisor',
      body: { to: colleague, note: 'Promised a call by 17:00' },
    });
    expect(handed.status).toBe(200);
    expect(handed.body.complaint.owner).toMatchObject({ id: colleague, role: 'customer_service' });
    const owned = await eventually(
      'the owner in visibility',
      () => h.call('GET', `/v1/complaints?owner=${colleague}`),
      (r) => r.body.items.length === 1,
    );
    expect(owned.body.items).toMatchObject([{ complaintId: id, owner: colleague }]);
    expect((await h.call('GET', '/v1/complaints?owner=x%27%20OR%201%3D1')).status).toBe(400);
  });

  it('refuses a colleague who does not exist (404) or serves another dealer (403), changing nothing', async () => {
    const opened = await h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer) });
    const id = opened.body.complaint.complaintId as string;
    const nobody = await h.call('POST', `/v1/complaints/${id}/hand-over`, {
      as: 'advisor',
      body: { to: 'nobody-here', note: 'x' },
    });
    expect(nobody.status).toBe(404);
    const other = await h.call('POST', `/v1/complaints/${id}/hand-over`, {
      as: 'advisor',
      body: { to: `other-${h.dealer.slice(2)}`, note: 'x' },
    });
    expect(other.status).toBe(403);
    const after = await h.call('GET', `/v1/complaints/${id}`);
    expect(after.body.complaint.owner).toMatchObject({ role: 'advisor' });
    // Staff notices may still be recorded meanwhile; no hand-over is.
    expect(after.body.complaint.audit.map((a: { action: string }) => a.action)).not.toContain('handOver');
  });
});
