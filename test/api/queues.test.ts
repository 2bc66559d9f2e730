import { parsePolicy } from '../../domain/policy';
import type { Role } from '../../domain/staff';
import { eventually, intakeBody, ROLE_IDS, startApi, type ApiHarness } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Respond-by 8 h (warned at 6 h) at objection, so a complaint received hours ago can be due soon without lapsing. */
const policy = parsePolicy({
  version: 'queues-test',
  calendar: { mode: '24x7' },
  clocks: { objection: { respondWithin: '8h', resolveWithin: '24h' } },
});

type As = Role | { token: string };

describe('queues, search and owners on the real stack', () => {
  let h: ApiHarness;
  /** How long ago intake says the complaint was received; the workflow keeps policy time from there. */
  let receivedAgo = 0;
  let run: string;
  const staffId = (role: Role) => `${ROLE_IDS[role]}-${run}`;

  beforeAll(async () => {
    h = await startApi({ policy, now: () => Date.now() - receivedAgo });
    run = h.dealer.slice(2);
  });
  afterAll(async () => {
    await h?.stop();
  });

  let serial = 0;
  /** A complaint with its own plate, VIN, RO number, customer name and phone, so searches find only it. */
  const open = async (opts: { as?: Role; ago?: number; body?: Record<string, unknown> } = {}) => {
    const n = String(++serial).padStart(2, '0');
    const customer = { name: `Liu Test${run}${n}`, phone: `139${String(Date.now() % 1e6).padStart(6, '0')}${n}` };
    const vehicle = {
      plate: `沪B${run.slice(0, 3)}${n}`,
      vin: `LSVAB${run.slice(0, 4).replace(/[IOQ]/g, '0')}000000${n}`.toUpperCase(),
    };
    const repairOrderNo = `RO-${run}-${n}`;
    receivedAgo = opts.ago ?? 0;
    try {
      const res = await h.call('POST', '/v1/complaints', {
        as: opts.as ?? 'advisor',
        body: intakeBody(h.dealer, { customer, vehicle, repairOrderNo, ...opts.body }),
      });
      expect(res.status).toBe(201);
      return { id: res.body.complaint.complaintId as string, customer, vehicle, repairOrderNo };
    } finally {
      receivedAgo = 0;
    }
  };
  const queue = async (name: string, as: As, query = '') => h.call('GET', `/v1/queues/${name}${query}`, { as });
  const ids = (res: { body: { items: { complaintId: string }[] } }) => res.body.items.map((i) => i.complaintId);
  /** Polls a queue (visibility is eventually consistent) until `id` is in it, or out of it. */
  const inQueue = (name: string, as: As, id: string, present = true) =>
    eventually(
      `${id} ${present ? 'in' : 'out of'} ${name}`,
      () => queue(name, as),
      (r) => r.status === 200 && ids(r).includes(id) === present,
      20_000,
    );
  const search = (q: string, as: As = 'customer_service') =>
    h.call('GET', `/v1/complaints?q=${encodeURIComponent(q)}`, { as });
  const found = (q: string, id: string, as: As = 'customer_service') =>
    eventually(
      `q=${q} finding ${id}`,
      () => search(q, as),
      (r) => r.status === 200 && ids(r).includes(id),
    );

  describe('search', () => {
    let c: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      c = await open();
    });

    it('finds a complaint by its id, plate, VIN and repair-order number, typed in any case and spacing', async () => {
      for (const q of [
        c.id,
        c.id.toLowerCase(),
        c.vehicle.plate,
        ` ${c.vehicle.plate.toLowerCase().replace(/(\d)/, ' $1')} `,
        c.vehicle.vin.toLowerCase(),
        c.repairOrderNo,
      ]) {
        const res = await found(q, c.id);
        expect(res.body.items).toEqual([
          expect.objectContaining({
            complaintId: c.id,
            plate: c.vehicle.plate,
            repairOrderNo: c.repairOrderNo,
            severity: 'medium',
          }),
        ]);
      }
    });

    it('finds it by the customer’s name or phone, however typed, without either ever reaching visibility', async () => {
      const d = c.customer.phone;
      for (const q of [
        c.customer.name,
        `  ${c.customer.name.toUpperCase().replace(' ', '   ')}`,
        d,
        `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
        `+86 ${d}`,
      ]) {
        expect(ids(await found(q, c.id))).toEqual([c.id]);
      }
      const indexed = (await h.client.workflow.getHandle(c.id).describe()).typedSearchAttributes.getAll();
      expect(JSON.stringify(indexed)).not.toContain(d);
      expect(JSON.stringify(indexed).toLowerCase()).not.toContain(c.customer.name.toLowerCase());
      expect(indexed.find((p) => p.key.name === 'CustomerKeys')?.value).toEqual([
        expect.stringMatching(/^phone:[0-9a-f]{32}$/),
        expect.stringMatching(/^name:[0-9a-f]{32}$/),
      ]);
    });

    it('combines with the other filters and stays within the caller’s dealers', async () => {
      await found(c.repairOrderNo, c.id);
      expect(ids(await h.call('GET', `/v1/complaints?q=${c.repairOrderNo}&stage=objection&status=open`))).toEqual([
        c.id,
      ]);
      expect(ids(await h.call('GET', `/v1/complaints?q=${c.repairOrderNo}&stage=deadlock`))).toEqual([]);
      for (const q of [c.id, c.vehicle.plate, c.customer.phone, c.customer.name]) {
        expect(await search(q, { token: h.otherDealerToken })).toMatchObject({ status: 200, body: { items: [] } });
      }
      expect(ids(await search(c.customer.phone, { token: h.allDealersToken }))).toEqual([c.id]);
    });

    it.each([`' OR '1'='1`, `x' OR WorkflowType != 'y`, `\\' OR 1=1 --`, `"quoted"`, 'back\\slash', `O'Brien`])(
      'treats %j as text to find, never as query syntax',
      async (q) => {
        expect(await search(q)).toEqual(
          expect.objectContaining({ status: 200, body: { items: [], nextPageToken: null } }),
        );
      },
    );

    it('refuses malformed Unicode, control characters and overlong text with 400', async () => {
      for (const raw of ['%FF', '%ED%A0%80', '%C3', 'a%00b', 'x'.repeat(101), '%20%20']) {
        const res = await h.call('GET', `/v1/complaints?q=${raw}`);
        expect([raw, res.status, res.body.error]).toEqual([raw, 400, 'invalid_input']);
      }
    });
  });

  describe('queues', () => {
    it('lists what each queue holds and counts it, and 404s an unknown queue naming the queues', async () => {
      const res = await h.call('GET', '/v1/queues', { as: 'service_manager' });
      expect(res.status).toBe(200);
      expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual([
        'mine',
        'awaiting-my-approval',
        'overdue',
        'due-soon',
        'unowned-on-my-tier',
      ]);
      const unknown = await queue('nope', 'service_manager');
      expect(unknown).toMatchObject({
        status: 404,
        body: { error: 'not_found', details: { queues: expect.arrayContaining(['mine', 'due-soon']) } },
      });
    });

    it('mine: the complaints I own, not my colleagues’', async () => {
      const { id } = await open({ as: 'customer_service' });
      await inQueue('mine', 'customer_service', id);
      expect(ids(await queue('mine', 'advisor'))).not.toContain(id);
      const counts = await h.call('GET', '/v1/queues', { as: 'customer_service' });
      const mine = (await queue('mine', 'customer_service', '?pageSize=200')).body.items.length;
      expect(counts.body.queues.find((q: { name: string }) => q.name === 'mine').count).toBe(mine);
    });

    it('awaiting-my-approval: a remedy over the proposer’s cap waits for the roles whose cap covers it', async () => {
      const { id } = await open();
      const proposed = await h.call('POST', `/v1/complaints/${id}/remedies`, {
        as: 'advisor',
        body: { type: 'cash_compensation', amount: 2000, description: 'Two days of a hire car' },
      });
      expect(proposed.status).toBe(200);
      await inQueue('awaiting-my-approval', 'service_manager', id);
      await inQueue('awaiting-my-approval', 'general_manager', id);
      // 2,000 CNY is over customer service's 1,000 cap and over the advisor's 500.
      expect(ids(await queue('awaiting-my-approval', 'customer_service'))).not.toContain(id);
      const item = (await queue('awaiting-my-approval', 'service_manager')).body.items.find(
        (i: { complaintId: string }) => i.complaintId === id,
      );
      expect(item.awaitingApprovalBy).toEqual(['service_manager', 'technical_manager', 'general_manager']);
      const approved = await h.call('POST', `/v1/complaints/${id}/remedies/${id}-R1/approve`, {
        as: 'service_manager',
      });
      expect(approved.status).toBe(200);
      await inQueue('awaiting-my-approval', 'general_manager', id, false);
    });

    it('due-soon: a deadline within the hour, or a warning already given; earliest deadline first', async () => {
      const withinHour = await open({ ago: 7 * HOUR + 30 * MINUTE }); // respond-by in 30 min
      const warned = await open({ ago: 6 * HOUR + 30 * MINUTE }); // warned 30 min ago, due in 90 min
      const fresh = await open({ ago: 0 });
      await inQueue('due-soon', 'advisor', withinHour.id);
      const res = await inQueue('due-soon', 'advisor', warned.id);
      expect(ids(res)).not.toContain(fresh.id);
      const order = ids(res).filter((id) => id === withinHour.id || id === warned.id);
      expect(order).toEqual([withinHour.id, warned.id]);
      const deadlines = res.body.items.map((i: { nextDeadline: string }) => i.nextDeadline);
      expect(deadlines).toEqual([...deadlines].sort());
    });

    it('overdue: a deadline lapsed and nobody has acted since; any action takes it off', async () => {
      const { id } = await open({ ago: 9 * HOUR }); // respond-by lapsed an hour ago: climbed to complaint
      const res = await inQueue('overdue', 'advisor', id);
      expect(res.body.items.find((i: { complaintId: string }) => i.complaintId === id)).toMatchObject({
        stage: 'complaint',
        overdue: true,
      });
      expect(ids(await queue('due-soon', 'advisor'))).not.toContain(id);
      expect(
        (await h.call('POST', `/v1/complaints/${id}/acknowledge`, { as: 'advisor', body: { note: 'Called back' } }))
          .status,
      ).toBe(200);
      await inQueue('overdue', 'advisor', id, false);
    });

    it('unowned-on-my-tier: an owner who cannot act on the rung puts it before that rung’s tier, and customer service', async () => {
      const deadlock = await open({ body: { startingStage: 'deadlock' } }); // an advisor cannot own deadlock (tier 3)
      const formal = await open({ body: { channel: 'letter' } }); // nor formal_complaint (tier 2)
      await inQueue('unowned-on-my-tier', 'general_manager', deadlock.id);
      await inQueue('unowned-on-my-tier', 'service_manager', formal.id);
      await inQueue('unowned-on-my-tier', 'customer_service', deadlock.id);
      await inQueue('unowned-on-my-tier', 'customer_service', formal.id);
      expect(ids(await queue('unowned-on-my-tier', 'general_manager'))).not.toContain(formal.id);
      expect(ids(await queue('unowned-on-my-tier', 'service_manager'))).not.toContain(deadlock.id);
      expect(ids(await queue('unowned-on-my-tier', 'advisor'))).toEqual([]);

      // Taking it is a hand-over to oneself.
      const taken = await h.call('POST', `/v1/complaints/${deadlock.id}/take`, { as: 'general_manager' });
      expect(taken.status).toBe(200);
      expect(taken.body.complaint.owner).toMatchObject({ id: staffId('general_manager'), role: 'general_manager' });
      expect(taken.body.complaint.audit.at(-1).summary).toContain('taken over by');
      await inQueue('unowned-on-my-tier', 'general_manager', deadlock.id, false);
      await inQueue('mine', 'general_manager', deadlock.id);
    });

    it('pages a queue with tokens that stay valid for it and for nothing else', async () => {
      await open({ ago: 7 * HOUR });
      await open({ ago: 7 * HOUR });
      const first = await eventually(
        'two due soon',
        () => queue('due-soon', 'advisor', '?pageSize=1'),
        (r) => r.body.nextPageToken !== null,
      );
      expect(first.body.items).toHaveLength(1);
      const second = await queue(
        'due-soon',
        'advisor',
        `?pageSize=1&pageToken=${encodeURIComponent(first.body.nextPageToken)}`,
      );
      expect(second.status).toBe(200);
      expect(ids(second)).not.toEqual(ids(first));
      const token = first.body.nextPageToken as string;
      const shifted = `${(parseInt(token.split('~')[0]!, 36) + 1).toString(36)}~${token.split('~')[1]}`;
      expect((await queue('due-soon', 'advisor', `?pageSize=1&pageToken=${encodeURIComponent(shifted)}`)).status).toBe(
        400,
      );
      expect((await queue('mine', 'advisor', `?pageSize=1&pageToken=${encodeURIComponent(token)}`)).status).toBe(400);
    });

    it('shows another dealer’s staff none of it: every count 0, every queue empty', async () => {
      const other = { token: h.otherDealerToken };
      const counts = await h.call('GET', '/v1/queues', { as: other });
      expect(counts.status).toBe(200);
      expect(counts.body.queues.map((q: { count: number }) => q.count)).toEqual([0, 0, 0, 0, 0]);
      for (const name of ['mine', 'awaiting-my-approval', 'overdue', 'due-soon', 'unowned-on-my-tier']) {
        expect(await queue(name, other)).toMatchObject({ status: 200, body: { items: [] } });
      }
      expect((await h.call('GET', `/v1/queues?dealerId=${h.dealer}`, { as: other })).status).toBe(403);
      const hq = await h.call('GET', `/v1/queues?dealerId=${h.dealer}`, { as: { token: h.allDealersToken } });
      expect(
        hq.body.queues.find((q: { name: string }) => q.name === 'unowned-on-my-tier').count,
      ).toBeGreaterThanOrEqual(0);
    });
  });

  describe('the real status of a workflow that ended without closing the complaint', () => {
    it('lists a terminated complaint as terminated, not as the open it last recorded, and says so on GET', async () => {
      const { id, repairOrderNo } = await open();
      await found(repairOrderNo, id);
      // Once the workflow has run its first task, a query can replay its state after it ended.
      await eventually(
        'the workflow running',
        () => h.call('GET', `/v1/complaints/${id}`),
        (r) => r.status === 200,
      );
      await h.client.workflow.getHandle(id).terminate('operator ended it');
      const listed = await eventually(
        'terminated in the list',
        () => search(repairOrderNo),
        (r) => r.body.items[0]?.status === 'terminated',
      );
      expect(listed.body.items).toEqual([expect.objectContaining({ complaintId: id, status: 'terminated' })]);
      expect(ids(await h.call('GET', `/v1/complaints?q=${repairOrderNo}&status=terminated`))).toEqual([id]);
      expect(ids(await h.call('GET', `/v1/complaints?q=${repairOrderNo}&status=open`))).toEqual([]);
      const read = await h.call('GET', `/v1/complaints/${id}`);
      expect(read).toMatchObject({
        status: 200,
        body: { workflowStatus: 'terminated', complaint: { complaintId: id } },
      });
      expect(ids(await queue('mine', 'advisor'))).not.toContain(id);
    });
  });

  describe('owners named at intake and on hand-over', () => {
    it('opens with a named owner, looked up in the staff directory', async () => {
      const { id } = await open({ as: 'advisor', body: { owner: staffId('service_manager') } });
      const read = await h.call('GET', `/v1/complaints/${id}`);
      expect(read.body.complaint.owner).toMatchObject({ id: staffId('service_manager'), role: 'service_manager' });
      expect(read.body.complaint.intake.receivedBy).toMatchObject({ id: staffId('advisor') });
      await inQueue('mine', 'service_manager', id);
    });

    it('refuses an intake owner who is unknown (404), serves another dealer (403) or cannot own the starting stage (409)', async () => {
      const post = (owner: string, extra: Record<string, unknown> = {}) =>
        h.call('POST', '/v1/complaints', { as: 'advisor', body: intakeBody(h.dealer, { owner, ...extra }) });
      expect(await post('nobody-here')).toMatchObject({
        status: 404,
        body: { error: 'not_found', details: [{ path: 'owner' }] },
      });
      expect((await post(`other-${run}`)).status).toBe(403);
      expect(await post(staffId('advisor'), { channel: 'letter' })).toMatchObject({
        status: 409,
        body: { error: 'not_allowed', details: [{ path: 'owner' }] },
      });
      expect((await post("x' OR '1'='1")).status).toBe(400);
    });

    it('refuses a hand-over to someone unknown (404), of another dealer (403) or who cannot act on the rung (409), changing nothing', async () => {
      const { id } = await open({ as: 'customer_service', body: { channel: 'letter' } }); // formal_complaint: tier 2 or customer service
      const handOver = (to: string) =>
        h.call('POST', `/v1/complaints/${id}/hand-over`, {
          as: 'customer_service',
          body: { to, note: 'Promised a call by 17:00' },
        });
      expect(await handOver('nobody-here')).toMatchObject({ status: 404, body: { error: 'not_found' } });
      expect(await handOver(`other-${run}`)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect(await handOver(staffId('advisor'))).toMatchObject({ status: 409, body: { error: 'not_allowed' } });
      const after = await h.call('GET', `/v1/complaints/${id}`);
      expect(after.body.complaint.owner).toMatchObject({ id: staffId('customer_service') });
      expect(after.body.complaint.audit.map((a: { action: string }) => a.action)).not.toContain('handOver');
      expect((await handOver(staffId('service_manager'))).status).toBe(200);
    });
  });
});
