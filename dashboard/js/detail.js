import { toast } from './app.js';
import { get, post, session } from './api.js';
import { h, replace } from './dom.js';
import {
  CATEGORIES, CHANNELS, CLOCK_KINDS, CLOCK_STATUS, CONTACT_METHODS, DEFECT_AREAS, getLang, label, PAUSE_REASONS,
  REFLECTION_FIELDS, REMEDY_STATUS, REMEDY_TYPES, ROLES, SEVERITIES, STAGE_HANDLING, STAGE_LABELS, STAGES, stageBoth, t,
} from './i18n.js';
import { tickCountdowns } from './clocks.js';
import { actorName, amount, dateTime, fill, timeZone } from './format.js';
import { confirmDialog, openDialog, optionsOf } from './forms.js';
import { timeline } from './timeline.js';
import { closingReport, followUpPanel, reopenBadge } from './closing.js';
import { approvalQuestion, approversOf, durationValid, extendNote, extendWarns, overCap, overCapQuestion, remedyAmountFields } from './guardrails.js';
import { errorText } from './errors.js';
import { availableActions, capOf, isSupervisor, remedyActions, tierOf } from './roles.js';
import { ownerButtons, ownerLine } from './handover.js';

const POLL_MS = 2000;

// The timeline, closing report and guardrails bring their own styles.
document.head.append(h('link', { rel: 'stylesheet', href: '/dashboard/detail.css' }));

