import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleTier, RoleSchema } from '../../domain/staff';
import { staffOf, visibleDealers } from '../auth';
import type { RouteContext } from '../context';
import { signedInErrors } from '../schemas';
import { DEALER_ID_SHAPE, inScope } from '../staff-directory';

const StaffQuery = z.strictObject({
  dealerId: z
    .string()
    .regex(DEALER_ID_SHAPE, 'expected a dealer id')
    .optional()
    .describe('Only colleagues who serve this dealer (one of mine)'),
});
const StaffResponse = z.object({
  staff: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })),
});

/**
 * GET /v1/staff: the colleagues a complaint can be handed to, so a client can offer a choice
 * instead of a free-text staff id. No dealer scopes or tokens: names and roles only.
 */
export const staffRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/staff',
    {
      schema: {
        tags: ['staff'],
        operationId: 'listStaff',
        summary: 'Colleagues serving my dealers (or the one dealerId): id, name and role',
        description:
          'Everyone in the staff directory who serves the dealer, or any of the caller’s dealers without dealerId; staff scoped to all dealers serve every dealer. ' +
          'A dealerId outside the caller’s scope is 403. Ordered by tier, then name. Whether one may own a rung is the hand-over’s rule: customer service, or a tier at least the rung’s.',
        querystring: StaffQuery,
        response: { 200: StaffResponse, ...signedInErrors(400, 403) },
      },
    },
    async (request) => {
      const dealers = visibleDealers(staffOf(request), request.query.dealerId);
      const serving = ctx.staff.list().filter((s) => dealers === undefined || dealers.some((d) => inScope(s, d)));
      const staff = serving
        .sort((a, b) => roleTier(a.role) - roleTier(b.role) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .map(({ id, name, role }) => ({ id, name, role }));
      return { staff };
    },
  );
};
