import { toast } from './app.js';
import { get, listAll, session } from './api.js';
import { h, replace } from './dom.js';
import { own } from './own.js';
import { CATEGORIES, CLOCK_KINDS, getLang, label, PAUSE_REASONS, SEVERITIES, STAGE_HANDLING, STAGE_LABELS, STAGES, t } from './i18n.js';
import { nextClock, tickCountdowns } from './clocks.js';
import { relative } from './format.js';

const POLL_MS = 2000;
// A complaint's intake never changes; its clocks change only when its list entry does.
const details = new Map();

export function mountBoard(root) {
  const me = session.me;
  const prefs = JSON.parse(sessionStorage.getItem('ladder.board') ?? '{}');
  let status = prefs.status ?? 'open';
  let dealer = prefs.dealer ?? '';
  let items = [];
  let lastStage = new Map();
  let lastOk = 0;
  let failing = false;
  let stopped = false;
  let timer;

  const statusSwitch = h('div.segmented', { role: 'group' },
    ['open', 'resolved', 'all'].map((s) => h('button', {
      type: 'button', dataset: { status: s }, class: s === status ? 'on' : '',
      onclick: () => { status = s; save(); refresh(true); },
    }, t(s))),
  );
  const dealerPicker = me.dealers.includes('*') || me.dealers.length > 1
    ? h('select.select', { 'aria-label': t('dealer'), onchange: (e) => { dealer = e.target.value; save(); refresh(true); } },
        h('option', { value: '' }, t('allDealers')),
        (me.dealers.includes('*') ? [] : me.dealers).map((d) => h('option', { value: d, selected: d === dealer }, d)))
    : null;
  const liveBadge = h('span.live');
  const total = h('span.count-total');
  const columns = STAGES.map((stage, i) => {
    const body = h('div.column-body');
    const count = h('span.column-count', '0');
    const zhFirst = getLang() === 'zh';
    const names = [STAGE_LABELS[stage].zh, STAGE_LABELS[stage].en];
    const col = h(`section.column.stage-${stage}`, { dataset: { stage } },
      h('header.column-head',
        h('div.column-title',
          h('span.rung', String(i)),
          h('div.column-names',
            h('span.name-primary', zhFirst ? names[0] : names[1]),
            h('span.name-secondary', zhFirst ? names[1] : names[0])),
          count),
        h('p.column-hint', label(STAGE_HANDLING, stage)),
      ),
      body,
    );
    return { stage, col, body, count };
  });

  replace(root,
    h('div.page-head',
      h('div', h('h1', t('board')), h('p.muted', total)),
      h('div.toolbar', dealerPicker, statusSwitch, liveBadge),
    ),
    h('div.board', columns.map((c) => c.col)),
  );

  function save() {
    sessionStorage.setItem('ladder.board', JSON.stringify({ status, dealer }));
    for (const b of statusSwitch.children) b.classList.toggle('on', b.dataset.status === status);
  }

  async function loadDetail(item, force = false) {
    const key = `${item.stage}|${item.status}|${item.nextDeadline}`;
    const cached = details.get(item.complaintId);
    if (cached && cached.key === key && !force) return;
    try {
      const { complaint } = await get(`/v1/complaints/${encodeURIComponent(item.complaintId)}`);
      details.set(item.complaintId, { key, complaint });
    } catch {
      // Keep the card with what the list says; the next poll tries again.
    }
  }

  async function refresh(rerender = false) {
    clearTimeout(timer);
    try {
      const params = {};
      if (status !== 'all') params.status = status;
      if (dealer) params.dealerId = dealer;
      items = await listAll(params);
      // Six at a time, so a busy board never floods the API.
      const queue = [...items];
      await Promise.all(Array.from({ length: 6 }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) await loadDetail(item);
      }));
      lastOk = Date.now();
      if (failing) toast(t('live'), 'ok');
      failing = false;
    } catch (err) {
      if (!failing && err.status !== 401) toast(err.message, 'error');
      failing = true;
    }
    if (stopped) return;
    draw(rerender);
    timer = setTimeout(refresh, POLL_MS);
  }

  function draw() {
    const byStage = Object.fromEntries(STAGES.map((s) => [s, []]));
    for (const item of items) {
      const complaint = details.get(item.complaintId)?.complaint;
      // The workflow's own state is fresher than the visibility index.
      const stage = complaint?.stage ?? item.stage;
      own(byStage, stage)?.push({ item, complaint, stage });
    }
    for (const { stage, body, count } of columns) {
      const cards = byStage[stage].sort((a, b) => deadlineOf(a) - deadlineOf(b));
      count.textContent = String(cards.length);
      replace(body, cards.length ? cards.map(card) : h('p.empty', t('noComplaints')));
    }
    for (const { item, stage } of Object.values(byStage).flat()) lastStage.set(item.complaintId, stage);
    total.textContent = `${items.length} ${t('complaints')}`;
    tick();
  }

  function deadlineOf({ item, complaint }) {
    const clock = nextClock(complaint);
    return clock?.dueAt ?? (item.nextDeadline ? Date.parse(item.nextDeadline) : Number.MAX_SAFE_INTEGER);
  }

  function card({ item, complaint, stage }) {
    const climbed = lastStage.has(item.complaintId) && lastStage.get(item.complaintId) !== stage;
    const intake = complaint?.intake;
    const clock = nextClock(complaint);
    const due = clock?.dueAt ?? (item.nextDeadline ? Date.parse(item.nextDeadline) : null);
    const paused = Boolean(complaint?.pause) || clock?.status === 'paused';
    const st = complaint?.status ?? item.status;
    let timerEl;
    if (st === 'closed') timerEl = h('span.badge.closed', t('closed'));
    else if (paused) timerEl = h('div.paused-note', h('span.badge.paused', t('paused')), complaint?.pause ? h('span', label(PAUSE_REASONS, complaint.pause.reason)) : null);
    else if (due) {
      timerEl = h('div.countdown', { dataset: { due: String(due), started: clock ? String(clock.startedAt) : '' }, title: clock ? label(CLOCK_KINDS, clock.kind) : t('nextDeadline') },
        h('span.cd-kind', clock ? label(CLOCK_KINDS, clock.kind) : t('nextDeadline')),
        h('span.cd-text'),
        h('span.cd-bar', h('i')));
    }
    return h(`a.card${climbed ? '.climbed' : ''}${st !== 'open' ? `.is-${st}` : ''}`, {
      href: `#/complaint/${encodeURIComponent(item.complaintId)}`,
      title: item.complaintId,
      dataset: { complaintId: item.complaintId, stage, status: st },
    },
      h('div.card-top',
        h('span.card-id', shortId(item.complaintId)),
        intake ? h(`span.sev.sev-${intake.severity}`, label(SEVERITIES, intake.severity)) : null,
        st !== 'open' ? h(`span.badge.${st}`, t(st)) : null,
      ),
      h('div.card-title', intake ? label(CATEGORIES, intake.category) : '…'),
      intake ? h('div.card-sub', [intake.customer.name, intake.vehicle.plate ?? intake.vehicle.vin].filter(Boolean).join(' · ')) : null,
      h('div.card-foot',
        h('span.dealer', item.dealerId ?? complaint?.dealerId ?? ''),
        h('span.opened', complaint ? relative(complaint.openedAt) : ''),
      ),
      timerEl,
    );
  }

  // A lapsed clock climbs the complaint at once; ask the workflow rather than wait for the index.
  const lapsedSeen = new Set();
  async function climbLapsed() {
    const now = Date.now();
    const due = items.filter((item) => {
      const complaint = details.get(item.complaintId)?.complaint;
      const clock = nextClock(complaint, now);
      if (!complaint || complaint.status !== 'open' || complaint.pause || !clock || clock.status !== 'running') return false;
      const key = `${item.complaintId}@${clock.dueAt}`;
      if (clock.dueAt > now - 300 || lapsedSeen.has(key)) return false;
      lapsedSeen.add(key);
      return true;
    });
    if (!due.length) return;
    await Promise.all(due.map((item) => loadDetail(item, true)));
    if (!stopped) draw();
  }

  function tick() {
    tickCountdowns(root);
    climbLapsed();
    liveBadge.replaceChildren(
      h(`span.dot${failing ? '.down' : ''}`),
      failing ? t('offline') : `${t('live')} · ${lastOk ? new Date(lastOk).toLocaleTimeString(getLang() === 'zh' ? 'zh-CN' : 'en-GB') : '…'}`,
    );
  }

  const ticker = setInterval(tick, 1000);
  refresh(true);
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(ticker);
  };
}

/** CL-<dealer>-20261122-B5WFJK → 20261122-B5WFJK: the card already names the dealer. */
const shortId = (id) => id.replace(/^CL-[^-]+-(?=\d{8}-)/, '');
