import { toast } from './app.js';
import { get, post, session } from './api.js';
import { h, replace } from './dom.js';
import { own } from './own.js';
import {
  CATEGORIES, CHANNELS, CLOCK_KINDS, CLOCK_STATUS, CONTACT_METHODS, DEFECT_AREAS, getLang, label, PAUSE_REASONS,
  REFLECTION_FIELDS, REMEDY_STATUS, REMEDY_TYPES, ROLES, SEVERITIES, STAGE_HANDLING, STAGE_LABELS, STAGES, stageBoth, t,
} from './i18n.js';
import { tickCountdowns } from './clocks.js';
import { actorName, dateTime, money, relative } from './format.js';
import { openDialog, optionsOf } from './forms.js';
import { availableActions, capOf, isSupervisor, remedyActions, tierOf } from './roles.js';

const POLL_MS = 2000;

const AUDIT_LABELS = {
  'complaint.opened': { en: 'Complaint opened', zh: '受理客诉' },
  'stage.entered': { en: 'Entered a stage', zh: '进入阶段' },
  'deadline.breached': { en: 'Deadline lapsed', zh: '时限超时' },
  acknowledge: { en: 'Acknowledged', zh: '确认受理' },
  logContact: { en: 'Contact logged', zh: '记录联系' },
  proposeRemedy: { en: 'Remedy proposed', zh: '提出补救' },
  approveRemedy: { en: 'Remedy approved', zh: '审批补救' },
  recordCustomerDecision: { en: 'Customer decision', zh: '客户决定' },
  pauseClock: { en: 'Clocks paused', zh: '暂停计时' },
  resumeClock: { en: 'Clocks resumed', zh: '恢复计时' },
  extendDeadline: { en: 'Deadline extended', zh: '延长时限' },
  resolve: { en: 'Resolved', zh: '已解决' },
  recordFollowUp: { en: 'Follow-up call', zh: '回访' },
  close: { en: 'Closed', zh: '结案' },
};
const AUDIT_TONE = {
  'deadline.breached': 'bad', 'stage.entered': 'climb', resolve: 'good', close: 'good', recordFollowUp: 'good',
  proposeRemedy: 'money', approveRemedy: 'money', recordCustomerDecision: 'money',
};

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
      if (!complaint && !stopped) replace(root, h('div.panel.error-panel', h('h2', complaintId), h('p', err.message), h('a.btn', { href: '#/board' }, t('back'))));
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
    const c = complaint;
    const { intake } = c;
    const actions = availableActions(me, c);
    replace(root,
      h('a.back', { href: '#/board' }, `← ${t('back')}`),
      h('div.detail-head',
        h('div',
          h('div.detail-id', c.complaintId),
          h('h1', label(CATEGORIES, intake.category), h('span.muted', ` · ${intake.customer.name}`)),
          h('div.chips',
            h(`span.stage-pill.stage-${c.stage}`, { dataset: { currentStage: c.stage } }, stageBoth(c.stage)),
            h(`span.badge.${c.status}`, { dataset: { status: c.status } }, t(c.status)),
            h(`span.sev.sev-${intake.severity}`, label(SEVERITIES, intake.severity)),
            c.pause ? h('span.badge.paused', `${t('paused')} · ${label(PAUSE_REASONS, c.pause.reason)}`) : null,
            h('span.chip', c.dealerId),
          ),
        ),
      ),
      ladder(c),
      h('div.detail-grid',
        h('div.detail-main',
          panel(t('clocks'), clocksTable(c)),
          panel(t('remedies'), remediesTable(c)),
          panel(t('timeline'), timeline(c)),
        ),
        h('aside.detail-side',
          panel(t('actions'), actions.length ? h('div.action-list', actions.map((a) => actionButton(a))) : h('p.muted', t('noActions'))),
          panel(t('customer'), facts(c)),
        ),
      ),
    );
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
      h('thead', h('tr', h('th', t('stage')), h('th', t('clock')), h('th', t('due')), h('th', t('status')), h('th.num', ''))),
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
      h('thead', h('tr', h('th', t('type')), h('th.num', t('amount')), h('th', t('proposedBy')), h('th', t('status')), h('th', ''))),
      h('tbody', c.remedies.map((r) => h('tr', { dataset: { remedyId: r.remedyId } },
        h('td', h('div', label(REMEDY_TYPES, r.type)), h('small.muted', r.description)),
        h('td.num', money(r.amount, r.currency)),
        h('td', h('div', actorName(r.proposedBy)), h('small.muted', label(ROLES, r.proposedBy.role))),
        h('td', h(`span.badge.remedy-${r.status}`, label(REMEDY_STATUS, r.status))),
        h('td.row-actions', remedyActions(me, c, r).map((a) => remedyButton(r, a))),
      ))),
    );
  }

  function remedyButton(r, a) {
    const base = `remedies/${encodeURIComponent(r.remedyId)}`;
    const run = {
      approve: () => act(`${base}/approve`, {}, `${t('approve')} · ${r.remedyId}`),
      accept: () => act(`${base}/decision`, { decision: 'accept' }, `${t('accept')} · ${r.remedyId}`),
      decline: () => openDialog({
        action: 'decline', title: `${t('decline')} · ${label(REMEDY_TYPES, r.type)}`, danger: true,
        fields: [{ name: 'note', label: t('note'), type: 'textarea' }],
        onSubmit: (v) => act(`${base}/decision`, { decision: 'decline', ...v }, t('decline')),
      }),
    }[a];
    return h(`button.btn.small${a === 'decline' ? '' : '.primary'}`, {
      type: 'button', dataset: { remedyAction: a },
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        try {
          await run();
        } catch (err) {
          toast(err.message, 'error');
        }
      },
    }, t(a));
  }

  function timeline(c) {
    const entries = [...c.audit].reverse();
    return h('ol.timeline', entries.map((e) => h(`li.tone-${own(AUDIT_TONE, e.action) ?? 'staff'}`,
      h('div.tl-head',
        h('strong', own(own(AUDIT_LABELS, e.action), getLang()) ?? e.action),
        h('time', { title: new Date(e.at).toISOString() }, `${dateTime(e.at)} · ${relative(e.at)}`),
      ),
      h('div.tl-summary', e.summary),
      h('div.tl-actor', e.actor === 'system' ? t('system') : `${actorName(e.actor)} · ${label(ROLES, e.actor.role)}`),
    )));
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
      row(t('policy'), c.policyVersion),
      row(t('description'), h('p.description', i.description)),
      c.resolution ? row(t('resolved'), `${money(c.resolution.totalCompensation, c.resolution.currency)} · ${label(STAGE_LABELS, c.resolution.stageReached)} · ${actorName(c.resolution.resolvedBy)}`) : null,
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
        intro: `${t('withinCap')}: ${capOf(me) === null ? t('unlimited') : money(capOf(me), me.currency)}. ${t('overCapNote')}`,
        fields: [
          { name: 'type', label: t('type'), type: 'select', options: optionsOf(REMEDY_TYPES, lang), required: true },
          { name: 'amount', label: `${t('amount')} (${me.currency ?? 'CNY'})`, type: 'number', min: 0, step: 1, value: 0, required: true },
          { name: 'description', label: t('description'), type: 'textarea', required: true, wide: true },
        ],
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
          { name: 'by', label: t('by'), required: true, value: '2h' },
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
      onSubmit: (values) => act(specs.to, specs.body ? specs.body(values) : values, t(action)),
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
