/**
 * The policy sections that came with owners and customer updates (issue 15): how often the
 * customer must hear from us, what they are told and through which channel, how severity routes,
 * and how often an unowned complaint is raised again. A policy without them keeps the old rules
 * (policy-era.ts), so recorded histories replay unchanged.
 */
import { z } from 'zod';
import { CUSTOMER_LANGUAGES, type CustomerLanguage, type CustomerTemplate } from './customer-notices';
import { PositiveDurationSchema } from './duration';
import { line } from './text';

/** The placeholders a template may use; anything else in braces is refused when the policy loads. */
export const TEMPLATE_VARIABLES = ['dealer', 'complaintId', 'owner', 'remedy', 'outcome', 'date'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const DEFAULT_TEMPLATES: Record<CustomerTemplate, Record<CustomerLanguage, string>> = {
  received: {
    'zh-CN': '【{dealer}】您好，我们已收到您的反馈（编号 {complaintId}），由{owner}负责跟进，我们会尽快与您联系。',
    en: '{dealer}: we have received your feedback (ref. {complaintId}). {owner} is handling it and will contact you soon.',
  },
  remedy_proposed: {
    'zh-CN': '【{dealer}】关于您的反馈（{complaintId}），我们为您准备了处理方案：{remedy}。{owner}会与您确认。',
    en: '{dealer}: for your feedback ({complaintId}) we propose: {remedy}. {owner} will confirm it with you.',
  },
  outcome: {
    'zh-CN': '【{dealer}】您的反馈（{complaintId}）已处理完毕：{outcome}。感谢您的耐心。',
    en: '{dealer}: your feedback ({complaintId}) is resolved: {outcome}. Thank you for your patience.',
  },
  follow_up_planned: {
    'zh-CN': '【{dealer}】我们将于{date}前后回访您，了解您对处理结果是否满意。',
    en: '{dealer}: we will call you around {date} to ask whether you are satisfied with the outcome.',
  },
  handed_over: {
    'zh-CN': '【{dealer}】您的反馈（{complaintId}）现由{owner}负责跟进。',
    en: '{dealer}: {owner} is now handling your feedback ({complaintId}).',
  },
};

const PLACEHOLDER = /\{([^{}]*)\}/g;
const templateText = (fallback: string) =>
  z
    .string()
    .min(1, 'a template must not be empty')
    .max(300, 'a template is one short message: at most 300 characters')
    .superRefine((text, ctx) => {
      for (const [, name] of text.matchAll(PLACEHOLDER)) {
        if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name!)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder {${name}}; use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
          });
        }
      }
    })
    .default(fallback);

const template = (t: CustomerTemplate) =>
  z
    .strictObject({ 'zh-CN': templateText(DEFAULT_TEMPLATES[t]['zh-CN']), en: templateText(DEFAULT_TEMPLATES[t].en) })
    .prefault({});

const TemplatesSchema = z
  .strictObject({
    received: template('received'),
    remedy_proposed: template('remedy_proposed'),
    outcome: template('outcome'),
    follow_up_planned: template('follow_up_planned'),
    handed_over: template('handed_over'),
  } satisfies Record<CustomerTemplate, unknown>)
  .prefault({});

export const CustomerNoticesSchema = z
  .strictObject({
    language: z.enum(CUSTOMER_LANGUAGES).default('zh-CN'),
    channel: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('log') }),
        z.strictObject({
          kind: z.literal('sms_webhook'),
          url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
        }),
      ])
      .default({ kind: 'log' }),
    /** The name the customer knows the dealer by; '*' for dealers not listed. */
    dealerNames: z.record(z.string().min(1), line(60)).default({}),
    templates: TemplatesSchema,
  })
  .prefault({});

/** seed 001: 24小时内必须有反馈, then regular progress reports. Around the clock. */
export const CustomerUpdatesSchema = z
  .strictObject({
    firstWithin: PositiveDurationSchema.prefault('24h'),
    every: PositiveDurationSchema.prefault('24h'),
  })
  .prefault({});

const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const severityRoute = (tellTier: 1 | 2 | 3 | null, clockFactor: number) =>
  z
    .strictObject({
      /** Told at intake (seed 003 登记3: 较严重的投诉，客服应及时向经理汇报). */
      tellTier: TierSchema.nullable().default(tellTier),
      /** Multiplies every clock's duration: 0.5 halves the time for critical complaints. */
      clockFactor: z
        .number()
        .min(0.1, 'expected a factor from 0.1 to 1')
        .max(1, 'expected a factor from 0.1 to 1')
        .default(clockFactor),
    })
    .prefault({});

export const SeverityRoutingSchema = z
  .strictObject({
    low: severityRoute(null, 1),
    medium: severityRoute(null, 1),
    high: severityRoute(2, 1),
    critical: severityRoute(3, 0.5),
  })
  .prefault({});

export const OwnershipSchema = z
  .strictObject({
    /** A complaint whose owner cannot act on its rung is raised with the rung's tier this often until someone takes it. */
    unownedRemindEvery: PositiveDurationSchema.prefault('4h'),
  })
  .prefault({});
