import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

const ROOT = path.resolve(__dirname, '../..');

/** The project's tsc (its package exports only package.json and its API, not bin/). */
export const TSC = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

/**
 * Compiles the project with the production tsconfig into a fresh folder inside the repo (so the
 * output finds node_modules), exactly as `npm run build` would, for tests that run our processes.
 */
export function buildProject(name: string): { outDir: string; remove: () => void } {
  const outDir = path.join(ROOT, '.stack', name, randomUUID().slice(0, 8));
  mkdirSync(outDir, { recursive: true });
  const tsc = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`);
  return { outDir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
