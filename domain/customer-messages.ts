/**
 * Words a customer notice from the policy's templates. Only what the customer may see goes in:
 * the dealer's name, the complaint id, the owner's name, the remedy offered, the outcome and the
 * follow-up date. Never a staff note, a reason written for colleagues, or another customer's data.
 */
import type { ComplaintState } from './complaint';
import type { CustomerLanguage, CustomerMessage } from './customer-notices';
import type { TemplateVariable } from './customer-policy';
import type { CustomerNoticeRequest } from './draft';
import { ownValue } from './own';
import type { Policy } from './policy';
import { REMEDY_LABELS } from './remedy';
import { ROLE_LABELS } from './staff';

const OUTCOME: Record<NonNullable<CustomerNoticeRequest['outcome']>, Record<CustomerLanguage, string>> = {
  remedy_accepted: { 'zh-CN': '已按您同意的方案处理', en: 'handled as you agreed' },
  upheld_policy: { 'zh-CN': '我们已向您说明处理依据', en: 'we have explained the basis of our decision to you' },
};

const lang = (language: CustomerLanguage) => (language === 'zh-CN' ? 'zh' : 'en');

function dateIn(ms: number, policy: Policy): string {
  const timeZone = policy.calendar.mode === 'business_hours' ? policy.calendar.timeZone : 'UTC';
  // en-CA formats as YYYY-MM-DD, which reads the same in both languages.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

export function dealerName(policy: Policy, dealerId: string): string {
  const names = policy.customerNotices.dealerNames;
  return ownValue(names, dealerId) ?? ownValue(names, '*') ?? dealerId;
}

export function describeCustomerNotice(
  notice: CustomerNoticeRequest,
  state: ComplaintState,
  policy: Policy,
): CustomerMessage {
  const { language, templates } = policy.customerNotices;
  const l = lang(language);
  const amount = notice.remedy && notice.remedy.amount > 0 ? ` ${notice.remedy.amount} ${notice.remedy.currency}` : '';
  const values: Record<TemplateVariable, string> = {
    dealer: dealerName(policy, state.dealerId),
    complaintId: state.complaintId,
    owner: notice.owner.name ?? ROLE_LABELS[notice.owner.role][l],
    remedy: notice.remedy ? `${REMEDY_LABELS[notice.remedy.type][l]}${amount}` : '',
    outcome: notice.outcome ? OUTCOME[notice.outcome][language] : '',
    date: notice.date !== undefined ? dateIn(notice.date, policy) : '',
  };
  const text = templates[notice.customer][language].replace(
    /\{([^{}]*)\}/g,
    (whole, name: string) => ownValue(values, name) ?? whole,
  );
  return {
    key: notice.key,
    template: notice.customer,
    complaintId: state.complaintId,
    dealerId: state.dealerId,
    language,
    text,
  };
}
