import type { ListItem } from '../api/complaints';
import type { ListStatus, QueueName } from '../api/vocabulary';
import type { Clock } from '../domain/clock';
import type { AuditEntry, ComplaintState } from '../domain/complaint';
import { LADDER, STAGES, type Stage } from '../domain/ladder';
import { hasOwnKey } from '../domain/own';
import { REMEDY_LABELS, type Remedy } from '../domain/remedy';
import type { Actor } from '../domain/staff';
import { ago, displayWidth, formatTime, padEnd, span, table, type Style } from './text';

/** What a person reads; `--json` bypasses all of this and prints the API's answer. */

export const stageLabel = (stage: Stage) => `${LADDER[stage].label.zh} ${LADDER[stage].label.en}`;

const actorName = (actor: Actor | 'system') =>
  actor === 'system' ? 'system' : `${actor.name ?? actor.id} (${actor.role})`;

const money = (amount: number, currency: string) => `${amount.toLocaleString('en-US')} ${currency}`;

const STATUS_STYLE: Record<ListStatus, keyof Style> = {
  open: 'yellow',
  resolved: 'cyan',
  closed: 'green',
  terminated: 'red',
  failed: 'red',
  timed_out: 'red',
  canceled: 'red',
};

function statusText(status: ListStatus, style: Style): string {
  return style[STATUS_STYLE[status]](status.replace('_', ' '));
}

/** A list item's status, with what makes it urgent: overdue, unowned, an approval waiting. */
function itemStatus(i: ListItem, style: Style): string {
  const marks = [
    ...(i.overdue ? [style.red('overdue')] : []),
    ...(i.unowned ? [style.yellow('unowned')] : []),
    ...(i.awaitingApprovalBy?.length ? [style.yellow('approval')] : []),
  ];
  return [i.status ? statusText(i.status, style) : '—', ...marks].join(' ');
}

/** When each rung was entered, read from the audit trail's stage.entered entries. */
export function stageEntries(audit: AuditEntry[]): Map<Stage, { at: number; how: string }> {
  const entries = new Map<Stage, { at: number; how: string }>();
  for (const entry of audit) {
    if (entry.action !== 'stage.entered') continue;
    const climbed = /→ (\w+) \((\w+)\)/.exec(entry.summary);
    const opened = /^opened at (\w+)/.exec(entry.summary);
    const stage = climbed?.[1] ?? opened?.[1];
    // `in` would also accept "constructor" or "toString" from a summary.
    if (stage && hasOwnKey(LADDER, stage)) entries.set(stage, { at: entry.at, how: climbed?.[2] ?? 'intake' });
  }
  return entries;
}

/** The ladder drawn top rung first, as it is climbed; the current rung marked ▶, rungs passed •. */
export function renderLadder(state: ComplaintState, style: Style): string {
  const entered = stageEntries(state.audit);
  const zhWidth = Math.max(...STAGES.map((s) => displayWidth(LADDER[s].label.zh)));
  const enWidth = Math.max(...STAGES.map((s) => LADDER[s].label.en.length));
  return [...STAGES]
    .reverse()
    .map((stage) => {
      const rung = LADDER[stage];
      const current = stage === state.stage;
      const when = entered.get(stage);
      const notes = [
        ...(current
          ? [
              `← ${state.status === 'open' ? 'here' : state.status}`,
              `tier ${rung.ownerTier}`,
              `${rung.handling.en} / ${rung.handling.zh}`,
            ]
          : []),
        ...(when ? [`${current ? '' : 'passed · '}entered ${formatTime(when.at)} (${when.how})`] : []),
      ];
      const line =
        `  ${current ? '▶' : when ? '•' : ' '} ${rung.index}  ${padEnd(rung.label.zh, zhWidth)}  ${padEnd(rung.label.en, enWidth)}  ${notes.join(' · ')}`.trimEnd();
      return current ? style.bold(line) : when ? line : style.dim(line);
    })
    .join('\n');
}

