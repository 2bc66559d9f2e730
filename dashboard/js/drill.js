import { h } from './dom.js';
import { fill } from './format.js';
import { label, SEVERITIES, STAGE_LABELS, t } from './i18n.js';
import { hashQuery, rangeFault, rangeFromHash, rangeText } from './range.js';

// What a bar on the analytics page counts, as the board's list shows it:
// #/board?view=list&status=open&stage=complaint&severity=high&dealerId=…&from=2026-11-01&to=2026-11-30
const VIEWS = ['board', 'list'];
const STATUSES = ['open', 'resolved', 'all'];
const NAMES = ['view', 'status', 'stage', 'severity', 'dealerId', 'from', 'to'];

/** The link a bar opens: the list of exactly the complaints it counts. */
export function drillLink({ status = 'open', stage, severity, dealerId, from, to }) {
  const q = new URLSearchParams(
    Object.entries({ view: 'list', status, stage, severity, dealerId, from, to }).filter(([, v]) => v),
  );
  return `#/board?${q}`;
}

/** The board's filters named in the hash, each checked; null when the hash names none. */
export function drillFromHash(params = hashQuery()) {
  if (!NAMES.some((name) => params.has(name))) return null;
  const one = (name, allowed) => (allowed(params.get(name)) ? params.get(name) : undefined);
  const range = rangeFromHash(params);
  return {
    view: one('view', (v) => VIEWS.includes(v)),
    status: one('status', (v) => STATUSES.includes(v)),
    stage: one('stage', (v) => v && Object.hasOwn(STAGE_LABELS, v)),
    severity: one('severity', (v) => v && Object.hasOwn(SEVERITIES, v)),
    dealerId: params.get('dealerId') || undefined,
    ...(rangeFault(range) ? {} : range),
  };
}

/**
 * The hash that brings a drilled-down board back on reload. Without a drill-down filter it is
 * plain #/board: the saved view, queue and search (sessionStorage) bring the rest back.
 */
export function boardHashParams({ view, status, dealer, stage, severity, from, to }) {
  if (!stage && !severity && !from && !to) return {};
  return { view, status, dealerId: dealer, stage, severity, from, to };
}

/**
 * The active filters as buttons that clear them, and one that clears them all. onClear(names)
 * gets the filters to drop; focus then stays in the bar, or goes to `fallback` once it is empty.
 */
export function activeFilters(onClear, fallback) {
  const el = h('div.active-filters', { role: 'group', 'aria-label': t('activeFilters'), hidden: true });
  let shown = [];

  function chips(f) {
    return [
      f.stage && { names: ['stage'], text: `${t('stage')}: ${label(STAGE_LABELS, f.stage)}` },
      f.severity && { names: ['severity'], text: `${t('severity')}: ${label(SEVERITIES, f.severity)}` },
      f.dealer && { names: ['dealer'], text: `${t('dealer')}: ${f.dealer}` },
      (f.from || f.to) && { names: ['from', 'to'], text: `${t('filterOpened')}: ${rangeText(f)}` },
    ].filter(Boolean);
  }

  function clear(names, at) {
    onClear(names);
    const buttons = [...el.querySelectorAll('button')];
    (buttons.length > 1 ? buttons[Math.min(at, buttons.length - 2)] : fallback())?.focus();
  }

  return {
    el,
    show(filters) {
      const next = chips(filters);
      if (JSON.stringify(next) === JSON.stringify(shown)) return;
      shown = next;
      el.hidden = !next.length;
      el.replaceChildren(
        h('span.active-filters-label', t('activeFilters')),
        ...next.map((c, i) =>
          h(
            'button.filter-chip',
            {
              type: 'button',
              dataset: { filter: c.names.join(' ') },
              'aria-label': fill(t('removeFilter'), { what: c.text }),
              onclick: () => clear(c.names, i),
            },
            h('span', c.text),
            h('span.filter-x', { 'aria-hidden': 'true' }, '×'),
          ),
        ),
        h(
          'button.btn.small',
          {
            type: 'button',
            dataset: { clearFilters: '' },
            onclick: () =>
              clear(
                next.flatMap((c) => c.names),
                0,
              ),
          },
          t('clearFilters'),
        ),
      );
    },
  };
}
