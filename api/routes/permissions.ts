import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTION_NAMES } from '../../domain/actions';
import { permissionsOf } from '../../domain/permissions';
import { requireComplaintInScope, staffOf } from '../auth';
import { findComplaint, queryPolicy, readState } from '../complaints';
import type { RouteContext } from '../context';
import { notFound } from '../errors';
import { ComplaintIdParams, signedInErrors } from '../schemas';
import { actorOf } from '../staff-directory';

const Permission = z.object({
  action: z.enum([...ACTION_NAMES, 'take']),
  allowed: z.boolean(),
  reason: z.string().optional().describe("Why not, in the rules' words"),
  options: z
    .array(z.string())
    .optional()
    .describe(
      "The forms allowed: resolve's kinds, escalate's drivers, close with_reflection, without_reflection or without_reason",
    ),
});
const PermissionsResponse = z.object({
  actions: z.array(Permission),
  remedies: z.array(z.object({ remedyId: z.string(), actions: z.array(Permission) })),
  authority: z.object({
    authorityLeft: z
      .number()
      .nullable()
      .describe('What the caller may still authorise here without approval; null is unlimited'),
    complaintLeft: z.number().describe("Room left under the policy's per-complaint limit"),
    remedyMax: z.number(),
    complaintMax: z.number(),
    currency: z.string(),
  }),
});

/**
 * GET /v1/complaints/{id}/actions: what the caller may do to this complaint now, and why not the
 * rest, answered by the same rules the workflow runs (domain/permissions.ts), so a client never
 * re-implements a rule or a cap. Under the complaint's own policy.
 */
export const permissionRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/complaints/:id/actions',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'getPermittedActions',
        summary: 'What the caller may do to a complaint now, with the reason for each action refused',
        params: ComplaintIdParams,
        response: { 200: PermissionsResponse, ...signedInErrors(400, 404) },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { id } = request.params;
      const found = await findComplaint(ctx.client, id);
      if (!found) throw notFound(`no complaint ${id}`);
      requireComplaintInScope(staff, id, found.dealerId);
      const [state, policy] = await Promise.all([readState(found, id), queryPolicy(found.handle, id)]);
      return permissionsOf(state, actorOf(staff), policy, ctx.now());
    },
  );
};
