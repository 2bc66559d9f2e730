import { h, replace } from './dom.js';
import { CATEGORIES, label, SEVERITIES, STAGES, STATUSES, stageBoth, t } from './i18n.js';
import { nextClock } from './clocks.js';
import { keyedViews, placeChildren } from './patch.js';
import { waitBadges, waitsOn } from './queues.js';

const SEVERITY_ORDER = ['low', 'medium', 'high', 'critical'];

/** A row's next deadline in epoch ms: the workflow's clocks when loaded, else the index's. */
export function dueOf({ item, complaint }) {
  const clock = nextClock(complaint);
  return clock?.dueAt ?? (item.nextDeadline ? Date.parse(item.nextDeadline) : null);
}
export const ownerOf = ({ item, complaint }) => complaint?.owner ?? (item.owner ? { id: item.owner } : null);
const severityOf = ({ item, complaint }) => complaint?.intake.severity ?? item.severity;
const dealerOf = ({ item, complaint }) => item.dealerId ?? complaint?.dealerId ?? '';
const ownerName = (row) => ownerOf(row)?.name ?? ownerOf(row)?.id ?? '';

const far = Number.MAX_SAFE_INTEGER;
const SORTS = {
  deadline: (a, b) => (dueOf(a) ?? far) - (dueOf(b) ?? far),
  stage: (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
  owner: (a, b) => ownerName(a).localeCompare(ownerName(b)),
  severity: (a, b) => SEVERITY_ORDER.indexOf(severityOf(a)) - SEVERITY_ORDER.indexOf(severityOf(b)),
  dealer: (a, b) => dealerOf(a).localeCompare(dealerOf(b)),
};

/** The list view: a table of the same complaints as the board, sortable, with "more" for the next page. */
export function listView(me, onMore) {
  let sort = { key: 'deadline', dir: 1 };
  let rows = [];
  const columns = [
    { key: 'complaint', title: t('complaintId') },
    { key: 'stage', title: t('stage'), sortable: true },
    { key: 'owner', title: t('owner'), sortable: true },
    { key: 'severity', title: t('severity'), sortable: true },
    { key: 'dealer', title: t('dealer'), sortable: true },
    { key: 'deadline', title: t('nextDeadline'), sortable: true },
    { key: 'waits', title: t('waitsOnYou') },
  ];
  const heads = columns.map((c) => {
    const th = h(
      'th',
      { scope: 'col', dataset: { col: c.key } },
      c.sortable
        ? h(
            'button.sort',
            { type: 'button', dataset: { sort: c.key }, onclick: () => sortBy(c.key) },
            c.title,
            h('span.sort-mark', { 'aria-hidden': 'true' }),
          )
        : c.title,
    );
    return { ...c, th };
  });
  const tbody = h('tbody');
  const empty = h('tr.empty-row', h('td', { colspan: columns.length }, t('noneFound')));
  const shown = h('span.list-count');
  const more = h(
    'button.btn.more',
    { type: 'button', hidden: true, dataset: { more: '' }, onclick: () => loadMore() },
    t('more'),
  );
  const el = h(
    'section.list-view',
    { 'aria-label': t('viewList') },
    h(
      'div.list-wrap',
      h(
        'table.table.complaint-list',
        h('caption', t('listCaption')),
        h(
          'thead',
          h(
            'tr',
            heads.map((c) => c.th),
          ),
        ),
        tbody,
      ),
    ),
    h('div.list-foot', shown, more),
  );
  const views = keyedViews(() => h('tr'));

  function sortBy(key) {
    sort = { key, dir: sort.key === key ? -sort.dir : 1 };
    draw();
  }

  async function loadMore() {
    more.disabled = true;
    const before = rows.length;
    try {
      await onMore();
    } finally {
      more.disabled = false;
    }
    // With nothing more to load the button goes: focus the first new row instead of losing it.
    if (more.hidden && document.activeElement === document.body) tbody.children[before]?.querySelector('a')?.focus();
  }

  function draw() {
    for (const c of heads) {
      if (c.sortable)
        c.th.setAttribute('aria-sort', c.key === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    const cmp = SORTS[sort.key];
    const sorted = [...rows].sort(
      (a, b) => sort.dir * cmp(a, b) || SORTS.deadline(a, b) || a.item.complaintId.localeCompare(b.item.complaintId),
    );
    const trs = sorted.map(rowOf);
    views.keep(new Set(sorted.map((r) => r.item.complaintId)));
    placeChildren(tbody, trs.length ? trs : [empty]);
    shown.textContent = `${rows.length} ${t('shownOf')}`;
  }

  /** Each cell is rebuilt only when what it shows changed, so focus on a row's link survives. */
  function rowOf(row) {
    const tr = views.get(row.item.complaintId, 'row', (el) => {
      el.dataset.complaintId = row.item.complaintId;
      el.replaceChildren(...columns.map((c) => h('td', { dataset: { col: c.key } })));
    });
    Object.assign(tr.dataset, {
      stage: row.stage ?? '',
      status: row.complaint?.status ?? row.item.status ?? '',
      severity: severityOf(row) ?? '',
      owner: ownerOf(row)?.id ?? '',
      due: String(dueOf(row) ?? ''),
    });
    for (const [i, c] of columns.entries()) {
      const [sig, render] = CELLS[c.key](row, me);
      const td = tr.children[i];
      if (td.sig === sig) continue;
      td.sig = sig;
      replace(td, render());
    }
    return tr;
  }

  return {
    el,
    update(next, nextPageToken) {
      rows = next;
      more.hidden = !nextPageToken;
      draw();
    },
  };
}

/** Per column: [what it shows, how to show it]. */
const CELLS = {
  complaint: ({ item, complaint }) => {
    const intake = complaint?.intake;
    const sub = intake
      ? [intake.customer.name, intake.vehicle.plate ?? intake.vehicle.vin, label(CATEGORIES, intake.category)]
          .filter(Boolean)
          .join(' · ')
      : (item.plate ?? '');
    return [
      `${item.complaintId}|${sub}`,
      () => [
        h('a.list-id', { href: `#/complaint/${encodeURIComponent(item.complaintId)}` }, item.complaintId),
        sub ? h('div.list-sub', sub) : null,
      ],
    ];
  },
  stage: ({ item, complaint, stage }) => {
    const st = complaint?.status ?? item.status;
    return [
      `${stage}|${st}`,
      () => [
        stage ? h(`span.stage-pill.stage-${stage}`, stageBoth(stage)) : '–',
        st && st !== 'open' ? h(`span.badge.${st}`, label(STATUSES, st)) : null,
      ],
    ];
  },
  owner: (row) => {
    const o = ownerOf(row);
    return [`${o?.id}|${o?.name}`, () => (o ? (o.name ?? o.id) : '–')];
  },
  severity: (row) => {
    const s = severityOf(row);
    return [String(s), () => (s ? h(`span.sev.sev-${s}`, label(SEVERITIES, s)) : '–')];
  },
  dealer: (row) => [dealerOf(row), () => h('span.dealer', dealerOf(row))],
  deadline: (row) => {
    const due = dueOf(row);
    const paused = Boolean(row.complaint?.pause);
    return [
      `${due}|${paused}`,
      () =>
        paused
          ? h('span.badge.paused', t('paused'))
          : due
            ? h('span.countdown.inline', { dataset: { due: String(due) } }, h('span.cd-text'))
            : '–',
    ];
  },
  waits: (row, me) => {
    const waits = waitsOn(me, row);
    return [waits.join(','), () => waitBadges(waits)];
  },
};
