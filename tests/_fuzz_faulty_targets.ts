/**
 * Fuzz targets with known faults, for `fuzz_run_test.ts`: they check that `bench/fuzz.ts`
 * reports a crash, a hang and memory growth with the iteration that repeats each.
 *
 * @module
 */

import type { FuzzTarget } from "../bench/_fuzz_targets.ts";

/** What the leaking target keeps forever. */
const kept: Uint8Array[] = [];

/** A target that throws at iteration 3, one that loops at 300, one that keeps 64 KB each time. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  {
    name: "throws",
    description: "throws a TypeError at iteration 3",
    create: () => ({ iteration }) => {
      if (iteration === 3) throw new TypeError("Cannot fuzz: planted fault");
    },
  },
  {
    name: "hangs",
    description: "never returns at iteration 300",
    create: () => ({ iteration }) => {
      while (iteration === 300) {
        // Spins until the watchdog stops the worker.
      }
    },
  },
  {
    name: "leaks",
    description: "keeps 64 KB per iteration",
    create: () => () => {
      kept.push(new Uint8Array(64 * 1024).fill(1));
    },
  },
];
