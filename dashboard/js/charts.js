import { h, s } from './dom.js';

// Small SVG charts, drawn in user units of one CSS pixel up to WIDE and scaled up beyond it, so
// their text is never drawn smaller than styles.css says. Below NARROW the stages run down the
// chart, one row each, because six labels side by side do not fit a phone.
const WIDE = 560;
const NARROW = 480;

/** The drawing width for a chart shown `px` wide. */
export const chartWidth = (px) => Math.max(260, Math.min(WIDE, Math.floor(px || WIDE)));

/** Round axis ticks from 0 to at least max: 0, 250, 500, … */
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const ticks = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

// Text widths for laying labels out, in the page's own font (styles.css: .chart text is 12px).
let ruler;
function textWidth(text, weight = 400) {
  ruler ??= document.createElement('canvas').getContext('2d');
  ruler.font = `${weight} 12px ${getComputedStyle(document.body).fontFamily}`;
  return ruler.measureText(String(text ?? '')).width;
}
/** Room for the row labels on the left: the widest label, within two fifths of the chart. */
const labelRoom = (rows, width) =>
  Math.ceil(
    Math.min(width * 0.4, Math.max(40, ...rows.flatMap((r) => [textWidth(r.label, 600), textWidth(r.sublabel)])) + 14),
  );

const svg = (width, height, ...children) =>
  s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' }, ...children);
// A chart of links is a group: an image's children are hidden from assistive technology.
const linkedSvg = (width, height, ...children) =>
  s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'group' }, ...children);

/**
 * A bar that opens what it counts: a link named in words, which Enter follows as any link does,
 * and Space too, as it would press a button.
 */
function barLink({ href, name, key }, ...children) {
  const a = s('a', { href, class: 'bar-link', 'aria-label': name, 'data-key': key }, ...children);
  a.addEventListener('keydown', (e) => {
    if (e.key !== ' ') return;
    e.preventDefault();
    location.hash = href;
  });
  return a;
}

/** A row label on the left, right-aligned, with its grey sub-label under it. */
function rowLabel(x, cy, label, sublabel) {
  return [
    s('text', { x, y: sublabel ? cy - 3 : cy + 4, 'text-anchor': 'end', class: 'lbl' }, label),
    sublabel ? s('text', { x, y: cy + 11, 'text-anchor': 'end', class: 'sub' }, sublabel) : null,
  ];
}

/** A value just after the end of a bar or a point; every chart keeps room for it on the right. */
const valueText = (x, y, text, cls = 'val') => (text ? s('text', { x: x + 6, y, class: cls }, text) : null);
const valueRoom = (texts) => Math.ceil(Math.max(0, ...texts.map((t) => textWidth(t, 650))) + 14);

/**
 * Horizontal bars, one row per item: label on the left, bar, value text at its end. A row with
 * `link: { href, name, key }` is a link to what its bar counts.
 */
export function hbars(rows, { max, rowHeight = 34, width = WIDE } = {}) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const labelWidth = labelRoom(rows, width);
  const barArea = width - labelWidth - valueRoom(rows.map((r) => r.text ?? String(r.value)));
  const height = rows.length * rowHeight + 8;
  return (rows.some((r) => r.link) ? linkedSvg : svg)(
    width,
    height,
    rows.map((r, i) => {
      const y = 4 + i * rowHeight;
      const w = Math.max(r.value > 0 ? 3 : 0, (r.value / top) * barArea);
      // In a link each label ends with a space, which SVG does not draw: the row's text read as one
      // string ("Objection 异议 5") then keeps its words apart, as the link's name does.
      const spaced = (text) => (r.link && text ? `${text} ` : text);
      const row = s(
        'g',
        { class: 'row' },
        // Round the whole row, label and bar, drawn only while the link has keyboard focus.
        r.link
          ? s('rect', { x: 1, y: y + 1, width: width - 2, height: rowHeight - 2, rx: 6, class: 'focus-ring' })
          : null,
        rowLabel(labelWidth - 10, y + rowHeight / 2, spaced(r.label), spaced(r.sublabel)),
        s('rect', { x: labelWidth, y: y + 6, width: barArea, height: rowHeight - 12, rx: 4, class: 'track' }),
        s('rect', { x: labelWidth, y: y + 6, width: w, height: rowHeight - 12, rx: 4, fill: r.color }),
        valueText(labelWidth + w, y + rowHeight / 2 + 4, r.text ?? String(r.value)),
      );
      return r.link ? barLink(r.link, row) : row;
    }),
  );
}

