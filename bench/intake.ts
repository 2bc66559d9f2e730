/**
 * Intake: complaints per second opened through the HTTP API (auth, validation, workflow start),
 * against raw client.workflow.start of a no-op workflow on the same server. The API answers once a
 * complaint is durable, before the worker runs it; the worker's catching up is reported beside it
 * and waited for, so the next benchmark does not start behind a backlog.
 */
import type { BenchContext } from './context';
import { benchIntake } from './context';
import { pool, range, timed } from './measure';
import type { EventObserver } from './observer';

export interface IntakeResult {
  complaints: number;
  concurrency: number;
  apiPerSecond: number;
  ceilingPerSecond: number;
  ratio: number;
  /** Complaints per second the worker opened (intake on Kafka), from the first request on. */
  workerOpenedPerSecond: number;
}

export async function benchIntakeThroughput(
  ctx: BenchContext,
  observer: EventObserver,
  n: number,
  concurrency: number,
): Promise<IntakeResult> {
  const ceiling = await timed(() =>
    pool(range(n), concurrency, async (i) => {
      await ctx.client.workflow.start('noop', {
        taskQueue: ctx.ceilingQueue,
        workflowId: `bench-noop-${ctx.run}-${i}`,
      });
    }),
  );
  const body = JSON.stringify(benchIntake(`BENCH-INTAKE-${ctx.run}`));
  const headers = { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' };
  const ids: string[] = [];
  const api = await timed(() =>
    pool(range(n), concurrency, async () => {
      const res = await fetch(`${ctx.apiUrl}/v1/complaints`, { method: 'POST', headers, body });
      if (res.status !== 201) throw new Error(`POST /v1/complaints answered ${res.status}: ${await res.text()}`);
      ids.push(((await res.json()) as { complaint: { complaintId: string } }).complaint.complaintId);
    }),
  );
  const opened = (id: string) => observer.events(id).some((e) => e.type === 'stage.entered');
  const caughtUp = await timed(() =>
    observer.untilAll('the worker to open the intake complaints', ids, opened, 1800_000),
  );
  const apiPerSecond = n / api.seconds;
  const ceilingPerSecond = n / ceiling.seconds;
  const workerOpenedPerSecond = n / (api.seconds + caughtUp.seconds);
  return {
    complaints: n,
    concurrency,
    apiPerSecond,
    ceilingPerSecond,
    ratio: apiPerSecond / ceilingPerSecond,
    workerOpenedPerSecond,
  };
}
