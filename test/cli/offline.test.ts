import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { openStaffDirectory, readStaffFile } from '../../api/staff-directory';
import { buildCli, cliRunner, tempDir, type Run } from './harness';

/** What the built `ladder` does without an API: staff administration, usage errors, an API that is not there. */
describe('ladder without an API', () => {
  let cli: ReturnType<typeof buildCli>;
  let ladder: (args: string[], env?: Record<string, string | undefined>) => Promise<Run>;
  let dir: string;
  let staffFile: string;

  beforeAll(() => {
    cli = buildCli();
    dir = tempDir();
    staffFile = path.join(dir, 'staff.json');
    ladder = cliRunner(cli.entry, { STAFF_FILE: staffFile });
  }, 120_000);
  afterAll(() => {
    cli?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('staff add prints a new token once and the staff file keeps only its hash', async () => {
    const run = await ladder([
      'staff',
      'add',
      '--id',
      'sa-1',
      '--name',
      '王顾问',
      '--role',
      'advisor',
      '--dealer',
      'SH-PUDONG-01',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const token = /^(sa-1\.[A-Za-z0-9_-]{43})$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    expect(run.stdout.split(token!).length - 1).toBe(1);
    expect(run.stdout).toContain('王顾问 (sa-1, advisor) for SH-PUDONG-01');

    const stored = readFileSync(staffFile, 'utf8');
    expect(stored).not.toContain(token!.split('.')[1]);
    expect(JSON.parse(stored).staff[0]).toMatchObject({
      id: 'sa-1',
      role: 'advisor',
      dealers: ['SH-PUDONG-01'],
      tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(statSync(staffFile).mode & 0o777).toBe(0o600);
  });

  it('staff add --json gives scripts the token, and --staff-file overrides STAFF_FILE', async () => {
    const other = path.join(dir, 'other-staff.json');
    const run = await ladder([
      'staff',
      'add',
      '--json',
      '--staff-file',
      other,
      '--id',
      'gm-1',
      '--name',
      '陈总',
      '--role',
      'general_manager',
      '--dealer',
      'A,B',
      '--dealer',
      'C',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      staff: { id: 'gm-1', role: 'general_manager', dealers: ['A', 'B', 'C'] },
      token: expect.stringMatching(/^gm-1\./),
      staffFile: other,
    });
    expect(JSON.parse(readFileSync(other, 'utf8')).staff).toHaveLength(1);
  });

  it('staff add refuses an id that already exists, leaving the file as it was', async () => {
    const before = readFileSync(staffFile, 'utf8');
    const run = await ladder(['staff', 'add', '--id', 'sa-1', '--name', 'Again', '--role', 'advisor', '--dealer', 'X']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('staff id sa-1 already exists');
    expect(readFileSync(staffFile, 'utf8')).toBe(before);
  });

  it('staff add names a bad role or a missing flag as a usage error (exit 2)', async () => {
    const badRole = await ladder(['staff', 'add', '--id', 'x', '--name', 'X', '--role', 'janitor', '--dealer', 'D']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role <role>' argument 'janitor' is invalid.*advisor, customer_service/);
    const noDealer = await ladder(['staff', 'add', '--id', 'x', '--name', 'X', '--role', 'advisor']);
    expect(noDealer.code).toBe(2);
    expect(noDealer.stderr).toContain("required option '--dealer <id>' not specified");
  });

  it('staff add writes by default the staff file the running stack reads, and says which file it wrote', async () => {
    const stackDir = path.join(dir, 'stack-data');
    const run = await ladder(
      ['staff', 'add', '--id', 'cs-9', '--name', '李客服', '--role', 'customer_service', '--dealer', 'D1'],
      { STAFF_FILE: undefined, STACK_DATA_DIR: stackDir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`to ${path.join(stackDir, 'staff.json')}.`);
    expect(
      JSON.parse(readFileSync(path.join(stackDir, 'staff.json'), 'utf8')).staff.map((s: { id: string }) => s.id),
    ).toEqual(['cs-9']);
    // Without either setting: the main stack's file, as scripts/main.sh gives it to the API.
    const help = await ladder(['staff', 'add', '--help'], { STAFF_FILE: undefined });
    expect(help.stdout).toContain('.stack/data/main');
  });

  it('staff add --expires sets when the token stops working, as a duration or an ISO date', async () => {
    const expiring = await ladder([
      'staff',
      'add',
      '--json',
      '--id',
      'temp-1',
      '--name',
      'Temp',
      '--role',
      'advisor',
      '--dealer',
      'D1',
      '--expires',
      '90d',
    ]);
    expect(expiring.code).toBe(0);
    const { expiresAt } = JSON.parse(expiring.stdout) as { expiresAt: string };
    expect(Math.abs(Date.parse(expiresAt) - (Date.now() + 90 * 86_400_000))).toBeLessThan(60_000);
    const dated = await ladder([
      'staff',
      'add',
      '--id',
      'temp-2',
      '--name',
      'Temp',
      '--role',
      'advisor',
      '--dealer',
      'D1',
      '--expires',
      '2099-12-31',
    ]);
    expect(dated.stdout).toContain('The token expires on 2099-12-31T00:00:00.000Z.');
    const stored = JSON.parse(readFileSync(staffFile, 'utf8')).staff.find((s: { id: string }) => s.id === 'temp-2');
    expect(stored.expiresAt).toBe('2099-12-31T00:00:00.000Z');
    const bad = await ladder([
      'staff',
      'add',
      '--id',
      'temp-3',
      '--name',
      'Temp',
      '--role',
      'advisor',
      '--dealer',
      'D1',
      '--expires',
      'someday',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expires: expected a duration like "90d" or an ISO date');
    const past = await ladder([
      'staff',
      'add',
      '--id',
      'temp-3',
      '--name',
      'Temp',
      '--role',
      'advisor',
      '--dealer',
      'D1',
      '--expires',
      '2020-01-01',
    ]);
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('has already passed');
  });

  it('staff revoke ends a token, says which file it wrote, and a new staff add for the id issues a new one', async () => {
    await ladder(['staff', 'add', '--id', 'leaver-1', '--name', 'Leaver', '--role', 'advisor', '--dealer', 'D1']);
    const run = await ladder(['staff', 'revoke', 'leaver-1']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      `Revoked the token of Leaver (leaver-1) in ${staffFile}; the API refuses it from now on.\n`,
    );
    const again = await ladder(['staff', 'revoke', '--json', 'leaver-1']);
    expect(JSON.parse(again.stdout)).toMatchObject({ staff: { id: 'leaver-1' }, alreadyRevoked: true, staffFile });
    const unknown = await ladder(['staff', 'revoke', 'nobody-1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no staff id nobody-1');
    const renewed = await ladder([
      'staff',
      'add',
      '--id',
      'leaver-1',
      '--name',
      'Back',
      '--role',
      'advisor',
      '--dealer',
      'D1',
    ]);
    expect(renewed.code).toBe(0);
    expect(renewed.stdout).toContain('Issued a new token (the old one was revoked) for Back (leaver-1');
  });

  it('keeps every staff member when eight staff add run at once', async () => {
    const file = path.join(dir, 'concurrent-staff.json');
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ladder([
          'staff',
          'add',
          '--json',
          '--staff-file',
          file,
          '--id',
          `par-${i}`,
          '--name',
          `Parallel ${i}`,
          '--role',
          'advisor',
          '--dealer',
          'D1',
        ]),
      ),
    );
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']));
    const stored = readStaffFile(file)
      .staff.map((s) => s.id)
      .sort();
    expect(stored).toEqual(Array.from({ length: 8 }, (_, i) => `par-${i}`).sort());
    const directory = openStaffDirectory(file);
    for (const r of runs)
      expect(directory.authenticate((JSON.parse(r.stdout) as { token: string }).token)).not.toBeNull();
    expect(readdirSync(dir).filter((f) => f.startsWith('concurrent-staff.json'))).toEqual(['concurrent-staff.json']);
  });

  it('refuses an incomplete intake before calling the API, naming the missing flags', async () => {
    const run = await ladder(['open', '--dealer', 'D', '--customer-name', '刘先生', '--channel', 'phone']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing --phone, --category, --severity, --description, --plate or --vin');
  });

  it('reads an intake file and says which file is broken', async () => {
    const bad = path.join(dir, 'broken.json');
    writeFileSync(bad, '{ "dealerId": ');
    const run = await ladder(['open', '--file', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`intake file ${bad} is not valid JSON`);
  });

  it('refuses a process-defect closing without its area and description', async () => {
    const run = await ladder(['close', 'CL-X-20260101-AAAAAA', '--root-cause', 'process_defect', '--area', 'billing']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--root-cause process_defect needs --area and --defect');
  });

  it('an unknown command or a bad choice is a usage error (exit 2)', async () => {
    expect((await ladder(['frobnicate'])).code).toBe(2);
    const run = await ladder(['list', '--stage', 'angry']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'angry' is invalid");
  });

  it('says clearly when the API cannot be reached', async () => {
    const port = await freePort();
    const run = await ladder(['list'], { LADDER_API_URL: `http://127.0.0.1:${port}`, LADDER_TOKEN: 'sa-1.x' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `ladder: cannot reach the API at http://127.0.0.1:${port} (ECONNREFUSED); is it running? Set LADDER_API_URL or pass --api-url\n`,
    );
    const json = await ladder(['list', '--json', '--api-url', `http://127.0.0.1:${port}`]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: 'unreachable' });
  });

  it('shows help and the version', async () => {
    const help = await ladder(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'open',
      'list',
      'show',
      'ack',
      'contact',
      'propose',
      'approve',
      'decide',
      'escalate',
      'pause',
      'resume',
      'extend',
      'resolve',
      'follow-up',
      'hand-over',
      'take',
      'search',
      'queue',
      'close',
      'staff',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toContain('env: LADDER_API_URL');
    expect(help.stdout).toContain('env: LADDER_TOKEN');
  });
});

/** A port nothing listens on: bind, read it, release it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
