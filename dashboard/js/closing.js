// After resolution: the follow-up call (回访) with its planned and due times; after close: the
// closing report (root cause, process defect, the 8-field 反思报告 of domain/closing.ts).
import { h } from './dom.js';
import { DEFECT_AREAS, FOLLOW_UP_OUTCOMES, label, REFLECTION_FIELDS, ROLES, t } from './i18n.js';
import { actorName, dateTime, fill, fromNow } from './format.js';

const row = (key, value, data) => (value ? [h('dt', t(key)), h('dd', data ? { dataset: data } : null, value)] : null);
const when = (at) => h('time', { datetime: new Date(at).toISOString() }, dateTime(at));

/** The closing report once one is filed (the complaint closes when the follow-up call is done too). */
export function closingReport(c) {
  const k = c.closing;
  if (!k) return null;
  const cause = k.rootCause;
  return h(
    'section.panel.closing-report',
    { dataset: { panel: 'closing' } },
    h('h2.panel-title', t('closingReport')),
    h(
      'dl.facts',
      row('rootCause', cause.kind === 'incidental' ? t('incidental') : t('processDefect'), { rootCause: cause.kind }),
      cause.kind === 'process_defect'
        ? row('defectArea', label(DEFECT_AREAS, cause.area), { defectArea: cause.area })
        : null,
      cause.kind === 'process_defect'
        ? row('defectDescription', h('p.description', cause.description), { defectDescription: '' })
        : null,
      row('closeReason', k.reason ? h('p.description', k.reason) : null),
      row(c.status === 'closed' ? 'closedBy' : 'filedBy', `${actorName(k.by)} · ${label(ROLES, k.by.role)}`),
      row(c.status === 'closed' ? 'closedAt' : 'filedAt', when(k.at)),
    ),
    k.reflection
      ? [
          h('h3.form-heading', t('reflection')),
          h(
            'dl.reflection',
            Object.keys(REFLECTION_FIELDS).map((key) => [
              h('dt', label(REFLECTION_FIELDS, key)),
              h('dd', { dataset: { reflection: key } }, k.reflection[key] ?? '–'),
            ]),
          ),
        ]
      : h('p.muted', t('noReflection')),
  );
}

/** The follow-up call while it is planned, and what it found once made. */
export function followUpPanel(c) {
  const f = c.followUp;
  if (!f) return null;
  const done = f.completedAt !== undefined;
  const countdown = (at, started) =>
    h('span.countdown.inline', { dataset: { due: String(at), started: String(started ?? '') } }, h('span.cd-text'));
  return h(
    'section.panel.follow-up',
    { dataset: { panel: 'followUp' } },
    h('h2.panel-title', t('followUpTitle')),
    h(
      'dl.facts',
      row('followUpAt', [when(f.scheduledFor), done ? null : h('small.muted', ` · ${fromNow(f.scheduledFor)}`)], {
        followUp: 'scheduled',
      }),
      row('followUpDue', [when(f.dueBy), done ? null : [' ', countdown(f.dueBy, f.scheduledFor)]], { followUp: 'due' }),
      f.unreachableCalls ? row('unreachableCalls', String(f.unreachableCalls)) : null,
      done
        ? row('followUpDone', [
            when(f.completedAt),
            ` · ${label(FOLLOW_UP_OUTCOMES, f.satisfied ? 'satisfied' : f.unreachableCalls ? 'unreachable' : 'not_satisfied')}`,
          ])
        : null,
      row('note', f.note),
    ),
  );
}

/** The head's reopen badge: a reopened complaint is not good news. */
export function reopenBadge(c) {
  if (!c.reopenCount) return null;
  const text = c.reopenCount > 1 ? fill(t('reopenedTimes'), { n: c.reopenCount }) : t('reopened');
  return h(
    'span.badge.reopened',
    {
      dataset: { badge: 'reopened', reopenCount: String(c.reopenCount) },
      title: c.reopenedAt ? `${t('reopenedAt')} ${dateTime(c.reopenedAt)}` : undefined,
    },
    text,
  );
}
