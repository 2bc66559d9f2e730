import { h } from './dom.js';
import { getLang, t } from './i18n.js';
import { fill, timeZone } from './format.js';

// A range is two calendar days, { from, to }, both inclusive and either left open. Days are days
// on the policy's clock (the viewer's own for a round-the-clock policy), as every time on the page.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
export const QUICK_DAYS = [7, 30, 90];

/** The query of a hash route: #/board?view=list&stage=complaint. */
export const hashQuery = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

/** Writes the route's query into the address bar; replaceState fires no hashchange, so nothing remounts. */
export function keepInHash(route, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  const hash = `#/${route}${q.size ? `?${q}` : ''}`;
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}

const utcDay = (day) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
/** YYYY-MM-DD naming a real day, else undefined. */
export const validDay = (text) => (DAY.test(text ?? '') && dayOf(utcDay(text)) === text ? text : undefined);

export const rangeFromHash = (params = hashQuery()) => ({
  from: validDay(params.get('from')),
  to: validDay(params.get('to')),
});
export const rangeFault = ({ from, to }) => (from && to && from > to ? t('rangeInvalid') : null);
export const sameRange = (a, b) => (a.from ?? '') === (b.from ?? '') && (a.to ?? '') === (b.to ?? '');

/** The zone's offset from UTC at an instant, in ms, read off its wall clock. */
function offsetAt(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type) => Number(parts.find((p) => p.type === type).value);
  return (
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000
  );
}

/** The instant a day begins in the zone; asked twice, for a night the offset changes. */
export function dayStart(day, zone = timeZone()) {
  let at = utcDay(day);
  for (let i = 0; i < 2; i++) at = utcDay(day) - offsetAt(at, zone);
  return at;
}

/** The API's half-open window for a range: from the first day's start to the start of the day after the last. */
export function openedWindow({ from, to }, zone = timeZone()) {
  return {
    ...(from ? { openedFrom: new Date(dayStart(from, zone)).toISOString() } : {}),
    ...(to ? { openedBefore: new Date(dayStart(dayOf(utcDay(to) + DAY_MS), zone)).toISOString() } : {}),
  };
}

export const today = (zone = timeZone(), now = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/** The last n days, today included. */
export function lastDays(n, zone = timeZone(), now = Date.now()) {
  const to = today(zone, now);
  return { from: dayOf(utcDay(to) - (n - 1) * DAY_MS), to };
}

/** "1 Nov 2026 – 30 Nov 2026" / "2026年11月1日 – 2026年11月30日"; an open end reads "from …" or "up to …". */
export function rangeText({ from, to }) {
  const day = (d) =>
    new Date(utcDay(d)).toLocaleDateString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  if (from && to) return `${day(from)} – ${day(to)}`;
  if (from) return fill(t('rangeSince'), { from: day(from) });
  if (to) return fill(t('rangeUntil'), { to: day(to) });
  return t('rangeAll');
}

/**
 * The from/to control: two date fields, Apply, and quick choices. onChange(range) is called for a
 * valid range only; one that ends before it starts is refused at the field and changes nothing.
 */
export function rangeControl(initial, onChange) {
  let range = initial;
  const error = h('p.field-error.range-error', { id: 'range-error', hidden: true });
  const field = (name, key) => {
    const input = h('input.select.range-date', { type: 'date', id: `range-${name}`, name, value: range[name] ?? '' });
    return { input, el: h('label.range-field', { for: input.id }, h('span', t(key)), input) };
  };
  const from = field('from', 'rangeFrom');
  const to = field('to', 'rangeTo');
  const quick = [...QUICK_DAYS, null].map((n) =>
    h(
      'button',
      {
        type: 'button',
        dataset: { range: n ?? 'all' },
        onclick: () => apply(n ? lastDays(n) : {}),
      },
      n ? fill(t('rangeLast'), { n }) : t('rangeAll'),
    ),
  );

  function refuse(message, input) {
    for (const f of [from.input, to.input]) f.removeAttribute('aria-invalid');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', error.id);
    error.textContent = message;
    error.hidden = false;
    input.focus();
  }
  function apply(next) {
    for (const f of [from.input, to.input]) {
      f.removeAttribute('aria-invalid');
      f.removeAttribute('aria-describedby');
    }
    error.hidden = true;
    range = { ...(next.from ? { from: next.from } : {}), ...(next.to ? { to: next.to } : {}) };
    show();
    onChange(range);
  }
  function show() {
    from.input.value = range.from ?? '';
    to.input.value = range.to ?? '';
    quick.forEach((b, i) => {
      b.setAttribute('aria-pressed', String(sameRange(range, QUICK_DAYS[i] ? lastDays(QUICK_DAYS[i]) : {})));
    });
  }

  const el = h(
    'form.range',
    {
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        // A half-typed date reads as empty: say so rather than drop that end.
        const half = [from.input, to.input].find((f) => f.validity.badInput);
        if (half) return refuse(t('rangeBadDay'), half);
        const next = { from: validDay(from.input.value), to: validDay(to.input.value) };
        const fault = rangeFault(next);
        if (fault) return refuse(fault, from.input);
        apply(next);
      },
    },
    h(
      'fieldset.range-set',
      h('legend', t('rangeLegend')),
      h(
        'div.range-row',
        from.el,
        to.el,
        h('button.btn', { type: 'submit', dataset: { rangeApply: '' } }, t('rangeApply')),
        h('div.segmented.range-quick', { role: 'group', 'aria-label': t('rangeQuick') }, quick),
      ),
      error,
    ),
  );
  show();
  return {
    el,
    /** A range refused before the control was shown (a hand-edited address), said at the field. */
    refuse: (message) => refuse(message, from.input),
  };
}
