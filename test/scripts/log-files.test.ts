import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** scripts/lib.sh's start_daemon, as every stack process (Temporal, Kafka, the app) is started. */
describe('stack log files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const startDaemon = (name: string) =>
    execFileSync(
      'bash',
      ['-c', `umask 022; source scripts/lib.sh; start_daemon ${name} "$LOG_DIR/${name}.log" true; wait`],
      {
        cwd: ROOT,
        env: { ...process.env, STACK_DATA_DIR: dir },
        encoding: 'utf8',
      },
    );

  it('are readable by their owner only, in a folder only the owner can enter, whatever the umask', () => {
    startDaemon('probe');
    expect(statSync(path.join(dir, 'logs', 'probe.log')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('are made owner-only when they were left world-readable by an older run', () => {
    mkdirSync(path.join(dir, 'logs'), { mode: 0o755 });
    writeFileSync(path.join(dir, 'logs', 'api.log'), 'old\n', { mode: 0o644 });
    startDaemon('api');
    expect(statSync(path.join(dir, 'logs', 'api.log')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });
});
