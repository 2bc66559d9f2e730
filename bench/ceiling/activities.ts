/** An activity that does nothing, so the ceiling measures Temporal's own round trip. */
export async function nothing(i: number): Promise<number> {
  return i;
}
