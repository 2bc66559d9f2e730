import { toast } from './app.js';
import { get, post, session } from './api.js';
import { h, replace } from './dom.js';
import {
  CATEGORIES,
  CHANNELS,
  CLOCK_KINDS,
  CLOCK_STATUS,
  label,
  PAUSE_REASONS,
  REMEDY_STATUS,
  REMEDY_TYPES,
  ROLES,
  SEVERITIES,
  STAGE_HANDLING,
  STAGE_LABELS,
  STAGES,
  stageBoth,
  t,
} from './i18n.js';
import { tickCountdowns } from './clocks.js';
import { actorName, amount, dateTime, fill, timeZone } from './format.js';
import { confirmDialog, openDialog } from './forms.js';
import { timeline } from './timeline.js';
import { closingReport, followUpPanel, reopenBadge } from './closing.js';
import { approvalQuestion, approversOf } from './guardrails.js';
import { errorText } from './errors.js';
import { ACTION_BUTTONS, openAction } from './detail-actions.js';
import { ownerButtons, ownerLine } from './handover.js';
import { keyedViews, placeChildren } from './patch.js';

const POLL_MS = 2000;

/**
 * One complaint: its ladder, clocks, remedies, timeline and the actions GET /v1/complaints/{id}/actions
 * allows the viewer. A change redraws only the sections it touched, so focus, scroll and text being
 * typed survive a poll or a colleague's action.
 */