/** Splits a long label at a space so six stages fit side by side: "Formal complaint" → two lines. */
function lines(text, max = 10) {
  const words = String(text).split(' ');
  if (text.length <= max || words.length < 2) return [text];
  const cut = Math.ceil(words.length / 2);
  return [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
}

/** An x-axis label: the stage name (one or two lines), then a grey sub-label. */
function xLabel(x, y, label, sublabel) {
  const ls = lines(label);
  return s(
    'g',
    {},
    s(
      'text',
      { x, y, 'text-anchor': 'middle', class: 'lbl' },
      ls.map((l, i) => s('tspan', { x, dy: i ? 14 : 0 }, l)),
    ),
    sublabel ? s('text', { x, y: y + 14 * ls.length + 2, 'text-anchor': 'middle', class: 'sub' }, sublabel) : null,
  );
}

function frame(width, height, ticks, yFormat, pad) {
  const top = ticks[ticks.length - 1];
  const plotH = height - pad.top - pad.bottom;
  const y = (v) => pad.top + plotH - (v / top) * plotH;
  const grid = ticks.map((v) =>
    s(
      'g',
      { class: 'grid' },
      s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }),
      s('text', { x: pad.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, yFormat(v)),
    ),
  );
  return { y, grid, plotW: width - pad.left - pad.right };
}

function legendRow(legend, x, y) {
  let at = x;
  return s(
    'g',
    { class: 'legend' },
    legend.map((l) => {
      const g = s(
        'g',
        {},
        s('rect', { x: at, y, width: 12, height: 12, rx: 2, fill: l.color, stroke: l.stroke }),
        s('text', { x: at + 18, y: y + 10, class: 'axis' }, l.label),
      );
      at += 18 + textWidth(l.label) + 20;
      return g;
    }),
  );
}

/**
 * Vertical grouped bars. groups: [{ label, sublabel, bars: [{ value, color, stroke, text }] }].
 * legend: [{ label, color }]. Narrow: one row per group, its bars across.
 */
export function vbars(groups, { height = 260, yFormat = String, max, legend, width = WIDE } = {}) {
  const values = groups.flatMap((g) => g.bars.map((b) => b.value ?? 0));
  const ticks = niceTicks(max ?? Math.max(...values, 0));
  if (width < NARROW) return narrowBars(groups, { top: ticks[ticks.length - 1], legend, width });
  const pad = { top: legend ? 30 : 16, right: 10, bottom: 62, left: 56 };
  const { y, grid, plotW } = frame(width, height, ticks, yFormat, pad);
  const slot = plotW / groups.length;
  const n = Math.max(1, ...groups.map((g) => g.bars.length));
  const barW = Math.min(34, (slot * 0.7) / n);
  return svg(
    width,
    height,
    legend ? legendRow(legend, pad.left, 6) : null,
    grid,
    groups.map((g, gi) => {
      const cx = pad.left + slot * gi + slot / 2;
      const x0 = cx - (barW * g.bars.length) / 2;
      return s(
        'g',
        {},
        g.bars.map((b, bi) => {
          const v = b.value ?? 0;
          const x = x0 + bi * barW;
          return s(
            'g',
            {},
            s('rect', {
              x: x + 1,
              y: y(v),
              width: barW - 2,
              height: Math.max(0, y(0) - y(v)),
              rx: 3,
              fill: b.color,
              stroke: b.stroke,
              opacity: b.value === null ? 0 : 1,
            }),
            b.text
              ? s('text', { x: x + barW / 2, y: y(v) - 5, 'text-anchor': 'middle', class: 'val small' }, b.text)
              : null,
          );
        }),
        xLabel(cx, height - pad.bottom + 17, g.label, g.sublabel),
      );
    }),
  );
}

function narrowBars(groups, { top, legend, width }) {
  const n = Math.max(1, ...groups.map((g) => g.bars.length));
  const barH = n > 1 ? 10 : 18;
  const rowHeight = Math.max(40, n * (barH + 4) + 16);
  const head = legend ? 24 : 4;
  const labelWidth = labelRoom(groups, width);
  const barArea = width - labelWidth - valueRoom(groups.flatMap((g) => g.bars.map((b) => b.text)));
  return svg(
    width,
    head + groups.length * rowHeight + 4,
    legend ? legendRow(legend, labelWidth, 4) : null,
    groups.map((g, gi) => {
      const y0 = head + gi * rowHeight;
      const bars0 = y0 + (rowHeight - g.bars.length * (barH + 4) + 4) / 2;
      return s(
        'g',
        { class: 'row' },
        rowLabel(labelWidth - 10, y0 + rowHeight / 2, g.label, g.sublabel),
        s('rect', { x: labelWidth, y: y0 + 4, width: barArea, height: rowHeight - 8, rx: 4, class: 'track' }),
        g.bars.map((b, bi) => {
          const v = b.value ?? 0;
          const w = Math.max(v > 0 ? 3 : 0, (v / top) * barArea);
          const y = bars0 + bi * (barH + 4);
          return s(
            'g',
            {},
            s('rect', {
              x: labelWidth,
              y,
              width: w,
              height: barH,
              rx: 3,
              fill: b.color,
              stroke: b.stroke,
              opacity: b.value === null ? 0 : 1,
            }),
            valueText(labelWidth + w, y + barH / 2 + 4, b.text, 'val small'),
          );
        }),
      );
    }),
  );
}

