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

// The work queues of GET /v1/queues (api/vocabulary.ts QUEUE_NAMES).
export const QUEUE_LABELS = {
  mine: { en: 'Mine', zh: '我负责的' },
  'awaiting-my-approval': { en: 'Awaiting my approval', zh: '待我审批' },
  overdue: { en: 'Overdue', zh: '已超时' },
  'due-soon': { en: 'Due soon', zh: '即将到期' },
  'unowned-on-my-tier': { en: 'Unowned on my tier', zh: '待本级接手' },
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
  streaming: { en: 'streamed', zh: '推送' },
  polling: { en: 'polling', zh: '轮询' },
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
  // Chart figures as tables, for screen readers and for reading exact numbers.
  chartTable: { en: 'Show the figures as a table', zh: '以表格显示数据' },
  tableReached: { en: 'Complaints that reached it', zh: '到达该阶段的客诉' },
  tableShareOpened: { en: 'Share of opened', zh: '占受理总数' },
  tableStageAtResolution: { en: 'Stage at resolution', zh: '解决时阶段' },
  tableResolved: { en: 'Resolved', zh: '已解决' },
  tableAverage: { en: 'Average compensation', zh: '平均补偿' },
  tableBreached: { en: 'Complaints with a breach', zh: '发生超时的客诉' },
  tableBreachRate: { en: 'Breach rate', zh: '超时率' },
  tableResponses: { en: 'Responses', zh: '响应数' },
  language: { en: '中文', zh: 'EN' },
  average: { en: 'Average', zh: '平均' },
  resolvedCount: { en: 'resolved', zh: '件已解决' },
  // Queues, search, the list view, owners and hand-over.
  queues: { en: 'My queues', zh: '我的队列' },
  waitsOnYou: { en: 'Waiting on you', zh: '等您处理' },
  waitsMine: { en: 'Yours', zh: '我负责' },
  waitsMineHint: { en: 'You own this complaint', zh: '您是该客诉的负责人' },
  waitsApproval: { en: 'Approve', zh: '待我审批' },
  waitsApprovalHint: { en: 'A remedy waits for your role to approve it', zh: '有补救措施待您的角色审批' },
  waitsTake: { en: 'Take', zh: '待接手' },
  waitsTakeHint: { en: 'Its owner cannot act on this rung, and it is your tier’s to take', zh: '负责人无权处理本阶段，应由您这一级接手' },
  search: { en: 'Search', zh: '搜索' },
  searchLabel: { en: 'Search complaints', zh: '搜索客诉' },
  searchPlaceholder: { en: 'ID, plate, VIN, RO, name or phone', zh: '编号、车牌、车架号、工单号、姓名或电话' },
  clearSearch: { en: 'Clear search', zh: '清除搜索' },
  resultsFor: { en: 'Results for', zh: '搜索结果：' },
  view: { en: 'View', zh: '视图' },
  viewBoard: { en: 'Board', zh: '看板' },
  viewList: { en: 'List', zh: '列表' },
  listCaption: { en: 'Complaints, earliest deadline first unless sorted otherwise', zh: '客诉列表（默认按最近时限排序）' },
  sortBy: { en: 'Sort by', zh: '排序：' },
  complaintId: { en: 'Complaint', zh: '客诉编号' },
  owner: { en: 'Owner', zh: '负责人' },
  more: { en: 'More', zh: '加载更多' },
  shownOf: { en: 'shown', zh: '件已显示' },
  noneFound: { en: 'No complaints found', zh: '未找到客诉' },
  ownerCannotAct: { en: 'cannot act on this rung', zh: '无权处理本阶段' },
  handOver: { en: 'Hand over', zh: '移交' },
  take: { en: 'Take it', zh: '接手' },
  taken: { en: 'You own it now', zh: '已由您接手' },
  handedOver: { en: 'Handed over', zh: '已移交' },
  colleague: { en: 'Colleague', zh: '同事' },
  chooseColleague: { en: 'Choose a colleague', zh: '请选择同事' },
  itsMe: { en: 'you', zh: '我' },
  handOverNote: { en: 'Note: what was promised, what is pending', zh: '交接说明：已承诺事项与待办事项' },
  handOverIntro: {
    en: 'Listed: colleagues of this dealer who may own this rung (customer service, or tier {tier} and above).',
    zh: '仅列出本门店可负责本阶段的同事（客服专员，或 {tier} 级及以上）。',
  },
  noColleague: { en: 'Nobody else serving this dealer may own this rung.', zh: '本门店没有其他同事可负责本阶段。' },
  handOver404: { en: 'That colleague is no longer in the staff directory.', zh: '该同事已不在员工名录中。' },
  handOver403: {
    en: 'Not permitted: only the owner or a manager may hand over, to a colleague who serves this dealer.',
    zh: '无权移交：只有负责人或经理可移交，且接手人须服务于本门店。',
  },
  handOver409: {
    en: 'That colleague cannot own the complaint at its rung now (it may have climbed). Choose again.',
    zh: '该同事现在无权负责此阶段（客诉可能已升级），请重新选择。',
  },
};

