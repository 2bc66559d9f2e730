// The timeline, worded from each audit line's event (its catalogue name and data, domain/events.ts)
// in the reader's language: times in the policy's zone, remedies by type and amount, people by name
// and role. A line without an event (written before lines carried one) shows its label and the
// server's summary.
import { h } from './dom.js';
import {
  CATEGORIES,
  CHANNELS,
  CLOCK_KINDS,
  CONTACT_METHODS,
  CUSTOMER_TEMPLATE_LABELS,
  DEFECT_AREAS,
  ENTRY_TRIGGERS,
  FOLLOW_UP_OUTCOMES,
  label,
  PAUSE_REASONS,
  REMEDY_TYPES,
  RESUME_TRIGGERS,
  ROLES,
  STAGE_LABELS,
  STAGES,
  t,
} from './i18n.js';
import { own } from './own.js';
import { actorName, amount, dateTime, relative, span, zoneTitle } from './format.js';

/** The action's own label, for lines without an event. */
const ACTION_TITLES = {
  'complaint.opened': 'tlOpened',
  'stage.entered': 'tlStageEntered',
  'deadline.breached': 'tlBreached',
  acknowledge: 'tlAcknowledged',
  logContact: 'tlContact',
  proposeRemedy: 'tlProposed',
  approveRemedy: 'tlApproved',
  recordCustomerDecision: 'tlDecision',
  pauseClock: 'tlPaused',
  resumeClock: 'tlResumed',
  extendDeadline: 'tlExtended',
  resolve: 'tlResolved',
  recordFollowUp: 'tlFollowUp',
  close: 'tlClosingFiled',
  handOver: 'tlHandedOver',
  'customer.update.lapsed': 'tlUpdateLapsed',
  'customer.notice_failed': 'tlNoticeFailed',
};
const TONES = {
  'deadline.breached': 'bad',
  'customer.update.lapsed': 'bad',
  'customer.notice_failed': 'bad',
  'stage.entered': 'climb',
  resolve: 'good',
  close: 'good',
  proposeRemedy: 'money',
  approveRemedy: 'money',
  recordCustomerDecision: 'money',
};

const stage = (s) => label(STAGE_LABELS, s);
const person = (a) => (a && a !== 'system' ? `${actorName(a)} · ${label(ROLES, a.role)}` : t('tlSystem'));
const remedyTitle = (type, value, currency) => `${label(REMEDY_TYPES, type)} · ${amount(value, currency)}`;

/**
 * What one line says: { title, facts: [text], quote, tone, badge, ref }. Reads the state too, for
 * what the event leaves out (a remedy's type on approval, the intake on opening).
 */
