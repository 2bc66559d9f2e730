/**
 * Escalation lag: hold many open complaints whose respond-by deadlines fall evenly within a window,
 * then measure, for each, the time from its deadline (dueAt on deadline.breached, set by the
 * workflow) to its stage.entered event arriving at a Kafka consumer.
 *
 * Deadlines are placed, not left to intake's pace: complaint i lapses at
 * start + hold + i × window / n, whatever the speed of opening them. `hold` must cover opening
 * all of them; `openAtOnce` says whether it did.
 */
import type { BenchContext } from './context';
import { percentile, pool, range, sleep, timed } from './measure';
import type { EventObserver } from './observer';
import { lapseAfter } from './policies';
import { openComplaint } from './workload';

export interface LagOptions {
  complaints: number;
  holdSeconds: number;
  windowSeconds: number;
  concurrency: number;
  label: string;
}

export interface LagResult {
  complaints: number;
  holdSeconds: number;
  intakePerSecond: number;
  /** Complaints still waiting on their deadline when the last one was opened. */
  openAtOnce: number;
  deadlineWindowSeconds: number;
  /** Deadlines per second the ladder had to keep up with. */
  deadlinesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function benchEscalationLag(
  ctx: BenchContext,
  observer: EventObserver,
  opts: LagOptions,
): Promise<LagResult> {
  const ids = range(opts.complaints).map((i) => `CL-BENCH-${opts.label}-${ctx.run}-${i}`);
  const firstDue = Date.now() + opts.holdSeconds * 1000;
  const spacing = opts.complaints > 1 ? (opts.windowSeconds * 1000) / (opts.complaints - 1) : 0;
  const dealerId = `BENCH-${opts.label}-${ctx.run}`;
  // Opened means the worker has run the complaint's first task: its intake is on Kafka.
  const opened = await timed(async () => {
    await pool(range(opts.complaints), opts.concurrency, async (i) => {
      const receivedAt = Date.now();
      const due = Math.round(firstDue + i * spacing);
      await openComplaint(ctx, ids[i]!, lapseAfter(Math.max(due - receivedAt, 1)), dealerId, receivedAt);
    });
    const onKafka = (id: string) =>
      observer.events(id).some((e) => e.type === 'stage.entered' && e.data.trigger === 'intake');
    await observer.untilAll('complaints opened', ids, onKafka, (opts.holdSeconds + 900) * 1000);
  });
  // Held open at once: opened while none of them had lapsed yet. Fewer means the hold was too
  // short for this many, and opening and climbing overlapped.
  const openAtOnce = ids.filter((id) => !observer.events(id).some((e) => e.type === 'deadline.breached')).length;

  const climbed = (id: string) =>
    observer.events(id).some((e) => e.type === 'stage.entered' && e.data.trigger === 'deadline_lapsed');
  await observer.untilAll('complaints to climb', ids, climbed, (opts.holdSeconds + opts.windowSeconds + 600) * 1000);
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
  const window = (Math.max(...dues) - Math.min(...dues)) / 1000;
  return {
    complaints: ids.length,
    holdSeconds: opts.holdSeconds,
    intakePerSecond: ids.length / opened.seconds,
    openAtOnce,
    deadlineWindowSeconds: window,
    deadlinesPerSecond: window > 0 ? ids.length / window : Number.POSITIVE_INFINITY,
    p50Ms: percentile(lags, 50),
    p99Ms: percentile(lags, 99),
    maxMs: Math.max(...lags),
  };
}
