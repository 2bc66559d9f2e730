import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CUSTOMER_TEMPLATES } from '../../domain/customer-notices';
import { CATEGORY_LABELS, CHANNEL_LABELS, REMEDY_STATUS_LABELS, SEVERITY_LABELS } from '../../domain/labels';
import { LADDER, STAGES } from '../../domain/ladder';
import { REMEDY_LABELS } from '../../domain/remedy';
import { ROLE_LABELS, ROLES, roleTier } from '../../domain/staff';
import { AUTHED_ERRORS } from '../schemas';

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
});

const labelled = (table: Record<string, { en: string; zh: string }>) => Object.entries(table).map(([id, label]) => ({ id, label }));

/** Built once: the vocabulary is code, not data, and changes only with a deployment. */
const VOCABULARY = {
  stages: STAGES.map((id) => ({ id, label: LADDER[id].label, handling: LADDER[id].handling, ownerTier: LADDER[id].ownerTier })),
  roles: ROLES.map((id) => ({ id, label: ROLE_LABELS[id], tier: roleTier(id) })),
  categories: labelled(CATEGORY_LABELS),
  channels: labelled(CHANNEL_LABELS),
  severities: labelled(SEVERITY_LABELS),
  remedyTypes: labelled(REMEDY_LABELS),
  remedyStatuses: labelled(REMEDY_STATUS_LABELS),
  customerTemplates: [...CUSTOMER_TEMPLATES],
};

/** GET /v1/vocabulary: every domain value with its zh and en label, in display order, from domain/ alone. */
export const vocabularyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/vocabulary',
    {
      schema: {
        tags: ['staff'],
        summary: 'The ladder, roles, categories, channels, severities and remedy labels in zh and en',
        response: { 200: VocabularyResponse, ...AUTHED_ERRORS },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'private, max-age=3600');
      return VOCABULARY;
    },
  );
};