export function describe(entry, c) {
  const e = entry.event;
  const d = e?.data ?? {};
  const base = {
    title: t(own(ACTION_TITLES, entry.action) ?? entry.action),
    facts: [],
    tone: own(TONES, entry.action) ?? 'staff',
  };
  const remedy = (id) => c.remedies.find((r) => r.remedyId === id);
  switch (entry.action) {
    case 'complaint.opened': {
      const i = c.intake;
      return {
        ...base,
        facts: [
          `${t('channel')}${t('colon')}${label(CHANNELS, i.channel)}`,
          `${t('category')}${t('colon')}${label(CATEGORIES, i.category)}`,
        ],
      };
    }
    case 'stage.entered': {
      if (e?.name !== 'stage.entered') break;
      if (d.from === null || d.from === undefined)
        return { ...base, title: `${t('tlStartedAt')}${t('colon')}${stage(d.to)}`, tone: 'staff', facts: [] };
      const up = STAGES.indexOf(d.to) > STAGES.indexOf(d.from);
      return {
        ...base,
        title: `${stage(d.from)} → ${stage(d.to)}`,
        tone: up ? 'climb' : 'staff',
        facts: [label(ENTRY_TRIGGERS, d.trigger)],
        quote: d.reason,
      };
    }
    case 'deadline.breached':
      if (e?.name !== 'deadline.breached') break;
      return {
        ...base,
        facts: [`${label(CLOCK_KINDS, d.clock)} · ${stage(d.stage)}`, `${t('due')}${t('colon')}${dateTime(d.dueAt)}`],
      };
    case 'acknowledge':
      if (e?.name !== 'complaint.acknowledged') break;
      return { ...base, quote: d.note };
    case 'logContact':
      if (e?.name !== 'contact.logged') break;
      return { ...base, title: `${base.title} · ${label(CONTACT_METHODS, d.method)}`, quote: d.summary };
    case 'proposeRemedy':
      if (e?.name !== 'remedy.proposed') break;
      return {
        ...base,
        title: `${base.title}${t('colon')}${remedyTitle(d.type, d.amount, d.currency)}`,
        facts: [
          d.needsApproval
            ? `${t('tlNeedsApproval')}${t('colon')}${d.approverRoles.map((r) => label(ROLES, r)).join(t('listSep'))}`
            : t('tlToCustomer'),
        ],
        quote: d.description,
        ref: d.remedyId,
      };
    case 'approveRemedy': {
      if (e?.name !== 'remedy.approved') break;
      const r = remedy(d.remedyId);
      return {
        ...base,
        title: `${base.title}${t('colon')}${r ? remedyTitle(r.type, d.amount, d.currency) : amount(d.amount, d.currency)}`,
        ref: d.remedyId,
      };
    }
    case 'recordCustomerDecision': {
      if (e?.name !== 'remedy.accepted' && e?.name !== 'remedy.declined') break;
      const accepted = e.name === 'remedy.accepted';
      const type = d.type ?? remedy(d.remedyId)?.type;
      return {
        ...base,
        title: `${t(accepted ? 'tlAccepted' : 'tlDeclined')}${t('colon')}${remedyTitle(type, d.amount, d.currency)}`,
        tone: accepted ? 'money' : 'bad',
        quote: d.note,
        ref: d.remedyId,
      };
    }
    case 'pauseClock': {
      if (e?.name !== 'clock.paused') break;
      const until = c.pause?.since === entry.at ? c.pause.until : undefined;
      return {
        ...base,
        title: `${base.title} · ${label(PAUSE_REASONS, d.reason)}`,
        facts: until ? [`${t('tlResumesBy')} ${dateTime(until)}`] : [],
        quote: d.note,
      };
    }
    case 'resumeClock': {
      if (e?.name !== 'clock.resumed') break;
      const due = Object.entries(d.newDueAt ?? {}).map(
        ([k, at]) => `${label(CLOCK_KINDS, k)} ${t('tlNowDue')} ${dateTime(at)}`,
      );
      const why = d.trigger && d.trigger !== 'supervisor' ? label(RESUME_TRIGGERS, d.trigger) : null;
      return {
        ...base,
        facts: [`${t('tlPausedFor')} ${span(d.pausedForMs)}`, why, ...due].filter(Boolean),
        quote: d.note,
      };
    }
    case 'extendDeadline':
      if (e?.name !== 'deadline.extended') break;
      return {
        ...base,
        title: `${base.title}${t('colon')}${label(CLOCK_KINDS, d.clock)} +${span(d.byMs)}`,
        facts: [`${t('tlWasDue')} ${dateTime(d.previousDueAt)} → ${t('tlNowDue')} ${dateTime(d.newDueAt)}`],
        quote: d.reason,
      };
    case 'resolve':
      if (e?.name !== 'complaint.resolved') break;
      return {
        ...base,
        title: `${base.title}${t('colon')}${t(d.kind === 'upheld_policy' ? 'upheldPolicy' : 'remedyAccepted')}`,
        facts: [
          `${t('tlTotal')} ${amount(d.totalCompensation, d.currency)}`,
          `${t('tlStageReached')}${t('colon')}${stage(d.stageReached)}`,
        ],
        quote: d.reason,
      };
    case 'recordFollowUp': {
      // 回访不满意 reopens the complaint: marked as a reopen, never as good news.
      const reopen =
        e?.name === 'followup.completed' ? !d.satisfied && d.outcome !== 'unreachable' : c.reopenedAt === entry.at;
      if (e?.name !== 'followup.completed' && !reopen) break;
      const outcome = d.outcome ?? (d.satisfied ? 'satisfied' : 'not_satisfied');
      return {
        ...base,
        title: `${base.title}${t('colon')}${label(FOLLOW_UP_OUTCOMES, reopen ? 'not_satisfied' : outcome)}`,
        tone: reopen ? 'reopen' : outcome === 'satisfied' ? 'good' : 'staff',
        badge: reopen ? t('reopened') : null,
        quote: d.note,
      };
    }
    case 'close': {
      const closing = c.closing?.at === entry.at ? c.closing : null;
      const rootCause = (e?.name === 'complaint.closed' ? d.rootCause : null) ?? closing?.rootCause;
      if (!rootCause) break;
      const cause =
        rootCause.kind === 'incidental'
          ? t('incidental')
          : `${t('processDefect')} · ${label(DEFECT_AREAS, rootCause.area)}`;
      return {
        ...base,
        title: t(e?.name === 'complaint.closed' ? 'tlClosed' : 'tlClosingFiled'),
        facts: [`${t('rootCause')}${t('colon')}${cause}`],
      };
    }
    case 'handOver': {
      if (e?.name !== 'complaint.assigned') break;
      const taken = d.by?.id === d.to?.id;
      return {
        ...base,
        title: t(taken ? 'tlTaken' : 'tlHandedOver'),
        facts: [`${person(d.from)} → ${person(d.to)}`],
        quote: d.note,
      };
    }
    case 'customer.update.lapsed':
      if (e?.name !== 'customer.update.lapsed') break;
      return { ...base, facts: [`${t('tlUpdateDue')}${t('colon')}${dateTime(d.dueAt)}`] };
    case 'customer.notice_failed': {
      // No event stands behind this line; the template is the summary's second word.
      const template = /^the (\w+) notice/.exec(entry.summary)?.[1];
      return {
        ...base,
        facts: template ? [`${t('tlNoticeKind')}${t('colon')}${label(CUSTOMER_TEMPLATE_LABELS, template)}`] : [],
        quote: entry.summary,
      };
    }
    default:
      break;
  }
  return { ...base, quote: entry.summary, raw: true };
}

/** Newest first. */
export function timeline(c) {
  const entries = [...c.audit].reverse();
  return h(
    'ol.timeline',
    entries.map((entry) => {
      const v = describe(entry, c);
      const iso = new Date(entry.at).toISOString();
      return h(
        `li.tone-${v.tone}`,
        { dataset: { action: entry.action, event: entry.event?.name ?? '' } },
        h(
          'div.tl-head',
          h(
            'strong.tl-title',
            v.title,
            v.badge ? h('span.badge.reopened', { dataset: { badge: 'reopened' } }, v.badge) : null,
          ),
          h('time', { datetime: iso, title: zoneTitle(entry.at) }, `${dateTime(entry.at)} · ${relative(entry.at)}`),
        ),
        v.facts.length
          ? h(
              'div.tl-facts',
              v.facts.map((f) => h('span', f)),
            )
          : null,
        v.quote ? h(v.raw ? 'div.tl-summary.tl-raw' : 'div.tl-summary', v.quote) : null,
        h('div.tl-actor', person(entry.actor), v.ref ? h('small.tl-ref', ` · ${t('remedyRef')} ${v.ref}`) : null),
      );
    }),
  );
}
