import { toast } from './app.js';
import { get, listPages, session } from './api.js';
import { h, replace } from './dom.js';
import { own } from './own.js';
import {
  CATEGORIES,
  CLOCK_KINDS,
  getLang,
  label,
  PAUSE_REASONS,
  QUEUE_LABELS,
  SEVERITIES,
  STAGE_HANDLING,
  STAGE_LABELS,
  STAGES,
  t,
} from './i18n.js';
import { nextClock, tickCountdowns } from './clocks.js';
import { relative, timeZone } from './format.js';
import { keyedViews, placeChildren } from './patch.js';
import { loadTiers } from './ownership.js';
import { queueBar, waitBadges, waitsOn } from './queues.js';
import { searchBox } from './search.js';
import { dueOf, listView, ownerOf } from './list.js';
import { connectLive } from './live.js';
import { activeFilters, boardHashParams, drillFromHash } from './drill.js';
import { keepInHash, openedWindow } from './range.js';

const POLL_MS = 2000;
// While GET /v1/live streams changes, polling only backs it up.
const POLL_WHILE_STREAMING_MS = 15000;
const CHANGE_SETTLE_MS = 150;
// The board shows up to 5 pages of 200; the list pages by 50 and asks for more.
const BOARD = { pageSize: '200', pages: 5 };
const LIST_PAGE_SIZE = '50';
// A complaint's intake never changes; the rest changes only when its list entry does.
const details = new Map();
const entryKey = (item) =>
  [
    item.stage,
    item.status,
    item.nextDeadline,
    item.owner,
    item.unowned,
    item.overdue,
    item.awaitingApprovalBy?.join(),
  ].join('|');

