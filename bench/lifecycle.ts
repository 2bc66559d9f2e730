/**
 * Lifecycle: complaints per second driven from intake through two automatic climbs, resolution
 * and the follow-up call to closed, each verified complete and contiguous on Kafka. The ceiling
 * is a bare workflow running as many activities as one lifecycle ran, on the same server.
 */
import type { ComplaintState } from '../domain/complaint';
import { updates } from '../workflows/messages';
import type { BenchContext } from './context';
import { pool, range, timed } from './measure';
import type { EventObserver } from './observer';
import { climbTwicePolicy } from './policies';
import { BENCH_ACTORS, openComplaint } from './workload';

export interface LifecycleResult {
  complaints: number;
  concurrency: number;
  eventsVerified: number;
  activitiesPerLifecycle: number;
  perSecond: number;
  ceilingPerSecond: number;
  ratio: number;
}

export async function benchLifecycle(
  ctx: BenchContext,
  observer: EventObserver,
  n: number,
  concurrency: number,
): Promise<LifecycleResult> {
  const ids = range(n).map((i) => `CL-BENCH-LIFE-${ctx.run}-${i}`);
  let eventsVerified = 0;
  const ours = await timed(() =>
    pool(ids, concurrency, async (id) => {
      await openComplaint(ctx, id, climbTwicePolicy, `BENCH-LIFE-${ctx.run}`);
      await observer.until(
        `${id} to reach formal_complaint`,
        () => observer.events(id).some((e) => e.type === 'stage.entered' && e.data.to === 'formal_complaint'),
        120_000,
      );
      const handle = ctx.client.workflow.getHandle(id);
      await handle.executeUpdate(updates.logContact, {
        args: [{ actor: BENCH_ACTORS.sm, method: 'phone', summary: 'explained the warranty terms' }],
      });
      await handle.executeUpdate(updates.resolve, {
        args: [{ actor: BENCH_ACTORS.sm, kind: 'upheld_policy', reason: 'within warranty terms' }],
      });
      await handle.executeUpdate(updates.recordFollowUp, {
        args: [{ actor: BENCH_ACTORS.cs, satisfied: true, customerCalled: true }],
      });
      await handle.executeUpdate(updates.close, {
        args: [
          {
            actor: BENCH_ACTORS.sm,
            rootCause: { kind: 'process_defect', area: 'communication', description: 'benchmark' },
          },
        ],
      });
      const final = (await handle.result()) as ComplaintState;
      if (final.status !== 'closed') throw new Error(`${id} ended ${final.status}`);
      await observer.until(
        `${id}'s ${final.sequence} events on Kafka`,
        () => observer.contiguous(id, final.sequence),
        60_000,
      );
      eventsVerified += final.sequence;
    }),
  );

  // As many activities as the first lifecycle scheduled, counted from its history.
  const history = await ctx.client.workflow.getHandle(ids[0]!).fetchHistory();
  const activitiesPerLifecycle = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
  const ceiling = await timed(() =>
    pool(range(n), concurrency, async (i) => {
      await ctx.client.workflow.execute('activityChain', {
        taskQueue: ctx.ceilingQueue,
        workflowId: `bench-chain-${ctx.run}-${i}`,
        args: [activitiesPerLifecycle],
      });
    }),
  );
  const perSecond = n / ours.seconds;
  const ceilingPerSecond = n / ceiling.seconds;
  return {
    complaints: n,
    concurrency,
    eventsVerified,
    activitiesPerLifecycle,
    perSecond,
    ceilingPerSecond,
    ratio: perSecond / ceilingPerSecond,
  };
}
