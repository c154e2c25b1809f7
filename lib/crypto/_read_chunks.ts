/**
 * A file read in chunks through one reused buffer (private): what the `node:crypto`
 * hashes stream files with.
 *
 * @module
 */

/**
 * Yields a file's bytes in chunks of at most `size` bytes. Each chunk is a view of one
 * reused buffer, valid until the next is asked for.
 *
 * @param path The file.
 * @param size The chunk size.
 * @returns The chunks.
 */
export async function* readChunks(path: string, size: number): AsyncGenerator<Uint8Array> {
  using file = await Deno.open(path);
  const buffer = new Uint8Array(size);
  for (;;) {
    const read = await file.read(buffer);
    if (read === null) return;
    yield buffer.subarray(0, read);
  }
}
