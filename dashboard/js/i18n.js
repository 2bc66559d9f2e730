// Labels in both languages. Stage names follow the ladder in domain/ladder.ts (SPEC §2).
import { own } from './own.js';

export const STAGES = ['latent', 'objection', 'complaint', 'formal_complaint', 'deadlock', 'public_action'];

export const STAGE_LABELS = {
  latent: { en: 'Latent', zh: '潜伏' },
  objection: { en: 'Objection', zh: '异议' },
  complaint: { en: 'Complaint', zh: '抱怨' },
  formal_complaint: { en: 'Formal complaint', zh: '投诉' },
  deadlock: { en: 'Deadlock', zh: '僵局' },
  public_action: { en: 'Public action', zh: '公开行动' },
};

export const STAGE_HANDLING = {
  latent: { en: 'Contact the customer before they raise it', zh: '在客户提出之前主动联系' },
  objection: { en: 'Explain the cause and apologise', zh: '解释原因并道歉' },
  complaint: { en: 'Sincere apology; compensate if very upset', zh: '真诚道歉，必要时补偿' },
  formal_complaint: { en: 'Service recovery plus compensation', zh: '服务补救并适当补偿' },
  deadlock: { en: 'Larger compensation to reach agreement', zh: '加大补偿以达成一致' },
  public_action: { en: 'Compensation and crisis PR', zh: '补偿与危机公关' },
};

