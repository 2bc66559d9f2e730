/**
 * The words staff read for each domain value, in zh and en, defined once. The ladder's own labels
 * live with the ladder (ladder.ts), roles with staff.ts and remedy types with remedy.ts; these are
 * the rest. GET /v1/vocabulary serves them all, so no client keeps a copy.
 */
import type { ContactMethod, FollowUpOutcome } from './actions';
import type { ClockKind, ClockStatus } from './clock';
import type { DefectArea, ReflectionReport } from './closing';
import type { ComplaintStatus, PauseReason } from './complaint';
import type { CustomerTemplate } from './customer-notices';
import type { EntryTrigger } from './deadlines';
import type { Category, Channel, Severity } from './ladder';
import type { RemedyStatus } from './remedy';

type Label = { en: string; zh: string };
/** Why clocks resumed (clock.resumed's trigger). */
type ResumeTrigger = 'supervisor' | 'escalation' | 'pause_limit';

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

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, Label> = {
  open: { en: 'Open', zh: '处理中' },
  resolved: { en: 'Resolved', zh: '已解决' },
  closed: { en: 'Closed', zh: '已结案' },
};

export const CLOCK_KIND_LABELS: Record<ClockKind, Label> = {
  respond: { en: 'Respond by', zh: '响应时限' },
  resolve: { en: 'Resolve by', zh: '解决时限' },
  follow_up: { en: 'Follow-up due', zh: '回访截止' },
};

export const CLOCK_STATUS_LABELS: Record<ClockStatus, Label> = {
  running: { en: 'Running', zh: '计时中' },
  paused: { en: 'Paused', zh: '已暂停' },
  met: { en: 'Met', zh: '已达成' },
  breached: { en: 'Breached', zh: '已超时' },
};

export const CONTACT_METHOD_LABELS: Record<ContactMethod, Label> = {
  phone: { en: 'Phone', zh: '电话' },
  visit: { en: 'Visit', zh: '面谈' },
  message: { en: 'Message', zh: '短信/微信' },
  email: { en: 'Email', zh: '邮件' },
  letter: { en: 'Letter', zh: '信函' },
};

export const PAUSE_REASON_LABELS: Record<PauseReason, Label> = {
  waiting_for_customer: { en: 'Waiting for the customer', zh: '等待客户' },
  waiting_for_parts: { en: 'Waiting for parts', zh: '等待配件' },
  other: { en: 'Other', zh: '其他' },
};

export const DEFECT_AREA_LABELS: Record<DefectArea, Label> = {
  reception: { en: 'Reception', zh: '接待' },
  diagnosis: { en: 'Diagnosis', zh: '诊断' },
  repair: { en: 'Repair', zh: '维修' },
  parts: { en: 'Parts', zh: '配件' },
  billing: { en: 'Billing', zh: '结算' },
  delivery: { en: 'Delivery', zh: '交车' },
  communication: { en: 'Communication', zh: '沟通' },
};

/** Seed 001's 反思报告, field by field, in the order the report reads. */
export const REFLECTION_FIELD_LABELS: Record<keyof ReflectionReport, Label> = {
  customerThoughts: { en: "Customer's thoughts", zh: '客户的想法' },
  customerNeeds: { en: "Customer's needs", zh: '客户的需求' },
  wrongBelief: { en: 'Wrong belief', zh: '错误的观念' },
  wrongBehaviour: { en: 'Wrong behaviour', zh: '错误的行为' },
  badConsequence: { en: 'Bad consequence', zh: '不良的后果' },
  rightBelief: { en: 'Right belief', zh: '正确的观念' },
  rightBehaviour: { en: 'Right behaviour', zh: '正确的行为' },
  goodResult: { en: 'Good result', zh: '良好的结果' },
};

export const FOLLOW_UP_OUTCOME_LABELS: Record<FollowUpOutcome, Label> = {
  satisfied: { en: 'Customer satisfied', zh: '客户满意' },
  not_satisfied: { en: 'Customer not satisfied', zh: '客户不满意' },
  unreachable: { en: 'Customer unreachable', zh: '联系不上客户' },
};

/** stage.entered's trigger. */
export const ENTRY_TRIGGER_LABELS: Record<EntryTrigger, Label> = {
  intake: { en: 'At intake', zh: '受理时' },
  deadline_lapsed: { en: 'A deadline lapsed', zh: '时限超时自动升级' },
  customer_action: { en: 'The customer took it further', zh: '客户推动升级' },
  supervisor: { en: 'A supervisor’s decision', zh: '主管决定升级' },
};

export const RESUME_TRIGGER_LABELS: Record<ResumeTrigger, Label> = {
  supervisor: { en: 'By a supervisor', zh: '主管恢复' },
  escalation: { en: 'The complaint climbed', zh: '客诉已升级' },
  pause_limit: { en: 'The policy’s longest pause ran out', zh: '已达策略规定的最长暂停' },
};

export const CUSTOMER_TEMPLATE_LABELS: Record<CustomerTemplate, Label> = {
  received: { en: 'complaint received', zh: '受理通知' },
  remedy_proposed: { en: 'remedy proposed', zh: '补救方案通知' },
  outcome: { en: 'outcome', zh: '处理结果通知' },
  follow_up_planned: { en: 'follow-up planned', zh: '回访安排通知' },
  handed_over: { en: 'handed over', zh: '移交通知' },
};
