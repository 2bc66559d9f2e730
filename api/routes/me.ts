import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { capFor } from '../../domain/remedy';
import { RoleSchema } from '../../domain/staff';
import { staffOf } from '../auth';
import type { RouteContext } from '../context';
import { AUTHED_ERRORS } from '../schemas';

const MeResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  dealers: z.array(z.string()),
  /** The caller's compensation authority under the current policy; null is unlimited. */
  compensationCap: z.number().nullable(),
  currency: z.string(),
});

/** GET /v1/me: who the bearer token belongs to, so a client can show what this role may do. */
export const meRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['staff'],
        summary: 'The signed-in staff member: role, dealer scope and compensation cap',
        response: { 200: MeResponse, ...AUTHED_ERRORS },
      },
    },
    async (request) => {
      const { id, name, role, dealers } = staffOf(request);
      return { id, name, role, dealers, compensationCap: capFor(role, ctx.policy), currency: ctx.policy.currency };
    },
  );
};
