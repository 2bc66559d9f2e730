import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CUSTOMER_TEMPLATES } from '../../domain/customer-notices';
import * as L from '../../domain/labels';
import { LADDER, STAGES } from '../../domain/ladder';
import { REMEDY_LABELS } from '../../domain/remedy';
import { ROLE_LABELS, ROLES, roleTier } from '../../domain/staff';
import { signedInErrors } from '../schemas';
import { QUEUE_LABELS } from '../vocabulary';

const Label = z.object({ en: z.string(), zh: z.string() });
const Labelled = z.array(z.object({ id: z.string(), label: Label }));
const VocabularyResponse = z.object({
  stages: z.array(z.object({ id: z.string(), label: Label, handling: Label, ownerTier: z.number() })),
  roles: z.array(z.object({ id: z.string(), label: Label, tier: z.number() })),
  categories: Labelled,
  channels: Labelled,
  severities: Labelled,
  remedyTypes: Labelled,
  remedyStatuses: Labelled,
  customerTemplates: z.array(z.string()),
  statuses: Labelled,
  clockKinds: Labelled,
  clockStatuses: Labelled,
  contactMethods: Labelled,
  pauseReasons: Labelled,
  defectAreas: Labelled,
  reflectionFields: Labelled,
  followUpOutcomes: Labelled,
  entryTriggers: Labelled,
  resumeTriggers: Labelled,
  customerTemplateLabels: Labelled,
  queues: Labelled,
});

const labelled = (table: Record<string, { en: string; zh: string }>) =>
  Object.entries(table).map(([id, label]) => ({ id, label }));

/** Built once: the vocabulary is code, not data, and changes only with a deployment. */
const VOCABULARY = {
  stages: STAGES.map((id) => ({
    id,
    label: LADDER[id].label,
    handling: LADDER[id].handling,
    ownerTier: LADDER[id].ownerTier,
  })),
  roles: ROLES.map((id) => ({ id, label: ROLE_LABELS[id], tier: roleTier(id) })),
  categories: labelled(L.CATEGORY_LABELS),
  channels: labelled(L.CHANNEL_LABELS),
  severities: labelled(L.SEVERITY_LABELS),
  remedyTypes: labelled(REMEDY_LABELS),
  remedyStatuses: labelled(L.REMEDY_STATUS_LABELS),
  customerTemplates: [...CUSTOMER_TEMPLATES],
  statuses: labelled(L.COMPLAINT_STATUS_LABELS),
  clockKinds: labelled(L.CLOCK_KIND_LABELS),
  clockStatuses: labelled(L.CLOCK_STATUS_LABELS),
  contactMethods: labelled(L.CONTACT_METHOD_LABELS),
  pauseReasons: labelled(L.PAUSE_REASON_LABELS),
  defectAreas: labelled(L.DEFECT_AREA_LABELS),
  reflectionFields: labelled(L.REFLECTION_FIELD_LABELS),
  followUpOutcomes: labelled(L.FOLLOW_UP_OUTCOME_LABELS),
  entryTriggers: labelled(L.ENTRY_TRIGGER_LABELS),
  resumeTriggers: labelled(L.RESUME_TRIGGER_LABELS),
  customerTemplateLabels: labelled(L.CUSTOMER_TEMPLATE_LABELS),
  queues: labelled(QUEUE_LABELS),
};

/** GET /v1/vocabulary: every domain value with its zh and en label, in display order, from domain/ alone. */
export const vocabularyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/vocabulary',
    {
      schema: {
        tags: ['staff'],
        operationId: 'getVocabulary',
        summary:
          'Every domain value staff read (ladder, roles, categories, statuses, clocks, reasons, queues…) with its zh and en label',
        response: { 200: VocabularyResponse, ...signedInErrors() },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'private, max-age=3600');
      return VOCABULARY;
    },
  );
};