export function mountBoard(root) {
  const me = session.me;
  const prefs = JSON.parse(sessionStorage.getItem('ladder.board') ?? '{}');
  let status = prefs.status ?? 'open';
  let dealer = prefs.dealer ?? '';
  let view = prefs.view === 'list' ? 'list' : 'board';
  let queue = prefs.queue ?? null;
  let q = prefs.q ?? null;
  // A drill-down from the analytics page names its whole list in the hash (all the caller's
  // dealers unless it names one), and that wins over the saved view.
  const drill = drillFromHash();
  let narrowed = { stage: drill?.stage, severity: drill?.severity, from: drill?.from, to: drill?.to };
  if (drill) {
    view = drill.view ?? view;
    status = drill.status ?? status;
    dealer = drill.dealerId ?? '';
    queue = null;
    q = null;
  }
  let listPagesShown = 1;
  let items = [];
  let nextPageToken = null;
  const lastStage = new Map();
  let lastOk = 0;
  let loaded = false;
  let failing = false;
  let streaming = false; // GET /v1/live is connected
  let stopped = false;
  let generation = 0;
  let timer;

  const statusSwitch = h(
    'div.segmented',
    { role: 'group', 'aria-label': t('status') },
    ['open', 'resolved', 'all'].map((s) =>
      h(
        'button',
        {
          type: 'button',
          dataset: { status: s },
          onclick: () => {
            status = s;
            changed();
          },
        },
        t(s),
      ),
    ),
  );
  const viewSwitch = h(
    'div.segmented.view-switch',
    { role: 'group', 'aria-label': t('view') },
    [
      ['board', 'viewBoard'],
      ['list', 'viewList'],
    ].map(([v, key]) =>
      h(
        'button',
        {
          type: 'button',
          dataset: { view: v },
          onclick: () => {
            view = v;
            changed();
          },
        },
        t(key),
      ),
    ),
  );
  const dealerPicker =
    me.dealers.includes('*') || me.dealers.length > 1
      ? h(
          'select.select',
          {
            'aria-label': t('dealer'),
            onchange: (e) => {
              dealer = e.target.value;
              changed();
            },
          },
          h('option', { value: '' }, t('allDealers')),
          [...new Set([...(me.dealers.includes('*') ? [] : me.dealers), ...(dealer ? [dealer] : [])])].map((d) =>
            h('option', { value: d, selected: d === dealer }, d),
          ),
        )
      : null;
  // A queue names its own complaints: the drill-down's filters do not apply to it.
  const queues = queueBar((name) => {
    queue = name;
    q = null;
    narrowed = {};
    search.querySelector('input').value = '';
    changed();
  });
  const search = searchBox(q, (text) => {
    q = text;
    queue = null;
    if (text) view = 'list';
    changed();
  });
  const liveBadge = h('span.live');
  const total = h('span.count-total', '…');
  const filterBar = activeFilters(
    (names) => {
      for (const name of names) {
        if (name === 'dealer') dealer = '';
        else narrowed = { ...narrowed, [name]: undefined };
      }
      changed();
    },
    () => viewSwitch.querySelector('[aria-pressed=true]'),
  );
  const list = listView(me, () => {
    listPagesShown++;
    return refresh();
  });
  const columns = STAGES.map((stage, i) => {
    const body = h('div.column-body');
    const count = h('span.column-count', '0');
    const zhFirst = getLang() === 'zh';
    const names = [STAGE_LABELS[stage].zh, STAGE_LABELS[stage].en];
    const col = h(
      `section.column.stage-${stage}`,
      { dataset: { stage } },
      h(
        'header.column-head',
        h(
          'div.column-title',
          h('span.rung', String(i)),
          h(
            'div.column-names',
            h('span.name-primary', zhFirst ? names[0] : names[1]),
            h('span.name-secondary', zhFirst ? names[1] : names[0]),
          ),
          count,
        ),
        h('p.column-hint', label(STAGE_HANDLING, stage)),
      ),
      body,
    );
    return { stage, col, body, count, empty: h('p.empty', t('noComplaints')) };
  });
  const board = h(
    'div.board',
    columns.map((c) => c.col),
  );
  const cards = keyedViews(() => {
    const a = h('a.card');
    a.addEventListener('animationend', () => a.classList.remove('climbed'));
    return a;
  });

  replace(
    root,
    h(
      'div.page-head',
      h('div', h('h1', t('board')), h('p.muted', total)),
      h('div.toolbar', dealerPicker, statusSwitch, viewSwitch, liveBadge),
    ),
    h('div.board-controls', queues.el, search),
    filterBar.el,
    board,
    list.el,
  );
  showControls();

  function showControls() {
    for (const b of statusSwitch.children) {
      b.classList.toggle('on', b.dataset.status === status);
      b.setAttribute('aria-pressed', String(b.dataset.status === status));
      // A queue names its own statuses.
      b.disabled = Boolean(queue);
    }
    for (const b of viewSwitch.children) {
      b.classList.toggle('on', b.dataset.view === view);
      b.setAttribute('aria-pressed', String(b.dataset.view === view));
    }
    queues.setActive(queue);
    if (dealerPicker) dealerPicker.value = dealer;
    filterBar.show({ ...narrowed, dealer });
    board.hidden = view !== 'board';
    list.el.hidden = view !== 'list';
  }

  /** A filter, queue, search or view changed: save it and load afresh. */
  function changed() {
    sessionStorage.setItem('ladder.board', JSON.stringify({ status, dealer, view, queue, q }));
    keepInHash('board', boardHashParams({ view, status, dealer, ...narrowed }));
    listPagesShown = 1;
    showControls();
    refresh();
  }

  /** Where the complaints come from: a search, a queue, or the board's filters. */
  function source() {
    const scope = dealer ? { dealerId: dealer } : {};
    const filters = {
      ...(status !== 'all' ? { status } : {}),
      ...scope,
      ...(narrowed.stage ? { stage: narrowed.stage } : {}),
      ...(narrowed.severity ? { severity: narrowed.severity } : {}),
      ...openedWindow(narrowed, timeZone()),
    };
    if (q) return { path: '/v1/complaints', params: { q, ...filters } };
    if (queue) return { path: `/v1/queues/${encodeURIComponent(queue)}`, params: scope };
    return { path: '/v1/complaints', params: filters };
  }

  async function loadDetail(item, force = false) {
    const key = entryKey(item);
    const cached = details.get(item.complaintId);
    if (cached && cached.key === key && !force) return;
    try {
      const { complaint } = await get(`/v1/complaints/${encodeURIComponent(item.complaintId)}`);
      details.set(item.complaintId, { key, complaint });
    } catch {
      // Keep the card with what the list says; the next poll tries again.
    }
  }

  /** Loads the current source; an answer to an older call (the filters changed since) is dropped. */
  async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    try {
      const { path, params } = source();
      const paging = view === 'list' ? { pageSize: LIST_PAGE_SIZE, pages: listPagesShown } : BOARD;
      const [page, counts] = await Promise.all([
        listPages(path, { ...params, pageSize: paging.pageSize }, paging.pages),
        get(`/v1/queues${dealer ? `?dealerId=${encodeURIComponent(dealer)}` : ''}`).catch(() => null),
        loadTiers(), // the "take" badge needs the rung tiers
      ]);
      // Six at a time, so a busy board never floods the API.
      const pending = [...page.items];
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let item = pending.shift(); item; item = pending.shift()) await loadDetail(item);
        }),
      );
      if (mine !== generation) return;
      ({ items, nextPageToken } = page);
      if (counts) queues.setCounts(counts);
      lastOk = Date.now();
      loaded = true;
      if (failing) toast(t('live'), 'ok');
      failing = false;
    } catch (err) {
      if (mine !== generation) return;
      if (!failing && err.status !== 401) toast(err.message, 'error');
      failing = true;
    }
    if (stopped) return;
    draw();
    timer = setTimeout(refresh, streaming ? POLL_WHILE_STREAMING_MS : POLL_MS);
  }

  function rows() {
    return items.map((item) => {
      const complaint = details.get(item.complaintId)?.complaint;
      // The workflow's own state is fresher than the visibility index.
      return { item, complaint, stage: complaint?.stage ?? item.stage };
    });
  }

  /** Patches the board and the list: only cards whose content changed are rebuilt. */
  function draw() {
    const all = rows();
    if (view === 'board') drawBoard(all);
    else list.update(all, nextPageToken);
    for (const { item, stage } of all) lastStage.set(item.complaintId, stage);
    const what = q ? ` · ${t('resultsFor')} “${q}”` : queue ? ` · ${label(QUEUE_LABELS, queue)}` : '';
    total.textContent = loaded ? `${items.length} ${t('complaints')}${what}` : '…';
    tick();
  }

  function drawBoard(all) {
    const byStage = Object.fromEntries(STAGES.map((s) => [s, []]));
    for (const row of all) own(byStage, row.stage)?.push(row);
    const placed = columns.map(({ stage }) =>
      byStage[stage]
        .sort((a, b) => (dueOf(a) ?? Number.MAX_SAFE_INTEGER) - (dueOf(b) ?? Number.MAX_SAFE_INTEGER))
        .map(card),
    );
    const shown = new Set(placed.flat());
    columns.forEach(({ body, count, empty }, i) => {
      if (count.textContent !== String(placed[i].length)) count.textContent = String(placed[i].length);
      placeChildren(body, placed[i].length ? placed[i] : [empty], shown);
    });
    cards.keep(new Set(all.map((r) => r.item.complaintId)));
  }

  function card(row) {
    const { item, complaint, stage } = row;
    const intake = complaint?.intake;
    const clock = nextClock(complaint);
    const due = dueOf(row);
    const st = complaint?.status ?? item.status;
    const owner = ownerOf(row);
    const v = {
      stage,
      st,
      due,
      clock: clock && [clock.kind, clock.startedAt],
      pause: complaint?.pause?.reason ?? (clock?.status === 'paused' ? '' : null),
      intake: intake && [
        intake.severity,
        intake.category,
        intake.customer.name,
        intake.vehicle.plate ?? intake.vehicle.vin,
      ],
      owner: owner && [owner.id, owner.name],
      waits: waitsOn(me, row),
      dealer: item.dealerId ?? complaint?.dealerId ?? '',
      openedAt: complaint?.openedAt,
    };
    const climbed = lastStage.has(item.complaintId) && lastStage.get(item.complaintId) !== stage;
    return cards.get(item.complaintId, JSON.stringify(v), (el) => fillCard(el, item.complaintId, v, climbed));
  }

  function fillCard(el, id, v, climbed) {
    const still = el.classList.contains('climbed') && !climbed;
    el.className = ['card', v.st !== 'open' ? `is-${v.st}` : '', still ? 'climbed' : ''].filter(Boolean).join(' ');
    if (climbed) {
      void el.offsetWidth; // restarts the animation on a second climb
      el.classList.add('climbed');
    }
    el.href = `#/complaint/${encodeURIComponent(id)}`;
    el.title = id;
    Object.assign(el.dataset, { complaintId: id, stage: v.stage, status: v.st });
    const [severity, category, name, vehicle] = v.intake ?? [];
    let timerEl;
    if (v.st === 'closed') timerEl = h('span.badge.closed', t('closed'));
    else if (v.pause !== null)
      timerEl = h(
        'div.paused-note',
        h('span.badge.paused', t('paused')),
        v.pause ? h('span', label(PAUSE_REASONS, v.pause)) : null,
      );
    else if (v.due) {
      const kind = v.clock ? label(CLOCK_KINDS, v.clock[0]) : t('nextDeadline');
      timerEl = h(
        'div.countdown',
        { dataset: { due: String(v.due), started: v.clock ? String(v.clock[1]) : '' }, title: kind },
        h('span.cd-kind', kind),
        h('span.cd-text'),
        h('span.cd-bar', h('i')),
      );
    }
    replace(
      el,
      h(
        'div.card-top',
        h('span.card-id', shortId(id)),
        severity ? h(`span.sev.sev-${severity}`, label(SEVERITIES, severity)) : null,
        v.st !== 'open' ? h(`span.badge.${v.st}`, t(v.st)) : null,
      ),
      h('div.card-title', category ? label(CATEGORIES, category) : '…'),
      name ? h('div.card-sub', [name, vehicle].filter(Boolean).join(' · ')) : null,
      v.owner
        ? h('div.card-owner', { dataset: { owner: v.owner[0] } }, `${t('owner')}: ${v.owner[1] ?? v.owner[0]}`)
        : null,
      v.waits.length ? h('div.card-waits', waitBadges(v.waits)) : null,
      h(
        'div.card-foot',
        h('span.dealer', v.dealer),
        h(
          'span.opened',
          v.openedAt ? { dataset: { opened: String(v.openedAt) } } : null,
          v.openedAt ? relative(v.openedAt) : '',
        ),
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
      if (complaint?.status !== 'open' || complaint.pause || !clock || clock.status !== 'running') return false;
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
    for (const el of root.querySelectorAll('[data-opened]')) {
      const text = relative(Number(el.dataset.opened));
      if (el.textContent !== text) el.textContent = text;
    }
    climbLapsed();
    liveBadge.replaceChildren(
      h(`span.dot${failing ? '.down' : ''}`),
      failing
        ? t('offline')
        : `${t('live')} (${t(streaming ? 'streaming' : 'polling')}) · ${lastOk ? new Date(lastOk).toLocaleTimeString(getLang() === 'zh' ? 'zh-CN' : 'en-GB') : '…'}`,
    );
  }

  const ticker = setInterval(tick, 1000);
  // A change on the stream refreshes at once (a burst of events, once); polling carries on behind it.
  let settle;
  const stopLive = connectLive({
    onChange: () => {
      clearTimeout(settle);
      settle = setTimeout(refresh, CHANGE_SETTLE_MS);
    },
    onState: (state) => (streaming = state === 'live'),
  });
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(settle);
    clearInterval(ticker);
    stopLive();
  };
}

/** CL-<dealer>-20261122-B5WFJK → 20261122-B5WFJK: the card already names the dealer. */
const shortId = (id) => id.replace(/^CL-[^-]+-(?=\d{8}-)/, '');
