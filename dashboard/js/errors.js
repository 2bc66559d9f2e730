// Server errors in the reader's language: the `error` code says what kind of refusal it is, and
// each invalid_input detail names a field path (customer.phone, rootCause.area …) and a message.
import { ApiError } from './api.js';
import { ERROR_CODES, getLang, label, REFLECTION_FIELDS, t } from './i18n.js';
import { own } from './own.js';

/** The interface string that names a request field, by the last meaningful part of its path. */
const FIELD_KEYS = {
  dealerId: 'dealer',
  'customer.name': 'customerName',
  'customer.phone': 'phone',
  customer: 'customer',
  vehicle: 'vehicle',
  'vehicle.plate': 'plate',
  'vehicle.vin': 'vin',
  repairOrderNo: 'repairOrder',
  channel: 'channel',
  category: 'category',
  severity: 'severity',
  description: 'description',
  startingStage: 'startingStage',
  owner: 'owner',
  amount: 'amount',
  type: 'type',
  summary: 'summary',
  method: 'method',
  reason: 'reason',
  note: 'note',
  by: 'by',
  clock: 'clock',
  to: 'to',
  driver: 'driver',
  kind: 'kind',
  rootCause: 'rootCause',
  'rootCause.kind': 'rootCause',
  'rootCause.area': 'area',
  'rootCause.description': 'description',
  reflection: 'reflection',
  outcome: 'status',
  decision: 'status',
};

/** A field path as a person names it: "客户 · 电话" rather than "customer.phone". */
export function fieldName(path) {
  const p = String(path ?? '');
  const reflection = /^reflection\.(\w+)$/.exec(p);
  if (reflection) return label(REFLECTION_FIELDS, reflection[1]);
  const key = own(FIELD_KEYS, p) ?? own(FIELD_KEYS, p.split('.').at(-1));
  return key ? t(key) : p;
}

// The domain's messages (domain/complaint.ts, text.ts, remedy.ts, actions.ts) in Chinese; any other
// message is shown as the server wrote it.
const ZH_MESSAGES = [
  [/must not be empty$/, () => '不能为空'],
  [/^must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^must be one line/, () => '须为一行，不能包含控制字符'],
  [/^must not hold control characters/, () => '不能包含控制字符'],
  [/^expected digits, an optional leading \+/, () => '只能包含数字、开头的 +、空格或短横线'],
  [/^expected 7 to 20 digits$/, () => '应为 7 到 20 位数字'],
  [/^expected a 17-character VIN/, () => '应为 17 位车架号，不含 I、O、Q'],
  [/^give the plate, the VIN or both$/, () => '请填写车牌或车架号（或两者都填）'],
  [/^expected a duration/, () => '请填写时长，如 2h、30m'],
  [/^expected letters, digits/, () => '只能包含字母、数字及 - _ . :'],
  [/^expected an amount/, () => '请填写金额'],
  [/^amount must be zero or more$/, () => '金额不能为负'],
  [/^amount must be at most/, () => '金额过大'],
  [/^amount must be in whole fen/, () => '最多两位小数（精确到分）'],
  [/^an upheld-policy decision needs a reason$/, () => '坚持原则须填写原因'],
  [/^expected a staff id$/, () => '请选择员工'],
  [/^Invalid option|^expected one of/i, () => '请从列表中选择'],
  [/^Invalid input|^Required$/i, () => '必填'],
];

export function fieldMessage(message) {
  const text = String(message ?? '');
  if (getLang() !== 'zh') return text;
  for (const [pattern, say] of ZH_MESSAGES) {
    const m = pattern.exec(text);
    if (m) return say(m);
  }
  return text;
}

/**
 * The sentence for a failed request. invalid_input says "check the marked fields" (the fields
 * carry the detail); refusals keep the server's reason, which names the rule, after the title.
 */
export function errorText(err) {
  if (!(err instanceof ApiError)) return `${label(ERROR_CODES, 'network')}${err?.message ? ` (${err.message})` : ''}`;
  const title = own(ERROR_CODES, err.code) ? label(ERROR_CODES, err.code) : label(ERROR_CODES, 'error');
  if (err.code === 'invalid_input') return title;
  return err.message && err.message !== title ? `${title}: ${err.message}` : title;
}

/** Each detail as { path, field, message }, localised. */
export const errorDetails = (err) =>
  (err instanceof ApiError && Array.isArray(err.details) ? err.details : []).map((d) => ({
    path: String(d.path ?? ''),
    field: fieldName(d.path),
    message: fieldMessage(d.message),
  }));
