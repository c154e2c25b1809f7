/**
 * Fuzz smoke test: valid frames of many kinds, randomly mutated (a seeded PRNG, so every
 * run is the same), through `decode()` for every link type of the default registry and
 * through reused `PacketParser`s. Nothing but a DecodeError marker may come out, every
 * getter and `toJSON()` of every decoded layer must work, and a reused parser must decode
 * exactly what a fresh `decode()` does. The seeds, mutators and checks live in `_fuzz.ts`,
 * shared with the long fuzz run of `bench/fuzz.ts`.
 */

import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { encodeHex } from "../lib/_hex.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import {
  checkDecode as check,
  EDGE_SECONDS,
  mutate,
  PRINT_OPTIONS,
  prng,
  TIME_FORMATS,
  unexplainedBadText,
} from "./_fuzz.ts";
import { LINK_TYPES, SEEDS } from "./_fuzz_seeds.ts";

Deno.test("decode() and PacketParser survive 100,000 mutated packets", () => {
  const random = prng(0x5eed);
  const parsers = new Map(LINK_TYPES.map((linkType) => [linkType, new PacketParser()]));
  // Every seed, whole and cut at every length, first.
  for (const [linkType, seed] of SEEDS) {
    const whole = decode(linkType, seed);
    assert.equal(whole.error, undefined, `seed ${linkType} ${whole.error?.message}`);
    for (let n = 0; n <= seed.length; n++) {
      check(linkType, seed.subarray(0, n), parsers.get(linkType));
    }
  }
  for (let i = 0; i < 100_000; i++) {
    const [native, seed] = SEEDS[random() % SEEDS.length]!;
    const data = mutate(random, seed);
    try {
      check(native, data, parsers.get(native));
      // The same bytes under another link type, to mix up what each decoder sees.
      check(LINK_TYPES[random() % LINK_TYPES.length]!, data, undefined);
    } catch (error) {
      const bytes = encodeHex(data);
      throw new Error(`Mutated packet ${i} (link type ${native}) failed: ${bytes}`, {
        cause: error,
      });
    }
  }
});

Deno.test("decode() survives random bytes under every link type", () => {
  const random = prng(0xbad);
  for (let i = 0; i < 5_000; i++) {
    const data = new Uint8Array(random() % 100);
    for (let j = 0; j < data.length; j++) data[j] = random() & 0xff;
    for (const linkType of LINK_TYPES) check(linkType, data, undefined);
  }
});

Deno.test("TcpdumpPrinter survives mutated packets in every option set and time format", () => {
  const random = prng(0x9e17);
  const printers = PRINT_OPTIONS.flatMap((options) =>
    TIME_FORMATS.flatMap((timestamps) =>
      [false, true].map((nano) => new TcpdumpPrinter({ ...options, timestamps, nano, utc: true }))
    )
  );
  const parser = new PacketParser();
  const decoder = new TextDecoder();
  // The packets each printer printed since its text was last checked.
  const printed = new Map(printers.map((printer) => [printer, [] as Uint8Array[]]));
  const checkText = (printer: TcpdumpPrinter, what: string) => {
    const text = decoder.decode(printer.take());
    assert.equal(unexplainedBadText(text, printed.get(printer)!), undefined, what);
    printed.set(printer, []);
  };
  for (let i = 0; i < 20_000; i++) {
    const [linkType, seed] = SEEDS[random() % SEEDS.length]!;
    const data = mutate(random, seed);
    const printer = printers[random() % printers.length]!;
    printed.get(printer)!.push(data);
    const record = {
      seconds: random() % 4 === 0 ? EDGE_SECONDS[random() % EDGE_SECONDS.length]! : random(),
      nanoseconds: random() % 1_000_000_000,
      originalLength: data.length + (random() % 3 === 0 ? random() % 100 : 0),
      linkType,
    };
    try {
      parser.parse(linkType, data);
      printer.print(parser, record);
      printer.print(decode(linkType, data), record);
    } catch (error) {
      throw new Error(`Printing mutated packet ${i} failed: ${encodeHex(data)}`, { cause: error });
    }
    if (printer.buffered > 1 << 16 || i === 19_999) checkText(printer, `packet ${i}`);
  }
  // What is left in the other printers.
  for (const printer of printers) checkText(printer, "the last packets");
});

Deno.test("unexplainedBadText() lets through only the words that the packets spell", () => {
  const spelled = new TextEncoder().encode("x NaN y");
  assert.equal(unexplainedBadText("a NaN b", [spelled]), undefined);
  assert.equal(unexplainedBadText("a NaN b", []), "NaN");
  assert.equal(unexplainedBadText("a NaN undefined", [spelled]), "undefined");
  assert.equal(unexplainedBadText("[object Object]", [spelled]), "[object ");
  assert.equal(unexplainedBadText("a\0b", [new Uint8Array([0])]), "\0");
});
