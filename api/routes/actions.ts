import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ACTION_SCHEMAS, type ActionName, type ActionPayload } from '../../domain/actions';
import { colleagueOf, requireComplaintInScope, staffOf } from '../auth';
import { findComplaint, readState, viewOf, type FoundComplaint } from '../complaints';
import type { RouteContext } from '../context';
import { z } from 'zod';
import { describeIssues, fieldIssues, fromTemporal, invalidInput, notAllowed, notFound } from '../errors';
import {
  ACTION_ERRORS,
  ActionIdempotencyHeaders,
  actionBodySchema,
  ComplaintIdParams,
  ComplaintResponse,
  RemedyParams,
} from '../schemas';
import { actorOf, STAFF_ID_SHAPE } from '../staff-directory';
import { optionalProse, textPattern } from '../../domain/text';
import { REFUSAL_TYPES, updates } from '../../workflows/messages';
import { keyedUpdateId } from '../../domain/action-keys';
import { actionRequestHash } from '../idempotency';
import type { ComplaintState } from '../../domain/complaint';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** One POST per workflow Update (SPEC §4). The path names the action; the body is its payload minus the actor. */
export const ACTION_ROUTES: readonly {
  path: string;
  action: ActionName;
  summary: string;
  remedyInPath?: true;
  /** `to` is a staff id, looked up in the staff directory. */
  colleagueInBody?: true;
  /** The caller hands the complaint to themselves: `to` is the caller, the note optional. */
  toSelf?: true;
}[] = [
  {
    path: 'acknowledge',
    action: 'acknowledge',
    summary: 'Acknowledge: the first response at this stage (meets respond-by)',
  },
  { path: 'contacts', action: 'logContact', summary: 'Log a customer contact (meets respond-by)' },
  {
    path: 'remedies',
    action: 'proposeRemedy',
    summary: 'Propose a remedy; over the proposer’s cap it waits for approval',
  },
  {
    path: 'remedies/:remedyId/approve',
    action: 'approveRemedy',
    summary: 'Approve a remedy over its proposer’s cap',
    remedyInPath: true,
  },
  {
    path: 'remedies/:remedyId/decision',
    action: 'recordCustomerDecision',
    summary: 'Record the customer accepting or declining a remedy',
    remedyInPath: true,
  },
  {
    path: 'escalate',
    action: 'escalate',
    summary: 'Climb to a higher stage (customer-driven or a supervisor’s decision)',
  },
  { path: 'pause', action: 'pauseClock', summary: 'Pause the clocks with a reason (supervisors)' },
  { path: 'resume', action: 'resumeClock', summary: 'Resume paused clocks (supervisors)' },
  { path: 'extend', action: 'extendDeadline', summary: 'Extend the respond-by or resolve-by deadline (supervisors)' },
  {
    path: 'resolve',
    action: 'resolve',
    summary: 'Resolve: an accepted remedy, or an upheld-policy decision with a reason (tier 2+)',
  },
  { path: 'follow-up', action: 'recordFollowUp', summary: 'Record the follow-up call (回访); unsatisfied reopens' },
  {
    path: 'close',
    action: 'close',
    summary: 'Close with the root cause (and the reflection report from formal_complaint up)',
  },
  {
    path: 'hand-over',
    action: 'handOver',
    summary:
      'Hand the complaint over to a named colleague, with a note of what was promised and what is pending (首问责任)',
    colleagueInBody: true,
  },
  {
    path: 'take',
    action: 'handOver',
    summary: 'Take a complaint whose owner cannot act on its rung: a hand-over to oneself (note optional)',
    toSelf: true,
  },
];

/** The OpenAPI operationId: the Update's name, except take, which is a hand-over to oneself. */
export const operationIdOf = (route: (typeof ACTION_ROUTES)[number]): string => (route.toSelf ? 'take' : route.action);

/**
 * Cross-field rules of a domain schema (its refine), said in JSON Schema for the document. The
 * handler still enforces them through the domain schema; test/api/openapi.test.ts holds both equal.
 */
const BODY_RULES: Partial<Record<ActionName, Record<string, unknown>>> = {
  resolve: {
    if: { properties: { kind: { const: 'upheld_policy' } }, required: ['kind'] },
    then: { required: ['reason'], properties: { reason: { pattern: textPattern(true, true) } } },
  },
  recordFollowUp: {
    anyOf: [
      { required: ['satisfied'], properties: { satisfied: { const: true }, outcome: { const: 'satisfied' } } },
      {
        required: ['satisfied'],
        properties: { satisfied: { const: false }, outcome: { enum: ['not_satisfied', 'unreachable'] } },
      },
      { required: ['outcome'], properties: { satisfied: false } },
    ],
  },
};

