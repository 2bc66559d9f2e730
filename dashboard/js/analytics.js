import { get } from './api.js';
import { h, replace } from './dom.js';
import { own } from './own.js';
import { CATEGORIES, CHANNELS, getLang, STAGE_LABELS, STAGES, t } from './i18n.js';
import { hbars, line, STAGE_COLORS, vbars } from './charts.js';
import { duration, money, percent } from './format.js';

const POLL_MS = 3000;
const REPORTS = ['open-work', 'funnel', 'compensation', 'clocks', 'speed', 'after-resolution'];

/** Reports from the analytics process (built from the Kafka stream), scoped to the caller's dealers by the API. */
export function mountAnalytics(root) {
  const filter = JSON.parse(sessionStorage.getItem('ladder.analytics') ?? '{}');
  let stopped = false;
  let timer;
  let lastKey = '';
  const lang = getLang();
  const stageName = (s) => own(own(STAGE_LABELS, s), lang) ?? s;
  const otherName = (s) => own(own(STAGE_LABELS, s), lang === 'zh' ? 'en' : 'zh') ?? s;

  const select = (name, table, allLabel) => h('select.select', {
    'aria-label': name,
    onchange: (e) => {
      filter[name] = e.target.value || undefined;
      sessionStorage.setItem('ladder.analytics', JSON.stringify(filter));
      lastKey = '';
      load();
    },
  }, h('option', { value: '' }, allLabel), Object.entries(table).map(([v, l]) => h('option', { value: v, selected: filter[name] === v }, l[lang])));

  const meta = h('span.muted');
  const kpis = h('div.kpis');
  const grid = h('div.chart-grid');
  replace(root,
    h('div.page-head',
      h('div', h('h1', t('analytics')), h('p.muted', meta)),
      h('div.toolbar', select('category', CATEGORIES, t('allCategories')), select('channel', CHANNELS, t('allChannels'))),
    ),
    kpis,
    grid,
  );

  async function load() {
    clearTimeout(timer);
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    try {
      const results = await Promise.all(REPORTS.map((r) => get(`/v1/analytics/${r}?${q}`)));
      const [openWork, funnel, compensation, clocks, speed, after] = results.map((r) => r.data);
      const eventsApplied = results[0].eventsApplied ?? 0;
      const key = JSON.stringify([eventsApplied, filter, results.map((r) => r.data)]);
      if (key !== lastKey && !stopped) {
        lastKey = key;
        draw({ openWork, funnel, compensation, clocks, speed, after, eventsApplied });
      }
    } catch (err) {
      if (!stopped) replace(kpis, h('div.panel.error-panel', h('strong', t('analyticsDown')), h('p', err.message)));
    }
    if (!stopped) timer = setTimeout(load, POLL_MS);
  }

  function draw({ openWork, funnel, compensation, clocks, speed, after, eventsApplied }) {
    const resolved = Object.values(funnel.stageAtResolution ?? {}).reduce((a, b) => a + b, 0);
    meta.textContent = `${eventsApplied} ${t('eventsApplied')} · ${new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB')}`;
    replace(kpis,
      kpi('opened', t('kpiOpened'), String(funnel.opened)),
      kpi('open', t('kpiOpen'), String(openWork.total)),
      kpi('resolved', t('kpiResolved'), String(resolved)),
      kpi('compensation', t('kpiCompensation'), money(compensation.total)),
      kpi('satisfaction', t('kpiSatisfaction'), after.followUps ? percent(after.satisfactionRate) : '–', after.followUps ? `${after.satisfied}/${after.followUps}` : ''),
    );

    const opened = Math.max(1, funnel.opened);
    const funnelChart = hbars(STAGES.map((s) => ({
      label: stageName(s),
      sublabel: otherName(s),
      value: funnel.reached[s] ?? 0,
      color: STAGE_COLORS[s],
      text: `${funnel.reached[s] ?? 0} · ${percent((funnel.reached[s] ?? 0) / opened)}`,
    })), { max: opened, rowHeight: 38 });

    const cost = line(compensation.costOfRecovery.map((p) => ({
      label: stageName(p.stage),
      sublabel: p.resolved ? `${p.resolved} ${t('resolvedCount')}` : '–',
      y: p.resolved ? p.average : null,
      color: own(STAGE_COLORS, p.stage),
      text: p.resolved ? money(p.average) : undefined,
    })), { yFormat: (v) => money(v) });

    const breach = vbars(STAGES.map((s) => ({
      label: stageName(s),
      sublabel: `${clocks[s].breaches} / ${funnel.reached[s] ?? 0}`,
      bars: [{ value: clocks[s].breachRate, color: STAGE_COLORS[s], text: (funnel.reached[s] ?? 0) ? percent(clocks[s].breachRate) : '' }],
    })), { max: 1, yFormat: percent });

    const first = vbars(STAGES.map((s) => ({
      label: stageName(s),
      sublabel: `n=${speed[s].firstResponse.count}`,
      bars: [
        { value: speed[s].firstResponse.p50, color: '#1e3a5f', text: speed[s].firstResponse.p50 !== null ? duration(speed[s].firstResponse.p50) : '' },
        { value: speed[s].firstResponse.p90, color: '#7dd3fc', text: '' },
      ],
    })), { yFormat: (v) => (v === 0 ? '0' : duration(v)), legend: [{ label: 'p50', color: '#1e3a5f' }, { label: 'p90', color: '#7dd3fc' }] });

    replace(grid,
      chartPanel('funnel', t('funnel'), t('funnelSub'), funnelChart),
      chartPanel('cost', t('cost'), t('costSub'), cost),
      chartPanel('breach', t('breach'), t('breachSub'), breach),
      chartPanel('first-response', t('firstResponse'), t('firstResponseSub'), first),
    );
  }

  const kpi = (id, name, value, sub) => h('div.kpi', { dataset: { kpi: id } }, h('span.kpi-label', name), h('span.kpi-value', value), sub ? h('span.kpi-sub', sub) : null);
  const chartPanel = (id, title, sub, chart) => h('section.panel.chart-panel', { dataset: { chart: id } }, h('h2.panel-title', title, h('small', sub)), chart);

  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

