import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret from the environment if set, else from its file, made on first use (owner-only, 32
 * random bytes as hex) so it survives restarts and every process of one stack reads the same one.
 */
export function loadSecret(opts: { value?: string | undefined; file: string; what: string }): Buffer {
  if (opts.value) return Buffer.from(opts.value, 'utf8');
  if (!existsSync(opts.file)) {
    mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
    // wx: two processes starting at once cannot both write one; the loser reads the winner's.
    try {
      writeFileSync(opts.file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    chmodSync(opts.file, 0o600);
  }
  const secret = readFileSync(opts.file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${opts.what} file ${opts.file} holds fewer than 32 characters`);
  return Buffer.from(secret, 'utf8');
}
