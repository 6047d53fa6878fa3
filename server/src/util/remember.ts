/**
 * A memo with a bound on its size, for answers that depend only on their key: when it is full it starts
 * over. Keys often come from the text being typed (a new key per keystroke), so an unbounded memo would
 * grow for as long as the editor runs; starting over costs one recomputation per key still in use.
 */
export function remember<K, V>(memo: Map<K, V>, key: K, limit: number, compute: () => V): V {
  if (memo.has(key)) return memo.get(key) as V;
  const value = compute();
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}
