import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_NAMES, ReportQuerySchema, type ReportName } from '../../analytics/reports';
import { staffOf } from '../auth';
import { openedWindowFault, openedWindowOf } from '../../domain/opened-window';
import { ApiError, forbidden, invalidInput } from '../errors';
import { signedInErrors } from '../schemas';
import { signRequest } from '../../config/request-signature';
import { ALL_DEALERS } from '../staff-directory';

/**
 * GET /v1/analytics/<report>: the analytics process's reports, behind the API's auth. Staff see
 * their own dealers only: the dealer filter defaults to their scope and may not leave it.
 */
export const analyticsRoutes: FastifyPluginAsyncZod<{
  analyticsUrl: string;
  internalSecret?: Buffer | undefined;
}> = async (app, { analyticsUrl, internalSecret }) => {
  app.get(
    '/v1/analytics/:report',
    {
      schema: {
        tags: ['analytics'],
        operationId: 'getReport',
        summary:
          'A report built from the complaint-events stream (filters: category, channel, severity, dealerId, openedFrom, openedBefore; breakdown: by)',
        params: z.object({ report: z.enum(REPORT_NAMES) }),
        querystring: ReportQuerySchema.extend({ dealerId: z.string().min(1).optional() }),
        response: {
          200: z
            .looseObject({ report: z.enum(REPORT_NAMES), data: z.unknown() })
            .describe('The report over the caller’s dealers; data depends on the report and on by'),
          ...signedInErrors(400, 403),
        },
      },
    },
    async (request, reply) => {
      const member = staffOf(request);
      const { report } = request.params;
      const fault = openedWindowFault(openedWindowOf(request.query));
      if (fault)
        throw invalidInput(`invalid query: openedBefore: ${fault}`, [{ path: 'openedBefore', message: fault }]);
      const query = new URLSearchParams(
        Object.entries(request.query).filter(([, v]) => v !== undefined) as [string, string][],
      );
      const asked = query
        .get('dealerId')
        ?.split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      if (!member.dealers.includes(ALL_DEALERS)) {
        const outside = asked?.filter((d) => !member.dealers.includes(d)) ?? [];
        if (outside.length)
          throw forbidden(`staff ${member.id} may see ${member.dealers.join(', ')} only, not ${outside.join(', ')}`);
        query.set('dealerId', (asked ?? member.dealers).join(','));
      }
      if (!internalSecret)
        throw new ApiError(
          503,
          'analytics_unavailable',
          'this API has no internal secret to ask the analytics process with',
        );
      const target = `/reports/${report}?${query}`;
      let upstream: Response;
      try {
        // Signed, so the analytics process answers only the API (config/request-signature.ts).
        upstream = await fetch(`${analyticsUrl}${target}`, {
          headers: signRequest(internalSecret, target),
          signal: AbortSignal.timeout(5_000),
        });
      } catch (err) {
        throw new ApiError(
          503,
          'analytics_unavailable',
          `the analytics process at ${analyticsUrl} did not answer: ${(err as Error).message}`,
        );
      }
      // The analytics process's status and body pass through (its errors have our shape too).
      return reply.code(upstream.status as 200).send((await upstream.json()) as { report: ReportName; data: unknown });
    },
  );
};