// ── Timeline, closing report, follow-up, reopen and guardrails (detail page, intake) ──
// Kept in one block of its own, so other additions to UI above do not collide with it.

/** stage.entered's trigger (domain/deadlines.ts EntryTrigger). */
export const ENTRY_TRIGGERS = {
  intake: { en: 'At intake', zh: '受理时' },
  deadline_lapsed: { en: 'A deadline lapsed', zh: '时限超时自动升级' },
  customer_action: { en: 'The customer took it further', zh: '客户推动升级' },
  supervisor: { en: 'A supervisor’s decision', zh: '主管决定升级' },
};

/** clock.resumed's trigger. */
export const RESUME_TRIGGERS = {
  supervisor: { en: 'By a supervisor', zh: '主管恢复' },
  escalation: { en: 'The complaint climbed', zh: '客诉已升级' },
  pause_limit: { en: 'The policy’s longest pause ran out', zh: '已达策略规定的最长暂停' },
};

export const FOLLOW_UP_OUTCOMES = {
  satisfied: { en: 'Customer satisfied', zh: '客户满意' },
  not_satisfied: { en: 'Customer not satisfied', zh: '客户不满意' },
  unreachable: { en: 'Customer unreachable', zh: '联系不上客户' },
};

export const CUSTOMER_TEMPLATE_LABELS = {
  received: { en: 'complaint received', zh: '受理通知' },
  remedy_proposed: { en: 'remedy proposed', zh: '补救方案通知' },
  outcome: { en: 'outcome', zh: '处理结果通知' },
  follow_up_planned: { en: 'follow-up planned', zh: '回访安排通知' },
  handed_over: { en: 'handed over', zh: '移交通知' },
};

/** The API's `error` codes (api/errors.ts), as a reader would put them. */
export const ERROR_CODES = {
  invalid_input: { en: 'Please check the marked fields.', zh: '请检查标出的字段。' },
  not_allowed: { en: 'Not possible now', zh: '当前无法执行' },
  over_authority: { en: 'Beyond your authority', zh: '超出您的权限' },
  forbidden: { en: 'Not permitted', zh: '无权执行' },
  not_found: { en: 'Not found', zh: '未找到' },
  unauthorized: { en: 'Your sign-in has expired; sign in again', zh: '登录已失效，请重新登录' },
  too_many_requests: { en: 'Too many requests; try again shortly', zh: '请求过于频繁，请稍后再试' },
  unavailable: { en: 'The service is not available right now', zh: '服务暂不可用' },
  payload_too_large: { en: 'Too much text', zh: '内容过长' },
  network: { en: 'The server could not be reached', zh: '无法连接服务器' },
  error: { en: 'Something went wrong', zh: '操作失败' },
};