function clockState(clock: Clock, now: number, style: Style): [string, string] {
  switch (clock.status) {
    case 'running': {
      const countdown = clock.dueAt >= now ? `due ${ago(clock.dueAt, now)}` : `overdue by ${span(now - clock.dueAt)}`;
      const warned = clock.warned || clock.warnAt <= now;
      return [warned ? style.yellow('running, warned') : 'running', warned ? style.yellow(countdown) : countdown];
    }
    case 'paused':
      return [style.cyan('paused'), `${span(clock.remainingMs ?? 0)} left when resumed`];
    case 'met':
      return [style.green('met'), clock.metAt !== undefined ? `at ${formatTime(clock.metAt)}` : ''];
    case 'breached':
      return [style.red('breached'), `lapsed ${ago(clock.dueAt, now)}`];
  }
}

export function renderClocks(clocks: Clock[], now: number, style: Style): string {
  if (clocks.length === 0) return '  (no clocks running)';
  const rows = clocks.map((c) => {
    const [status, countdown] = clockState(c, now, style);
    const extended = c.extendedMs > 0 ? ` (+${span(c.extendedMs)} extended)` : '';
    return [`${c.kind}-by`, stageLabel(c.stage), formatTime(c.dueAt), status, countdown + extended];
  });
  return table(['CLOCK', 'STAGE', 'DUE', 'STATUS', ''], rows, style, '  ');
}

const REMEDY_STATUS: Record<Remedy['status'], keyof Style> = {
  awaiting_approval: 'yellow',
  proposed: 'cyan',
  accepted: 'green',
  declined: 'red',
};

export function renderRemedies(remedies: Remedy[], style: Style): string {
  if (remedies.length === 0) return '  (none proposed)';
  const rows = remedies.map((r) => [
    r.remedyId,
    `${REMEDY_LABELS[r.type].zh} ${REMEDY_LABELS[r.type].en}`,
    money(r.amount, r.currency),
    style[REMEDY_STATUS[r.status]](r.status.replace('_', ' ')),
    actorName(r.proposedBy),
    r.approvedBy ? actorName(r.approvedBy) : '—',
    r.description,
  ]);
  return table(['REMEDY', 'TYPE', 'AMOUNT', 'STATUS', 'PROPOSED BY', 'APPROVED BY', 'DESCRIPTION'], rows, style, '  ');
}

export function renderAudit(audit: AuditEntry[], style: Style): string {
  if (audit.length === 0) return '  (empty)';
  return table(
    ['WHEN', 'ACTION', 'BY', 'SUMMARY'],
    audit.map((a) => [formatTime(a.at), a.action, actorName(a.actor), a.summary]),
    style,
    '  ',
  );
}

function renderOutcome(state: ComplaintState): string[] {
  const lines: string[] = [];
  if (state.pause) {
    lines.push(
      `  Paused  ${state.pause.reason} since ${formatTime(state.pause.since)} by ${actorName(state.pause.by)}${state.pause.note ? `: ${state.pause.note}` : ''}`,
    );
  }
  const r = state.resolution;
  if (r) {
    const why = r.kind === 'upheld_policy' ? `upheld policy: ${r.reason ?? ''}` : 'remedy accepted';
    lines.push(
      `  Resolved   ${formatTime(r.resolvedAt)} by ${actorName(r.resolvedBy)} at ${stageLabel(r.stageReached)}; ${why}; compensation ${money(r.totalCompensation, r.currency)}`,
    );
  }
  const f = state.followUp;
  if (f) {
    const done =
      f.completedAt !== undefined
        ? `done ${formatTime(f.completedAt)}: ${f.satisfied ? 'customer satisfied' : 'customer NOT satisfied'}${f.note ? ` (${f.note})` : ''}`
        : `call from ${formatTime(f.scheduledFor)}, due by ${formatTime(f.dueBy)}`;
    lines.push(`  Follow-up  ${done}`);
  }
  const c = state.closing;
  if (c) {
    const cause =
      c.rootCause.kind === 'incidental'
        ? 'incidental'
        : `process defect in ${c.rootCause.area}: ${c.rootCause.description}`;
    lines.push(
      `  Closed     ${formatTime(c.at)} by ${actorName(c.by)}; root cause ${cause}${c.reflection ? '; reflection report filed' : ''}`,
    );
  }
  if (state.reopenCount > 0)
    lines.push(`  Reopened   ${state.reopenCount}×${state.reopenedAt ? `, last ${formatTime(state.reopenedAt)}` : ''}`);
  return lines;
}

