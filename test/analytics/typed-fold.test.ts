/**
 * The analytics fold over the typed event union: follow-up misses apart from stage breaches,
 * complaints (not events) counted in breach figures, prototype-named keys, and exhaustiveness.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TSC } from '../support/build';
import { advisor, at, complaint, manager, project, type Emit } from '../support/typed-stream';

/** Resolved at `stage` with an accepted 100 CNY remedy. */
function resolveAt(emit: Emit, stage: 'objection' | 'complaint', remedyId: string) {
  emit('remedy.proposed', {
    remedyId,
    type: 'cash_compensation',
    amount: 100,
    currency: 'CNY',
    proposedBy: advisor,
    needsApproval: false,
    approverRoles: [],
  });
  emit('remedy.accepted', { remedyId, recordedBy: advisor, amount: 100 });
  emit('complaint.resolved', {
    kind: 'remedy_accepted',
    stageReached: stage,
    totalCompensation: 100,
    currency: 'CNY',
    resolvedBy: manager,
  });
}

describe('a missed follow-up call', () => {
  // On time at objection, resolved, then nobody made the follow-up call in time.
  const onTime = complaint('C-on-time');
  onTime.emit('complaint.acknowledged', { stage: 'objection', actor: advisor });
  resolveAt(onTime.emit, 'objection', 'C-on-time-R1');
  onTime.emit('followup.scheduled', { scheduledFor: at(72), dueBy: at(96) });
  onTime.emit('deadline.breached', { stage: 'objection', clock: 'follow_up', dueAt: at(96) }, 96);
  onTime.emit('deadline.breached', { stage: 'objection', clock: 'follow_up', dueAt: at(120) }, 120); // missed again after a retry
  const other = complaint('C-other');
  resolveAt(other.emit, 'objection', 'C-other-R1');
  const projections = project(onTime.records, other.records);

  it('is not a stage breach', () => {
    expect(projections.clocks().objection).toEqual({ breaches: 0, reached: 2, autoEscalationsInto: 0, breachRate: 0 });
  });

  it('is its own figure after resolution, each complaint once', () => {
    expect(projections.afterResolution()).toMatchObject({ followUpsMissed: 1, followUpMissRate: 0.5 });
  });
});

describe('stage breach figures count complaints, not events', () => {
  const twice = complaint('C-twice');
  twice.emit('deadline.breached', { stage: 'objection', clock: 'respond', dueAt: at(2) }, 2);
  twice.emit('stage.entered', { from: 'objection', to: 'complaint', trigger: 'deadline_lapsed' }, 2);
  twice.emit('deadline.breached', { stage: 'complaint', clock: 'respond', dueAt: at(4) }, 4);
  twice.emit('deadline.breached', { stage: 'complaint', clock: 'resolve', dueAt: at(6) }, 6);
  const once = complaint('C-once');
  once.emit('stage.entered', { from: 'objection', to: 'complaint', trigger: 'customer_action' }, 1);
  const projections = project(twice.records, once.records);

  it('counts a complaint breached twice in a stage once, numerator and rate alike', () => {
    expect(projections.clocks().complaint).toEqual({
      breaches: 1,
      reached: 2,
      autoEscalationsInto: 1,
      breachRate: 0.5,
    });
    expect(projections.clocks().objection).toEqual({
      breaches: 1,
      reached: 2,
      autoEscalationsInto: 0,
      breachRate: 0.5,
    });
  });
});

