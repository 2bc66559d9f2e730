import { session } from './api.js';
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

/** The policy's time zone (GET /v1/me); undefined, the viewer's own clock, for a round-the-clock policy. */
export const timeZone = () => session.me?.timeZone ?? undefined;
const locale = () => (getLang() === 'zh' ? 'zh-CN' : 'en-GB');
const toMs = (at) => (typeof at === 'string' ? Date.parse(at) : at);

/** A moment in the policy's time zone: "2 Mar, 14:05:09" / "3月2日 14:05:09"; epoch ms or ISO text. */
export function dateTime(ms) {
  if (!ms) return '–';
  return new Date(toMs(ms)).toLocaleString(locale(), {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: timeZone(),
  });
}

/** What a <time> element's title says: the full date and the zone it is shown in. */
export function zoneTitle(ms) {
  const zone = timeZone();
  const full = new Date(toMs(ms)).toLocaleString(locale(), { dateStyle: 'full', timeStyle: 'long', timeZone: zone });
  return `${full} · ${zone ?? t('localTime')}`;
}

/** "in 2 h 5 min" / "2小时5分钟后", or "… ago": a due time next to its countdown. */
export function fromNow(at, now = Date.now()) {
  const ms = toMs(at) - now;
  return fill(t(ms >= 0 ? 'inTime' : 'agoTime'), { t: span(Math.abs(ms)) });
}

/** A length of time in words: "2 h 30 min", "3 d 4 h" / "2小时30分钟", "3天4小时" (two largest units). */
export function span(ms) {
  const zh = getLang() === 'zh';
  const units = [
    [86_400_000, zh ? '天' : ' d'],
    [3_600_000, zh ? '小时' : ' h'],
    [60_000, zh ? '分钟' : ' min'],
    [1000, zh ? '秒' : ' s'],
  ];
  let rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const parts = [];
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n && parts.length < 2) parts.push(`${n}${name}`);
    if (n) rest -= n * size;
    if (parts.length && n === 0) break;
  }
  return parts.length ? parts.join(zh ? '' : ' ') : zh ? '0秒' : '0 s';
}

/** "{n} 次" with vars filled in. */
export const fill = (text, vars) =>
  text.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(vars, k) ? String(vars[k]) : m));

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

/**
 * An amount as a desk reads it: ¥8,000.00 in English, 8,000 元 in Chinese (fen only when there
 * are any); other currencies by Intl.
 */
export function amount(value, currency = session.me?.currency ?? 'CNY') {
  const n = Number(value ?? 0);
  if (currency !== 'CNY') return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(n);
  if (getLang() === 'zh') {
    const whole = Number.isInteger(n);
    return `${n.toLocaleString('zh-CN', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })} 元`;
  }
  return `¥${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const ZH_DIGITS = '零一二三四五六七八九';
const ZH_PLACES = ['千', '百', '十', ''];
const ZH_GROUPS = ['', '万', '亿', '万亿'];

/** 0 < g < 10000 → "一千零五", "五百", "一十五" (the leading 一十 is trimmed by the caller). */
function zhGroup(g) {
  let out = '';
  let zero = false;
  String(g)
    .padStart(4, '0')
    .split('')
    .forEach((c, i) => {
      const d = Number(c);
      if (d === 0) {
        if (out) zero = true;
        return;
      }
      if (zero) out += '零';
      zero = false;
      out += ZH_DIGITS[d] + ZH_PLACES[i];
    });
  return out;
}

function zhInteger(n) {
  if (n === 0) return '零';
  const groups = [];
  for (let x = n; x > 0; x = Math.floor(x / 10000)) groups.push(x % 10000);
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      if (out) gap = true;
      continue;
    }
    if (out && (gap || g < 1000)) out += '零';
    gap = false;
    out += zhGroup(g) + ZH_GROUPS[i];
  }
  return out.replace(/^一十/, '十');
}

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_GROUPS = ['', ' thousand', ' million', ' billion', ' trillion'];

function enBelow1000(n) {
  const words = [];
  if (n >= 100) words.push(`${EN_ONES[Math.floor(n / 100)]} hundred`);
  const rest = n % 100;
  if (rest && n >= 100) words.push('and');
  if (rest >= 20) words.push(EN_TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ''));
  else if (rest) words.push(EN_ONES[rest]);
  return words.join(' ');
}

function enInteger(n) {
  if (n === 0) return 'zero';
  const parts = [];
  for (let i = 0, x = n; x > 0; i++, x = Math.floor(x / 1000)) {
    const g = x % 1000;
    if (g) parts.unshift(enBelow1000(g) + EN_GROUPS[i]);
  }
  // "one thousand and five", as British English says it.
  if (n > 1000 && n % 1000 > 0 && n % 1000 < 100) parts.splice(-1, 0, 'and');
  return parts.join(' ');
}

/** The amount in words, as on a cheque: "一万元整", "十二元五角" / "ten thousand yuan". */
export function amountInWords(value, currency = session.me?.currency ?? 'CNY') {
  const fen = Math.round(Number(value) * 100);
  if (!Number.isFinite(fen) || fen < 0) return '';
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  if (getLang() === 'zh') {
    const unit = currency === 'CNY' ? '元' : ` ${currency} `;
    if (currency !== 'CNY') return `${zhInteger(whole)}${unit}${cents ? `${zhInteger(cents)}分` : ''}`.trim();
    if (!cents) return `${zhInteger(whole)}元整`;
    const jiao = Math.floor(cents / 10);
    const f = cents % 10;
    return `${zhInteger(whole)}元${jiao ? `${ZH_DIGITS[jiao]}角` : '零'}${f ? `${ZH_DIGITS[f]}分` : ''}`;
  }
  const unit = currency === 'CNY' ? 'yuan' : currency;
  return `${enInteger(whole)} ${unit}${cents ? ` ${enInteger(cents)} ${currency === 'CNY' ? 'fen' : 'cents'}` : ''}`;
}

/**
 * What was typed in an amount field: { value } or { error } (an i18n key). Digits with an
 * optional thousands grouping and at most two decimals; 1.5e9, hex and the like are refused,
 * because Number() would quietly read them as something nobody meant to type.
 */
export function parseAmount(text) {
  const raw = String(text ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/[\s\u00a0]/g, '');
  if (raw === '') return { error: 'amountDigits' };
  if (/[eE]/.test(raw)) return { error: 'amountExponent' };
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(raw)) return { error: 'amountDigits' };
  const plain = raw.replace(/,/g, '');
  if (/\.\d{3,}$/.test(plain)) return { error: 'amountFen' };
  return { value: Number(plain) };
}

export const percent = (x) => `${Math.round((x ?? 0) * 100)}%`;

export const actorName = (actor) => (actor === 'system' ? t('tlSystem') : (actor?.name ?? actor?.id ?? '–'));
