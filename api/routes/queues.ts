import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, visibleDealers } from '../auth';
import { countComplaints, listComplaints } from '../complaints';
import type { RouteContext } from '../context';
import { byNextDeadline, QUEUES, queueNamed, queueToken } from '../queues';
import { QUEUE_NAMES } from '../vocabulary';
import { QueueCountsResponse, QueueParams, QueueQuerySchema, QueueResponse, signedInErrors } from '../schemas';

const TAGS = ['queues'];

export const queueRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/queues',
    {
      schema: {
        tags: TAGS,
        operationId: 'countQueues',
        summary: 'How many complaints wait in each of my queues',
        description: `Counted by Temporal visibility within the caller’s dealers (or the one dealerId). Queues: ${QUEUE_NAMES.join(', ')}.`,
        querystring: z.strictObject({ dealerId: QueueQuerySchema.shape.dealerId }),
        response: { 200: QueueCountsResponse, ...signedInErrors(400, 403) },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const dealers = visibleDealers(staff, request.query.dealerId);
      const now = ctx.now();
      const queues = await Promise.all(
        QUEUE_NAMES.map(async (name) => ({
          name,
          description: QUEUES[name].description,
          count: await countComplaints(ctx.client, ctx.namespace, {
            dealers,
            clauses: QUEUES[name].clauses(staff, now),
          }),
        })),
      );
      return { queues };
    },
  );

  app.get(
    '/v1/queues/:queue',
    {
      schema: {
        tags: TAGS,
        operationId: 'listQueue',
        summary: 'The complaints in one of my queues, earliest next deadline first',
        description:
          'Paged like GET /v1/complaints. Temporal’s SQL visibility has no ORDER BY on custom attributes, so each page is sorted by ' +
          'nextDeadline; pages follow visibility’s order (newest first). An unknown queue is 404 with the list of queues in details.',
        params: QueueParams,
        querystring: QueueQuerySchema,
        response: { 200: QueueResponse, ...signedInErrors(400, 403, 404) },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const queue = queueNamed(request.params.queue);
      const { dealerId, pageSize, pageToken } = request.query;
      const dealers = visibleDealers(staff, dealerId);
      const { asOf, inner } = queueToken.unwrap(pageToken, ctx.now());
      const clauses = QUEUES[queue].clauses(staff, asOf);
      const page = await listComplaints(ctx.client, ctx.namespace, ctx.pageTokens, {
        dealers,
        clauses,
        pageSize,
        pageToken: inner,
      });
      return { queue, items: byNextDeadline(page.items), nextPageToken: queueToken.wrap(asOf, page.nextPageToken) };
    },
  );
};
