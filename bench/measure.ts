/** Small statistics and pacing helpers shared by the benchmarks. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `run` over items with at most `size` in flight. */
export async function pool<T>(items: Iterable<T>, size: number, run: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let next = it.next(); !next.done; next = it.next()) await run(next.value);
    }),
  );
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await run();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const rate = (n: number, seconds: number) => n / seconds;
