import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../auth';
import type { RouteContext } from '../context';
import { ApiError } from '../errors';
import { z } from 'zod';
import { signedInErrors } from '../schemas';
import { inScope } from '../staff-directory';

const HEARTBEAT_MS = 15_000;

/** One server-sent event, as OpenAPI 3.1 describes a stream's items. */
const LiveEvent = z.strictObject({
  event: z.literal('complaint'),
  data: z.string().describe('JSON: { complaintId, dealerId, event, sequence, time }'),
});

/**
 * GET /v1/live: server-sent events, one `complaint` event per change within the caller's dealers.
 * Read it with fetch (the Authorization header travels; EventSource cannot send it). A comment
 * every 15 s keeps proxies from closing an idle stream.
 */
export const liveRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  // Open streams never end on their own: closing the API ends them, or its close would wait forever.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get(
    '/v1/live',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'streamChanges',
        summary: 'Live changes to the caller’s complaints (server-sent events)',
        description:
          'text/event-stream. Each change is `event: complaint` with data `{ complaintId, dealerId, event, sequence, time }`; ' +
          'fetch the complaint or the list again to see it. 503 when the API has no event stream.',
        response: {
          200: {
            description: 'The stream; each event is one change',
            content: { 'text/event-stream': { schema: LiveEvent } },
          },
          ...signedInErrors(),
        },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      if (!ctx.live) throw new ApiError(503, 'unavailable', 'this API has no live event stream; poll instead');
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write('retry: 3000\n: connected\n\n');
      const unsubscribe = ctx.live.subscribe((change) => {
        if (inScope(staff, change.dealerId)) out.write(`event: complaint\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        out.end();
      };
      open.add(end);
      request.raw.on('close', end);
    },
  );
};
