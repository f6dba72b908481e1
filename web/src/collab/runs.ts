/**
 * Splitting a batch of accepted updates into runs for `receiveUpdates`.
 *
 * The server rebases pushed updates over those accepted since the push's version, so a
 * batch may hold this client's own update after others' (and others' after it again). The
 * section sync hands `receiveUpdates` one run at a time: consecutive updates that are all
 * this client's, or all someone else's. Pure functions; no state.
 */

/**
 * The runs of `updates`: maximal slices in order whose members are all `own`'s or all
 * others'. Concatenated they give `updates` back; none is empty.
 */
export function splitRuns<U extends { clientID: string }>(updates: readonly U[], own: string): U[][] {
  const runs: U[][] = [];
  let current: U[] = [];
  let mine: boolean | null = null;
  for (const u of updates) {
    const isOwn = u.clientID === own;
    if (mine !== null && isOwn !== mine) {
      runs.push(current);
      current = [];
    }
    mine = isOwn;
    current.push(u);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
