import { percentile, pool, range } from '../../bench/measure';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [...range(100)].reverse().map((i) => i + 1); // 100 … 1
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('runs every item with no more than the pool size in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await pool(range(25), 4, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1 + (i % 3)));
      done.push(i);
      inFlight--;
    });
    expect(done.sort((a, b) => a - b)).toEqual(range(25));
    expect(most).toBe(4);
  });
});
