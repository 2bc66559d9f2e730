import { get, session } from './api.js';
import { h, replace } from './dom.js';
import { own } from './own.js';
import { CATEGORIES, CHANNELS, getLang, SEVERITIES, STAGE_LABELS, STAGES, t } from './i18n.js';
import { chartWidth, figure, hbars, line, SEVERITY_COLORS, STAGE_COLORS, vbars } from './charts.js';
import { duration, fill, money, percent } from './format.js';
import { keepInHash, openedWindow, rangeControl, rangeFault, rangeFromHash, rangeText } from './range.js';
import { drillLink } from './drill.js';

const POLL_MS = 3000;
// p50 and p90 of the first-response chart: the p90 is a lighter tone of the p50's, edged so that
// its bar stands out 3:1 from the white panel (WCAG 1.4.11) although it carries no value label.
const P50 = '#1e3a5f';
const P90 = '#7dd3fc';
const P90_EDGE = '#0284c7';
const REPORTS = ['open-work', 'funnel', 'compensation', 'clocks', 'speed', 'after-resolution'];

/** Reports from the analytics process (built from the Kafka stream), scoped to the caller's dealers by the API. */
export function mountAnalytics(root) {
  const filter = JSON.parse(sessionStorage.getItem('ladder.analytics') ?? '{}');
  // The range lives in the address (#/analytics?from=…&to=…), so a reload or a shared link keeps it.
  const asked = rangeFromHash();
  let range = rangeFault(asked) ? {} : asked;
  let stopped = false;
  let timer;
  let generation = 0;
  let lastKey = '';
  let last = null;
  let drawnWidth = 0;
  // Which charts show their table: kept across redraws, so a poll never closes one.
  const tablesOpen = new Set();
  const lang = getLang();
  const stageName = (s) => own(own(STAGE_LABELS, s), lang) ?? s;
  const otherName = (s) => own(own(STAGE_LABELS, s), lang === 'zh' ? 'en' : 'zh') ?? s;

  const select = (name, table, allLabel) =>
    h(
      'select.select',
      {
        'aria-label': t(name),
        onchange: (e) => {
          filter[name] = e.target.value || undefined;
          sessionStorage.setItem('ladder.analytics', JSON.stringify(filter));
          lastKey = '';
          load();
        },
      },
      h('option', { value: '' }, allLabel),
      Object.entries(table).map(([v, l]) => h('option', { value: v, selected: filter[name] === v }, l[lang])),
    );

  const meta = h('span.muted');
  const kpis = h('div.kpis');
  const grid = h('div.chart-grid');
  const ranged = rangeControl(asked, (next) => {
    range = next;
    keepInHash('analytics', range);
    lastKey = '';
    load();
  });
  // The list filters by stage, severity, dealer and opening date, not by category or channel.
  const drillNote = h('p.drill-note', { hidden: true }, t('drillNeedsAll'));
  replace(
    root,
    h(
      'div.page-head',
      h('div', h('h1', t('analytics')), h('p.muted', meta)),
      h(
        'div.toolbar',
        select('category', CATEGORIES, t('allCategories')),
        select('channel', CHANNELS, t('allChannels')),
      ),
    ),
    ranged.el,
    drillNote,
    kpis,
    grid,
  );
  if (rangeFault(asked)) ranged.refuse(rangeFault(asked));

  async function load() {
    clearTimeout(timer);
    drillNote.hidden = drillable();
    const q = new URLSearchParams([
      ...Object.entries(filter).filter(([, v]) => v),
      ...Object.entries(openedWindow(range)),
    ]);
    // A range or filter chosen while these were on their way was loaded afresh: these are dropped.
    const mine = ++generation;
    try {
      const results = await Promise.all([
        ...REPORTS.map((r) => get(`/v1/analytics/${r}?${q}`)),
        get(`/v1/analytics/open-work?${q}&by=severity`),
      ]);
      if (mine !== generation) return;
      const [openWork, funnel, compensation, clocks, speed, after, openBySeverity] = results.map((r) => r.data);
      const eventsApplied = results[0].eventsApplied ?? 0;
      const key = JSON.stringify([eventsApplied, filter, range, results.map((r) => r.data)]);
      if (key !== lastKey && !stopped) {
        lastKey = key;
        draw({ openWork, funnel, compensation, clocks, speed, after, openBySeverity, eventsApplied });
      }
    } catch (err) {
      if (mine !== generation) return;
      if (!stopped) replace(kpis, h('div.panel.error-panel', h('strong', t('analyticsDown')), h('p', err.message)));
    }
    if (!stopped) timer = setTimeout(load, POLL_MS);
  }

  function draw(data = last) {
    if (!data) return;
    last = data;
    const { openWork, funnel, compensation, clocks, speed, after, openBySeverity, eventsApplied } = data;
    const resolved = Object.values(funnel.stageAtResolution ?? {}).reduce((a, b) => a + b, 0);
    meta.textContent = `${eventsApplied} ${t('eventsApplied')} · ${new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB')}`;
    replace(
      kpis,
      kpi('opened', t('kpiOpened'), String(funnel.opened)),
      kpi('open', t('kpiOpen'), String(openWork.total)),
      kpi('resolved', t('kpiResolved'), String(resolved)),
      kpi('compensation', t('kpiCompensation'), money(compensation.total)),
      kpi(
        'satisfaction',
        t('kpiSatisfaction'),
        after.followUps ? percent(after.satisfactionRate) : '–',
        after.followUps ? `${after.satisfied}/${after.followUps}` : '',
      ),
    );

    const width = chartWidth(panelWidth());
    drawnWidth = width;
    const opened = Math.max(1, funnel.opened);
    const reachedShare = (s) => percent((funnel.reached[s] ?? 0) / opened);
    const funnelChart = hbars(
      STAGES.map((s) => ({
        label: stageName(s),
        sublabel: otherName(s),
        value: funnel.reached[s] ?? 0,
        color: STAGE_COLORS[s],
        text: `${funnel.reached[s] ?? 0} · ${reachedShare(s)}`,
      })),
      { max: opened, rowHeight: 38, width },
    );

    const costPoints = compensation.costOfRecovery.map((p) => ({
      resolved: p.resolved,
      label: stageName(p.stage),
      sublabel: p.resolved ? `${p.resolved} ${t('resolvedCount')}` : '–',
      y: p.resolved ? p.average : null,
      color: own(STAGE_COLORS, p.stage),
      text: p.resolved ? money(p.average) : undefined,
    }));
    const cost = line(costPoints, { yFormat: (v) => money(v), width });

    // The clocks report counts complaints with a breach at a stage and those that reached it, and
    // the rate is the one over the other: the label shows that very fraction, from the one report.
    const breachOf = (s) => {
      const { breaches, reached, breachRate } = clocks[s];
      return { breaches, reached, rate: reached ? percent(breachRate) : '–' };
    };
    const breach = vbars(
      STAGES.map((s) => {
        const b = breachOf(s);
        return {
          label: stageName(s),
          sublabel: `${b.breaches} / ${b.reached}`,
          bars: [{ value: clocks[s].breachRate, color: STAGE_COLORS[s], text: b.reached ? b.rate : '' }],
        };
      }),
      { max: 1, yFormat: percent, width },
    );

    const p = (s, k) => speed[s].firstResponse[k];
    const first = vbars(
      STAGES.map((s) => ({
        label: stageName(s),
        sublabel: `n=${speed[s].firstResponse.count}`,
        bars: [
          { value: p(s, 'p50'), color: P50, text: p(s, 'p50') !== null ? duration(p(s, 'p50')) : '' },
          { value: p(s, 'p90'), color: P90, stroke: P90_EDGE, text: '' },
        ],
      })),
      {
        yFormat: (v) => (v === 0 ? '0' : duration(v)),
        legend: [
          { label: 'p50', color: P50 },
          { label: 'p90', color: P90, stroke: P90_EDGE },
        ],
        width,
      },
    );

    const said = (parts) => parts.join(lang === 'zh' ? '；' : '; ');
    const open = openWorkCharts({ openWork, openBySeverity, width });
    // New figures redraw the charts: a bar that had focus keeps it.
    const focused = document.activeElement?.closest?.('a.bar-link');
    const refocus =
      focused &&
      `[data-chart="${focused.closest('[data-chart]').dataset.chart}"] a.bar-link[data-key="${CSS.escape(focused.dataset.key)}"]`;
    replace(
      grid,
      chartPanel(
        'funnel',
        t('funnel'),
        t('funnelSub'),
        funnelChart,
        said(STAGES.map((s) => `${stageName(s)} ${funnel.reached[s] ?? 0} (${reachedShare(s)})`)),
        [t('stage'), t('tableReached'), t('tableShareOpened')],
        STAGES.map((s) => [stageName(s), String(funnel.reached[s] ?? 0), reachedShare(s)]),
      ),
      chartPanel(
        'cost',
        t('cost'),
        t('costSub'),
        cost,
        said(costPoints.map((c) => `${c.label} ${c.text ?? '–'}`)),
        [t('tableStageAtResolution'), t('tableResolved'), t('tableAverage')],
        costPoints.map((c) => [c.label, String(c.resolved), c.text ?? '–']),
      ),
      chartPanel(
        'breach',
        t('breach'),
        t('breachSub'),
        breach,
        said(
          STAGES.map((s) => {
            const b = breachOf(s);
            return `${stageName(s)} ${b.rate} (${b.breaches} / ${b.reached})`;
          }),
        ),
        [t('stage'), t('tableBreached'), t('tableReached'), t('tableBreachRate')],
        STAGES.map((s) => {
          const b = breachOf(s);
          return [stageName(s), String(b.breaches), String(b.reached), b.rate];
        }),
      ),
      chartPanel(
        'first-response',
        t('firstResponse'),
        t('firstResponseSub'),
        first,
        said(STAGES.map((s) => `${stageName(s)} p50 ${duration(p(s, 'p50'))}, p90 ${duration(p(s, 'p90'))}`)),
        [t('stage'), t('tableResponses'), 'p50', 'p90'],
        STAGES.map((s) => [
          stageName(s),
          String(speed[s].firstResponse.count),
          duration(p(s, 'p50')),
          duration(p(s, 'p90')),
        ]),
      ),
      open.map((c) =>
        chartPanel(
          c.id,
          c.title,
          drillable() ? t('openSub') : t('openSubNoDrill'),
          c.chart,
          said(c.rows.map((r) => `${r.label} ${r.value}`)),
          [c.column, t('tableOpen')],
          c.rows.map((r) => [r.label, String(r.value)]),
        ),
      ),
    );
    if (refocus) grid.querySelector(refocus)?.focus();
  }

  /** Open complaints by stage, severity and (for staff of several dealers) dealer; each bar lists what it counts. */
  function openWorkCharts({ openWork, openBySeverity, width }) {
    const other = lang === 'zh' ? 'en' : 'zh';
    const bars = (id, title, column, dimension, entries, name, sub, color) => {
      const rows = entries.map(([value, n]) => ({
        label: name(value),
        sublabel: sub(value),
        value: n,
        color: color(value),
        text: String(n),
        link:
          n && drillable()
            ? {
                href: drillLink({ [dimension]: value, ...range }),
                name: drillName(dimension, [name(value), sub(value), n], n),
                key: value,
              }
            : undefined,
      }));
      return { id, title, column, rows, chart: hbars(rows, { max: Math.max(1, ...rows.map((r) => r.value)), width }) };
    };
    const severities = Object.keys(SEVERITIES);
    const charts = [
      bars(
        'open-by-stage',
        t('openByStage'),
        t('stage'),
        'stage',
        STAGES.map((s) => [s, openWork.byStage[s] ?? 0]),
        stageName,
        otherName,
        (s) => STAGE_COLORS[s],
      ),
      bars(
        'open-by-severity',
        t('openBySeverity'),
        t('severity'),
        'severity',
        severities.map((v) => [v, own(openBySeverity, v)?.total ?? 0]),
        (v) => own(own(SEVERITIES, v), lang) ?? v,
        (v) => own(own(SEVERITIES, v), other) ?? '',
        (v) => own(SEVERITY_COLORS, v),
      ),
    ];
    const me = session.me;
    if (me.dealers.includes('*') || me.dealers.length > 1) {
      const dealers = Object.keys(openWork.byDealer).sort();
      charts.push(
        bars(
          'open-by-dealer',
          t('openByDealer'),
          t('dealer'),
          'dealerId',
          dealers.map((d) => [d, own(openWork.byDealer, d)]),
          (d) => d,
          () => '',
          () => P50,
        ),
      );
    }
    return charts;
  }

  const drillable = () => !filter.category && !filter.channel;
  /**
   * "Complaint 抱怨 3: list the 3 open complaints at this stage, opened 1 Nov 2026 – 30 Nov 2026".
   * The name starts with what the bar shows, so speech input can say what it sees (WCAG 2.5.3).
   */
  const drillName = (dimension, shown, n) => {
    const key = { stage: 'drillStage', severity: 'drillSeverity', dealerId: 'drillDealer' }[dimension];
    const when = range.from || range.to ? fill(t('drillOpened'), { range: rangeText(range) }) : '';
    return fill(t(key), { shown: shown.filter((x) => x !== '').join(' '), n, range: when });
  };

  /** The width one chart gets: the grid's width, shared between its columns, less a panel's padding. */
  function panelWidth() {
    const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').length || 1;
    const gap = parseFloat(getComputedStyle(grid).columnGap) || 0;
    return (grid.clientWidth - gap * (columns - 1)) / columns - 34;
  }

  const kpi = (id, name, value, sub) =>
    h(
      'div.kpi',
      { dataset: { kpi: id } },
      h('span.kpi-label', name),
      h('span.kpi-value', value),
      sub ? h('span.kpi-sub', sub) : null,
    );
  const chartPanel = (id, title, sub, chart, summary, columns, rows) =>
    h(
      'section.panel.chart-panel',
      { dataset: { chart: id } },
      figure({
        title,
        sub,
        chart,
        summary: `${title}. ${summary}`,
        table: { caption: title, columns, rows },
        toggle: t('chartTable'),
        open: tablesOpen.has(id),
        onToggle: (open) => (open ? tablesOpen.add(id) : tablesOpen.delete(id)),
      }),
    );

  // A phone turned, or a window resized: draw again at the new width, from the figures at hand.
  const resized = new ResizeObserver(() => {
    if (last && chartWidth(panelWidth()) !== drawnWidth) draw();
  });
  resized.observe(grid);

  load();
  return () => {
    stopped = true;
    resized.disconnect();
    clearTimeout(timer);
  };
}