Object.assign(UI, {
  tlOpened: { en: 'Complaint opened', zh: '受理客诉' },
  tlStartedAt: { en: 'Starts at', zh: '起始阶段' },
  tlBreached: { en: 'Deadline lapsed', zh: '时限超时' },
  tlAcknowledged: { en: 'Acknowledged', zh: '确认受理' },
  tlContact: { en: 'Contact logged', zh: '记录联系' },
  tlProposed: { en: 'Remedy proposed', zh: '提出补救' },
  tlApproved: { en: 'Remedy approved', zh: '补救已审批' },
  tlAccepted: { en: 'Customer accepted', zh: '客户接受' },
  tlDeclined: { en: 'Customer declined', zh: '客户拒绝' },
  tlPaused: { en: 'Clocks paused', zh: '暂停计时' },
  tlResumed: { en: 'Clocks resumed', zh: '恢复计时' },
  tlExtended: { en: 'Deadline extended', zh: '延长时限' },
  tlResolved: { en: 'Resolved', zh: '已解决' },
  tlFollowUp: { en: 'Follow-up call', zh: '回访' },
  tlClosingFiled: { en: 'Closing report filed', zh: '提交结案报告' },
  tlClosed: { en: 'Closed', zh: '结案' },
  tlTaken: { en: 'Taken over', zh: '接手' },
  tlHandedOver: { en: 'Handed over', zh: '移交' },
  tlUpdateLapsed: { en: 'Customer not updated in time', zh: '未按时向客户通报进展' },
  tlNoticeFailed: { en: 'Customer notice not sent', zh: '客户通知发送失败' },
  tlSystem: { en: 'The ladder (automatic)', zh: '系统自动' },
  tlNeedsApproval: { en: 'Waits for approval by', zh: '待审批' },
  tlToCustomer: { en: 'Put to the customer', zh: '已提交客户确认' },
  tlPausedFor: { en: 'Paused for', zh: '暂停时长' },
  tlResumesBy: { en: 'Resumes by itself at', zh: '最迟自动恢复于' },
  tlNowDue: { en: 'now due', zh: '现截止' },
  tlWasDue: { en: 'was due', zh: '原截止' },
  tlTotal: { en: 'Total compensation', zh: '补偿合计' },
  tlStageReached: { en: 'Stage reached', zh: '最终阶段' },
  tlUpdateDue: { en: 'Update was due', zh: '应通报时间' },
  tlNoticeKind: { en: 'Notice', zh: '通知' },
  reopened: { en: 'Reopened', zh: '已重新打开' },
  reopenedTimes: { en: 'Reopened {n}×', zh: '已重新打开 {n} 次' },
  reopenedAt: { en: 'Reopened at', zh: '重新打开于' },
  closingReport: { en: 'Closing report', zh: '结案报告' },
  closedBy: { en: 'Closed by', zh: '结案人' },
  closedAt: { en: 'Closed at', zh: '结案时间' },
  filedBy: { en: 'Filed by', zh: '提交人' },
  defectArea: { en: 'Process area', zh: '缺陷环节' },
  defectDescription: { en: 'What went wrong', zh: '缺陷描述' },
  closeReason: { en: 'Closed without a satisfied call because', zh: '未经满意回访结案的原因' },
  noReflection: { en: 'No reflection report needed below 投诉.', zh: '未升至投诉，无需反思报告。' },
  followUpTitle: { en: 'Follow-up call (回访)', zh: '回访' },
  followUpAt: { en: 'Call planned for', zh: '计划回访时间' },
  followUpDue: { en: 'Call due by', zh: '回访截止' },
  followUpDone: { en: 'Call made', zh: '已回访' },
  unreachableCalls: { en: 'Calls without an answer', zh: '未接通次数' },
  resolution: { en: 'Resolution', zh: '解决方式' },
  policyMax: { en: 'Policy maximum per remedy', zh: '策略单项上限' },
  complaintLeft: { en: 'left on this complaint', zh: '本客诉剩余额度' },
  yourAuthorityLeft: { en: 'your authority left here', zh: '您在本客诉的剩余审批额度' },
  inWords: { en: 'In words', zh: '大写' },
  amountExponent: {
    en: 'Type the amount in plain digits (e.g. 1500000000); exponent forms such as 1.5e9 are not accepted.',
    zh: '请用数字直接填写金额（如 1500000000），不接受 1.5e9 这类科学计数法。',
  },
  amountDigits: { en: 'Type an amount in digits, e.g. 800 or 1,250.50.', zh: '请填写数字金额，如 800 或 1,250.50。' },
  amountFen: { en: 'At most two decimals (whole fen).', zh: '最多两位小数（精确到分）。' },
  amountOverMax: { en: 'Above the policy’s maximum of {max} per remedy.', zh: '超过策略规定的单项上限 {max}。' },
  amountOverComplaint: { en: 'Only {left} is left under this complaint’s limit of {max}.', zh: '本客诉总额上限为 {max}，仅剩 {left}。' },
  overCapWarn: { en: 'Above your authority here ({cap}): it will wait for approval by {roles}.', zh: '超出您在本客诉的审批额度（{cap}），需由{roles}审批。' },
  confirmTitle: { en: 'Please confirm', zh: '请确认' },
  confirmOverCap: { en: 'Propose a remedy above your authority?', zh: '确认提出超出您额度的补救？' },
  confirmApprove: { en: 'Approve this remedy?', zh: '确认审批此补救？' },
  confirmApproveNote: { en: 'Once approved it goes to the customer.', zh: '审批通过后将提交客户确认。' },
  confirm: { en: 'Confirm', zh: '确认' },
  extendOtherSooner: {
    en: '{other} is due sooner, at {due} ({left}). Extending {clock} does not move it: when it lapses the complaint still climbs.',
    zh: '{other}更早到期：{due}（{left}）。延长{clock}不会改变它，到期后客诉仍会升级。',
  },
  extendNewDue: { en: '{clock} would then be due about {due}.', zh: '延长后{clock}约于 {due} 到期。' },
  durationHint: { en: 'A duration such as 2h, 30m or 1h30m.', zh: '时长，如 2h、30m 或 1h30m。' },
  inTime: { en: 'in {t}', zh: '{t}后' },
  agoTime: { en: '{t} ago', zh: '{t}前' },
  chooseDealer: { en: 'Choose a dealer', zh: '请选择门店' },
  dealerUnknown: { en: 'Not a dealer we know: check the spelling.', zh: '不是已知门店，请检查拼写。' },
  dealerUnknownConfirm: { en: 'File the complaint under {dealer}, a dealer nobody serves yet?', zh: '确认将客诉登记在无人服务的门店 {dealer} 下？' },
  dealerShape: { en: 'Letters, digits, "-", "_", "." or ":" only.', zh: '只能包含字母、数字及 - _ . :' },
  timesIn: { en: 'Times in {zone}', zh: '时间按 {zone}' },
  localTime: { en: 'your local time', zh: '本地时间' },
  remedyRef: { en: 'Remedy', zh: '补救编号' },
  listSep: { en: ', ', zh: '、' },
  tlStageEntered: { en: 'Entered a stage', zh: '进入阶段' },
  tlDecision: { en: 'Customer decision', zh: '客户决定' },
  filedAt: { en: 'Filed at', zh: '提交时间' },
  colon: { en: ': ', zh: '：' },
});

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