/** A line over the stages; points with y === null are left out of the line and marked hollow. */
export function line(points, { height = 260, yFormat = String, color = '#1e3a5f', width = WIDE } = {}) {
  const ticks = niceTicks(Math.max(0, ...points.map((p) => p.y ?? 0)));
  if (width < NARROW) return narrowLine(points, { top: ticks[ticks.length - 1], color, width, yFormat });
  const pad = { top: 22, right: 16, bottom: 62, left: 64 };
  const { y, grid, plotW } = frame(width, height, ticks, yFormat, pad);
  const x = (i) => pad.left + (plotW / points.length) * (i + 0.5);
  const real = points.map((p, i) => ({ ...p, i })).filter((p) => p.y !== null);
  const d = real.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
  const area =
    real.length > 1
      ? `${d} L${x(real[real.length - 1].i).toFixed(1)},${y(0)} L${x(real[0].i).toFixed(1)},${y(0)} Z`
      : '';
  return svg(
    width,
    height,
    grid,
    area ? s('path', { d: area, fill: color, opacity: 0.08 }) : null,
    d ? s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }) : null,
    points.map((p, i) =>
      s(
        'g',
        {},
        p.y === null
          ? s('circle', { cx: x(i), cy: y(0), r: 4, fill: '#fff', stroke: '#8593a7', 'stroke-width': 1.5 })
          : [
              s('circle', { cx: x(i), cy: y(p.y), r: 5.5, fill: p.color ?? color, stroke: '#fff', 'stroke-width': 2 }),
              s(
                'text',
                { x: x(i), y: y(p.y) - 10, 'text-anchor': 'middle', class: 'val small' },
                p.text ?? yFormat(p.y),
              ),
            ],
        xLabel(x(i), height - pad.bottom + 17, p.label, p.sublabel),
      ),
    ),
  );
}

/** The same line turned on its side: stages down the left, the value across. */
function narrowLine(points, { top, color, width, yFormat }) {
  const rowHeight = 40;
  const labelWidth = labelRoom(points, width);
  const plotW = width - labelWidth - valueRoom(points.map((p) => (p.y === null ? '' : (p.text ?? yFormat(p.y))))) - 14;
  const x = (v) => labelWidth + 6 + (v / top) * plotW;
  const y = (i) => 4 + i * rowHeight + rowHeight / 2;
  const real = points.map((p, i) => ({ ...p, i })).filter((p) => p.y !== null);
  const d = real.map((p, k) => `${k ? 'L' : 'M'}${x(p.y).toFixed(1)},${y(p.i).toFixed(1)}`).join(' ');
  return svg(
    width,
    points.length * rowHeight + 8,
    s('g', { class: 'grid' }, s('line', { x1: x(0), x2: x(0), y1: 4, y2: points.length * rowHeight + 4 })),
    d ? s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }) : null,
    points.map((p, i) =>
      s(
        'g',
        { class: 'row' },
        rowLabel(labelWidth - 10, y(i), p.label, p.sublabel),
        p.y === null
          ? s('circle', { cx: x(0), cy: y(i), r: 4, fill: '#fff', stroke: '#8593a7', 'stroke-width': 1.5 })
          : [
              s('circle', { cx: x(p.y), cy: y(i), r: 5.5, fill: p.color ?? color, stroke: '#fff', 'stroke-width': 2 }),
              valueText(x(p.y) + 2, y(i) + 4, p.text ?? yFormat(p.y), 'val small'),
            ],
      ),
    ),
  );
}

/**
 * A chart with its name and its figures: the SVG is one image named by `summary`, the caption
 * names it on screen, and the same figures are a table behind a toggle.
 * table: { caption, columns: [header…], rows: [[row header, cell…]…] }.
 */
export function figure({ title, sub, summary, chart, table, toggle, open = false, onToggle }) {
  chart.setAttribute('aria-label', summary);
  const details = h(
    'details.chart-data',
    { open },
    h('summary', toggle),
    h(
      'table.table.chart-table',
      h('caption.visually-hidden', table.caption ?? title),
      h(
        'thead',
        h(
          'tr',
          table.columns.map((c, i) => h(`th${i ? '.num' : ''}`, { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        table.rows.map(([head, ...cells]) =>
          h(
            'tr',
            h('th', { scope: 'row' }, head),
            cells.map((c) => h('td.num', c)),
          ),
        ),
      ),
    ),
  );
  if (onToggle) details.addEventListener('toggle', () => onToggle(details.open));
  return h(
    'figure.chart-figure',
    h('figcaption', h('h2.panel-title', title, sub ? h('small', sub) : null)),
    chart,
    details,
  );
}

/** One colour per severity, each 3:1 or more on the white panel. */
export const SEVERITY_COLORS = { low: '#64748b', medium: '#0284c7', high: '#ea580c', critical: '#b91c1c' };

/** One colour per rung, calm to alarming; styles.css uses the same values. */
export const STAGE_COLORS = {
  latent: '#64748b',
  objection: '#0ea5e9',
  complaint: '#eab308',
  formal_complaint: '#f97316',
  deadlock: '#dc2626',
  public_action: '#7f1d1d',
};