export const CATEGORIES = {
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

export const CHANNELS = {
  on_site: { en: 'On site', zh: '现场' },
  phone: { en: 'Phone', zh: '电话' },
  follow_up_call: { en: 'Follow-up call', zh: '回访电话' },
  letter: { en: 'Letter', zh: '信函' },
  online: { en: 'Online', zh: '网络' },
  regulator: { en: 'Regulator', zh: '监管部门' },
  media: { en: 'Media', zh: '媒体' },
};

export const SEVERITIES = {
  low: { en: 'Low', zh: '低' },
  medium: { en: 'Medium', zh: '中' },
  high: { en: 'High', zh: '高' },
  critical: { en: 'Critical', zh: '紧急' },
};

export const REMEDY_TYPES = {
  apology: { en: 'Apology', zh: '道歉' },
  explanation: { en: 'Explanation', zh: '解释说明' },
  free_inspection: { en: 'Free inspection', zh: '免费检测' },
  rework: { en: "Rework at the dealer's cost", zh: '返修' },
  labour_fee_waiver: { en: 'Labour-fee waiver', zh: '工时费减免' },
  discount: { en: 'Discount', zh: '折扣优惠' },
  cash_compensation: { en: 'Cash compensation', zh: '现金补偿' },
  gift: { en: 'Gift', zh: '赠品' },
  pr_statement: { en: 'PR statement', zh: '公关声明' },
};

export const REMEDY_STATUS = {
  awaiting_approval: { en: 'Awaiting approval', zh: '待审批' },
  proposed: { en: 'Put to customer', zh: '待客户确认' },
  accepted: { en: 'Accepted', zh: '客户接受' },
  declined: { en: 'Declined', zh: '客户拒绝' },
};

export const ROLES = {
  advisor: { en: 'Service advisor', zh: '服务顾问' },
  customer_service: { en: 'Customer service', zh: '客服专员' },
  service_manager: { en: 'Service manager', zh: '服务经理' },
  technical_manager: { en: 'Technical manager', zh: '技术经理' },
  general_manager: { en: 'General manager', zh: '总经理' },
};

export const STATUSES = {
  open: { en: 'Open', zh: '处理中' },
  resolved: { en: 'Resolved', zh: '已解决' },
  closed: { en: 'Closed', zh: '已结案' },
};

export const CLOCK_KINDS = {
  respond: { en: 'Respond by', zh: '响应时限' },
  resolve: { en: 'Resolve by', zh: '解决时限' },
  follow_up: { en: 'Follow-up due', zh: '回访截止' },
  follow_up_at: { en: 'Follow-up call in', zh: '距回访' },
};

export const CLOCK_STATUS = {
  running: { en: 'Running', zh: '计时中' },
  paused: { en: 'Paused', zh: '已暂停' },
  met: { en: 'Met', zh: '已达成' },
  breached: { en: 'Breached', zh: '已超时' },
};

export const CONTACT_METHODS = {
  phone: { en: 'Phone', zh: '电话' },
  visit: { en: 'Visit', zh: '面谈' },
  message: { en: 'Message', zh: '短信/微信' },
  email: { en: 'Email', zh: '邮件' },
  letter: { en: 'Letter', zh: '信函' },
};

export const PAUSE_REASONS = {
  waiting_for_customer: { en: 'Waiting for the customer', zh: '等待客户' },
  waiting_for_parts: { en: 'Waiting for parts', zh: '等待配件' },
  other: { en: 'Other', zh: '其他' },
};

export const DEFECT_AREAS = {
  reception: { en: 'Reception', zh: '接待' },
  diagnosis: { en: 'Diagnosis', zh: '诊断' },
  repair: { en: 'Repair', zh: '维修' },
  parts: { en: 'Parts', zh: '配件' },
  billing: { en: 'Billing', zh: '结算' },
  delivery: { en: 'Delivery', zh: '交车' },
  communication: { en: 'Communication', zh: '沟通' },
};

export const REFLECTION_FIELDS = {
  customerThoughts: { en: "Customer's thoughts", zh: '客户的想法' },
  customerNeeds: { en: "Customer's needs", zh: '客户的需求' },
  wrongBelief: { en: 'Wrong belief', zh: '错误的观念' },
  wrongBehaviour: { en: 'Wrong behaviour', zh: '错误的行为' },
  badConsequence: { en: 'Bad consequence', zh: '不良的后果' },
  rightBelief: { en: 'Right belief', zh: '正确的观念' },
  rightBehaviour: { en: 'Right behaviour', zh: '正确的行为' },
  goodResult: { en: 'Good result', zh: '良好的结果' },
};

// Interface strings.
const UI = {
  appName: { en: 'Complaint Ladder', zh: '客诉升级看板' },
  board: { en: 'Board', zh: '看板' },
  openComplaint: { en: 'Open complaint', zh: '新建客诉' },
  analytics: { en: 'Analytics', zh: '分析' },
  signOut: { en: 'Sign out', zh: '退出' },
  signIn: { en: 'Sign in', zh: '登录' },
  signInTitle: { en: 'Sign in with your staff token', zh: '使用员工令牌登录' },
  signInHint: {
    en: 'Your token was printed once by `ladder staff add`. It stays in this browser tab only.',
    zh: '令牌由 `ladder staff add` 生成且只显示一次，仅保存在当前标签页中。',
  },
  token: { en: 'Staff token', zh: '员工令牌' },
  open: { en: 'Open', zh: '处理中' },
  resolved: { en: 'Resolved', zh: '已解决' },
  closed: { en: 'Closed', zh: '已结案' },
  all: { en: 'All', zh: '全部' },
  allDealers: { en: 'All dealers', zh: '全部门店' },
  dealer: { en: 'Dealer', zh: '门店' },
  show: { en: 'Show', zh: '显示' },
  noComplaints: { en: 'Nothing here', zh: '暂无' },
  overdue: { en: 'overdue', zh: '已超时' },
  paused: { en: 'Paused', zh: '已暂停' },
  nextDeadline: { en: 'Next deadline', zh: '下一时限' },
  updated: { en: 'Updated', zh: '更新于' },
  live: { en: 'Live', zh: '实时' },
  offline: { en: 'Reconnecting…', zh: '重新连接中…' },
  complaints: { en: 'complaints', zh: '件' },
  back: { en: 'Back to board', zh: '返回看板' },
  customer: { en: 'Customer', zh: '客户' },
  vehicle: { en: 'Vehicle', zh: '车辆' },
  repairOrder: { en: 'Repair order', zh: '工单号' },
  channel: { en: 'Channel', zh: '渠道' },
  category: { en: 'Category', zh: '类别' },
  severity: { en: 'Severity', zh: '严重程度' },
  description: { en: 'Description', zh: '描述' },
  receivedBy: { en: 'Received by', zh: '首问责任人' },
  openedAt: { en: 'Opened', zh: '受理时间' },
  policy: { en: 'Policy', zh: '策略版本' },
  clocks: { en: 'Clocks', zh: '时限' },
  remedies: { en: 'Remedies', zh: '补救措施' },
  timeline: { en: 'Timeline', zh: '处理记录' },
  actions: { en: 'Actions', zh: '操作' },
  noRemedies: { en: 'No remedy proposed yet.', zh: '尚未提出补救措施。' },
  noActions: { en: 'Nothing left to do here.', zh: '无可执行操作。' },
  due: { en: 'Due', zh: '截止' },
  status: { en: 'Status', zh: '状态' },
  stage: { en: 'Stage', zh: '阶段' },
  amount: { en: 'Amount', zh: '金额' },
  type: { en: 'Type', zh: '类型' },
  proposedBy: { en: 'Proposed by', zh: '提出人' },
  approve: { en: 'Approve', zh: '审批通过' },
  accept: { en: 'Customer accepts', zh: '客户接受' },
  decline: { en: 'Customer declines', zh: '客户拒绝' },
  acknowledge: { en: 'Acknowledge', zh: '确认受理' },
  logContact: { en: 'Log contact', zh: '记录联系' },
  proposeRemedy: { en: 'Propose remedy', zh: '提出补救' },
  escalate: { en: 'Escalate', zh: '升级' },
  pause: { en: 'Pause clocks', zh: '暂停计时' },
  resume: { en: 'Resume clocks', zh: '恢复计时' },
  extend: { en: 'Extend deadline', zh: '延长时限' },
  resolve: { en: 'Resolve', zh: '解决' },
  followUp: { en: 'Record follow-up (回访)', zh: '记录回访' },
  close: { en: 'Close', zh: '结案' },
  cancel: { en: 'Cancel', zh: '取消' },
  submit: { en: 'Submit', zh: '提交' },
  note: { en: 'Note', zh: '备注' },
  method: { en: 'Method', zh: '方式' },
  summary: { en: 'Summary', zh: '摘要' },
  reason: { en: 'Reason', zh: '原因' },
  to: { en: 'To stage', zh: '升至' },
  driver: { en: 'Driven by', zh: '升级原因方' },
  driverCustomer: { en: 'The customer (regulator, media…)', zh: '客户（监管、媒体等）' },
  driverSupervisor: { en: 'Supervisor decision', zh: '主管决定' },
  clock: { en: 'Clock', zh: '时限' },
  by: { en: 'By (e.g. 2h, 30m)', zh: '延长（如 2h、30m）' },
  kind: { en: 'Kind', zh: '方式' },
  remedyAccepted: { en: 'A remedy the customer accepted', zh: '客户已接受补救' },
  upheldPolicy: { en: 'Upheld policy (坚持原则, tier 2+)', zh: '坚持原则（二级及以上）' },
  satisfied: { en: 'Customer satisfied', zh: '客户满意' },
  notSatisfied: { en: 'Not satisfied (reopens)', zh: '不满意（重新打开）' },
  unreachable: { en: 'Customer unreachable (call again)', zh: '联系不上客户（稍后再拨）' },
  customerCalled: { en: 'The customer called us before the call was due', zh: '客户在回访时间前主动来电' },
  rootCause: { en: 'Root cause', zh: '根本原因' },
  incidental: { en: 'Incidental', zh: '偶发' },
  processDefect: { en: 'Process defect', zh: '流程缺陷' },
  area: { en: 'Area', zh: '环节' },
  reflection: { en: 'Reflection report (反思报告)', zh: '反思报告' },
  reflectionNeeded: { en: 'Needed because it reached 投诉 or higher.', zh: '已升至投诉及以上，须填写。' },
  withinCap: { en: 'Your cap', zh: '您的审批额度' },
  unlimited: { en: 'unlimited', zh: '不限' },
  overCapNote: { en: 'Over your cap it waits for a manager’s approval.', zh: '超出额度需上级审批。' },
  system: { en: 'Ladder (deadline lapsed)', zh: '系统（时限到期）' },
  intakeTitle: { en: 'Open a complaint', zh: '新建客诉' },
  complaintSection: { en: 'Complaint', zh: '客诉内容' },
  intakeHint: {
    en: 'You are recorded as the first person contacted (首问责任). The starting stage follows the channel unless you choose one.',
    zh: '您将被记录为首问责任人。起始阶段按渠道自动判定，也可手动指定。',
  },
  customerName: { en: 'Customer name', zh: '客户姓名' },
  phone: { en: 'Phone', zh: '电话' },
  plate: { en: 'Plate', zh: '车牌' },
  vin: { en: 'VIN', zh: '车架号' },
  startingStage: { en: 'Starting stage', zh: '起始阶段' },
  auto: { en: 'From the channel', zh: '按渠道自动' },
  staffReported: { en: 'Staff found it first (latent)', zh: '员工先发现（潜伏）' },
  opened: { en: 'Opened', zh: '已受理' },
  funnel: { en: 'How far complaints climbed', zh: '客诉升级漏斗' },
  funnelSub: { en: 'Complaints that reached each stage', zh: '到达各阶段的客诉数' },
  cost: { en: 'Cost of recovery', zh: '补救成本曲线' },
  costSub: { en: 'Average compensation by stage at resolution', zh: '按解决时阶段的平均补偿金额' },
  breach: { en: 'Breach rate by stage', zh: '各阶段超时率' },
  breachSub: { en: 'Share of complaints reaching a stage that lapsed a clock there', zh: '到达该阶段后发生超时的比例' },
  firstResponse: { en: 'Time to first response', zh: '首次响应用时' },
  firstResponseSub: { en: 'p50 and p90 per stage', zh: '各阶段 p50 / p90' },
  kpiOpened: { en: 'Opened', zh: '受理总数' },
  kpiOpen: { en: 'Open now', zh: '处理中' },
  kpiResolved: { en: 'Resolved', zh: '已解决' },
  kpiCompensation: { en: 'Compensation given', zh: '补偿总额' },
  kpiSatisfaction: { en: 'Follow-up satisfaction', zh: '回访满意率' },
  eventsApplied: { en: 'events applied', zh: '条事件' },
  noData: { en: 'No data yet', zh: '暂无数据' },
  allCategories: { en: 'All categories', zh: '全部类别' },
  allChannels: { en: 'All channels', zh: '全部渠道' },
  analyticsDown: { en: 'Analytics is not reachable', zh: '分析服务不可用' },
  language: { en: '中文', zh: 'EN' },
  average: { en: 'Average', zh: '平均' },
  resolvedCount: { en: 'resolved', zh: '件已解决' },
};

const KEY = 'ladder.lang';
let lang = localStorage.getItem(KEY) === 'zh' ? 'zh' : 'en';
const listeners = new Set();

export const getLang = () => lang;
export function setLang(next) {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const fn of listeners) fn(next);
}
export const onLangChange = (fn) => listeners.add(fn);

/** An interface string in the current language. */
export const t = (key) => own(own(UI, key), lang) ?? key;
/** A label from one of the tables above; falls back to the raw id. */
export const label = (table, id) => own(own(table, id), lang) ?? id;
/** Both names of a stage, current language first: "投诉 · Formal complaint". */
export const stageBoth = (stage) => {
  const l = own(STAGE_LABELS, stage);
  if (!l) return stage;
  return lang === 'zh' ? `${l.zh} · ${l.en}` : `${l.en} · ${l.zh}`;
};
