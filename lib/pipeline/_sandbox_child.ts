// Private: the parsing process of `sandbox.ts`. It runs with no permission at all: it reads
// pcapng from standard input, decodes and prints each packet with `runPipeline()` to its
// standard output, and ends when standard input ends. Its one argument is the output
// (`{ kind: "print", printer }` or `{ kind: "json" }`) as JSON.

import { openCapture } from "../formats/open_capture.ts";
import { type PipelineOutput, runPipeline } from "./print.ts";

async function writeAll(bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += await Deno.stdout.write(bytes.subarray(done));
}

/**
 * Prints the pcapng stream of standard input.
 *
 * @param args The command line: the output as JSON.
 * @returns The exit status: 0, or 1 when the stream is not a capture.
 */
export async function runSandboxChild(args: readonly string[]): Promise<number> {
  const output = JSON.parse(args[0] ?? "") as PipelineOutput;
  if (output.kind !== "print" && output.kind !== "json") {
    console.error(`Cannot print in the sandbox: print or json output is required`);
    return 1;
  }
  try {
    await using reader = await openCapture(Deno.stdin);
    await runPipeline(reader.batches({ reuseBuffers: true }), { output, write: writeAll });
    return 0;
  } catch (error) {
    // A closed standard output (`sniff ... | head`) ends the printing quietly.
    if (error instanceof Deno.errors.BrokenPipe) return 0;
    console.error(`Cannot print in the sandbox: ${(error as Error).message.split("\n")[0]}`);
    return 1;
  }
}

if (import.meta.main) {
  // Ctrl-C reaches the whole process group: the child prints what the capturing process
  // still sends, and ends when that process closes the pipe.
  Deno.addSignalListener("SIGINT", () => {});
  Deno.exit(await runSandboxChild(Deno.args));
}
