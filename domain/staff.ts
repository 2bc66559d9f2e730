import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { line } from './text';

/** Dealership roles, from the front desk up to the general manager (seed 003's three tiers). */
export const ROLES = [
  'advisor',
  'customer_service',
  'service_manager',
  'technical_manager',
  'general_manager',
] as const;
export type Role = (typeof ROLES)[number];
export type Tier = 1 | 2 | 3;

export const ROLE_LABELS: Record<Role, { en: string; zh: string }> = {
  advisor: { en: 'Service advisor', zh: '服务顾问' },
  customer_service: { en: 'Customer service', zh: '客服专员' },
  service_manager: { en: 'Service manager', zh: '服务经理' },
  technical_manager: { en: 'Technical manager', zh: '技术经理' },
  general_manager: { en: 'General manager', zh: '总经理' },
};

const TIER_OF: Record<Role, Tier> = {
  advisor: 1,
  customer_service: 1,
  service_manager: 2,
  technical_manager: 2,
  general_manager: 3,
};

export function roleTier(role: Role): Tier {
  return TIER_OF[role];
}

/** Supervisors approve over-cap compensation, pause, extend and resolve on principle. */
export function isSupervisor(role: Role): boolean {
  return role === 'service_manager' || role === 'technical_manager' || role === 'general_manager';
}

export const RoleSchema = lazySchema(() => z.enum(ROLES));

export const ActorSchema = lazySchema(() =>
  z.strictObject({
    id: line(64, 'staff id must not be empty'),
    role: RoleSchema,
    name: line(100).optional(),
  }),
);
export type Actor = z.output<typeof ActorSchema>;
