import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type CloudEvent, Kafka as CloudEventsKafka } from 'cloudevents';
import pino from 'pino';
import demoPolicyFile from '../../config/policies/demo.json';
import { createActivities } from '../../activities';
import { startingStage } from '../../domain/ladder';
import { parsePolicy, type Policy } from '../../domain/policy';
import { createEventLog, TOPICS, type IncomingRecord } from '../../kafka';
import { complaint } from '../../workflows';
import { COMPLAINT_TASK_QUEUE, stateQuery, updates } from '../../workflows/messages';
import { intake, staff } from '../support/complaint-harness';
import { requireEnv, testWorkflowBundle } from '../support/stack';
import { testClientOptions, testWorkerDataConverter } from '../support/temporal-keys';
import { startWebhookReceiver, type ReceivedHook } from '../support/webhook-receiver';

/**
 * The whole path on the real stack: dev server timers, the real Kafka broker, webhooks over HTTP.
 * Demo-policy clocks are seconds long, so two lapses take about 8 s.
 */
describe('a complaint end to end on the real dev server and Kafka', () => {
  const temporalAddress = requireEnv('TEMPORAL_ADDRESS');
  const brokers = requireEnv('KAFKA_BROKERS').split(',');
  const eventLog = createEventLog({ brokers, clientId: `e2e-${randomUUID()}` }, pino({ level: 'silent' }));

  it('climbs twice, is resolved, followed up and closed, with every event on Kafka and one notice per clock', async () => {
    const hooks = await startWebhookReceiver();
    const policy: Policy = parsePolicy({
      ...demoPolicyFile,
      roster: {
        '*': {
          tier1: [
            {
              staffId: 'cs-1',
              name: '李客服',
              role: 'customer_service',
              webhook: { url: hooks.url, format: 'generic' },
            },
            { staffId: 'sa-1', name: '王顾问', role: 'advisor', webhook: { url: hooks.url, format: 'generic' } },
          ],
          tier2: [
            { staffId: 'sm-1', name: '张经理', role: 'service_manager', webhook: { url: hooks.url, format: 'wecom' } },
          ],
          tier3: [
            { staffId: 'gm-1', name: '陈总', role: 'general_manager', webhook: { url: hooks.url, format: 'dingtalk' } },
          ],
        },
      },
      customerNotices: {
        ...demoPolicyFile.customerNotices,
        channel: { kind: 'sms_webhook', url: hooks.url.replace('/hooks/staff', '/sms') },
      },
      // Nobody calls the customer in this run: the customer-update clock lapses on the way.
      customerUpdates: { firstWithin: '20s', every: '6s' },
    });
    const producer = eventLog.producer();
    await producer.connect();
    const records: IncomingRecord[] = [];
    const consumer = eventLog.consumer({ groupId: `e2e-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe([TOPICS.complaintEvents.name, TOPICS.remedyLedger.name], { fromBeginning: true });
    await consumer.runBatches(async (batch) => void records.push(...batch));

    const connection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection, ...testClientOptions() });
    const workerConnection = await NativeConnection.connect({ address: temporalAddress });
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue: COMPLAINT_TASK_QUEUE,
      workflowBundle: testWorkflowBundle(),
      dataConverter: testWorkerDataConverter(),
      activities: createActivities({ producer, fetch, log: pino({ level: 'silent' }) }),
    });
    const running = worker.run();
    const complaintId = `CL-E2E-${randomUUID().slice(0, 8)}`;
    try {
      const handle = await client.workflow.start(complaint, {
        taskQueue: COMPLAINT_TASK_QUEUE,
        workflowId: complaintId,
        args: [{ open: { complaintId, intake, startingStage: startingStage({ channel: intake.channel }), policy } }],
      });
      const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 20_000) => {
        const end = Date.now() + ms;
        while (!(await ok())) {
          if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };

      // objection --4 s--> complaint --4 s--> formal_complaint, untouched
      await until('formal_complaint', async () => (await handle.query(stateQuery)).stage === 'formal_complaint');
      await handle.executeUpdate(updates.acknowledge, {
        args: [{ actor: staff.customerService, note: 'called the customer' }],
      });
      const proposed = await handle.executeUpdate(updates.proposeRemedy, {
        args: [{ actor: staff.advisor, type: 'labour_fee_waiver', amount: 300, description: 'Waive the labour fee' }],
      });
      const remedyId = proposed.remedies[0]!.remedyId;
      await handle.executeUpdate(updates.recordCustomerDecision, {
        args: [{ actor: staff.advisor, remedyId, decision: 'accept' }],
      });
      await handle.executeUpdate(updates.resolve, { args: [{ actor: staff.serviceManager, kind: 'remedy_accepted' }] });
      await until('the follow-up call to fall due', () => hooks.received.some((h) => h.kind === 'followup_due'));
      await handle.executeUpdate(updates.recordFollowUp, { args: [{ actor: staff.customerService, satisfied: true }] });
      await handle.executeUpdate(updates.close, {
        args: [
          {
            actor: staff.serviceManager,
            rootCause: {
              kind: 'process_defect',
              area: 'communication',
              description: 'Nobody called when the job ran late',
            },
            reflection: REFLECTION,
          },
        ],
      });
      const final = await handle.result();
      expect(final.status).toBe('closed');

      // Read back as anyone who reaches Temporal would, without our codec: the history, the memo
      // and the search attributes hold the customer's name, phone, plate and RO number nowhere.
      const plain = new Client({ connection });
      const history = temporal.api.history.v1.History.encode(
        await plain.workflow.getHandle(complaintId).fetchHistory(),
      ).finish();
      const described = temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(
        await plain.workflowService.describeWorkflowExecution({
          namespace: 'default',
          execution: { workflowId: complaintId },
        }),
      ).finish();
      const listed = temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse.encode(
        await plain.workflowService.listWorkflowExecutions({
          namespace: 'default',
          query: `WorkflowId = '${complaintId}'`,
        }),
      ).finish();
      expect(history.length).toBeGreaterThan(10_000);
      for (const bytes of [history, described, listed]) {
        for (const clear of [
          intake.customer.phone,
          intake.customer.name,
          intake.vehicle.plate!,
          intake.repairOrderNo!,
          'Waive the labour fee',
        ]) {
          expect({ clear, found: Buffer.from(bytes).includes(Buffer.from(clear)) }).toEqual({ clear, found: false });
        }
      }

      const ours = () => records.filter((r) => r.topic === TOPICS.complaintEvents.name && r.key === complaintId);
      await until('every event on Kafka', () => ours().length >= final.sequence);
      const events = ours().map(
        (r) =>
          CloudEventsKafka.toEvent({
            key: r.key!,
            value: r.value!.toString(),
            headers: r.headers,
          } as never) as CloudEvent<Record<string, unknown>>,
      );

      // contiguous sequence numbers, deterministic ids, valid CloudEvents binary-mode headers
      expect(events.map((e) => Number(e.sequence))).toEqual(Array.from({ length: final.sequence }, (_, i) => i + 1));
      for (const e of events) {
        expect(e.id).toBe(`${complaintId}/${e.sequence}`);
        expect(e.subject).toBe(complaintId);
        expect(e.specversion).toBe('1.0');
        expect(e.type).toMatch(/^com\.complaintladder\.[a-z.]+\.v\d+$/);
      }
      for (const r of ours()) expect(r.headers).toMatchObject({ ce_specversion: '1.0', ce_subject: complaintId });
      const names = events
        .map((e) => e.type.replace(/^com\.complaintladder\.(.+)\.v\d+$/, '$1'))
        .filter((n) => n !== 'staff.notified' && n !== 'customer.notified' && n !== 'customer.update.lapsed');
      expect(names).toEqual([
        'complaint.opened',
        'stage.entered',
        'deadline.warning',
        'deadline.breached',
        'stage.entered',
        'deadline.warning',
        'deadline.breached',
        'stage.entered',
        'complaint.acknowledged',
        'remedy.proposed',
        'remedy.accepted',
        'complaint.resolved',
        'followup.scheduled',
        'followup.completed',
        'complaint.closed',
        'process.defect.reported',
      ]);
      const climbs = events.filter((e) => e.type.includes('.stage.entered.')).map((e) => e.data);
      expect(climbs.map((d) => [d!.to, d!.trigger])).toEqual([
        ['objection', 'intake'],
        ['complaint', 'deadline_lapsed'],
        ['formal_complaint', 'deadline_lapsed'],
      ]);
      expect(ours().some((r) => r.value!.toString().includes(intake.customer.phone))).toBe(false);

      // the remedy ledger holds the accepted remedy under its own key
      await until('the remedy on the ledger', () =>
        records.some(
          (r) =>
            r.topic === TOPICS.remedyLedger.name && r.key === remedyId && r.value!.toString().includes('"accepted"'),
        ),
      );

      // exactly one warning and one breach notice per lapsed clock, in the tier's webhook format
      const forComplaint = hooks.received.filter((h) => h.complaintId === complaintId);
      // One notice per clock, however many people it reached (the owner and the tier: key:staffId).
      const noticeKey = (h: ReceivedHook) => h.idempotencyKey.split(':').slice(0, -1).join(':');
      const count = (kind: string, stage: string) =>
        new Set(forComplaint.filter((h) => h.kind === kind && h.stage === stage).map(noticeKey)).size;
      for (const stage of ['objection', 'complaint']) {
        expect([count('warning', stage), count('breach', stage)]).toEqual([1, 1]);
      }
      const tier2Notice = forComplaint.find((h) => h.stage === 'formal_complaint' && h.kind === 'stage_entered')!;
      expect(tier2Notice.body).toMatchObject({
        msgtype: 'markdown',
        markdown: { content: expect.stringContaining('投诉') },
      });
      const tier1Notice = forComplaint.find((h) => h.stage === 'objection' && h.kind === 'warning')!;
      // A warning goes to the owner (首问责任), the advisor who took the call.
      expect(tier1Notice.body).toMatchObject({ kind: 'warning', complaintId, recipient: { staffId: 'sa-1' } });
      expect(
        forComplaint
          .filter((h) => h.kind === 'breach' && h.stage === 'objection')
          .map((h) => (h.body as { recipient: { staffId: string } }).recipient.staffId)
          .sort(),
      ).toEqual(['cs-1', 'sa-1']);

      // The customer was told at each moment the seeds name, through the SMS gateway, in order.
      const told = events
        .filter((e) => e.type === 'com.complaintladder.customer.notified.v1')
        .map((e) => e.data!.template);
      expect(told).toEqual(['received', 'remedy_proposed', 'outcome', 'follow_up_planned']);
      const lapses = events.filter((e) => e.type === 'com.complaintladder.customer.update.lapsed.v1');
      expect(lapses.length).toBeGreaterThanOrEqual(1);
      expect(lapses[0]!.data).toMatchObject({ stage: expect.any(String), dueAt: expect.any(String) });
      const sms = hooks.received
        .filter((h) => h.idempotencyKey.startsWith(`${complaintId}:customer:`))
        .map((h) => h.body as { to: string; text: string });
      expect(sms.map((m) => m.to)).toEqual(Array(4).fill(intake.customer.phone));
      expect(sms[0]!.text).toContain(complaintId);
      expect(new Set(forComplaint.map((h) => h.idempotencyKey)).size).toBe(forComplaint.length);

      if (process.env.RECORD_HISTORIES) {
        // Replayed by test/workflows/replay.test.ts so a non-deterministic change fails CI.
        const history = await handle.fetchHistory();
        const dir = path.resolve(__dirname, '../replay/histories');
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${process.env.RECORD_HISTORIES}.json`), historyToJSON(history));
      }
    } finally {
      worker.shutdown();
      await running;
      await consumer.disconnect();
      await producer.disconnect();
      await workerConnection.close();
      await connection.close();
      await hooks.close();
    }
  }, 90_000);
});

const REFLECTION = {
  customerThoughts: 'I was promised 17:00 and nobody told me otherwise',
  customerNeeds: 'To be told early and to have the car on time',
  wrongBelief: 'Late jobs are normal and customers will wait',
  wrongBehaviour: 'No call when the job overran',
  badConsequence: 'The customer took a day off work for nothing',
  rightBelief: 'A promised time is a commitment',
  rightBehaviour: 'Call the customer as soon as a job will overrun',
  goodResult: 'The customer can plan, and trusts our next promise',
};

export type { ReceivedHook };
