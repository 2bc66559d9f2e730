/**
 * Escalation lag: hold many open complaints whose respond-by deadlines fall within a window,
 * then measure, for each, the time from its deadline (dueAt on deadline.breached, set by the
 * workflow) to its stage.entered event arriving at a Kafka consumer.
 */
import type { BenchContext } from './context';
import { percentile, pool, range, sleep, timed } from './measure';
import type { EventObserver } from './observer';
import { lapseAfter } from './policies';
import { openComplaint } from './workload';

export interface LagResult {
  complaints: number;
  holdSeconds: number;
  intakePerSecond: number;
  /** Complaints still waiting on their deadline when the last one was opened. */
  openAtOnce: number;
  deadlineWindowSeconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function benchEscalationLag(ctx: BenchContext, observer: EventObserver, opts: { complaints: number; holdSeconds: number; concurrency: number; label: string }): Promise<LagResult> {
  const policy = lapseAfter(opts.holdSeconds);
  const ids = range(opts.complaints).map((i) => `CL-BENCH-${opts.label}-${ctx.run}-${i}`);
  // Opened means the worker has run the complaint's first task: its intake is on Kafka.
  const opened = await timed(async () => {
    await pool(ids, opts.concurrency, (id) => openComplaint(ctx, id, policy, `BENCH-${opts.label}-${ctx.run}`));
    const onKafka = (id: string) => observer.events(id).some((e) => e.type === 'stage.entered' && e.data.trigger === 'intake');
    await observer.until(`all ${ids.length} complaints opened`, () => ids.every(onKafka), (opts.holdSeconds + 900) * 1000);
  });
  // Held open at once: opened while none of them had lapsed yet. Fewer means the hold was too
  // short for this many, and opening and climbing overlapped.
  const openAtOnce = ids.filter((id) => !observer.events(id).some((e) => e.type === 'deadline.breached')).length;

  const climbed = (id: string) => observer.events(id).some((e) => e.type === 'stage.entered' && e.data.trigger === 'deadline_lapsed');
  await observer.until(`all ${ids.length} complaints to climb`, () => ids.every(climbed), (opts.holdSeconds + 600) * 1000);
  await sleep(500);

  const lags: number[] = [];
  const dues: number[] = [];
  for (const id of ids) {
    const events = observer.events(id);
    const breached = events.find((e) => e.type === 'deadline.breached');
    const entered = events.find((e) => e.type === 'stage.entered' && e.data.trigger === 'deadline_lapsed');
    if (!breached || !entered) throw new Error(`${id}: no breach or climb on Kafka`);
    const due = Date.parse(String(breached.data.dueAt));
    dues.push(due);
    lags.push(entered.arrivedAt - due);
  }
  return {
    complaints: ids.length,
    holdSeconds: opts.holdSeconds,
    intakePerSecond: ids.length / opened.seconds,
    openAtOnce,
    deadlineWindowSeconds: (Math.max(...dues) - Math.min(...dues)) / 1000,
    p50Ms: percentile(lags, 50),
    p99Ms: percentile(lags, 99),
    maxMs: Math.max(...lags),
  };
}
