import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IntakeSchema } from '../../domain/complaint';
import { startingStage, startingStageFault } from '../../domain/ladder';
import { requireDealer, staffOf } from '../auth';
import { findComplaint, listComplaints, readState, viewOf } from '../complaints';
import type { RouteContext } from '../context';
import { describeIssues, fieldIssues, forbidden, invalidInput, notFound } from '../errors';
import { openComplaint } from '../idempotency';
import {
  AUTHED_ERRORS,
  ComplaintIdParams,
  ComplaintResponse,
  ErrorResponse,
  IdempotencyHeaders,
  IntakeBodySchema,
  ListQuerySchema,
  ListResponse,
} from '../schemas';
import { ALL_DEALERS, actorOf, DEALER_ID_SHAPE, inScope } from '../staff-directory';

const TAGS = ['complaints'];

export const complaintRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    '/v1/complaints',
    {
      schema: {
        tags: TAGS,
        summary: 'Open a complaint (intake)',
        description:
          'The caller is recorded as the staff member who received it. Starting stage: latent when staff report it themselves, ' +
          'formal_complaint for a letter or regulator, public_action for the media, objection otherwise; an explicit startingStage wins. ' +
          'With an Idempotency-Key, a retry returns the same complaint with 200. ' +
          'The 201 answer comes once the complaint is durable in Temporal, without waiting for a worker to run it.',
        headers: IdempotencyHeaders,
        body: IntakeBodySchema,
        response: { 201: ComplaintResponse, 200: ComplaintResponse, ...AUTHED_ERRORS, 413: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const parsed = IntakeSchema.safeParse({ ...(request.body as object), receivedBy: actorOf(staff) });
      if (!parsed.success) {
        const details = fieldIssues(parsed.error.issues);
        throw invalidInput(describeIssues('intake', details), details);
      }
      const intake = parsed.data;
      if (!DEALER_ID_SHAPE.test(intake.dealerId)) {
        throw invalidInput('invalid intake: dealerId', [{ path: 'dealerId', message: 'expected letters, digits, "-", "_", "." or ":"' }]);
      }
      requireDealer(staff, intake.dealerId);
      const floorFault = startingStageFault({ channel: intake.channel, explicit: intake.startingStage });
      if (floorFault) throw invalidInput(`invalid intake: startingStage: ${floorFault}`, [{ path: 'startingStage', message: floorFault }]);
      const stage = startingStage({ channel: intake.channel, reportedByStaff: intake.reportedByStaff, explicit: intake.startingStage });
      const key = request.headers['idempotency-key'];
      const opened = await openComplaint({
        client: ctx.client,
        taskQueue: ctx.taskQueue,
        policy: ctx.policy,
        intake,
        startingStage: stage,
        now: ctx.now(),
        randomSuffix: ctx.randomSuffix,
        ...(typeof key === 'string' ? { idempotency: { staffId: staff.id, key } } : {}),
      });
      if (!opened.created) {
        return reply.code(200).send({ complaint: viewOf(await readState(opened.existing, opened.complaintId)) });
      }
      reply.header('location', `/v1/complaints/${opened.complaintId}`);
      return reply.code(201).send({ complaint: viewOf(opened.state) });
    },
  );

  app.get(
    '/v1/complaints/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A complaint: stage, status, clocks, remedies and audit trail',
        params: ComplaintIdParams,
        response: { 200: ComplaintResponse, ...AUTHED_ERRORS, 404: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { id } = request.params;
      const found = await findComplaint(ctx.client, id);
      if (!found) throw notFound(`no complaint ${id}`);
      requireDealer(staff, found.dealerId);
      return { complaint: viewOf(await readState(found, id)) };
    },
  );

  app.get(
    '/v1/complaints',
    {
      schema: {
        tags: TAGS,
        summary: 'List complaints (Temporal visibility over the complaint search attributes)',
        description: 'Only the caller’s dealers are listed. Newest first. Pass nextPageToken back as pageToken for the next page.',
        querystring: ListQuerySchema,
        response: { 200: ListResponse, ...AUTHED_ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { stage, status, dealerId, owner, pageSize, pageToken } = request.query;
      if (dealerId !== undefined && !inScope(staff, dealerId)) {
        throw forbidden(`staff ${staff.id} may see ${staff.dealers.join(', ')} only, not dealer ${dealerId}`);
      }
      const dealers = dealerId !== undefined ? [dealerId] : staff.dealers.includes(ALL_DEALERS) ? undefined : staff.dealers;
      return listComplaints(ctx.client, ctx.namespace, ctx.pageTokens, { stage, status, owner, dealers, pageSize, pageToken });
    },
  );
};
