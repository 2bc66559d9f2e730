/** What a staff notification says and who gets it. Delivery itself is in activities/notify. */
import type { ComplaintState } from './complaint';
import { LADDER, type Stage } from './ladder';
import type { Policy, Recipient } from './policy';
import { recipientsFor, recipientsForRoles, rosterFor } from './roster';
import type { NoticeKind, StaffNoticeRequest } from './draft';
import type { ClockKind } from './clock';

export interface NoticeMessage {
  key: string;
  kind: NoticeKind;
  complaintId: string;
  dealerId: string;
  stage: Stage;
  clock?: ClockKind;
  dueAt?: string;
  title: { en: string; zh: string };
  text: { en: string; zh: string };
}

export function recipientsOf(policy: Policy, dealerId: string, audience: StaffNoticeRequest['audience']): Recipient[] {
  if ('roles' in audience) return recipientsForRoles(policy, dealerId, audience.roles);
  if (!('staff' in audience)) return recipientsFor(policy, dealerId, audience.tier);
  // One named person: their roster entry (and webhook) if they have one, else the log; then
  // their tier, if asked, without telling anyone twice.
  const { id, role, name } = audience.staff;
  const roster = rosterFor(policy, dealerId);
  const listed = [...roster.tier1, ...roster.tier2, ...roster.tier3].find((r) => r.staffId === id);
  const tier = audience.tier ? recipientsFor(policy, dealerId, audience.tier).filter((r) => r.staffId !== id) : [];
  return [listed ?? { staffId: id, role, name: name ?? id }, ...tier];
}

const CLOCK_LABEL: Record<ClockKind, { en: string; zh: string }> = {
  respond: { en: 'respond-by', zh: '响应时限' },
  resolve: { en: 'resolve-by', zh: '解决时限' },
  follow_up: { en: 'follow-up', zh: '回访时限' },
};

const HEADLINE: Record<NoticeKind, { en: string; zh: string }> = {
  stage_entered: { en: 'Complaint needs your attention', zh: '投诉需要您处理' },
  warning: { en: 'Deadline approaching', zh: '时限即将到期' },
  breach: { en: 'Deadline missed', zh: '已超时' },
  approval_needed: { en: 'Compensation awaits your approval', zh: '补偿方案待您审批' },
  reminder: { en: 'Public action still open', zh: '公开行动仍未解决' },
  followup_due: { en: 'Follow-up call due', zh: '请进行回访' },
  followup_missed: { en: 'Follow-up call missed', zh: '回访已超时' },
  clock_paused: { en: 'Clocks paused by a supervisor', zh: '时限已被主管暂停' },
  deadline_extended: { en: 'Deadline extended by a supervisor', zh: '时限已被主管延长' },
  pause_reminder: { en: 'Clocks still paused', zh: '时限仍处于暂停' },
  assigned: { en: 'A complaint was handed over to you', zh: '投诉已移交给您' },
  customer_update_lapsed: { en: 'The customer has not been updated', zh: '客户未获进展通报' },
  unowned: { en: 'No one on this rung owns the complaint: take it', zh: '投诉在本级无人负责，请接手' },
  severity_alert: { en: 'Serious complaint received', zh: '收到严重投诉' },
};

export function describeNotice(notice: StaffNoticeRequest, state: ComplaintState): NoticeMessage {
  const rung = LADDER[notice.stage];
  const headline = HEADLINE[notice.kind];
  const clock = notice.clock ? CLOCK_LABEL[notice.clock] : undefined;
  const due = notice.dueAt !== undefined ? new Date(notice.dueAt).toISOString() : undefined;
  const what = `${state.complaintId} · ${state.intake.category} · ${state.dealerId}`;
  return {
    key: notice.key,
    kind: notice.kind,
    complaintId: state.complaintId,
    dealerId: state.dealerId,
    stage: notice.stage,
    ...(notice.clock ? { clock: notice.clock } : {}),
    ...(due ? { dueAt: due } : {}),
    title: { en: `[${rung.label.en}] ${headline.en}`, zh: `【${rung.label.zh}】${headline.zh}` },
    text: {
      en: `${what}. ${clock ? `${clock.en} due ${due}. ` : ''}Expected: ${rung.handling.en}.`,
      zh: `${what}。${clock ? `${clock.zh}：${due}。` : ''}处理要求：${rung.handling.zh}。`,
    },
  };
}
