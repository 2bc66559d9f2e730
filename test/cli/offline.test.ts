import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
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
    const run = await ladder(['staff', 'add', '--id', 'sa-1', '--name', '王顾问', '--role', 'advisor', '--dealer', 'SH-PUDONG-01']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const token = /^(sa-1\.[A-Za-z0-9_-]{43})$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    expect(run.stdout.split(token!).length - 1).toBe(1);
    expect(run.stdout).toContain('王顾问 (sa-1, advisor) for SH-PUDONG-01');

    const stored = readFileSync(staffFile, 'utf8');
    expect(stored).not.toContain(token!.split('.')[1]);
    expect(JSON.parse(stored).staff[0]).toMatchObject({ id: 'sa-1', role: 'advisor', dealers: ['SH-PUDONG-01'], tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(statSync(staffFile).mode & 0o777).toBe(0o600);
  });

  it('staff add --json gives scripts the token, and --staff-file overrides STAFF_FILE', async () => {
    const other = path.join(dir, 'other-staff.json');
    const run = await ladder(['staff', 'add', '--json', '--staff-file', other, '--id', 'gm-1', '--name', '陈总', '--role', 'general_manager', '--dealer', 'A,B', '--dealer', 'C']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ staff: { id: 'gm-1', role: 'general_manager', dealers: ['A', 'B', 'C'] }, token: expect.stringMatching(/^gm-1\./), staffFile: other });
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
    expect(run.stderr).toBe(`ladder: cannot reach the API at http://127.0.0.1:${port} (ECONNREFUSED); is it running? Set LADDER_API_URL or pass --api-url\n`);
    const json = await ladder(['list', '--json', '--api-url', `http://127.0.0.1:${port}`]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: 'unreachable' });
  });

  it('shows help and the version', async () => {
    const help = await ladder(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['open', 'list', 'show', 'ack', 'contact', 'propose', 'approve', 'decide', 'escalate', 'pause', 'resume', 'extend', 'resolve', 'follow-up', 'hand-over', 'take', 'search', 'queue', 'close', 'staff']) {
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