/** `ladder show`: who and what, then the ladder, the clocks, the remedies, the outcome and the audit trail. */
export function renderComplaint(state: ComplaintState, now: number, style: Style): string {
  const { intake } = state;
  const vehicle = [intake.vehicle.plate, intake.vehicle.vin].filter(Boolean).join(' / ');
  const heading = (title: string) => `\n${style.bold(title)}`;
  const outcome = renderOutcome(state);
  return [
    `${style.bold(state.complaintId)}  ${stageLabel(state.stage)}  ${statusText(state.status, style)}`,
    `  Dealer     ${state.dealerId} · policy ${state.policyVersion} · opened ${formatTime(state.openedAt)} (${ago(state.openedAt, now)})`,
    `  Received   by ${actorName(intake.receivedBy)} via ${intake.channel}${intake.reportedByStaff ? ' (reported by staff)' : ''}`,
    `  Customer   ${intake.customer.name} ${intake.customer.phone} · vehicle ${vehicle}${intake.repairOrderNo ? ` · RO ${intake.repairOrderNo}` : ''}`,
    `  Complaint  ${intake.category} · severity ${intake.severity}`,
    `             ${intake.description}`,
    heading('Ladder 投诉阶梯'),
    renderLadder(state, style),
    heading('Clocks'),
    renderClocks(state.clocks, now, style),
    heading('Remedies'),
    renderRemedies(state.remedies, style),
    ...(outcome.length ? [heading('Outcome'), ...outcome] : []),
    heading('Audit trail'),
    renderAudit(state.audit, style),
  ].join('\n');
}

/** One line after an action: where the complaint stands and what the action recorded. */
export function renderActionResult(state: ComplaintState, now: number, style: Style): string {
  const last = state.audit[state.audit.length - 1];
  const running = state.clocks.filter((c) => c.status === 'running').sort((a, b) => a.dueAt - b.dueAt)[0];
  const next = running ? ` · next: ${running.kind}-by ${formatTime(running.dueAt)} (${ago(running.dueAt, now)})` : '';
  return [
    `${style.bold(state.complaintId)}  ${stageLabel(state.stage)}  ${statusText(state.status, style)}${next}`,
    ...(last ? [`  ${last.action}: ${last.summary}`] : []),
  ].join('\n');
}

export function renderList(items: ListItem[], nextPageToken: string | null, now: number, style: Style): string {
  if (items.length === 0) return 'No complaints match.';
  const time = (iso: string | null, relative: boolean) => {
    if (!iso) return '—';
    const ms = Date.parse(iso);
    return relative ? `${formatTime(ms)} (${ago(ms, now)})` : formatTime(ms);
  };
  const rows = items.map((i) => [
    i.complaintId,
    i.dealerId ?? '—',
    i.stage ? stageLabel(i.stage) : '—',
    itemStatus(i, style),
    i.owner ?? '—',
    i.status === 'open' || i.status === 'resolved' ? time(i.nextDeadline, true) : '—',
    time(i.openedAt, false),
  ]);
  const out = table(['COMPLAINT', 'DEALER', 'STAGE', 'STATUS', 'OWNER', 'NEXT DEADLINE', 'OPENED'], rows, style);
  return nextPageToken ? `${out}\n${style.dim(`more: --page-token ${nextPageToken}  (or --all)`)}` : out;
}

/** `ladder queue`: how many complaints wait in each queue, and the command that lists them. */
export function renderQueueCounts(
  queues: { name: QueueName; description: string; count: number }[],
  style: Style,
): string {
  const rows = queues.map((q) => [q.name, q.count > 0 ? style.bold(String(q.count)) : String(q.count), q.description]);
  return `${table(['QUEUE', 'COUNT', ''], rows, style)}\n${style.dim('list one: ladder queue <name>')}`;
}
