/**
 * Scale: open a great many complaints whose clocks are all pending (a day away), then read what
 * holding them costs: intake rate, worker and Temporal RSS, database size, and, with all of them
 * open, the escalation lag of a sample whose deadlines lapse soon.
 */
import type { BenchContext } from './context';
import { benchEscalationLag } from './lag';
import { pool, range, timed } from './measure';
import type { EventObserver } from './observer';
import { quietPolicy } from './policies';
import { rssOf, temporalDbBytes, temporalPid } from './processes';
import { openComplaint } from './workload';

export interface ScaleResult {
  complaints: number;
  runningWorkflows: number;
  /** Workflow starts accepted by Temporal per second. */
  intakePerSecond: number;
  /** Complaints whose first task the worker had run, per second, over the whole intake. */
  openedPerSecond: number;
  workerPeakRssBytes: number;
  workerRssBytes: number;
  temporalRssBytes: number;
  databaseBytes: number;
  sample: number;
  sampleP99Ms: number;
  sampleMaxMs: number;
}

export async function benchScale(
  ctx: BenchContext,
  observer: EventObserver,
  opts: { complaints: number; concurrency: number; sample: number },
): Promise<ScaleResult> {
  const dealerId = `BENCH-SCALE-${ctx.run}`;
  let done = 0;
  const progress = setInterval(
    () => process.stderr.write(`[bench] scale: ${done} of ${opts.complaints} opened\n`),
    30_000,
  );
  const opened = await timed(() =>
    pool(range(opts.complaints), opts.concurrency, async (i) => {
      await openComplaint(ctx, `CL-BENCH-SCALE-${ctx.run}-${i}`, quietPolicy, dealerId);
      done++;
    }),
  ).finally(() => clearInterval(progress));
  // Started is not yet opened: wait until the worker has run every first task (intake on Kafka).
  const ids = range(opts.complaints).map((i) => `CL-BENCH-SCALE-${ctx.run}-${i}`);
  const onKafka = (id: string) => observer.events(id).some((e) => e.type === 'stage.entered');
  const settled = await timed(() => observer.untilAll('complaints opened', ids, onKafka, 3 * 3600_000));
  const runningWorkflows = (
    await ctx.client.workflow.count(`WorkflowType = 'complaint' AND ExecutionStatus = 'Running'`)
  ).count;

  // With all of them held, a sample lapses over 30 s, starting 30 s after intake.
  const sample = await benchEscalationLag(ctx, observer, {
    complaints: opts.sample,
    holdSeconds: 30,
    windowSeconds: 30,
    concurrency: Math.min(opts.concurrency, opts.sample),
    label: 'SAMPLE',
  });
  const temporal = temporalPid(ctx.stackDataDir);
  return {
    complaints: opts.complaints,
    runningWorkflows,
    intakePerSecond: opts.complaints / opened.seconds,
    openedPerSecond: opts.complaints / (opened.seconds + settled.seconds),
    workerPeakRssBytes: ctx.worker.peakRss(),
    workerRssBytes: ctx.worker.rss(),
    temporalRssBytes: temporal ? rssOf(temporal) : 0,
    databaseBytes: temporalDbBytes(ctx.stackDataDir),
    sample: sample.complaints,
    sampleP99Ms: sample.p99Ms,
    sampleMaxMs: sample.maxMs,
  };
}
