/**
 * The words staff read for each domain value, in zh and en, defined once. The ladder's own labels
 * live with the ladder (ladder.ts), roles with staff.ts and remedy types with remedy.ts; these are
 * the rest. GET /v1/vocabulary serves them all, so no client keeps a copy.
 */
import type { Category, Channel, Severity } from './ladder';
import type { RemedyStatus } from './remedy';

type Label = { en: string; zh: string };

export const CATEGORY_LABELS: Record<Category, Label> = {
  delivery_delay: { en: 'Delivery delay', zh: '交车延误' },
  quote_or_price: { en: 'Quote or price', zh: '报价或价格' },
  repair_quality: { en: 'Repair quality', zh: '维修质量' },
  misdiagnosis: { en: 'Misdiagnosis', zh: '误诊' },
  vehicle_damage_in_shop: { en: 'Damage in shop', zh: '店内车损' },
  unauthorised_work: { en: 'Unauthorised work', zh: '未经授权施工' },
  staff_attitude: { en: 'Staff attitude', zh: '服务态度' },
  parts: { en: 'Parts', zh: '配件' },
  insurance_claim: { en: 'Insurance claim', zh: '保险理赔' },
  other: { en: 'Other', zh: '其他' },
};

export const CHANNEL_LABELS: Record<Channel, Label> = {
  on_site: { en: 'On site', zh: '现场' },
  phone: { en: 'Phone', zh: '电话' },
  follow_up_call: { en: 'Follow-up call', zh: '回访电话' },
  letter: { en: 'Letter', zh: '信函' },
  online: { en: 'Online', zh: '网络' },
  regulator: { en: 'Regulator', zh: '监管部门' },
  media: { en: 'Media', zh: '媒体' },
};

export const SEVERITY_LABELS: Record<Severity, Label> = {
  low: { en: 'Low', zh: '低' },
  medium: { en: 'Medium', zh: '中' },
  high: { en: 'High', zh: '高' },
  critical: { en: 'Critical', zh: '紧急' },
};

export const REMEDY_STATUS_LABELS: Record<RemedyStatus, Label> = {
  awaiting_approval: { en: 'Awaiting approval', zh: '待审批' },
  proposed: { en: 'Put to customer', zh: '待客户确认' },
  accepted: { en: 'Accepted', zh: '客户接受' },
  declined: { en: 'Declined', zh: '客户拒绝' },
};
