/**
 * Runs one serve.ts flood (`bench/_serve_flood.ts`) and prints its result as JSON: the
 * flood test runs it in a process of its own, away from the state other tests leave in
 * the test process, and with a time limit.
 *
 * ```sh
 * deno run -A tests/_serve_flood_child.ts PACKETS KEEP
 * ```
 *
 * @module
 */

import { runServeFlood } from "../bench/_serve_flood.ts";

const [packets, keep] = Deno.args.map(Number);
const result = await runServeFlood({ packets: packets!, keep: keep!, rate: 1000 });
console.log(JSON.stringify(result));
