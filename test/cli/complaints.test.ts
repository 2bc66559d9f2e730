import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { LADDER, STAGES } from '../../domain/ladder';
import { buildCli, cliRunner, eventually, startApi, tempDir, type Run } from './harness';

type Ladder = (args: string[], env?: Record<string, string | undefined>) => Promise<Run>;

/**
 * The built `ladder` as a subprocess against the real API (in-process, over HTTP), a real
 * worker and Temporal dev server, and Kafka. Staff and their tokens come from `ladder staff add`.
 */
describe('ladder against the API', () => {
  const run = randomUUID().slice(0, 6).toUpperCase();
  const dealer = `CLI-${run}`;
  let cli: ReturnType<typeof buildCli>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let dir: string;
  const tokens: Record<string, string> = {};
  /** `ladder` as a given staff member. */
  let as: (who: 'advisor' | 'cs' | 'sm' | 'none', args: string[]) => Promise<Run>;

  beforeAll(async () => {
    cli = buildCli();
    dir = tempDir();
    const staffFile = path.join(dir, 'staff.json');
    const offline: Ladder = cliRunner(cli.entry, { STAFF_FILE: staffFile });
    const staff = [
      ['advisor', 'advisor', '王顾问'],
      ['cs', 'customer_service', '李客服'],
      ['sm', 'service_manager', '张经理'],
    ] as const;
    for (const [key, role, name] of staff) {
      const added = await offline([
        'staff',
        'add',
        '--json',
        '--id',
        `${key}-${run}`,
        '--name',
        name,
        '--role',
        role,
        '--dealer',
        dealer,
      ]);
      if (added.code !== 0) throw new Error(added.stderr);
      tokens[key] = JSON.parse(added.stdout).token;
    }
    api = await startApi(staffFile);
    const ladder = cliRunner(cli.entry, { LADDER_API_URL: api.url });
    as = (who, args) => ladder(args, who === 'none' ? {} : { LADDER_TOKEN: tokens[who] });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    cli?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const intake = (extra: string[] = []) => [
    'open',
    '--dealer',
    dealer,
    '--customer-name',
    '刘先生',
    '--phone',
    '13812345678',
    '--plate',
    '沪A12345',
    '--ro',
    'RO-2026-0001',
    '--channel',
    'phone',
    '--category',
    'delivery_delay',
    '--severity',
    'medium',
    '--description',
    'Car promised for 17:00 was not ready and nobody called.',
    ...extra,
  ];
  const openJson = async (extra: string[] = []) => {
    const opened = await as('cs', [...intake(extra), '--json']);
    expect(opened).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(opened.stdout).complaint as { complaintId: string; stage: string; status: string };
  };

  it('opens a complaint with a human summary, and with --json for scripts', async () => {
    const human = await as('cs', intake());
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toMatch(
      new RegExp(`^Opened CL-CLI${run}-\\d{8}-[0-9A-Z]{6}  异议 Objection  open · next: respond-by `),
    );
    expect(human.stdout).toContain('stage.entered: opened at objection');

    const complaint = await openJson(['--stage', 'complaint']);
    expect(complaint).toMatchObject({
      stage: 'complaint',
      status: 'open',
      dealerId: dealer,
      intake: { customer: { phone: '138****5678' } },
    });
  });

  it('opens once per Idempotency-Key, and from an intake file', async () => {
    const file = path.join(dir, 'intake.json');
    writeFileSync(
      file,
      JSON.stringify({
        dealerId: dealer,
        customer: { name: '周女士', phone: '13900001111' },
        vehicle: { vin: 'LSVAU2180N2183294' },
        channel: 'letter',
        category: 'repair_quality',
        severity: 'high',
        description: 'Noise came back a week after the repair.',
      }),
    );
    const first = await as('cs', ['open', '--file', file, '--idempotency-key', `k-${run}`, '--json']);
    const again = await as('cs', ['open', '--file', file, '--idempotency-key', `k-${run}`]);
    const id = JSON.parse(first.stdout).complaint.complaintId;
    expect(JSON.parse(first.stdout).complaint.stage).toBe('formal_complaint');
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(
      new RegExp(`^Already opened \\(same Idempotency-Key\\): ${id}  投诉 Formal complaint`),
    );
  });

  it('lists complaints in a table, and as JSON', async () => {
    const { complaintId } = await openJson();
    await eventually('the complaint in the list', async () =>
      (await as('cs', ['list', '--dealer', dealer])).stdout.includes(complaintId),
    );
    const table = await as('cs', ['list', '--dealer', dealer, '--status', 'open']);
    expect(table.stdout).toMatch(/^COMPLAINT +DEALER +STAGE +STATUS +OWNER +NEXT DEADLINE +OPENED$/m);
    expect(table.stdout).toMatch(
      new RegExp(
        `^${complaintId}  ${dealer}  异议 Objection +open +cs-${run} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(in \\d`,
        'm',
      ),
    );
    const json = JSON.parse((await as('cs', ['list', '--json', '--dealer', dealer, '--stage', 'objection'])).stdout);
    expect(json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ complaintId, stage: 'objection', status: 'open' })]),
    );
    expect(json).toHaveProperty('nextPageToken');
  });

  it('show draws the ladder with the current rung marked, the clocks and the audit trail', async () => {
    const { complaintId } = await openJson();
    const shown = await as('cs', ['show', complaintId]);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    for (const stage of STAGES)
      expect(shown.stdout).toMatch(
        new RegExp(`^ {2}[▶ ] ${LADDER[stage].index} {2}${LADDER[stage].label.zh} +${LADDER[stage].label.en}`, 'm'),
      );
    expect(shown.stdout).toMatch(
      /^ {2}▶ 1 {2}异议 +Objection +← here · tier 1 · Explain the cause and apologise \/ 解释原因并道歉 · entered /m,
    );
    expect(shown.stdout).toMatch(
      /^ {2}respond-by +异议 Objection +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +running +due in (2h|1h 59m)$/m,
    );
    expect(shown.stdout).toMatch(/^ {2}resolve-by +异议 Objection .* running +due in /m);
    expect(shown.stdout).toContain('刘先生 138****5678 · vehicle 沪A12345 · RO RO-2026-0001');
    expect(shown.stdout).not.toContain('13812345678');
    expect(shown.stdout).toMatch(/complaint\.opened +李客服 \(customer_service\) +received via phone/);
    expect(shown.stdout).not.toMatch(/\x1b\[/); // no colour when piped
  });

  it('prints bidi controls visibly: a right-to-left override in a name flips nothing printed after it', async () => {
    // Control characters are refused at intake (domain/text.ts); bidi controls are legal text.
    const name = '刘\u202e先生';
    const opened = await as('cs', [
      'open',
      '--dealer',
      dealer,
      '--customer-name',
      name,
      '--phone',
      '13812345678',
      '--plate',
      '沪A54321',
      '--channel',
      'phone',
      '--category',
      'delivery_delay',
      '--severity',
      'medium',
      '--description',
      'Bidi test \u2066inside\u2069 text',
      '--json',
    ]);
    expect(opened.code).toBe(0);
    expect(opened.stdout).not.toMatch(/[\u202e\u2066\u2069\u001b]/);
    expect(JSON.parse(opened.stdout).complaint.intake.customer.name).toBe(name); // the data itself is untouched
    const shown = await as('cs', ['show', JSON.parse(opened.stdout).complaint.complaintId]);
    expect(shown.stdout).not.toMatch(/[\u202e\u2066\u2069\u001b]/);
    expect(shown.stdout).toContain('刘\\u{202E}先生');
  });

  it('takes a complaint up the remedy path: acknowledge, over-cap proposal, approval, acceptance, resolution, follow-up, closing', async () => {
    const { complaintId: id } = await openJson();
    const ack = await as('cs', ['ack', id, '--note', 'called the customer back']);
    expect(ack.stdout).toContain('acknowledge: called the customer back');

    const proposed = await as('advisor', [
      'propose',
      id,
      '--type',
      'cash_compensation',
      '--amount',
      '800',
      '--description',
      'Compensation for the lost day',
    ]);
    expect(proposed.code).toBe(0);
    const remedyId = /remedy (\S+) is awaiting approval; next: ladder approve/.exec(proposed.stdout)?.[1];
    expect(remedyId).toBeDefined();

    const approved = await as('sm', ['approve', id, remedyId!, '--json']);
    expect(JSON.parse(approved.stdout).complaint.remedies[0]).toMatchObject({
      remedyId,
      status: 'proposed',
      approvedBy: { role: 'service_manager' },
    });
    expect((await as('advisor', ['decide', id, remedyId!, 'accept', '--note', 'happy with it'])).stdout).toContain(
      `customer accepted ${remedyId}`,
    );
    expect((await as('sm', ['resolve', id])).stdout).toMatch(/resolved.*resolve: resolved with 800 CNY compensation/s);
    expect((await as('cs', ['follow-up', id, '--satisfied', '--customer-called'])).stdout).toContain(
      'recordFollowUp: customer satisfied',
    );

    const closed = await as('sm', [
      'close',
      id,
      '--root-cause',
      'process_defect',
      '--area',
      'communication',
      '--defect',
      'Nobody called when the job ran late',
    ]);
    expect(closed).toMatchObject({ code: 0, stderr: '' });
    expect(closed.stdout).toMatch(new RegExp(`^${id}  异议 Objection  closed`));

    const shown = (await as('cs', ['show', id])).stdout;
    expect(shown).toMatch(
      /现金补偿 Cash compensation +800 CNY +accepted +王顾问 \(advisor\) +张经理 \(service_manager\)/,
    );
    expect(shown).toContain('Resolved');
    expect(shown).toContain('Follow-up  done');
    expect(shown).toContain('root cause process defect in communication: Nobody called when the job ran late');
  });

  it('prints analytics reports as tables once the stream has the complaint', async () => {
    await eventually(
      'the closed complaint in the compensation report',
      async () => {
        const r = await as('sm', ['report', 'compensation', '--json']);
        return r.code === 0 && JSON.parse(r.stdout).data.total >= 800;
      },
      30_000,
    );
    const compensation = await as('sm', ['report', 'compensation']);
    expect(compensation.stdout).toMatch(/Total given: [\d,]+/);
    expect(compensation.stdout).toMatch(/cash_compensation +\d+ +[\d,]+/);
    expect(compensation.stdout).toContain('Cost of recovery by stage at resolution');
    const funnel = await as('cs', ['report', 'funnel', '--by', 'channel']);
    expect(funnel.stdout).toMatch(/channel = phone\nOpened: \d+/);
    expect(funnel.stdout).toContain('异议 objection');
    const refused = await as('cs', ['report', 'salaries']);
    expect(refused.code).toBe(2);
  });

  it('logs contacts, pauses, resumes, extends, escalates, resolves on principle and reopens on an unhappy follow-up', async () => {
    const { complaintId: id } = await openJson();
    expect((await as('cs', ['contact', id, '--method', 'phone', '--summary', 'Explained the delay'])).stdout).toContain(
      'logContact: phone: Explained the delay',
    );
    expect(
      (await as('sm', ['pause', id, '--reason', 'waiting_for_parts', '--note', 'gearbox on order'])).stdout,
    ).toContain('paused: waiting_for_parts');
    expect((await as('sm', ['show', id])).stdout).toMatch(
      /Paused {2}waiting_for_parts since .* by 张经理 \(service_manager\): gearbox on order/,
    );
    expect((await as('sm', ['resume', id])).code).toBe(0);
    expect(
      (await as('sm', ['extend', id, '--clock', 'resolve', '--by', '4h', '--reason', 'parts arrive tomorrow'])).stdout,
    ).toContain('resolve-by extended by 4h to');
    const escalated = await as('sm', [
      'escalate',
      id,
      '--to',
      'formal_complaint',
      '--driver',
      'supervisor',
      '--reason',
      'customer wrote to the brand',
    ]);
    expect(escalated.stdout).toMatch(new RegExp(`^${id}  投诉 Formal complaint  open`));
    const climbed = (await as('sm', ['show', id])).stdout;
    expect(climbed).toMatch(/^ {2}▶ 3 {2}投诉 +Formal complaint +← here · tier 2 · .* entered .* \(supervisor\)$/m);
    expect(climbed).toMatch(/^ {2}• 1 {2}异议 +Objection +passed · entered .* \(intake\)$/m);

    const proposed = await as('cs', ['propose', id, '--type', 'apology', '--description', 'Formal apology letter']);
    const remedyId = /remedy (\S+) is proposed; next: ladder decide/.exec(proposed.stdout)?.[1];
    expect((await as('cs', ['decide', id, remedyId!, 'decline'])).stdout).toContain(`customer declined ${remedyId}`);
    await as('sm', ['contact', id, '--method', 'phone', '--summary', 'Explained the warranty terms']);
    expect(
      (await as('sm', ['resolve', id, '--kind', 'upheld_policy', '--reason', 'Warranty does not cover wear parts']))
        .stdout,
    ).toContain('upheld policy: Warranty does not cover wear parts');
    const reopened = await as('cs', [
      'follow-up',
      id,
      '--not-satisfied',
      '--customer-called',
      '--note',
      'still unhappy',
    ]);
    expect(reopened.stdout).toMatch(new RegExp(`^${id}  投诉 Formal complaint  open`));
    expect((await as('cs', ['show', id])).stdout).toMatch(/Reopened {3}1×/);
  });

  it('closing a formal complaint takes the reflection report from a file', async () => {
    const file = path.join(dir, 'reflection.json');
    writeFileSync(
      file,
      JSON.stringify({
        customerThoughts: 'I was promised 17:00',
        customerNeeds: 'To be told early',
        wrongBelief: 'Late jobs are normal',
        wrongBehaviour: 'No call when the job overran',
        badConsequence: 'A wasted day off',
        rightBelief: 'A promised time is a commitment',
        rightBehaviour: 'Call as soon as a job will overrun',
        goodResult: 'The customer trusts our next promise',
      }),
    );
    const { complaintId: id } = await openJson(['--stage', 'formal_complaint']);
    await as('sm', ['contact', id, '--method', 'phone', '--summary', 'Explained the quote']);
    await as('sm', ['resolve', id, '--kind', 'upheld_policy', '--reason', 'Within the quoted time']);
    await as('cs', ['follow-up', id, '--satisfied', '--customer-called']);
    const without = await as('sm', ['close', id, '--root-cause', 'incidental']);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/reflection/i);
    const closed = await as('sm', ['close', id, '--root-cause', 'incidental', '--reflection-file', file]);
    expect(closed).toMatchObject({ code: 0, stderr: '' });
    expect(closed.stdout).toMatch(new RegExp(`^${id}  投诉 Formal complaint  closed`));
  });

  it('searches by plate, RO number and phone however typed, as a table and as JSON', async () => {
    const phone = `137${String(parseInt(run, 16) % 1e8).padStart(8, '0')}`;
    const { complaintId } = await openJson(['--plate', `沪C${run}`, '--ro', `RO-CLI-${run}`, '--phone', phone]);
    await eventually('the complaint found by plate', async () =>
      (await as('cs', ['search', `沪c ${run.toLowerCase()}`])).stdout.includes(complaintId),
    );
    const table = await as('cs', ['search', `RO-CLI-${run}`]);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(new RegExp(`^${complaintId}  ${dealer}  异议 Objection +open`, 'm'));
    const json = JSON.parse(
      (await as('cs', ['search', `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, '--json'])).stdout,
    );
    expect(json.items.map((i: { complaintId: string }) => i.complaintId)).toEqual([complaintId]);
    expect((await as('cs', ['search', "' OR '1'='1"])).stdout).toBe('No complaints match.\n');
  });

  it('counts the queues, lists one, and takes an unowned complaint', async () => {
    const unowned = await as('advisor', [...intake(['--stage', 'deadlock']), '--json']);
    const id = JSON.parse(unowned.stdout).complaint.complaintId as string;
    await eventually('the complaint in customer service’s unowned queue', async () =>
      (await as('cs', ['queue', 'unowned-on-my-tier'])).stdout.includes(id),
    );
    const counts = await as('cs', ['queue']);
    expect(counts).toMatchObject({ code: 0, stderr: '' });
    expect(counts.stdout).toMatch(/^QUEUE +COUNT$/m);
    expect(counts.stdout).toMatch(/^unowned-on-my-tier +[1-9]\d* +The owner cannot act on the rung/m);
    const json = JSON.parse((await as('cs', ['queue', '--json'])).stdout);
    expect(json.queues.map((q: { name: string }) => q.name)).toEqual([
      'mine',
      'awaiting-my-approval',
      'overdue',
      'due-soon',
      'unowned-on-my-tier',
    ]);
    const listed = JSON.parse((await as('cs', ['queue', 'unowned-on-my-tier', '--json'])).stdout);
    expect(listed).toMatchObject({
      queue: 'unowned-on-my-tier',
      items: expect.arrayContaining([expect.objectContaining({ complaintId: id, unowned: true })]),
    });
    expect((await as('cs', ['queue', 'nope'])).code).toBe(2);

    const taken = await as('cs', ['take', id]);
    expect(taken).toMatchObject({ code: 0, stderr: '' });
    expect(taken.stdout).toMatch(/handOver: taken over from .* to 李客服 \(customer_service\): taken over by 李客服/);
    await eventually('the complaint in my queue', async () => (await as('cs', ['queue', 'mine'])).stdout.includes(id));
  });

  it('hands over with a note, and names the colleague it cannot hand to', async () => {
    const { complaintId: id } = await openJson();
    const handed = await as('cs', [
      'hand-over',
      id,
      '--to',
      `sm-${run}`,
      '--note',
      'Promised a call by 17:00',
      '--json',
    ]);
    expect(JSON.parse(handed.stdout).complaint.owner).toMatchObject({ id: `sm-${run}`, role: 'service_manager' });
    const unknown = await as('sm', ['hand-over', id, '--to', 'nobody-here', '--note', 'x']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('(HTTP 404 not_found)') });
  });

  describe('errors exit non-zero with a clear message', () => {
    it('no token: 401 and how to give one', async () => {
      const r = await as('none', ['list']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'ladder: missing Authorization: Bearer <token> header (HTTP 401 unauthorized)\n' +
          'no token given: set LADDER_TOKEN or pass --token (tokens come from `ladder staff add`)\n',
      );
    });

    it('a wrong token: 401, and --token overrides LADDER_TOKEN', async () => {
      const r = await as('cs', ['list', '--token', `cs-${run}.not-the-secret`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the bearer token is not valid (HTTP 401 unauthorized)\nthe token was refused');
    });

    it('bad input: 400 naming the field', async () => {
      const r = await as('cs', [...intake(), '--phone', 'call me maybe']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^ladder: invalid \w+: customer\.phone: expected digits.* \(HTTP 400 invalid_input\)\n$/,
      );
    });

    it('bad input inside an action: 400 naming the field', async () => {
      const { complaintId } = await openJson();
      const r = await as('sm', ['extend', complaintId, '--clock', 'respond', '--by', 'soon', '--reason', 'x']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/by: .*duration.*\(HTTP 400 invalid_input\)/);
    });

    it('an action the state does not allow: 409 with the reason', async () => {
      const { complaintId } = await openJson();
      const r = await as('sm', ['resolve', complaintId]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^ladder: .+ \(HTTP 409 not_allowed\)\n$/);
      const json = await as('sm', ['resolve', complaintId, '--json']);
      expect(JSON.parse(json.stderr)).toMatchObject({ status: 409, error: 'not_allowed', message: expect.any(String) });
    });

    it('over authority: 403', async () => {
      const { complaintId } = await openJson();
      const proposed = await as('advisor', [
        'propose',
        complaintId,
        '--type',
        'discount',
        '--amount',
        '3000',
        '--description',
        'Big discount',
      ]);
      const remedyId = /remedy (\S+) is/.exec(proposed.stdout)![1]!;
      const r = await as('advisor', ['approve', complaintId, remedyId]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/\(HTTP 403 \w+\)/);
    });

    it('an unknown complaint: 404', async () => {
      const r = await as('cs', ['show', `CL-CLI${run}-20260101-ZZZZZZ`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`ladder: no complaint CL-CLI${run}-20260101-ZZZZZZ (HTTP 404 not_found)\n`);
    });

    it('health needs no token and reports Temporal and Kafka', async () => {
      const r = await as('none', ['health']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/: ok at .*\n {2}temporal {2}ok\n {2}kafka {5}ok/);
    });
  });
});
