import type { Env } from './env';
import { loadSecret } from './secrets';

/** The secret the stack's processes share (LADDER_INTERNAL_SECRET or its file). */
export const loadInternalSecret = (env: Pick<Env, 'LADDER_INTERNAL_SECRET' | 'LADDER_INTERNAL_SECRET_FILE'>): Buffer =>
  loadSecret({ value: env.LADDER_INTERNAL_SECRET, file: env.LADDER_INTERNAL_SECRET_FILE, what: 'internal secret' });
