// A temporary folder for one test, removed with all it holds when the test is done.

/**
 * Runs `fn` with a new temporary folder, and removes the folder afterwards, whatever `fn`
 * did.
 *
 * @param fn What to do in the folder.
 * @returns What `fn` returned.
 */
export async function withTempDir<T>(fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir();
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
