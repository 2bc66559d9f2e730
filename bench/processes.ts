/**
 * The processes a benchmark measures, started exactly as production starts them (the compiled
 * worker and API from dist/), plus the readings it reports: RSS from /proc and file sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const DIST = path.resolve(__dirname, '..');

export class AppProcess {
  private child: ChildProcess | undefined;
  private peakRssBytes = 0;
  private sampler: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    private readonly nodeArgs: string[] = [],
  ) {}

  start(): void {
    // Output goes to a log file: the SDK's own lines would bury the table.
    const out = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [...this.nodeArgs, path.join(DIST, this.entry)], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', out, out],
    });
    this.child.once('exit', (code, signal) => {
      if (code && !signal) process.stderr.write(`[bench] ${this.name} exited with ${code}; see ${this.logFile}\n`);
    });
    // Peak RSS, sampled: the figure the aims talk about.
    this.sampler = setInterval(() => (this.peakRssBytes = Math.max(this.peakRssBytes, this.rss())), 500);
    this.sampler.unref();
  }

  /** Fails if the process has already exited (a port taken by a leftover, a bad setting). */
  assertRunning(): void {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) {
      throw new Error(`${this.name} is not running; see ${this.logFile}`);
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  rss(): number {
    return this.child?.pid ? rssOf(this.child.pid) : 0;
  }

  peakRss(): number {
    return Math.max(this.peakRssBytes, this.rss());
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Resident set size of a process, in bytes (0 once it is gone). */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The dev server's PID, as scripts/stack.sh recorded it. */
export function temporalPid(stackDataDir: string): number | undefined {
  const file = path.join(stackDataDir, 'pids', 'temporal.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/** The dev server's SQLite database with its write-ahead log. */
export function temporalDbBytes(stackDataDir: string): number {
  const base = path.join(stackDataDir, 'temporal', 'temporal.sqlite');
  return ['', '-wal', '-shm'].reduce(
    (n, suffix) => n + (existsSync(base + suffix) ? statSync(base + suffix).size : 0),
    0,
  );
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
