/**
 * `npm run bench`: the performance benchmarks, each beside its ceiling measured in the same run
 * on the same machine. Prints a table and writes the figures as JSON to bench-results/.
 * scripts/bench.sh starts the stack they run on; see docs/performance.md.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { benchCodec } from './codec';
import { openContext } from './context';
import { benchIntakeThroughput } from './intake';
import { benchEscalationLag } from './lag';
import { benchLifecycle } from './lifecycle';
import { mb } from './measure';
import { EventObserver } from './observer';
import { benchReplay } from './replay';
import { benchScale } from './scale';

const BENCHES = ['intake', 'lifecycle', 'lag', 'scale', 'replay', 'codec'] as const;
type Bench = (typeof BENCHES)[number];

const count = (value: string) => {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};
const benches = (value: string): Bench[] => {
  const picked = value.split(',').map((s) => s.trim());
  const unknown = picked.filter((b) => !(BENCHES as readonly string[]).includes(b));
  if (unknown.length)
    throw new InvalidArgumentError(`unknown benchmark ${unknown.join(', ')}; expected some of ${BENCHES.join(', ')}`);
  return picked as Bench[];
};
const envPair = (value: string, previous: Record<string, string>) => {
  const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected NAME=value, e.g. WORKER_MAX_CACHED_WORKFLOWS=5000');
  return { ...previous, [m[1]!]: m[2]! };
};

/** `--quick`: sizes small enough for about 15 minutes on two cores, large enough for every figure to mean something. */
const QUICK = { intake: 1000, lifecycle: 150, lag: 2000, lagHold: 150, lagWindow: 400, scale: 5000, scaleSample: 200 };
function presetText(): string {
  return Object.entries(QUICK)
    .map(([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v}`)
    .join(' ');
}

const program = new Command('bench')
  .description('Complaint Ladder benchmarks against the stack scripts/bench.sh started')
  .option('--only <list>', `which to run, comma-separated: ${BENCHES.join(',')}`, benches, [...BENCHES])
  .option('--intake <n>', 'complaints opened through the API (and no-op starts for the ceiling)', count, 2000)
  .option('--lifecycle <n>', 'complaints driven from intake to closed', count, 300)
  .option('--lag <n>', 'open complaints held for the escalation-lag measurement', count, 10_000)
  .option(
    '--lag-hold <seconds>',
    'from the start of intake to the first deadline; must exceed the time to open them all',
    count,
    300,
  )
  .option('--lag-window <seconds>', 'the deadlines fall evenly within this window after the hold', count, 600)
  .option('--scale <n>', 'complaints opened and held with pending clocks', count, 100_000)
  .option('--scale-sample <n>', 'complaints whose lag is measured with the scale set held', count, 500)
  .option('--concurrency <n>', 'requests in flight at once', count, 64)
  .option(
    '--worker-env <NAME=value>',
    'worker setting to try (repeatable), e.g. WORKER_MAX_CACHED_WORKFLOWS=5000',
    envPair,
    {},
  )
  .option('--quick', `every figure at smaller sizes, about 15 minutes: ${presetText()}`)
  .option('--label <text>', 'a name for this run in the JSON (e.g. before, after)', 'run')
  .option('--out <dir>', 'where the JSON goes', 'bench-results');

async function main(): Promise<void> {
  program.parse();
  // --quick supplies the sizes nobody gave; a size given on the command line still wins.
  if (program.opts().quick)
    for (const [name, value] of Object.entries(QUICK))
      if (program.getOptionValueSource(name) === 'default') program.setOptionValue(name, value);
  const opts = program.opts<{
    only: Bench[];
    intake: number;
    lifecycle: number;
    lag: number;
    lagHold: number;
    lagWindow: number;
    scale: number;
    scaleSample: number;
    concurrency: number;
    workerEnv: Record<string, string>;
    quick?: boolean;
    label: string;
    out: string;
  }>();
  const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const ctx = await openContext(path.resolve(opts.out), opts.workerEnv);
  // Ctrl-C or scripts/bench.sh's trap: stop the worker, ceiling worker and API we started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void ctx.close().finally(() => process.exit(130)));
  }
  // Every benchmark complaint id starts so: CL-BENCH-… made here, CL-BENCHINTAKE… by the API.
  const observer = new EventObserver(ctx.eventLog, 'CL-BENCH');
  await observer.start();
  const figures: Record<string, unknown> = {};
  const rows: [string, string, string][] = [];
  const report = (row: [string, string, string]) => {
    rows.push(row);
    say(`${row[0]}: ${row[1]} (${row[2]})`); // as each finishes, so a long run shows progress
  };
  try {
    await warmUp(ctx, observer);
    if (opts.only.includes('intake')) {
      say(`intake: ${opts.intake} through the API and as raw starts`);
      const r = await benchIntakeThroughput(ctx, observer, opts.intake, opts.concurrency);
      figures.intake = r;
      report([
        'intake via HTTP API',
        `${r.apiPerSecond.toFixed(0)} /s`,
        `raw start ${r.ceilingPerSecond.toFixed(0)} /s → ${pct(r.ratio)}; the worker opened them at ${r.workerOpenedPerSecond.toFixed(0)} /s`,
      ]);
    }
    if (opts.only.includes('lifecycle')) {
      const concurrency = Math.min(opts.lifecycle, 500);
      say(`lifecycle: ${opts.lifecycle} complaints, ${concurrency} at a time`);
      const r = await benchLifecycle(ctx, observer, opts.lifecycle, concurrency);
      figures.lifecycle = r;
      report([
        'lifecycle, open → closed',
        `${r.perSecond.toFixed(1)} /s (${r.eventsVerified} events verified)`,
        `${r.activitiesPerLifecycle}-activity chain ${r.ceilingPerSecond.toFixed(1)} /s → ${pct(r.ratio)}`,
      ]);
    }
    if (opts.only.includes('lag')) {
      say(
        `escalation lag: ${opts.lag} complaints, deadlines from ${opts.lagHold} s after the start over ${opts.lagWindow} s`,
      );
      const r = await benchEscalationLag(ctx, observer, {
        complaints: opts.lag,
        holdSeconds: opts.lagHold,
        windowSeconds: opts.lagWindow,
        concurrency: opts.concurrency,
        label: 'LAG',
      });
      figures.lag = r;
      report([
        `escalation lag, ${r.openAtOnce} open at once`,
        `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms`,
        `deadlines over ${r.deadlineWindowSeconds.toFixed(0)} s (${r.deadlinesPerSecond.toFixed(1)}/s); aim p99 < 1000 ms`,
      ]);
    }
    if (opts.only.includes('scale')) {
      say(`scale: ${opts.scale} complaints with pending clocks`);
      const r = await benchScale(ctx, observer, {
        complaints: opts.scale,
        concurrency: opts.concurrency,
        sample: opts.scaleSample,
      });
      figures.scale = r;
      report([
        `scale, ${r.runningWorkflows} running`,
        `starts ${r.intakePerSecond.toFixed(0)} /s, opened ${r.openedPerSecond.toFixed(0)} /s; worker RSS ${mb(r.workerRssBytes)} (peak ${mb(r.workerPeakRssBytes)})`,
        `Temporal RSS ${mb(r.temporalRssBytes)}, database ${mb(r.databaseBytes)}; sample p99 ${r.sampleP99Ms} ms`,
      ]);
    }
    if (opts.only.includes('replay')) {
      say('analytics replay from offset 0');
      const r = await benchReplay(ctx, (process.env.KAFKA_BROKERS ?? '').split(','));
      figures.replay = r;
      report([
        `analytics replay, ${r.events} events`,
        `${r.projectedPerSecond.toFixed(0)} events/s (median of ${r.rounds})`,
        `bare kafkajs ${r.kafkajsPerSecond.toFixed(0)} /s, kcat ${r.kcatPerSecond.toFixed(0)} /s; the faster ${r.ceilingPerSecond.toFixed(0)} /s → ${pct(r.ratio)}`,
      ]);
    }
    if (opts.only.includes('codec')) {
      say('payload codec, per payload');
      const r = await benchCodec();
      figures.codec = r;
      for (const c of r) {
        report([
          `codec, ${c.payload}`,
          `${c.codecMicros.toFixed(1)} µs encode + decode; ${c.plainBytes} → ${c.encodedBytes} bytes (+${c.encodedBytes - c.plainBytes})`,
          `JSON converter alone ${c.converterMicros.toFixed(1)} µs`,
        ]);
      }
    }
  } finally {
    await observer.stop();
    await ctx.close();
  }

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  const file = path.join(ctx.outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}-${opts.label}.json`);
  writeFileSync(
    file,
    JSON.stringify({ label: opts.label, at: new Date().toISOString(), machine, options: opts, figures }, null, 2),
  );
  console.log(
    `\nComplaint Ladder benchmarks (${opts.label}) on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
  );
  console.log('| benchmark | ours | ceiling / aim |\n|---|---|---|');
  for (const [name, ours, ceiling] of rows) console.log(`| ${name} | ${ours} | ${ceiling} |`);
  console.log(`\nfigures: ${file}`);
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

/** A few complaints first, so neither JIT warm-up nor first connections land in a figure. */
async function warmUp(ctx: Awaited<ReturnType<typeof openContext>>, observer: EventObserver): Promise<void> {
  await benchEscalationLag(ctx, observer, {
    complaints: 20,
    holdSeconds: 2,
    windowSeconds: 1,
    concurrency: 20,
    label: 'WARMUP',
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
