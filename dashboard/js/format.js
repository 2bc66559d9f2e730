import { getLang, t } from './i18n.js';

const pad = (n) => String(n).padStart(2, '0');

/** "3d 04:05:06", "04:05", or "0:03" for the last seconds; negative means overdue. */
export function countdown(ms) {
  const sign = ms < 0 ? '−' : '';
  let rest = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mm = Math.floor(rest / 60);
  const ss = rest - mm * 60;
  if (d) return `${sign}${d}d ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
  if (hh) return `${sign}${hh}:${pad(mm)}:${pad(ss)}`;
  return `${sign}${mm}:${pad(ss)}`;
}

/** Human durations for report figures: 850 ms, 4.2 s, 12 min, 3.5 h, 2.1 d. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

export function dateTime(ms) {
  if (!ms) return '–';
  const d = new Date(typeof ms === 'string' ? Date.parse(ms) : ms);
  return d.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

export function relative(ms, now = Date.now()) {
  const diff = Math.round((now - ms) / 1000);
  if (getLang() === 'zh') {
    if (diff < 60) return `${diff} 秒前`;
    if (diff < 3600) return `${Math.floor(diff / 60)} 分钟前`;
    if (diff < 86400) return `${Math.floor(diff / 3600)} 小时前`;
    return `${Math.floor(diff / 86400)} 天前`;
  }
  if (diff < 60) return `${diff}s ago`;
  if (diff < 3600) return `${Math.floor(diff / 60)}m ago`;
  if (diff < 86400) return `${Math.floor(diff / 3600)}h ago`;
  return `${Math.floor(diff / 86400)}d ago`;
}

export function money(amount, currency = 'CNY') {
  const n = Number(amount ?? 0);
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  return `${symbol}${n.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 })}`;
}

export const percent = (x) => `${Math.round((x ?? 0) * 100)}%`;

export const actorName = (actor) => (actor === 'system' ? t('system') : actor?.name ?? actor?.id ?? '–');