export function mountDetail(root, complaintId) {
  const me = session.me;
  let complaint = null;
  let perms = null;
  let seen = -1;
  let stopped = false;
  let timer;
  const path = `/v1/complaints/${encodeURIComponent(complaintId)}`;
  const sections = keyedViews((key) => h('div.section-slot', { dataset: { section: key } }));
  let frame = null;

  replace(root, h('p.loading', '…'));

  /** The complaint and what the viewer may do to it, asked together so buttons match the state. */
  async function fetchBoth(known) {
    const [res, allowed] = await Promise.all([known ?? get(path), get(`${path}/actions`)]);
    return { c: res.complaint, allowed };
  }

  async function load() {
    clearTimeout(timer);
    try {
      const res = await get(path);
      if (res.complaint.sequence !== seen) show(await fetchBoth(res));
    } catch (err) {
      if (!complaint && !stopped)
        replace(
          root,
          h(
            'div.panel.error-panel',
            h('h2', complaintId),
            h('p', errorText(err)),
            h('a.btn', { href: '#/board' }, t('back')),
          ),
        );
    }
    if (!stopped) timer = setTimeout(load, POLL_MS);
  }

  function show({ c, allowed }) {
    if (stopped || c.sequence < seen) return;
    complaint = c;
    perms = allowed;
    seen = c.sequence;
    draw();
  }

  /** Runs an action and shows the state it returns straight away. */
  async function act(pathSuffix, body, done) {
    const res = await post(`${path}/${pathSuffix}`, body);
    show(await fetchBoth(res));
    toast(done, 'ok');
  }

  function draw() {
    const c = complaint;
    if (!frame) {
      frame = { head: h('div'), main: h('div.detail-main'), side: h('aside.detail-side') };
      replace(
        root,
        h('a.back', { href: '#/board' }, `← ${t('back')}`),
        frame.head,
        h('div.detail-grid', frame.main, frame.side),
      );
    }
    // Each section is rebuilt only when what it shows changed; the keyboard's place is kept if it was inside one.
    const focused = focusKey(root);
    const view = (key, inputs, build) =>
      sections.get(key, JSON.stringify(inputs), (el) => el.replaceChildren(...[build()].flat().filter(Boolean)));
    const head = [c.stage, c.status, c.reopenCount, c.reopenedAt, c.pause, c.owner, c.intake.severity, c.dealerId];
    placeChildren(frame.head, [view('head', head, () => headOf(c)), view('ladder', [c.stage], () => ladder(c))]);
    placeChildren(frame.main, [
      view('clocks', c.clocks, () => panel(t('clocks'), clocksTable(c))),
      view('remedies', [c.remedies, perms.remedies], () => panel(t('remedies'), remediesTable(c))),
      view('followUp', [c.status, c.followUp, c.resolution], () => followUpPanel(c)),
      view('closing', [c.closing], () => closingReport(c)),
      view('timeline', [c.audit.length, c.sequence], () => panel(t('timeline'), timeline(c))),
    ]);
    placeChildren(frame.side, [
      actionsPanel(c),
      view('facts', [c.intake, c.resolution, c.openedAt, c.policyVersion], () => panel(t('customer'), facts(c))),
    ]);
    restoreFocus(root, focused);
    tickCountdowns(root);
  }

  function headOf(c) {
    const { intake } = c;
    return h(
      'div.detail-head',
      h(
        'div',
        h('div.detail-id', c.complaintId),
        h('h1', label(CATEGORIES, intake.category), h('span.muted', ` · ${intake.customer.name}`)),
        h(
          'div.chips',
          h(`span.stage-pill.stage-${c.stage}`, { dataset: { currentStage: c.stage } }, stageBoth(c.stage)),
          h(`span.badge.${c.status}`, { dataset: { status: c.status } }, t(c.status)),
          reopenBadge(c),
          h(`span.sev.sev-${intake.severity}`, label(SEVERITIES, intake.severity)),
          c.pause ? h('span.badge.paused', `${t('paused')} · ${label(PAUSE_REASONS, c.pause.reason)}`) : null,
          h('span.chip', c.dealerId),
        ),
        ownerLine(c),
      ),
    );
  }

  // The actions panel is patched button by button: a change that adds or removes one action
  // leaves the others, and the keyboard's place on them, untouched.
  const buttons = keyedViews((action) => actionButton(action));
  let actionsEl = null;

  /** The actions allowed now as buttons, and the others with the rules' reason, folded away. */
  function actionsPanel(c) {
    actionsEl ??= { list: h('div.action-list'), none: h('p.muted', t('noActions')), owner: h('div'), whyNot: h('div') };
    const allowed = perms.actions
      .filter((p) => p.allowed && Object.hasOwn(ACTION_BUTTONS, p.action))
      .map((p) => ACTION_BUTTONS[p.action]);
    const refused = perms.actions.filter((p) => !p.allowed && Object.hasOwn(ACTION_BUTTONS, p.action) && p.reason);
    buttons.keep(new Set(allowed));
    placeChildren(actionsEl.list, [
      ...allowed.map((action) => buttons.get(action, action, () => undefined)),
      actionsEl.owner,
    ]);
    const ownerSig = JSON.stringify([
      perms.actions.filter((p) => p.action === 'take' || p.action === 'handOver'),
      c.owner,
      c.stage,
    ]);
    if (actionsEl.owner.dataset.sig !== ownerSig) {
      actionsEl.owner.dataset.sig = ownerSig;
      actionsEl.owner.replaceChildren(ownerButtons(me, c, perms, act));
    }
    actionsEl.none.hidden = allowed.length > 0 || actionsEl.owner.textContent !== '';
    const whySig = JSON.stringify([refused, c.status]);
    if (actionsEl.whyNot.dataset.sig !== whySig) {
      actionsEl.whyNot.dataset.sig = whySig;
      actionsEl.whyNot.replaceChildren(
        ...(refused.length && c.status !== 'closed'
          ? [
              h(
                'details.why-not',
                h('summary', t('whyNot')),
                h(
                  'ul',
                  refused.map((p) =>
                    h(
                      'li',
                      { dataset: { refused: ACTION_BUTTONS[p.action] } },
                      h('strong', t(ACTION_BUTTONS[p.action])),
                      `${t('colon')}${p.reason}`,
                    ),
                  ),
                ),
              ),
            ]
          : []),
      );
    }
    return sections.get('actions', 'frame', (el) =>
      el.replaceChildren(panel(t('actions'), [actionsEl.list, actionsEl.none, actionsEl.whyNot])),
    );
  }

  /** One action's button; the dialog reads the API's latest answer when it opens. */
  function actionButton(action) {
    const primary = ['acknowledge', 'resolve', 'close', 'followUp'].includes(action);
    const name = Object.keys(ACTION_BUTTONS).find((k) => ACTION_BUTTONS[k] === action);
    return h(
      `button.btn.block${primary ? '.primary' : ''}`,
      {
        type: 'button',
        dataset: { action },
        onclick: () =>
          openAction(action, {
            me,
            c: complaint,
            perm: perms.actions.find((p) => p.action === name),
            authority: perms.authority,
            act,
          }),
      },
      t(action),
    );
  }

  function ladder(c) {
    const at = STAGES.indexOf(c.stage);
    return h(
      'ol.ladder',
      STAGES.map((s, i) =>
        h(
          `li.stage-${s}`,
          { class: i < at ? 'passed' : i === at ? 'current' : '' },
          h('span.rung', String(i)),
          h('span.ladder-zh', STAGE_LABELS[s].zh),
          h('span.ladder-en', STAGE_LABELS[s].en),
          i === at ? h('span.ladder-hint', label(STAGE_HANDLING, s)) : null,
        ),
      ),
    );
  }

  function clocksTable(c) {
    // The current stage's clocks first, then the follow-up, then history (newest first).
    const clocks = [...c.clocks].sort((a, b) => rank(a, c) - rank(b, c) || b.startedAt - a.startedAt);
    if (!clocks.length) return h('p.muted', '–');
    return h(
      'table.table',
      h(
        'thead',
        h(
          'tr',
          h('th', { scope: 'col' }, t('stage')),
          h('th', { scope: 'col' }, t('clock')),
          h('th', { scope: 'col' }, t('due')),
          h('th', { scope: 'col' }, t('status')),
          h('th.num', { scope: 'col' }, ''),
        ),
      ),
      h(
        'tbody',
        clocks.map((k) =>
          h(
            `tr.clock-${k.status}`,
            h('td', label(STAGE_LABELS, k.stage)),
            h('td', label(CLOCK_KINDS, k.kind)),
            h('td', dateTime(k.dueAt)),
            h('td', h(`span.badge.clock-${k.status}`, label(CLOCK_STATUS, k.status))),
            h(
              'td.num',
              k.status === 'running'
                ? h(
                    'span.countdown.inline',
                    { dataset: { due: String(k.dueAt), started: String(k.startedAt) } },
                    h('span.cd-text'),
                  )
                : '',
            ),
          ),
        ),
      ),
    );
  }
  const rank = (k, c) =>
    (k.status === 'running' || k.status === 'paused' ? 0 : k.kind === 'follow_up' ? 1 : 2) +
    (k.stage === c.stage ? 0 : 0.5);

  function remediesTable(c) {
    if (!c.remedies.length) return h('p.muted', t('noRemedies'));
    return h(
      'table.table',
      h(
        'thead',
        h(
          'tr',
          h('th', { scope: 'col' }, t('type')),
          h('th.num', { scope: 'col' }, t('amount')),
          h('th', { scope: 'col' }, t('proposedBy')),
          h('th', { scope: 'col' }, t('status')),
          h('th', { scope: 'col' }, ''),
        ),
      ),
      h(
        'tbody',
        c.remedies.map((r) =>
          h(
            'tr',
            { dataset: { remedyId: r.remedyId } },
            h('td', h('div', label(REMEDY_TYPES, r.type)), h('small.muted', r.description)),
            h('td.num', amount(r.amount, r.currency)),
            h('td', h('div', actorName(r.proposedBy)), h('small.muted', label(ROLES, r.proposedBy.role))),
            h(
              'td',
              h(`span.badge.remedy-${r.status}`, label(REMEDY_STATUS, r.status)),
              r.status === 'awaiting_approval'
                ? h(
                    'small.muted.approvers',
                    `${t('tlNeedsApproval')}${t('colon')}${approversOf(me, r.amount)
                      .map((x) => label(ROLES, x))
                      .join(t('listSep'))}`,
                  )
                : null,
            ),
            h(
              'td.row-actions',
              remedyActions(r).map((a) => remedyButton(r, a)),
            ),
          ),
        ),
      ),
    );
  }

  /** Approve, and the customer's answer, where the API allows them for this remedy. */
  function remedyActions(r) {
    const may = (name) =>
      perms.remedies.find((x) => x.remedyId === r.remedyId)?.actions.some((x) => x.action === name && x.allowed);
    return [
      ...(may('approveRemedy') ? ['approve'] : []),
      ...(may('recordCustomerDecision') ? ['accept', 'decline'] : []),
    ];
  }

  function remedyButton(r, a) {
    const base = `remedies/${encodeURIComponent(r.remedyId)}`;
    const run = {
      // Every approval is confirmed, with the amount in words: it sends money to the customer.
      approve: async () =>
        (await confirmDialog(approvalQuestion(r))) &&
        act(`${base}/approve`, {}, `${t('approve')} · ${label(REMEDY_TYPES, r.type)}`),
      accept: () => act(`${base}/decision`, { decision: 'accept' }, `${t('accept')} · ${label(REMEDY_TYPES, r.type)}`),
      decline: () =>
        openDialog({
          action: 'decline',
          title: `${t('decline')} · ${label(REMEDY_TYPES, r.type)}`,
          danger: true,
          fields: [{ name: 'note', label: t('note'), type: 'textarea' }],
          onSubmit: (v) => act(`${base}/decision`, { decision: 'decline', ...v }, t('decline')),
        }),
    }[a];
    return h(
      `button.btn.small${a === 'decline' ? '' : '.primary'}`,
      {
        type: 'button',
        dataset: { remedyAction: a },
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
      },
      t(a),
    );
  }

  function facts(c) {
    const i = c.intake;
    const row = (k, v) => (v ? [h('dt', k), h('dd', v)] : null);
    return h(
      'dl.facts',
      row(t('customer'), `${i.customer.name} · ${i.customer.phone}`),
      row(t('vehicle'), [i.vehicle.plate, i.vehicle.vin].filter(Boolean).join(' · ')),
      row(t('repairOrder'), i.repairOrderNo),
      row(t('channel'), label(CHANNELS, i.channel)),
      row(t('category'), label(CATEGORIES, i.category)),
      row(t('receivedBy'), `${actorName(i.receivedBy)} · ${label(ROLES, i.receivedBy.role)}`),
      row(t('openedAt'), dateTime(c.openedAt)),
      row(t('policy'), `${c.policyVersion} · ${fill(t('timesIn'), { zone: timeZone() ?? t('localTime') })}`),
      row(t('description'), h('p.description', i.description)),
      c.resolution
        ? row(
            t('resolved'),
            `${amount(c.resolution.totalCompensation, c.resolution.currency)} · ${label(STAGE_LABELS, c.resolution.stageReached)} · ${actorName(c.resolution.resolvedBy)}`,
          )
        : null,
    );
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

/** How to find the focused control again if its section is rebuilt: its action, and the remedy it belongs to. */
function focusKey(root) {
  const el = document.activeElement;
  if (!el || !root.contains(el)) return null;
  const remedy = el.closest('[data-remedy-id]')?.dataset.remedyId;
  const attr = ['action', 'remedyAction'].find((k) => el.dataset?.[k]);
  return attr ? { el, remedy, attr, value: el.dataset[attr] } : null;
}

function restoreFocus(root, key) {
  if (!key || key.el.isConnected) return;
  const name = key.attr === 'action' ? 'data-action' : 'data-remedy-action';
  const scope = key.remedy
    ? [...root.querySelectorAll('[data-remedy-id]')].find((r) => r.dataset.remedyId === key.remedy)
    : root;
  scope?.querySelector(`button[${name}="${CSS.escape(key.value)}"]`)?.focus();
}
