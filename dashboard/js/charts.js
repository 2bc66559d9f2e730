import { s } from './dom.js';

// Small SVG charts, drawn at a fixed viewBox and scaled by CSS.
const W = 560;

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

/** Horizontal bars, one row per item: label on the left, bar, value text at its end. */
export function hbars(rows, { max, labelWidth = 150, rowHeight = 34 } = {}) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const barArea = W - labelWidth - 90;
  const height = rows.length * rowHeight + 8;
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img' },
    rows.map((r, i) => {
      const y = 4 + i * rowHeight;
      const w = Math.max(r.value > 0 ? 3 : 0, (r.value / top) * barArea);
      return s('g', { class: 'row' },
        s('text', { x: labelWidth - 10, y: y + rowHeight / 2 - 3, 'text-anchor': 'end', class: 'lbl' }, r.label),
        r.sublabel ? s('text', { x: labelWidth - 10, y: y + rowHeight / 2 + 10, 'text-anchor': 'end', class: 'sub' }, r.sublabel) : null,
        s('rect', { x: labelWidth, y: y + 6, width: barArea, height: rowHeight - 12, rx: 4, class: 'track' }),
        s('rect', { x: labelWidth, y: y + 6, width: w, height: rowHeight - 12, rx: 4, fill: r.color }),
        s('text', { x: labelWidth + w + 8, y: y + rowHeight / 2 + 4, class: 'val' }, r.text ?? String(r.value)),
      );
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
  return s('g', {},
    s('text', { x, y, 'text-anchor': 'middle', class: 'lbl' }, ls.map((l, i) => s('tspan', { x, dy: i ? 13 : 0 }, l))),
    sublabel ? s('text', { x, y: y + 13 * ls.length + 2, 'text-anchor': 'middle', class: 'sub' }, sublabel) : null,
  );
}

function frame(height, ticks, yFormat, pad) {
  const top = ticks[ticks.length - 1];
  const plotH = height - pad.top - pad.bottom;
  const y = (v) => pad.top + plotH - (v / top) * plotH;
  const grid = ticks.map((v) => s('g', { class: 'grid' },
    s('line', { x1: pad.left, x2: W - pad.right, y1: y(v), y2: y(v) }),
    s('text', { x: pad.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, yFormat(v)),
  ));
  return { y, grid, plotW: W - pad.left - pad.right };
}

/**
 * Vertical grouped bars. groups: [{ label, sublabel, bars: [{ value, color, text }] }].
 * legend: [{ label, color }].
 */
export function vbars(groups, { height = 260, yFormat = String, max, legend } = {}) {
  const pad = { top: legend ? 30 : 16, right: 10, bottom: 58, left: 56 };
  const values = groups.flatMap((g) => g.bars.map((b) => b.value ?? 0));
  const ticks = niceTicks(max ?? Math.max(...values, 0));
  const { y, grid, plotW } = frame(height, ticks, yFormat, pad);
  const slot = plotW / groups.length;
  const n = Math.max(1, ...groups.map((g) => g.bars.length));
  const barW = Math.min(34, (slot * 0.7) / n);
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img' },
    legend ? s('g', { class: 'legend' }, legend.map((l, i) => s('g', {},
      s('rect', { x: pad.left + i * 90, y: 6, width: 12, height: 12, rx: 2, fill: l.color }),
      s('text', { x: pad.left + i * 90 + 18, y: 16, class: 'axis' }, l.label)))) : null,
    grid,
    groups.map((g, gi) => {
      const cx = pad.left + slot * gi + slot / 2;
      const x0 = cx - (barW * g.bars.length) / 2;
      return s('g', {},
        g.bars.map((b, bi) => {
          const v = b.value ?? 0;
          const x = x0 + bi * barW;
          return s('g', {},
            s('rect', { x: x + 1, y: y(v), width: barW - 2, height: Math.max(0, y(0) - y(v)), rx: 3, fill: b.color, opacity: b.value === null ? 0 : 1 }),
            b.text ? s('text', { x: x + barW / 2, y: y(v) - 5, 'text-anchor': 'middle', class: 'val small' }, b.text) : null,
          );
        }),
        xLabel(cx, height - pad.bottom + 17, g.label, g.sublabel),
      );
    }),
  );
}

/** A line over the stages; points with y === null are left out of the line and marked hollow. */
export function line(points, { height = 260, yFormat = String, color = '#1e3a5f' } = {}) {
  const pad = { top: 22, right: 16, bottom: 58, left: 64 };
  const ticks = niceTicks(Math.max(0, ...points.map((p) => p.y ?? 0)));
  const { y, grid, plotW } = frame(height, ticks, yFormat, pad);
  const x = (i) => pad.left + (plotW / points.length) * (i + 0.5);
  const real = points.map((p, i) => ({ ...p, i })).filter((p) => p.y !== null);
  const d = real.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
  const area = real.length > 1 ? `${d} L${x(real[real.length - 1].i).toFixed(1)},${y(0)} L${x(real[0].i).toFixed(1)},${y(0)} Z` : '';
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img' },
    grid,
    area ? s('path', { d: area, fill: color, opacity: 0.08 }) : null,
    d ? s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }) : null,
    points.map((p, i) => s('g', {},
      p.y === null
        ? s('circle', { cx: x(i), cy: y(0), r: 4, fill: '#fff', stroke: '#cbd5e1', 'stroke-width': 1.5 })
        : [
            s('circle', { cx: x(i), cy: y(p.y), r: 5.5, fill: p.color ?? color, stroke: '#fff', 'stroke-width': 2 }),
            s('text', { x: x(i), y: y(p.y) - 10, 'text-anchor': 'middle', class: 'val small' }, p.text ?? yFormat(p.y)),
          ],
      xLabel(x(i), height - pad.bottom + 17, p.label, p.sublabel),
    )),
  );
}


/** One colour per rung, calm to alarming; styles.css uses the same values. */
export const STAGE_COLORS = {
  latent: '#64748b',
  objection: '#0ea5e9',
  complaint: '#eab308',
  formal_complaint: '#f97316',
  deadlock: '#dc2626',
  public_action: '#7f1d1d',
};
