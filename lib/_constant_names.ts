/**
 * The reverse of a table of named constants, shared by the decoders that print a number's
 * name.
 *
 * @module
 */

/**
 * Returns a map from each value of `constants` (an `as const` object of numbers) to its
 * key. Callers build it once, at module load, so that a lookup per packet costs no
 * allocation.
 */
export function constantNames(
  constants: Readonly<Record<string, number>>,
): ReadonlyMap<number, string> {
  return new Map(Object.entries(constants).map(([name, value]) => [value, name]));
}