describe('keys from the stream that are Object.prototype names', () => {
  const names = Object.getOwnPropertyNames(Object.prototype); // constructor, __proto__, toString …
  const streams = names.map((name) => {
    const c = complaint(name, { dealerId: name });
    c.emit('remedy.proposed', {
      remedyId: name,
      type: 'rework',
      amount: 10,
      currency: 'CNY',
      proposedBy: advisor,
      needsApproval: false,
      approverRoles: [],
    });
    c.emit('remedy.accepted', { remedyId: name, recordedBy: advisor, amount: 10 });
    return c.records;
  });
  const projections = project(...streams);

  it('counts each such dealer and complaint as itself', () => {
    expect(projections.complaintCount).toBe(names.length);
    const work = projections.openWork();
    expect(work.total).toBe(names.length);
    expect(Object.keys(work.byDealer).sort()).toEqual([...names].sort());
    for (const name of names) expect(Object.getOwnPropertyDescriptor(work.byDealer, name)?.value).toBe(1);
    expect(JSON.parse(JSON.stringify(work)).byDealer).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
  });

  it('breaks reports down by such dealers, and filters by them', () => {
    const byDealer = projections.breakdown('dealerId', (f) => projections.openWork(f));
    expect(Object.keys(byDealer).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(Object.getOwnPropertyDescriptor(byDealer, name)?.value).toMatchObject({ total: 1 });
      expect(projections.funnel({ dealerId: name }).opened).toBe(1);
    }
    expect(projections.compensation()).toMatchObject({
      total: 10 * names.length,
      byType: { rework: { count: names.length, amount: 10 * names.length } },
    });
  });
});

describe('the fold is exhaustive over the event union', () => {
  const file = join(__dirname, '../../analytics/projections.ts');
  const source = readFileSync(file, 'utf8');

  const root = join(__dirname, '../..');

  /**
   * Type-checks projections.ts, optionally edited, with the project's tsc and tsconfig, and returns
   * its own diagnostics. The edited copy sits in a mirror of the tree (everything else linked), so
   * its relative imports resolve as they do in place.
   */
  function diagnostics(text: string): string[] {
    const mirror = join(root, '.stack', `typed-fold-${randomUUID().slice(0, 8)}`);
    try {
      mkdirSync(join(mirror, 'analytics'), { recursive: true });
      for (const entry of readdirSync(root))
        if (!['analytics', '.stack', '.git'].includes(entry)) symlinkSync(join(root, entry), join(mirror, entry));
      for (const entry of readdirSync(join(root, 'analytics')))
        if (entry !== 'projections.ts') symlinkSync(join(root, 'analytics', entry), join(mirror, 'analytics', entry));
      writeFileSync(join(mirror, 'analytics', 'projections.ts'), text);
      writeFileSync(
        join(mirror, 'tsconfig.check.json'),
        JSON.stringify({ extends: './tsconfig.json', files: ['analytics/projections.ts'], include: [] }),
      );
      const tsc = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.check.json', '--noEmit', '--pretty', 'false'], {
        cwd: mirror,
        encoding: 'utf8',
      });
      if (tsc.error) throw tsc.error;
      // One diagnostic per "file(line,col): error TSnnnn: message" line, message continuations joined.
      const output = `${tsc.stdout}${tsc.stderr}`;
      const own = output
        .split(/\n(?=\S)/)
        .filter((d) => d.includes('analytics/projections.ts'))
        .map((d) => d.replace(/^.*?error TS\d+: /s, ''));
      // A failure elsewhere (a config error, another file) must not read as a clean check.
      if (tsc.status !== 0 && own.length === 0) throw new Error(`tsc failed:\n${output}`);
      return own;
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  }

  it('type-checks as written', () => {
    expect(diagnostics(source)).toEqual([]);
  });

  it('fails tsc when a catalogue event has no case', () => {
    const edited = source.replace(/^\s*case 'followup\.scheduled':\n/m, '\n');
    expect(edited).not.toBe(source);
    expect(diagnostics(edited).join('\n')).toMatch(/"followup\.scheduled".*not assignable to type 'never'/s);
  });
});

// Compile-time only (never called): emit is checked against the catalogue.
export function emitIsTyped(emit: Emit) {
  // @ts-expect-error 'follow-up' is not a clock kind
  emit('deadline.breached', { stage: 'objection', clock: 'follow-up', dueAt: at(1) });
  // @ts-expect-error remedy.accepted has no dealer field
  emit('remedy.accepted', { remedyId: 'R1', recordedBy: advisor, amount: 1, dealer: 'x' });
}