export function mountDetail(root, complaintId) {
  const me = session.me;
  let complaint = null;
  let seen = -1;
  let stopped = false;
  let timer;
  const path = `/v1/complaints/${encodeURIComponent(complaintId)}`;

  replace(root, h('p.loading', '…'));

  async function load() {
    clearTimeout(timer);
    try {
      const res = await get(path);
      if (res.complaint.sequence !== seen) {
        complaint = res.complaint;
        seen = complaint.sequence;
        if (!stopped) draw();
      }
    } catch (err) {
      if (!complaint && !stopped) replace(root, h('div.panel.error-panel', h('h2', complaintId), h('p', errorText(err)), h('a.btn', { href: '#/board' }, t('back'))));
    }
    if (!stopped) timer = setTimeout(load, POLL_MS);
  }

  /** Runs an action and shows the state it returns straight away. */
  async function act(pathSuffix, body, done) {
    const res = await post(`${path}/${pathSuffix}`, body);
    complaint = res.complaint;
    seen = complaint.sequence;
    draw();
    toast(done, 'ok');
  }

  function draw() {
    // A redraw must not throw away the keyboard's place: find the same control again afterwards.
    const focused = focusKey(root);
    const c = complaint;
    const { intake } = c;
    const actions = availableActions(me, c);
    const owned = ownerButtons(me, c, act);
    replace(root,
      h('a.back', { href: '#/board' }, `← ${t('back')}`),
      h('div.detail-head',
        h('div',
          h('div.detail-id', c.complaintId),
          h('h1', label(CATEGORIES, intake.category), h('span.muted', ` · ${intake.customer.name}`)),
          h('div.chips',
            h(`span.stage-pill.stage-${c.stage}`, { dataset: { currentStage: c.stage } }, stageBoth(c.stage)),
            h(`span.badge.${c.status}`, { dataset: { status: c.status } }, t(c.status)),
            reopenBadge(c),
            h(`span.sev.sev-${intake.severity}`, label(SEVERITIES, intake.severity)),
            c.pause ? h('span.badge.paused', `${t('paused')} · ${label(PAUSE_REASONS, c.pause.reason)}`) : null,
            h('span.chip', c.dealerId),
          ),
          ownerLine(c),
        ),
      ),
      ladder(c),
      h('div.detail-grid',
        h('div.detail-main',
          panel(t('clocks'), clocksTable(c)),
          panel(t('remedies'), remediesTable(c)),
          followUpPanel(c),
          closingReport(c),
          panel(t('timeline'), timeline(c)),
        ),
        h('aside.detail-side',
          panel(t('actions'), actions.length ? h('div.action-list', actions.map((a) => actionButton(a)), owned) : [h('p.muted', t('noActions')), owned]),
          panel(t('customer'), facts(c)),
        ),
      ),
    );
    restoreFocus(root, focused);
    tickCountdowns(root);
  }

  function ladder(c) {
    const at = STAGES.indexOf(c.stage);
    return h('ol.ladder', STAGES.map((s, i) => h(`li.stage-${s}`, { class: i < at ? 'passed' : i === at ? 'current' : '' },
      h('span.rung', String(i)),
      h('span.ladder-zh', STAGE_LABELS[s].zh),
      h('span.ladder-en', STAGE_LABELS[s].en),
      i === at ? h('span.ladder-hint', label(STAGE_HANDLING, s)) : null,
    )));
  }

  function clocksTable(c) {
    // The current stage's clocks first, then the follow-up, then history (newest first).
    const clocks = [...c.clocks].sort((a, b) => rank(a, c) - rank(b, c) || b.startedAt - a.startedAt);
    if (!clocks.length) return h('p.muted', '–');
    return h('table.table',
      h('thead', h('tr', h('th', { scope: 'col' }, t('stage')), h('th', { scope: 'col' }, t('clock')), h('th', { scope: 'col' }, t('due')), h('th', { scope: 'col' }, t('status')), h('th.num', { scope: 'col' }, ''))),
      h('tbody', clocks.map((k) => h(`tr.clock-${k.status}`,
        h('td', label(STAGE_LABELS, k.stage)),
        h('td', label(CLOCK_KINDS, k.kind)),
        h('td', dateTime(k.dueAt)),
        h('td', h(`span.badge.clock-${k.status}`, label(CLOCK_STATUS, k.status))),
        h('td.num', k.status === 'running'
          ? h('span.countdown.inline', { dataset: { due: String(k.dueAt), started: String(k.startedAt) } }, h('span.cd-text'))
          : ''),
      ))),
    );
  }
  const rank = (k, c) => (k.status === 'running' || k.status === 'paused' ? 0 : k.kind === 'follow_up' ? 1 : 2) + (k.stage === c.stage ? 0 : 0.5);

  function remediesTable(c) {
    if (!c.remedies.length) return h('p.muted', t('noRemedies'));
    return h('table.table',
      h('thead', h('tr', h('th', { scope: 'col' }, t('type')), h('th.num', { scope: 'col' }, t('amount')), h('th', { scope: 'col' }, t('proposedBy')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, ''))),
      h('tbody', c.remedies.map((r) => h('tr', { dataset: { remedyId: r.remedyId } },
        h('td', h('div', label(REMEDY_TYPES, r.type)), h('small.muted', r.description)),
        h('td.num', amount(r.amount, r.currency)),
        h('td', h('div', actorName(r.proposedBy)), h('small.muted', label(ROLES, r.proposedBy.role))),
        h('td', h(`span.badge.remedy-${r.status}`, label(REMEDY_STATUS, r.status)),
          r.status === 'awaiting_approval' ? h('small.muted.approvers', `${t('tlNeedsApproval')}${t('colon')}${approversOf(me, r.amount).map((x) => label(ROLES, x)).join(t('listSep'))}`) : null),
        h('td.row-actions', remedyActions(me, c, r).map((a) => remedyButton(r, a))),
      ))),
    );
  }

  function remedyButton(r, a) {
    const base = `remedies/${encodeURIComponent(r.remedyId)}`;
    const run = {
      // Every approval is confirmed, with the amount in words: it sends money to the customer.
      approve: async () => (await confirmDialog(approvalQuestion(r))) && act(`${base}/approve`, {}, `${t('approve')} · ${label(REMEDY_TYPES, r.type)}`),
      accept: () => act(`${base}/decision`, { decision: 'accept' }, `${t('accept')} · ${label(REMEDY_TYPES, r.type)}`),
      decline: () => openDialog({
        action: 'decline', title: `${t('decline')} · ${label(REMEDY_TYPES, r.type)}`, danger: true,
        fields: [{ name: 'note', label: t('note'), type: 'textarea' }],
        onSubmit: (v) => act(`${base}/decision`, { decision: 'decline', ...v }, t('decline')),
      }),
    }[a];
    return h(`button.btn.small${a === 'decline' ? '' : '.primary'}`, {
      type: 'button', dataset: { remedyAction: a },
      onclick: async (e) => {
        const button = e.currentTarget;
        button.disabled = true;
        try {
          await run();
        } catch (err) {
          toast(errorText(err), 'error');
        } finally {
          button.disabled = false;
        }
      },
    }, t(a));
  }

  function facts(c) {
    const i = c.intake;
    const row = (k, v) => (v ? [h('dt', k), h('dd', v)] : null);
    return h('dl.facts',
      row(t('customer'), `${i.customer.name} · ${i.customer.phone}`),
      row(t('vehicle'), [i.vehicle.plate, i.vehicle.vin].filter(Boolean).join(' · ')),
      row(t('repairOrder'), i.repairOrderNo),
      row(t('channel'), label(CHANNELS, i.channel)),
      row(t('category'), label(CATEGORIES, i.category)),
      row(t('receivedBy'), `${actorName(i.receivedBy)} · ${label(ROLES, i.receivedBy.role)}`),
      row(t('openedAt'), dateTime(c.openedAt)),
      row(t('policy'), `${c.policyVersion} · ${fill(t('timesIn'), { zone: timeZone() ?? t('localTime') })}`),
      row(t('description'), h('p.description', i.description)),
      c.resolution ? row(t('resolved'), `${amount(c.resolution.totalCompensation, c.resolution.currency)} · ${label(STAGE_LABELS, c.resolution.stageReached)} · ${actorName(c.resolution.resolvedBy)}`) : null,
    );
  }

  function actionButton(action) {
    const primary = ['acknowledge', 'resolve', 'close', 'followUp'].includes(action);
    return h(`button.btn.block${primary ? '.primary' : ''}`, {
      type: 'button', dataset: { action },
      onclick: () => openAction(action),
    }, t(action));
  }

  function openAction(action) {
    const c = complaint;
    const lang = getLang();
    const specs = {
      acknowledge: { fields: [{ name: 'note', label: t('note'), type: 'textarea' }], to: 'acknowledge' },
      logContact: {
        to: 'contacts',
        fields: [
          { name: 'method', label: t('method'), type: 'select', options: optionsOf(CONTACT_METHODS, lang), required: true },
          { name: 'summary', label: t('summary'), type: 'textarea', required: true },
        ],
      },
      proposeRemedy: {
        to: 'remedies',
        intro: `${t('withinCap')}: ${capOf(me) === null ? t('unlimited') : amount(capOf(me), me.currency)}. ${t('overCapNote')}`,
        fields: [
          { name: 'type', label: t('type'), type: 'select', options: optionsOf(REMEDY_TYPES, lang), required: true },
          ...remedyAmountFields(me, c),
          { name: 'description', label: t('description'), type: 'textarea', required: true, wide: true },
        ],
        // Above the viewer's authority it goes to approval: say so, and to whom, before sending it.
        confirm: (v) => (overCap(me, c, v.amount) ? overCapQuestion(me, c, v) : null),
      },
      escalate: {
        to: 'escalate',
        fields: [
          { name: 'to', label: t('to'), type: 'select', required: true, options: STAGES.slice(STAGES.indexOf(c.stage) + 1).map((s) => ({ value: s, label: stageBoth(s) })) },
          {
            name: 'driver', label: t('driver'), type: 'radio',
            options: [{ value: 'customer', label: t('driverCustomer') }, ...(isSupervisor(me.role) ? [{ value: 'supervisor', label: t('driverSupervisor') }] : [])],
          },
          { name: 'reason', label: t('reason'), type: 'textarea', required: true, wide: true },
        ],
      },
      pause: {
        to: 'pause',
        fields: [
          { name: 'reason', label: t('reason'), type: 'select', options: optionsOf(PAUSE_REASONS, lang), required: true },
          { name: 'note', label: t('note'), type: 'textarea' },
        ],
      },
      resume: { to: 'resume', fields: [{ name: 'note', label: t('note'), type: 'textarea' }] },
      extend: {
        to: 'extend',
        fields: [
          {
            name: 'clock', label: t('clock'), type: 'select', required: true,
            options: ['respond', 'resolve']
              .filter((k) => c.clocks.some((x) => x.kind === k && x.stage === c.stage && (x.status === 'running' || x.status === 'paused')))
              .map((k) => ({ value: k, label: label(CLOCK_KINDS, k) })),
          },
          { name: 'by', label: t('by'), required: true, value: '2h', validate: durationValid },
          // Extending one clock while the other lapses sooner does not stop the climb: say so.
          { name: 'otherClock', type: 'note', text: (v) => extendNote(c, v), warn: (v) => extendWarns(c, v) },
          { name: 'reason', label: t('reason'), type: 'textarea', required: true, wide: true },
        ],
      },
      resolve: {
        to: 'resolve',
        fields: [
          {
            name: 'kind', label: t('kind'), type: 'radio',
            options: [
              ...(c.remedies.some((r) => r.status === 'accepted') ? [{ value: 'remedy_accepted', label: t('remedyAccepted') }] : []),
              ...(tierOf(me.role) >= 2 ? [{ value: 'upheld_policy', label: t('upheldPolicy') }] : []),
            ],
          },
          { name: 'reason', label: t('reason'), type: 'textarea', required: true, showIf: (v) => v.kind === 'upheld_policy', wide: true },
        ],
      },
      followUp: {
        to: 'follow-up',
        fields: [
          { name: 'satisfied', label: t('status'), type: 'radio', options: [{ value: 'yes', label: t('satisfied') }, { value: 'no', label: t('notSatisfied') }, { value: 'unreachable', label: t('unreachable') }] },
          ...(Date.now() < (c.followUp?.scheduledFor ?? 0) ? [{ name: 'customerCalled', label: t('customerCalled'), type: 'checkbox' }] : []),
          { name: 'note', label: t('note'), type: 'textarea' },
        ],
        body: (v) => ({
          outcome: { yes: 'satisfied', no: 'not_satisfied', unreachable: 'unreachable' }[v.satisfied],
          ...(v.customerCalled ? { customerCalled: true } : {}),
          ...(v.note ? { note: v.note } : {}),
        }),
      },
      close: closeSpec(c),
    }[action];
    openDialog({
      action,
      title: `${t(action)} · ${c.complaintId}`,
      intro: specs.intro,
      fields: specs.fields,
      submitLabel: t(action),
      onSubmit: async (values) => {
        const question = specs.confirm?.(values);
        if (question && !(await confirmDialog(question))) return false;
        return act(specs.to, specs.body ? specs.body(values) : values, t(action));
      },
    });
  }

  function closeSpec(c) {
    const reached = c.resolution?.stageReached ?? c.stage;
    const reflection = STAGES.indexOf(reached) >= STAGES.indexOf('formal_complaint');
    const lang = getLang();
    return {
      to: 'close',
      fields: [
        { name: 'kind', label: t('rootCause'), type: 'radio', options: [{ value: 'incidental', label: t('incidental') }, { value: 'process_defect', label: t('processDefect') }] },
        { name: 'area', label: t('area'), type: 'select', options: optionsOf(DEFECT_AREAS, lang), showIf: (v) => v.kind === 'process_defect' },
        { name: 'description', label: t('description'), type: 'textarea', required: true, showIf: (v) => v.kind === 'process_defect', wide: true },
        ...(reflection
          ? [
              { name: 'reflection', label: t('reflection'), type: 'heading', hint: t('reflectionNeeded') },
              ...Object.keys(REFLECTION_FIELDS).map((k) => ({ name: k, label: label(REFLECTION_FIELDS, k), type: 'textarea', rows: 2, required: true })),
            ]
          : []),
      ],
      body: (v) => ({
        rootCause: v.kind === 'process_defect' ? { kind: 'process_defect', area: v.area, description: v.description } : { kind: 'incidental' },
        ...(reflection ? { reflection: Object.fromEntries(Object.keys(REFLECTION_FIELDS).map((k) => [k, v[k]])) } : {}),
      }),
    };
  }

  const panel = (title, body) => h('section.panel', h('h2.panel-title', title), body);

  const ticker = setInterval(() => tickCountdowns(root), 1000);
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(ticker);
  };
}

/** How to find the focused control again after a redraw: its action, and the remedy it belongs to. */
function focusKey(root) {
  const el = document.activeElement;
  if (!el || !root.contains(el)) return null;
  const remedy = el.closest('[data-remedy-id]')?.dataset.remedyId;
  const attr = ['action', 'remedyAction'].find((k) => el.dataset?.[k]);
  return attr ? { remedy, attr, value: el.dataset[attr] } : null;
}

function restoreFocus(root, key) {
  if (!key) return;
  const name = key.attr === 'action' ? 'data-action' : 'data-remedy-action';
  const scope = key.remedy ? [...root.querySelectorAll('[data-remedy-id]')].find((r) => r.dataset.remedyId === key.remedy) : root;
  scope?.querySelector(`[${name}="${CSS.escape(key.value)}"]`)?.focus();
}
