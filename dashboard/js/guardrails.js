// Guardrails on the detail page's money and clocks: the policy's limits next to every amount, a
// confirmation in words above one's authority and on every approval, and a warning when an
// extension leaves the other clock to lapse first. The server enforces every rule; these make the
// risky click deliberate.
import { amount as amountText, dateTime, fill, fromNow } from './format.js';
import { CLOCK_KINDS, label, REMEDY_TYPES, ROLES, t } from './i18n.js';
import { amountNote } from './forms.js';

// `authority` is GET /v1/complaints/{id}/actions' answer: what the viewer may still authorise here
// (null: unlimited) and the room under the policy's limits, by the sums the rules themselves use.

/** Roles whose cap covers `amount` (GET /v1/me compensationCaps), lowest authority first. */
export function approversOf(me, value) {
  const caps = me.compensationCaps ?? {};
  return Object.keys(ROLES).filter((role) => Object.hasOwn(caps, role) && (caps[role] === null || caps[role] >= value));
}
const roleList = (roles) => roles.map((r) => label(ROLES, r)).join(t('listSep'));

/** The amount field of the propose dialog, and its live note (figures, words, limits, approval). */
export function remedyAmountFields(me, authority) {
  const { remedyMax, complaintMax, complaintLeft, authorityLeft, currency } = authority;
  const hint = [
    `${t('policyMax')}${t('colon')}${amountText(remedyMax, currency)}`,
    `${t('complaintLeft')}${t('colon')}${amountText(complaintLeft, currency)}`,
    `${t('yourAuthorityLeft')}${t('colon')}${authorityLeft === null ? t('unlimited') : amountText(authorityLeft, currency)}`,
  ].join(' · ');
  return [
    {
      name: 'amount',
      label: `${t('amount')} (${currency})`,
      type: 'money',
      required: true,
      value: '0',
      hint,
      validate: (value) => {
        if (value > remedyMax) return fill(t('amountOverMax'), { max: amountText(remedyMax, currency) });
        if (value > complaintLeft)
          return fill(t('amountOverComplaint'), {
            left: amountText(complaintLeft, currency),
            max: amountText(complaintMax, currency),
          });
        return null;
      },
    },
    {
      name: 'amountWords',
      type: 'note',
      text: (v) =>
        amountNote(v.amount, (value) => [overCap(authority, value) ? overCapText(me, authority, value) : null]),
      warn: (v) => typeof v.amount === 'number' && overCap(authority, v.amount),
    },
  ];
}

export const overCap = (authority, value) => authority.authorityLeft !== null && value > authority.authorityLeft;
const overCapText = (me, authority, value) =>
  fill(t('overCapWarn'), {
    cap: amountText(authority.authorityLeft, authority.currency),
    roles: roleList(approversOf(me, value)) || '–',
  });

/** The confirmation before proposing above one's authority: what it is, and who must approve it. */
export function overCapQuestion(me, authority, v) {
  return {
    action: 'confirm-over-cap',
    question: t('confirmOverCap'),
    amount: v.amount,
    currency: authority.currency,
    lines: [`${label(REMEDY_TYPES, v.type)} · ${v.description ?? ''}`, overCapText(me, authority, v.amount)],
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
  const m = String(text ?? '')
    .trim()
    .match(/^(\s*\d+(?:\.\d+)?\s*(ms|s|m|h|d))+\s*$/);
  if (!m) return null;
  let total = 0;
  for (const [, n, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g))
    total += Number(n) * UNIT_MS[unit];
  return total;
}
export const durationValid = (text) => (readDuration(text) === null ? t('durationHint') : null);

const liveClock = (c, kind) =>
  c.clocks.find((k) => k.kind === kind && k.stage === c.stage && (k.status === 'running' || k.status === 'paused'));

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
    lines.push(
      fill(t('extendOtherSooner'), {
        other: label(CLOCK_KINDS, other.kind),
        clock: label(CLOCK_KINDS, v.clock),
        due: dateTime(other.dueAt),
        left: fromNow(other.dueAt),
      }),
    );
  }
  return lines.join('\n') || null;
}
export const extendWarns = (c, v) => {
  const chosen = liveClock(c, v.clock);
  const other = liveClock(c, v.clock === 'respond' ? 'resolve' : 'respond');
  return Boolean(chosen && other && other.dueAt < chosen.dueAt + (readDuration(v.by) ?? 0));
};
