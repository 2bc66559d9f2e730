import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { capFor } from '../../domain/remedy';
import { RoleSchema, ROLES, type Role } from '../../domain/staff';
import { staffOf } from '../auth';
import type { RouteContext } from '../context';
import { signedInErrors } from '../schemas';
import { ALL_DEALERS } from '../staff-directory';

const MeResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  dealers: z.array(z.string()),
  /** The caller's compensation authority under the current policy; null is unlimited. */
  compensationCap: z.number().nullable(),
  currency: z.string(),
  compensationCaps: z
    .record(RoleSchema, z.number().nullable())
    .describe(
      'Every role’s cap under the current policy (null is unlimited), so a client can say who must approve a remedy',
    ),
  limits: z
    .object({ remedyMax: z.number(), complaintMax: z.number() })
    .describe('The most one remedy, and all remedies on one complaint, may carry under the current policy'),
  timeZone: z
    .string()
    .nullable()
    .describe(
      'The policy’s time zone (its business-hours calendar), for showing times; null for a round-the-clock policy',
    ),
  knownDealers: z
    .array(z.string())
    .describe(
      'Dealers the caller may file under: their own, or for an all-dealers caller every dealer the staff directory and the policy roster name',
    ),
});

/** GET /v1/me: who the bearer token belongs to, so a client can show what this role may do. */
export const meRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['staff'],
        operationId: 'getMe',
        summary: 'The signed-in staff member: role, dealer scope, compensation caps, the policy’s limits and time zone',
        response: { 200: MeResponse, ...signedInErrors() },
      },
    },
    async (request) => {
      const { id, name, role, dealers } = staffOf(request);
      const { policy } = ctx;
      return {
        id,
        name,
        role,
        dealers,
        compensationCap: capFor(role, policy),
        currency: policy.currency,
        compensationCaps: Object.fromEntries(ROLES.map((r) => [r, capFor(r, policy)])) as Record<Role, number | null>,
        limits: policy.limits,
        timeZone: policy.calendar.mode === 'business_hours' ? policy.calendar.timeZone : null,
        knownDealers: dealers.includes(ALL_DEALERS) ? knownDealers(ctx) : dealers,
      };
    },
  );
};

/** Every dealer someone serves or the roster lists: what an all-dealers caller picks from. */
function knownDealers(ctx: RouteContext): string[] {
  const named = [...ctx.staff.list().flatMap((s) => s.dealers), ...Object.keys(ctx.policy.roster)];
  return [...new Set(named)].filter((d) => d !== ALL_DEALERS).sort();
}
