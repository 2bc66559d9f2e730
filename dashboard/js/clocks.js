import { countdown } from './format.js';
import { t } from './i18n.js';

/**
 * The deadline that matters next: the earliest running clock; else a paused one; after
 * resolution the follow-up call (回访); at the top rung a lapsed clock keeps counting overdue.
 */
export function nextClock(complaint, now = Date.now()) {
  if (!complaint) return null;
  const running = complaint.clocks.filter((c) => c.status === 'running').sort((a, b) => a.dueAt - b.dueAt);
  if (running[0]) return running[0];
  const paused = complaint.clocks.find((c) => c.status === 'paused');
  if (paused) return paused;
  const f = complaint.followUp;
  if (complaint.status === 'resolved' && f && f.completedAt === undefined) {
    return now < f.scheduledFor
      ? { kind: 'follow_up_at', dueAt: f.scheduledFor, startedAt: complaint.resolution?.resolvedAt, status: 'running' }
      : { kind: 'follow_up', dueAt: f.dueBy, startedAt: f.scheduledFor, status: 'running' };
  }
  if (complaint.status === 'open') {
    const lapsed = complaint.clocks
      .filter((c) => c.stage === complaint.stage && c.status === 'breached')
      .sort((a, b) => b.dueAt - a.dueAt);
    if (lapsed[0]) return lapsed[0];
  }
  return null;
}

/**
 * How urgent a deadline is: ok, warn (under a quarter left, like the policy's 75 % warning),
 * or overdue. `startedAt` may be unknown (the list gives only the due time).
 */
export function urgency(dueAt, startedAt, now = Date.now()) {
  const left = dueAt - now;
  if (left <= 0) return { left, level: 'overdue', fraction: 0 };
  if (!startedAt || dueAt <= startedAt) return { left, level: 'ok', fraction: null };
  const fraction = Math.max(0, Math.min(1, left / (dueAt - startedAt)));
  return { left, level: fraction < 0.25 ? 'warn' : 'ok', fraction };
}

/** Updates every element with data-due (and optional data-started) in place, once a second. */
export function tickCountdowns(root, now = Date.now()) {
  for (const el of root.querySelectorAll('[data-due]')) {
    const due = Number(el.dataset.due);
    const started = Number(el.dataset.started) || undefined;
    const u = urgency(due, started, now);
    const text = el.querySelector('.cd-text') ?? el;
    text.textContent =
      u.level === 'overdue' ? `${t('overdue')} ${countdown(-u.left).replace('−', '')}` : countdown(u.left);
    el.classList.toggle('warn', u.level === 'warn');
    el.classList.toggle('overdue', u.level === 'overdue');
    const bar = el.querySelector('.cd-bar > i');
    if (bar) bar.style.width = `${Math.round((u.fraction ?? 1) * 100)}%`;
  }
}
