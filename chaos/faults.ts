/**
 * The faults the chaos driver injects into the real stack: the worker process SIGKILLed and
 * restarted, and the Kafka broker or the Temporal dev server restarted through scripts/stack.sh
 * (the dev server's SQLite file persists, so every complaint survives).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export class WorkerProcess {
  private child: ChildProcess | undefined;
  kills = 0;
  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    this.child = spawn(process.execPath, [this.entry], { env: { ...process.env, ...this.env }, stdio: 'ignore' });
  }

  /** SIGKILL: no graceful shutdown, in-flight activities and workflow tasks are simply lost. */
  kill(): void {
    this.child?.kill('SIGKILL');
    this.kills++;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Restarts one service of the stack whose ports and folders are in this process's environment. */
export function restartService(service: 'kafka' | 'temporal'): void {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts/stack.sh'), 'restart', service], {
    env: process.env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`restarting ${service} failed: ${result.stderr}`);
}
