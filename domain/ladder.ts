import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import type { Role, Tier } from './staff';

/**
 * The escalation ladder (seed 000, figure 3-2). A complaint only ever climbs it:
 * the longer a service failure is left alone, the higher it goes and the more recovery costs.
 */
export const STAGES = ['latent', 'objection', 'complaint', 'formal_complaint', 'deadlock', 'public_action'] as const;
export type Stage = (typeof STAGES)[number];
export const StageSchema = lazySchema(() => z.enum(STAGES));

export interface Rung {
  index: number;
  label: { en: string; zh: string };
  ownerTier: Tier;
  owners: Role[];
  handling: { en: string; zh: string };
}

export const LADDER: Record<Stage, Rung> = {
  latent: {
    index: 0,
    label: { en: 'Latent', zh: '潜伏' },
    ownerTier: 1,
    owners: ['advisor'],
    handling: { en: 'Contact the customer before they raise it', zh: '在客户提出之前主动联系客户' },
  },
  objection: {
    index: 1,
    label: { en: 'Objection', zh: '异议' },
    ownerTier: 1,
    owners: ['advisor', 'customer_service'],
    handling: { en: 'Explain the cause and apologise', zh: '解释原因并道歉' },
  },
  complaint: {
    index: 2,
    label: { en: 'Complaint', zh: '抱怨' },
    ownerTier: 1,
    // seed 003 tier one: 客服、服务主管、电话回访员 (the follow-up caller sits in customer service)
    owners: ['customer_service', 'service_manager'],
    handling: {
      en: 'Sincere apology; compensation if the customer is very upset',
      zh: '真诚道歉；客户情绪激烈时给予补偿',
    },
  },
  formal_complaint: {
    index: 3,
    label: { en: 'Formal complaint', zh: '投诉' },
    ownerTier: 2,
    owners: ['customer_service', 'service_manager', 'technical_manager'],
    handling: { en: 'Service recovery plus appropriate compensation', zh: '服务补救并给予适当补偿' },
  },
  deadlock: {
    index: 4,
    label: { en: 'Deadlock', zh: '僵局' },
    ownerTier: 3,
    owners: ['customer_service', 'general_manager'],
    handling: { en: 'Larger compensation to reach agreement', zh: '加大补偿力度以达成一致' },
  },
  public_action: {
    index: 5,
    label: { en: 'Public action', zh: '公开行动' },
    ownerTier: 3,
    owners: ['general_manager', 'customer_service'],
    handling: {
      en: 'Compensation and crisis PR; never be exposed by the media',
      zh: '补偿并进行危机公关；绝不能被媒体曝光',
    },
  },
};

export function stageIndex(stage: Stage): number {
  return LADDER[stage].index;
}

/** The rung above, or null at public_action: there is nowhere higher to go. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[stageIndex(stage) + 1] ?? null;
}

export function isHigherStage(a: Stage, b: Stage): boolean {
  return stageIndex(a) > stageIndex(b);
}

export function isAtLeast(stage: Stage, min: Stage): boolean {
  return stageIndex(stage) >= stageIndex(min);
}

export const CHANNELS = ['on_site', 'phone', 'follow_up_call', 'letter', 'online', 'regulator', 'media'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = lazySchema(() => z.enum(CHANNELS));

export const CATEGORIES = [
  'delivery_delay',
  'quote_or_price',
  'repair_quality',
  'misdiagnosis',
  'vehicle_damage_in_shop',
  'unauthorised_work',
  'staff_attitude',
  'parts',
  'insurance_claim',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const CategorySchema = lazySchema(() => z.enum(CATEGORIES));

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SeveritySchema = lazySchema(() => z.enum(SEVERITIES));

/** Channels that by themselves mean the customer has already gone over the front desk. */
const CHANNEL_FLOOR: Partial<Record<Channel, Stage>> = {
  letter: 'formal_complaint',
  regulator: 'formal_complaint',
  media: 'public_action',
};

/** The lowest stage a complaint by this channel may start at, if the channel has one. */
export function channelFloor(channel: Channel): Stage | undefined {
  return Object.hasOwn(CHANNEL_FLOOR, channel) ? CHANNEL_FLOOR[channel] : undefined;
}

/**
 * Where a new complaint enters the ladder. An explicit stage wins. Otherwise a letter,
 * regulator or media channel decides, because a staff self-report cannot make a customer's
 * letter any less formal; then a staff self-report is latent; everything else is an objection.
 */
export function startingStage(intake: {
  channel: Channel;
  reportedByStaff?: boolean | undefined;
  explicit?: Stage | undefined;
}): Stage {
  if (intake.explicit) return intake.explicit;
  const floor = CHANNEL_FLOOR[intake.channel];
  if (floor) return floor;
  return intake.reportedByStaff ? 'latent' : 'objection';
}

/**
 * Why an explicit starting stage is refused, or null: a letter, a regulator or the media cannot
 * start below their floor, or the general manager would never hear of a media story. Higher is fine.
 */
export function startingStageFault(intake: { channel: Channel; explicit?: Stage | undefined }): string | null {
  const floor = channelFloor(intake.channel);
  if (!intake.explicit || !floor || isAtLeast(intake.explicit, floor)) return null;
  return `a complaint by ${intake.channel} starts at ${floor} (${LADDER[floor].label.zh}) or higher, not ${intake.explicit}`;
}
