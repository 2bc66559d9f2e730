import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes `file` (owner-only) holding `content()` unless it exists, so every process of one stack
 * reads the same secret. Written aside, then linked into place: the API and the worker may start
 * at once, and neither may read a half-written file. link() fails if the other one won.
 */
export function ensureSecretFile(file: string, content: () => string): void {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, content(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(aside, { force: true });
  }
}

/** A secret from the environment if set, else from its file, made on first use (32 random bytes as hex). */
export function loadSecret(opts: { value?: string | undefined; file: string; what: string }): Buffer {
  if (opts.value) return Buffer.from(opts.value, 'utf8');
  ensureSecretFile(opts.file, () => `${randomBytes(32).toString('hex')}\n`);
  const secret = readFileSync(opts.file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${opts.what} file ${opts.file} holds fewer than 32 characters`);
  return Buffer.from(secret, 'utf8');
}
