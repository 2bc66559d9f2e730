// Guardrails on the detail page's money and clocks: the policy's limits next to every amount, a
// confirmation in words above one's authority and on every approval, and a warning when an
// extension leaves the other clock to lapse first. The server enforces every rule; these make the
// risky click deliberate.
import { amount as amountText, dateTime, fill, fromNow } from './format.js';
import { CLOCK_KINDS, label, REMEDY_TYPES, ROLES, t } from './i18n.js';
import { amountNote } from './forms.js';
import { capOf } from './roles.js';

// What one person has authorised on a complaint, as domain/remedy.ts authorisedBy counts it:
// remedies they put to the customer within their cap, or approved, that are not declined.
const authorisedBy = (c, staffId) => c.remedies
  .filter((r) => r.status === 'proposed' || r.status === 'accepted')
  .filter((r) => (r.approvedBy ? r.approvedBy.id === staffId : r.proposedBy.id === staffId))
  .reduce((sum, r) => sum + r.amount, 0);

/** Everything on the table or given (domain/remedy.ts committedTotal). */
const committed = (c) => c.remedies.filter((r) => r.status !== 'declined').reduce((sum, r) => sum + r.amount, 0);

/** What the viewer may still authorise on this complaint without approval; null is unlimited. */
export function authorityLeft(me, c) {
  const cap = capOf(me);
  return cap === null ? null : Math.max(0, cap - authorisedBy(c, me.id));
}

/** Roles whose cap covers `amount` (GET /v1/me compensationCaps), lowest authority first. */
export function approversOf(me, value) {
  const caps = me.compensationCaps ?? {};
  return Object.keys(ROLES).filter((role) => Object.hasOwn(caps, role) && (caps[role] === null || caps[role] >= value));
}
const roleList = (roles) => roles.map((r) => label(ROLES, r)).join(t('listSep'));

/** The amount field of the propose dialog, and its live note (figures, words, limits, approval). */
export function remedyAmountFields(me, c) {
  const limits = me.limits ?? null;
  const room = limits ? Math.max(0, limits.complaintMax - committed(c)) : null;
  const left = authorityLeft(me, c);
  const hint = [
    limits ? `${t('policyMax')}${t('colon')}${amountText(limits.remedyMax)}` : null,
    limits ? `${t('complaintLeft')}${t('colon')}${amountText(room)}` : null,
    `${t('yourAuthorityLeft')}${t('colon')}${left === null ? t('unlimited') : amountText(left)}`,
  ].filter(Boolean).join(' · ');
  return [
    {
      name: 'amount', label: `${t('amount')} (${me.currency ?? 'CNY'})`, type: 'money', required: true, value: '0', hint,
      validate: (value) => {
        if (limits && value > limits.remedyMax) return fill(t('amountOverMax'), { max: amountText(limits.remedyMax) });
        if (room !== null && value > room) return fill(t('amountOverComplaint'), { left: amountText(room), max: amountText(limits.complaintMax) });
        return null;
      },
    },
    {
      name: 'amountWords', type: 'note',
      text: (v) => amountNote(v.amount, (value) => [overCap(me, c, value) ? overCapText(me, c, value) : null]),
      warn: (v) => typeof v.amount === 'number' && overCap(me, c, v.amount),
    },
  ];
}

export const overCap = (me, c, value) => {
  const left = authorityLeft(me, c);
  return left !== null && value > left;
};
const overCapText = (me, c, value) => fill(t('overCapWarn'), { cap: amountText(authorityLeft(me, c)), roles: roleList(approversOf(me, value)) || '–' });

/** The confirmation before proposing above one's authority: what it is, and who must approve it. */
export function overCapQuestion(me, c, v) {
  return {
    action: 'confirm-over-cap',
    question: t('confirmOverCap'),
    amount: v.amount,
    lines: [`${label(REMEDY_TYPES, v.type)} · ${v.description ?? ''}`, overCapText(me, c, v.amount)],
  };
}

/** The confirmation on every approval. */
export function approvalQuestion(r) {
  return {
    action: 'confirm-approve',
    question: t('confirmApprove'),
    amount: r.amount,
    currency: r.currency,
    lines: [
      `${label(REMEDY_TYPES, r.type)} · ${r.description}`,
      `${t('proposedBy')}${t('colon')}${r.proposedBy?.name ?? r.proposedBy?.id} · ${label(ROLES, r.proposedBy?.role)}`,
      t('confirmApproveNote'),
    ],
    confirmLabel: t('approve'),
  };
}

// "2h", "30m", "1h30m": the shapes domain/duration.ts readDuration takes.
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
function readDuration(text) {
  const m = String(text ?? '').trim().match(/^(\s*\d+(?:\.\d+)?\s*(ms|s|m|h|d))+\s*$/);
  if (!m) return null;
  let total = 0;
  for (const [, n, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)) total += Number(n) * UNIT_MS[unit];
  return total;
}
export const durationValid = (text) => (readDuration(text) === null ? t('durationHint') : null);

const liveClock = (c, kind) => c.clocks.find((k) => k.kind === kind && k.stage === c.stage && (k.status === 'running' || k.status === 'paused'));

/**
 * The extend dialog's warning: the other clock of the stage falls due before the one being
 * extended will, so it still climbs the complaint when it lapses. Business hours can move the
 * new due time later than this estimate, never earlier, so the warning is never a false alarm.
 */
export function extendNote(c, v) {
  const chosen = liveClock(c, v.clock);
  if (!chosen) return null;
  const by = readDuration(v.by);
  const newDue = chosen.dueAt + (by ?? 0);
  const other = liveClock(c, v.clock === 'respond' ? 'resolve' : 'respond');
  const lines = [];
  if (by !== null) lines.push(fill(t('extendNewDue'), { clock: label(CLOCK_KINDS, v.clock), due: dateTime(newDue) }));
  if (other && other.dueAt < newDue) {
    lines.push(fill(t('extendOtherSooner'), {
      other: label(CLOCK_KINDS, other.kind), clock: label(CLOCK_KINDS, v.clock), due: dateTime(other.dueAt), left: fromNow(other.dueAt),
    }));
  }
  return lines.join('\n') || null;
}
export const extendWarns = (c, v) => {
  const chosen = liveClock(c, v.clock);
  const other = liveClock(c, v.clock === 'respond' ? 'resolve' : 'respond');
  return Boolean(chosen && other && other.dueAt < chosen.dueAt + (readDuration(v.by) ?? 0));
};
