import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const APPS = ['staff-inbox', 'worker', 'analytics', 'api'];

/**
 * scripts/supervise.sh over stand-in apps (tiny Node scripts in place of the build) and short
 * timings, so its restart schedule is checked in seconds. test/e2e/restart.test.ts runs the real apps.
 */
describe('the app supervisor', () => {
  let dir: string;
  let supervisor: ChildProcess;
  let out = '';
  const pidOf = (app: string) => {
    const file = path.join(dir, 'data', 'pids', `${app}.pid`);
    return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
  };
  const alive = (pid: number | undefined) => {
    try {
      return Boolean(pid) && (process.kill(pid!, 0), !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '));
    } catch {
      return false;
    }
  };
  const until = async (what: string, ok: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the supervisor said:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-supervise-'));
    const crashFile = path.join(dir, 'crash-worker');
    // Each stand-in logs its ready line and runs until killed; the worker exits 3 while crashFile exists.
    for (const [file, ready] of [
      ['demo/staff-inbox.js', 'staff inbox listening'],
      ['workers/complaint-worker.js', 'worker polling'],
      ['analytics/main.js', 'analytics listening'],
      ['api/server.js', 'api listening'],
    ] as const) {
      const crash = file.startsWith('workers/')
        ? `if (require('fs').existsSync(${JSON.stringify(crashFile)})) setTimeout(() => process.exit(3), 100);\n`
        : '';
      mkdirSync(path.dirname(path.join(dir, 'dist', file)), { recursive: true });
      writeFileSync(
        path.join(dir, 'dist', file),
        `console.log(JSON.stringify({ msg: ${JSON.stringify(ready)} }));\n${crash}setInterval(() => undefined, 1000);\n`,
      );
    }
    const data = path.join(dir, 'data');
    out = '';
    supervisor = spawn('bash', ['scripts/supervise.sh', `--stack-data-dir=${data}`], {
      cwd: ROOT,
      env: {
        ...process.env,
        STACK_DATA_DIR: data,
        LADDER_DIST_DIR: path.join(dir, 'dist'),
        // Ports nobody listens on: the stand-ins do not listen; the supervisor checks that they are free.
        API_PORT: '1',
        ANALYTICS_PORT: '2',
        STAFF_INBOX_PORT: '3',
        SUPERVISOR_BACKOFF_FIRST_SECONDS: '1',
        SUPERVISOR_BACKOFF_MAX_SECONDS: '2',
        SUPERVISOR_HEALTHY_AFTER_SECONDS: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout!.on('data', (chunk) => (out += chunk));
    supervisor.stderr!.on('data', (chunk) => (out += chunk));
  });

  afterEach(async () => {
    const apps = APPS.map(pidOf);
    if (supervisor.exitCode === null && supervisor.signalCode === null) {
      const exited = new Promise((r) => supervisor.once('exit', r));
      supervisor.kill('SIGTERM');
      await exited;
    }
    for (const pid of apps) if (alive(pid)) process.kill(pid!, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts a crashing app after 1 s, doubling up to the cap, and counts from 1 again after a good run', async () => {
    await until('the apps to be up', () => out.includes('all apps are up'));
    writeFileSync(path.join(dir, 'crash-worker'), '');
    process.kill(pidOf('worker')!, 'SIGKILL');
    await until('a third restart', () => /restart 3 in 2 s/.test(out));
    unlinkSync(path.join(dir, 'crash-worker'));
    expect(out).toMatch(/worker \(pid \d+\) exited with signal KILL after [\d.]+ s; restart 1 in 1 s/);
    expect(out).toMatch(/worker \(pid \d+\) exited with exit code 3 after [\d.]+ s; restart 2 in 2 s/);
    expect(out).toMatch(/worker \(pid \d+\) exited with exit code 3 after [\d.]+ s; restart 3 in 2 s/);

    // It stays up now; a crash after a good run (3 s here, a minute by default) counts as the first.
    await until('the worker back after its third restart', () =>
      /worker is back/.test(out.split('attempt 3')[1] ?? ''),
    );
    await new Promise((r) => setTimeout(r, 3_500));
    const steady = pidOf('worker')!;
    process.kill(steady, 'SIGKILL');
    await until('the restart after a good run', () =>
      new RegExp(`worker \\(pid ${steady}\\) exited with signal KILL after [\\d.]+ s; restart 1 in 1 s`).test(out),
    );
    await until('a new worker', () => pidOf('worker') !== steady && alive(pidOf('worker')));
    // The other apps were left alone throughout.
    expect(out).not.toMatch(/(staff-inbox|analytics|api) \(pid \d+\) exited/);
  }, 60_000);

  it('stops every app on SIGTERM, and removes their PID files and its own', async () => {
    await until('the apps to be up', () => out.includes('all apps are up'));
    writeFileSync(path.join(dir, 'data', 'pids', 'supervisor.pid'), String(supervisor.pid));
    const apps = APPS.map(pidOf);
    expect(apps.every(alive)).toBe(true);
    const exited = new Promise<number | null>((r) => supervisor.once('exit', (code) => r(code)));
    supervisor.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(apps.filter(alive)).toEqual([]);
    expect(readdirSync(path.join(dir, 'data', 'pids'))).toEqual([]);
  }, 30_000);
});
