import { randomUUID } from 'node:crypto';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, type Payload, type PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { parseKeyring } from '../../config/keyring';
import { startingStage } from '../../domain/ladder';
import { signingClientOptions, workerDataConverter } from '../../temporal/data-converter';
import { encryptionCodec } from '../../temporal/payload-encryption';
import { complaint } from '../../workflows';
import { stateQuery, UNSIGNED_START, updates } from '../../workflows/messages';
import {
  intake,
  recordingActivities,
  refusal,
  roundTheClock,
  settled,
  staff,
  startComplaint,
} from '../support/complaint-harness';
import { createTimeSkippingEnv, testWorkflowBundle } from '../support/stack';
import { TEST_TEMPORAL_KEYS, testWorkerDataConverter } from '../support/temporal-keys';

/**
 * Anyone who reaches Temporal can send an Update or start a workflow. Only what the API signed is
 * believed: these send what an intruder could, with the Temporal client alone.
 */
describe('signed actors: Temporal access alone does not let anyone act as staff', () => {
  let env: TestWorkflowEnvironment;
  // A server per test: a refused Update can leave the test server's time-skipping lock held.
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 30_000);
  afterEach(() => env?.teardown());

  /** A plain client: no codec, no signing, as `temporal workflow update execute` would send. */
  const plainClient = () => new Client({ connection: env.connection });
  /** A client that sends the given, already encoded, payloads whatever it is asked to send. */
  const replaying = (payloads: Payload[]) => {
    const decrypt = encryptionCodec(TEST_TEMPORAL_KEYS.payload);
    const codec: PayloadCodec = {
      encode: async (sent) => (sent.length ? payloads : sent),
      decode: (p) => decrypt.decode(p),
    };
    return new Client({ connection: env.connection, dataConverter: { payloadCodecs: [codec] } });
  };
  const historyOf = async (workflowId: string) =>
    (await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const updateInputOf = (events: temporal.api.history.v1.IHistoryEvent[], name: string) =>
    events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name)!
      .workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads as Payload[];
  const contact = {
    actor: staff.generalManager,
    method: 'phone',
    summary: 'I am the general manager, honestly',
  } as const;
  const unchanged = async (c: Awaited<ReturnType<typeof startComplaint>>, before: unknown) =>
    expect(await c.handle.query(stateQuery)).toEqual(before);

  it('refuses a raw Update from a plain client, and one that claims the verdict itself, changing nothing', async () => {
    const c = await startComplaint(env);
    try {
      const before = await settled(c);
      const raw = plainClient().workflow.getHandle(c.complaintId);
      for (const input of [
        contact,
        { ...contact, actorVerified: 'test-a1' },
        {
          ...contact,
          actorVerified: 'test-a1',
          proof: { workflowId: c.complaintId, update: 'logContact', signedAt: Date.now() },
        },
      ]) {
        const refused = await refusal(raw.executeUpdate('logContact', { args: [input] }));
        expect(refused.type).toBe('Forbidden');
        expect(refused.message).toMatch(/logContact refused: the actor is not signed by the Complaint Ladder API/);
      }
      await unchanged(c, before);
      expect(c.events.map((e) => e.name)).not.toContain('contact.logged');
    } finally {
      await c.stop();
    }
  });

  it('refuses an Update signed with a key the worker does not hold, even under the right key id', async () => {
    const c = await startComplaint(env);
    try {
      const before = await settled(c);
      const forger = {
        payload: TEST_TEMPORAL_KEYS.payload,
        actor: parseKeyring(`test-a1:${Buffer.alloc(32, 'f').toString('base64')}`, 'forged'),
      };
      const forged = new Client({
        connection: env.connection,
        ...signingClientOptions(forger, { now: () => env.currentTimeMs() }),
      });
      const refused = await refusal(
        forged.workflow.getHandle(c.complaintId).executeUpdate(updates.logContact, { args: [contact] }),
      );
      expect(refused.message).toMatch(/did not verify: the signature under key id "test-a1" does not match the input/);
      await unchanged(c, before);
    } finally {
      await c.stop();
    }
  });

  it('refuses a captured signed input replayed on another complaint, as another Update, under a new id, or much later', async () => {
    const a = await startComplaint(env);
    const b = await startComplaint(env);
    try {
      await a.handle.executeUpdate(updates.logContact, {
        args: [{ actor: staff.advisor, method: 'phone', summary: 'called the customer' }],
      });
      const captured = updateInputOf(await historyOf(a.complaintId), 'logContact');
      const [beforeA, beforeB] = [await settled(a), await settled(b)];
      const thief = replaying(captured);

      const onB = await refusal(
        thief.workflow.getHandle(b.complaintId).executeUpdate(updates.logContact, { args: [contact] }),
      );
      expect(onB.message).toBe(`logContact refused: the signature is for ${a.complaintId}, not ${b.complaintId}`);
      const asClose = await refusal(
        thief.workflow.getHandle(a.complaintId).executeUpdate('close', { args: [contact] }),
      );
      expect(asClose.message).toBe('close refused: the signature is for logContact, not close');
      const newId = await refusal(
        thief.workflow
          .getHandle(a.complaintId)
          .executeUpdate(updates.logContact, { args: [contact], updateId: randomUUID() }),
      );
      expect(newId.message).toBe('logContact refused: the signature is for another Update id');
      await unchanged(a, beforeA);
      await unchanged(b, beforeB);

      // Ten minutes on, a fresh signature for the right complaint is still too old.
      const late = new Client({
        connection: env.connection,
        ...signingClientOptions(TEST_TEMPORAL_KEYS, { now: async () => (await env.currentTimeMs()) - 11 * 60_000 }),
      });
      const old = await refusal(
        late.workflow.getHandle(a.complaintId).executeUpdate(updates.logContact, { args: [contact] }),
      );
      expect(old.message).toMatch(/logContact refused: the signature is 66\d s old; at most 600 s are accepted/);
      await unchanged(a, beforeA);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('accepts what the API signs, and shows the actor it names', async () => {
    const c = await startComplaint(env);
    try {
      const state = await c.handle.executeUpdate(updates.logContact, {
        args: [{ actor: staff.advisor, method: 'phone', summary: 'called' }],
      });
      expect(state.audit.at(-1)).toMatchObject({ action: 'logContact', actor: staff.advisor });
      // Neither the proof nor the verdict reaches the state.
      expect(JSON.stringify(state)).not.toMatch(/proof|actorVerified/);
    } finally {
      await c.stop();
    }
  });

  describe('starts', () => {
    const openInput = (complaintId: string) => ({
      open: { complaintId, intake, startingStage: startingStage({ channel: intake.channel }), policy: roundTheClock },
    });
    const worker = async () => {
      const taskQueue = `signed-${randomUUID()}`;
      const recorded = recordingActivities();
      const w = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: testWorkflowBundle(),
        dataConverter: testWorkerDataConverter(),
        activities: recorded.activities,
      });
      return { taskQueue, recorded, w };
    };
    const failureOf = async (promise: Promise<unknown>) => {
      const err = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const cause = (err as WorkflowFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      return cause as ApplicationFailure;
    };

    it('ends an unsigned start at once with the reason, opening nothing and telling nobody', async () => {
      const { taskQueue, recorded, w } = await worker();
      const id = `CL-RAW-${randomUUID().slice(0, 8)}`;
      // Neither can a run be made up as if continued from another one.
      const carried = `CL-RAW-${randomUUID().slice(0, 8)}`;
      const [failure, forgedCarry] = await w.runUntil(async () => [
        await failureOf(
          plainClient().workflow.execute(complaint, { taskQueue, workflowId: id, args: [openInput(id)] }),
        ),
        await failureOf(
          plainClient().workflow.execute(complaint, {
            taskQueue,
            workflowId: carried,
            args: [{ carried: { state: {} as never, policy: roundTheClock, pendingNotices: [] } }],
          }),
        ),
      ]);
      expect(failure!.type).toBe(UNSIGNED_START);
      expect(failure!.message).toBe(`refused to run ${id}: the actor is not signed by the Complaint Ladder API`);
      expect(forgedCarry!.message).toBe(
        `refused to run ${carried}: the actor is not signed by the Complaint Ladder API`,
      );
      expect(recorded.events).toEqual([]);
      expect(recorded.notices).toEqual([]);
    });

    it('refuses a captured signed start replayed as another complaint', async () => {
      const { taskQueue, recorded, w } = await worker();
      const original = `CL-A-${randomUUID().slice(0, 8)}`;
      await w.runUntil(async () => {
        await env.client.workflow.start(complaint, { taskQueue, workflowId: original, args: [openInput(original)] });
        const start = (await historyOf(original))[0]!.workflowExecutionStartedEventAttributes!.input!
          .payloads as Payload[];
        const copy = `CL-B-${randomUUID().slice(0, 8)}`;
        const failure = await failureOf(
          replaying(start).workflow.execute(complaint, { taskQueue, workflowId: copy, args: [openInput(copy)] }),
        );
        expect(failure.message).toBe(`refused to run ${copy}: the signature is for ${original}, not ${copy}`);
        await env.client.workflow.getHandle(original).terminate('test finished');
      });
      expect(recorded.events.every((e) => e.complaintId === original)).toBe(true);
    });

    it('holds a start signed under a key the worker lacks until the worker is given it, losing nothing', async () => {
      const newKey = parseKeyring(
        `test-a2:${Buffer.alloc(32, 'n').toString('base64')},test-a1:${Buffer.alloc(32, 'a').toString('base64')}`,
        'rotated',
      );
      const rotatedApi = new Client({
        connection: env.connection,
        ...signingClientOptions({ ...TEST_TEMPORAL_KEYS, actor: newKey }, { now: () => env.currentTimeMs() }),
      });
      const { taskQueue, recorded, w } = await worker();
      const id = `CL-ROT-${randomUUID().slice(0, 8)}`;
      const handle = await rotatedApi.workflow.start(complaint, { taskQueue, workflowId: id, args: [openInput(id)] });
      const taskFailure = async () =>
        (await historyOf(id)).find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes
          ?.failure?.message;
      await w.runUntil(async () => {
        for (let i = 0; i < 100 && !(await taskFailure()); i++) await new Promise((r) => setTimeout(r, 50));
      });
      // The workflow task fails, naming the key, and Temporal keeps retrying it: the run stays open.
      expect(await taskFailure()).toBe(
        `cannot open ${id} yet: unknown actor key id "test-a2": the worker's actor keys are test-a1 (LADDER_ACTOR_KEYS)`,
      );
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(recorded.events).toEqual([]);
      const updated = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: testWorkflowBundle(),
        dataConverter: workerDataConverter({ ...TEST_TEMPORAL_KEYS, actor: newKey }),
        activities: recorded.activities,
      });
      await updated.runUntil(async () => {
        // The retry may first wait out the old worker's sticky queue (5 s).
        for (let i = 0; i < 300 && !recorded.events.length; i++) await new Promise((r) => setTimeout(r, 100));
        await handle.terminate('test finished');
      });
      expect(recorded.events[0]).toMatchObject({ name: 'complaint.opened', complaintId: id });
    });

    it('replays accepted and refused runs alike with the actor keys gone (retired), and encrypted ones with the payload key', async () => {
      const { taskQueue, w } = await worker();
      const accepted = `CL-OK-${randomUUID().slice(0, 8)}`;
      const refused = `CL-NO-${randomUUID().slice(0, 8)}`;
      await w.runUntil(async () => {
        const handle = await env.client.workflow.start(complaint, {
          taskQueue,
          workflowId: accepted,
          args: [openInput(accepted)],
        });
        await handle.executeUpdate(updates.acknowledge, { args: [{ actor: staff.customerService }] });
        await handle.terminate('test finished');
        await failureOf(
          plainClient().workflow.execute(complaint, { taskQueue, workflowId: refused, args: [openInput(refused)] }),
        );
      });
      const noActorKeys = workerDataConverter({
        payload: TEST_TEMPORAL_KEYS.payload,
        actor: parseKeyring(`other:${Buffer.alloc(32, 'o').toString('base64')}`, 'other'),
      });
      for (const id of [accepted, refused]) {
        await Worker.runReplayHistory(
          { workflowBundle: testWorkflowBundle(), dataConverter: noActorKeys },
          await env.client.workflow.getHandle(id).fetchHistory(),
          id,
        );
      }
      // Without the payload key the history cannot be read at all, and the error names the key.
      const noPayloadKey = workerDataConverter({
        payload: parseKeyring(`p9:${Buffer.alloc(32, 'z').toString('base64')}`, 'p', { bytes: 32 }),
        actor: TEST_TEMPORAL_KEYS.actor,
      });
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: testWorkflowBundle(), dataConverter: noPayloadKey },
          await env.client.workflow.getHandle(accepted).fetchHistory(),
          accepted,
        ),
      ).rejects.toThrow(/key id \\"test-p1\\", which is not among the configured payload keys/);
    });
  });
});