/** What a route's body documents and accepts: the action's payload minus what the API fills in. */
export function bodySchemaOf(route: (typeof ACTION_ROUTES)[number]) {
  const omit = route.remedyInPath ? ['actor', 'remedyId'] : ['actor'];
  if (route.toSelf)
    return z.strictObject({ note: optionalProse(2000).describe('Default: "taken over by <your name>"') });
  if (route.colleagueInBody) {
    return actionBodySchema(route.action, [...omit, 'to']).extend({
      to: z.string().regex(STAFF_ID_SHAPE, 'expected a staff id').describe('The colleague’s staff id'),
    });
  }
  const rules = BODY_RULES[route.action];
  return rules ? actionBodySchema(route.action, omit).meta(rules) : actionBodySchema(route.action, omit);
}

export const actionRoutes: FastifyPluginAsyncZod<{ ctx: RouteContext }> = async (app, { ctx }) => {
  for (const route of ACTION_ROUTES) {
    app.post(
      `/v1/complaints/:id/${route.path}`,
      {
        schema: {
          tags: ['actions'],
          operationId: operationIdOf(route),
          summary: route.summary,
          description:
            `Runs the \`${route.action}\` Update as the signed-in staff member. A refusal is 409 (not allowed in this state) or 403 (role or compensation authority), with the workflow's reason.` +
            (route.colleagueInBody
              ? ' A colleague missing from the staff directory is 404; one who does not serve the complaint’s dealer is 403; one who cannot act on the rung is 409.'
              : ''),
          headers: ActionIdempotencyHeaders,
          params: route.remedyInPath ? RemedyParams : ComplaintIdParams,
          body: bodySchemaOf(route),
          response: { 200: ComplaintResponse, ...ACTION_ERRORS },
        },
      },
      async (request) => {
        const staff = staffOf(request);
        const params = request.params as { id: string; remedyId?: string };
        const body = request.body as Record<string, unknown>;
        const found = await findComplaint(ctx.client, params.id);
        if (!found) throw notFound(`no complaint ${params.id}`);
        requireComplaintInScope(staff, params.id, found.dealerId);
        // A colleague named by id is looked up, so the role and name the workflow sees are real.
        const colleague = route.colleagueInBody
          ? colleagueOf(ctx.staff, String(body.to), found.dealerId, 'to')
          : route.toSelf
            ? staff
            : undefined;
        const payload = {
          ...body,
          actor: actorOf(staff),
          ...(route.remedyInPath ? { remedyId: params.remedyId } : {}),
          ...(colleague ? { to: actorOf(colleague) } : {}),
          // A blank note is no note (the route's schema allows one; the hand-over's needs text).
          ...(route.toSelf && !String(body.note ?? '').trim() ? { note: `taken over by ${staff.name}` } : {}),
        };
        // The whole domain schema, cross-field rules included, before the workflow is asked.
        const parsed = ACTION_SCHEMAS[route.action].safeParse(payload);
        if (!parsed.success) {
          const details = fieldIssues(parsed.error.issues);
          throw invalidInput(describeIssues(route.path, details), details);
        }
        if (!found.running) throw notAllowed(`complaint ${params.id} is closed`);
        // A retry with the same Idempotency-Key and body is the same Update, applied once; the same
        // key with another body is another Update, which the workflow refuses (domain/action-keys.ts).
        const key = request.headers['idempotency-key'];
        const operation = operationIdOf(route);
        const updateId =
          typeof key === 'string'
            ? keyedUpdateId(`${staff.id}:${operation}:${key}`, actionRequestHash(operation, body, params))
            : undefined;
        const state = await executeAction(
          found.handle,
          route.action,
          payload as ActionPayload<ActionName>,
          params.id,
          updateId,
        );
        return { complaint: viewOf(state ?? (await readState(found, params.id))) };
      },
    );
  }
};

async function executeAction(
  handle: FoundComplaint['handle'],
  action: ActionName,
  payload: ActionPayload<ActionName>,
  complaintId: string,
  updateId?: string,
): Promise<ComplaintState | null> {
  try {
    // Each Update definition is typed to its own payload; the schema check above vouches for this one.
    return await handle.executeUpdate(updates[action] as typeof updates.acknowledge, {
      args: [payload as ActionPayload<'acknowledge'>],
      ...(updateId ? { updateId } : {}),
    });
  } catch (err) {
    // Applied before continue-as-new: answer with the state as it is now (null: read it).
    if (
      err instanceof WorkflowUpdateFailedError &&
      err.cause instanceof ApplicationFailure &&
      err.cause.type === REFUSAL_TYPES.already_applied
    )
      return null;
    throw fromTemporal(err, complaintId) ?? err;
  }
}
