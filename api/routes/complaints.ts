import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IntakeSchema } from '../../domain/complaint';
import { LADDER, startingStage, startingStageFault, type Stage } from '../../domain/ladder';
import { openedWindowFault, openedWindowOf } from '../../domain/opened-window';
import { mayOwn } from '../../domain/ownership';
import type { Actor } from '../../domain/staff';
import { colleagueOf, requireComplaintInScope, requireDealer, staffOf, visibleDealers } from '../auth';
import { findComplaint, listComplaints, readState, viewOf } from '../complaints';
import type { RouteContext } from '../context';
import { ApiError, describeIssues, fieldIssues, invalidInput, notFound } from '../errors';
import { openComplaint } from '../idempotency';
import { searchClause, wellEncoded } from '../search';
import {
  BODY_ERRORS,
  ComplaintReadResponse,
  ComplaintIdParams,
  ComplaintResponse,
  IdempotencyHeaders,
  IntakeBodySchema,
  ListQuerySchema,
  ListResponse,
  signedInErrors,
} from '../schemas';
import { actorOf, DEALER_ID_SHAPE } from '../staff-directory';

const TAGS = ['complaints'];

export const complaintRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    '/v1/complaints',
    {
      schema: {
        tags: TAGS,
        operationId: 'openComplaint',
        summary: 'Open a complaint (intake)',
        description:
          'The caller is recorded as the staff member who received it. Starting stage: latent when staff report it themselves, ' +
          'formal_complaint for a letter or regulator, public_action for the media, objection otherwise; an explicit startingStage wins. ' +
          'With an Idempotency-Key, a retry returns the same complaint with 200. ' +
          'The 201 answer comes once the complaint is durable in Temporal, without waiting for a worker to run it.',
        headers: IdempotencyHeaders,
        body: IntakeBodySchema,
        response: {
          201: {
            description: 'Opened; Location names the complaint',
            content: { 'application/json': { schema: ComplaintResponse } },
          },
          200: {
            description: 'A retry with the same Idempotency-Key and body: the complaint the first attempt opened',
            content: { 'application/json': { schema: ComplaintResponse } },
          },
          // 404: the owner named is not in the staff directory; 409: an Idempotency-Key whose id another complaint took.
          ...signedInErrors(...BODY_ERRORS, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { owner: ownerId, ...body } = request.body as { owner?: string };
      const parsed = IntakeSchema.safeParse({ ...body, receivedBy: actorOf(staff) });
      if (!parsed.success) {
        const details = fieldIssues(parsed.error.issues);
        throw invalidInput(describeIssues('intake', details), details);
      }
      let intake = parsed.data;
      if (!DEALER_ID_SHAPE.test(intake.dealerId)) {
        throw invalidInput('invalid intake: dealerId', [
          { path: 'dealerId', message: 'expected letters, digits, "-", "_", "." or ":"' },
        ]);
      }
      requireDealer(staff, intake.dealerId);
      const floorFault = startingStageFault({ channel: intake.channel, explicit: intake.startingStage });
      if (floorFault)
        throw invalidInput(`invalid intake: startingStage: ${floorFault}`, [
          { path: 'startingStage', message: floorFault },
        ]);
      const stage = startingStage({
        channel: intake.channel,
        reportedByStaff: intake.reportedByStaff,
        explicit: intake.startingStage,
      });
      if (ownerId !== undefined) intake = { ...intake, owner: ownerAt(ctx, ownerId, intake.dealerId, stage) };
      const key = request.headers['idempotency-key'];
      const opened = await openComplaint({
        client: ctx.client,
        taskQueue: ctx.taskQueue,
        policy: ctx.policy,
        intake,
        startingStage: stage,
        now: ctx.now(),
        randomSuffix: ctx.randomSuffix,
        customerKeys: ctx.customerKeys.ofIntake(intake),
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
        operationId: 'getComplaint',
        summary: 'A complaint: stage, status, clocks, remedies and audit trail',
        params: ComplaintIdParams,
        response: { 200: ComplaintReadResponse, ...signedInErrors(400, 404) },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { id } = request.params;
      const found = await findComplaint(ctx.client, id);
      if (!found) throw notFound(`no complaint ${id}`);
      requireComplaintInScope(staff, id, found.dealerId);
      return { complaint: viewOf(await readState(found, id)), workflowStatus: found.workflowStatus };
    },
  );

  app.get(
    '/v1/complaints',
    {
      schema: {
        tags: TAGS,
        operationId: 'listComplaints',
        summary: 'List or search complaints (Temporal visibility over the complaint search attributes)',
        description:
          'Only the caller’s dealers are listed. Newest first. Pass nextPageToken back as pageToken for the next page. ' +
          'q= finds by complaint id, plate, VIN, repair-order number, customer name or phone, combined with the other filters; ' +
          'names and phones are matched by keyed hash, never stored in visibility in clear. ' +
          'openedFrom and openedBefore compare when the workflow run started: the opening, unless a long history continued the complaint as new.',
        querystring: ListQuerySchema,
        response: { 200: ListResponse, ...signedInErrors(400, 403) },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { q, stage, severity, status, dealerId, owner, pageSize, pageToken } = request.query;
      if (q !== undefined && !wellEncoded(request.url, 'q')) {
        throw invalidInput('invalid query: q: must be well-formed UTF-8', [
          { path: 'q', message: 'must be well-formed percent-encoded UTF-8' },
        ]);
      }
      const opened = openedWindowOf(request.query);
      const fault = openedWindowFault(opened);
      if (fault)
        throw invalidInput(`invalid query: openedBefore: ${fault}`, [{ path: 'openedBefore', message: fault }]);
      const dealers = visibleDealers(staff, dealerId);
      const clauses = q !== undefined ? [searchClause(q, ctx.customerKeys)] : [];
      return listComplaints(ctx.client, ctx.namespace, ctx.pageTokens, {
        stage,
        severity,
        status,
        owner,
        dealers,
        clauses,
        pageSize,
        pageToken,
        openedFrom: opened.from,
        openedBefore: opened.before,
      });
    },
  );
};

/**
 * The owner intake names, looked up like a hand-over's colleague (404 unknown, 403 another dealer).
 * One who cannot own the starting stage is 409, as on a hand-over: the request is well-formed, the
 * colleague's role (directory data no schema can know) does not fit the rung. details names the field.
 */
function ownerAt(ctx: RouteContext, ownerId: string, dealerId: string, stage: Stage): Actor {
  const colleague = colleagueOf(ctx.staff, ownerId, dealerId, 'owner');
  if (!mayOwn(colleague.role, stage)) {
    const message = `a ${colleague.role} cannot own a complaint at ${stage} (${LADDER[stage].label.zh}): it needs tier ${LADDER[stage].ownerTier} or customer service`;
    throw new ApiError(409, 'not_allowed', `intake: owner: ${message}`, [{ path: 'owner', message }]);
  }
  return actorOf(colleague);
}
