/**
 * The files that `record_http_lossy.sh` serves over HTTP, made byte for byte the same
 * every time (a xorshift generator with a fixed seed, so they do not compress), so that
 * tests can compare the bytes reassembled from the captures with the files served.
 *
 * Run it to write them: `deno run --allow-write testdata/http_bodies.ts DIR`.
 *
 * @module
 */

/** The files served: name and size. */
export const HTTP_BODIES: readonly { name: string; size: number; seed: number }[] = [
  { name: "a.bin", size: 96 * 1024, seed: 1 },
  { name: "b.bin", size: 40 * 1024 + 123, seed: 2 },
];

/**
 * Makes the bytes of a served file.
 *
 * @param size Its size.
 * @param seed The generator's seed.
 * @returns The bytes.
 */
export function httpBody(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = (seed * 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

if (import.meta.main) {
  const folder = Deno.args[0] ?? ".";
  for (const { name, size, seed } of HTTP_BODIES) {
    Deno.writeFileSync(`${folder}/${name}`, httpBody(size, seed));
  }
}
