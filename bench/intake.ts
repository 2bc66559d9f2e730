/**
 * Intake: complaints per second opened through the HTTP API (auth, validation, workflow start),
 * against raw client.workflow.start of a no-op workflow on the same server.
 */
import type { BenchContext } from './context';
import { benchIntake } from './context';
import { pool, range, timed } from './measure';

export interface IntakeResult {
  complaints: number;
  concurrency: number;
  apiPerSecond: number;
  ceilingPerSecond: number;
  ratio: number;
}

export async function benchIntakeThroughput(ctx: BenchContext, n: number, concurrency: number): Promise<IntakeResult> {
  const ceiling = await timed(() =>
    pool(range(n), concurrency, async (i) => {
      await ctx.client.workflow.start('noop', { taskQueue: ctx.ceilingQueue, workflowId: `bench-noop-${ctx.run}-${i}` });
    }),
  );
  const body = JSON.stringify(benchIntake(`BENCH-INTAKE-${ctx.run}`));
  const headers = { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' };
  const api = await timed(() =>
    pool(range(n), concurrency, async () => {
      const res = await fetch(`${ctx.apiUrl}/v1/complaints`, { method: 'POST', headers, body });
      if (res.status !== 201) throw new Error(`POST /v1/complaints answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }),
  );
  const apiPerSecond = n / api.seconds;
  const ceilingPerSecond = n / ceiling.seconds;
  return { complaints: n, concurrency, apiPerSecond, ceilingPerSecond, ratio: apiPerSecond / ceilingPerSecond };
}
