import { z } from 'zod';

/**
 * A schema built the first time it parses. Workflows import the domain modules for their rules,
 * and the SDK evaluates every imported module once per workflow: building these modules' schemas
 * eagerly cost about 7 ms and 200 KB for each complaint a worker loads, for schemas a workflow
 * uses only when staff act. Parses, composes and converts to JSON Schema like the schema itself.
 */
export const lazySchema = <T extends z.ZodType>(build: () => T) => z.lazy(build);
