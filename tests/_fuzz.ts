/**
 * Shared by the fuzz test (`fuzz_test.ts`) and the long fuzz run (`bench/fuzz.ts`): a
 * seeded PRNG, the mutators, the decode checks, and the printer option sets (the seed
 * frames are in `_fuzz_seeds.ts`).
 *
 * @module
 */

import assert from "node:assert/strict";
import { decode, type PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import type { Layer } from "../lib/layer_map.ts";
import { concatBytes as concat } from "./_shared.ts";
import type { TcpdumpOptions, TimestampFormat } from "../lib/print/mod.ts";
import { ByteWriter } from "../lib/print/_writer.ts";
import { printChars } from "../lib/print/_chars.ts";

/** Mulberry32: a small seeded PRNG, uniform in [0, 2^32). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Getter names of each layer class, own and inherited, found once. */
const getters = new Map<unknown, string[]>();

function getterNames(layer: object): string[] {
  const constructor = layer.constructor;
  let names = getters.get(constructor);
  if (names === undefined) {
    names = [];
    for (let proto = Object.getPrototypeOf(layer); proto !== null && proto !== Object.prototype;) {
      for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
        if (descriptor.get !== undefined && !names.includes(name)) names.push(name);
      }
      proto = Object.getPrototypeOf(proto);
    }
    getters.set(constructor, names);
  }
  return names;
}

/** Touches everything a user can read of a layer; returns its JSON text. */
export function touch(layer: Layer, data: Uint8Array): string {
  assert.ok(layer.offset >= 0 && layer.headerLength >= 0, layer.kind);
  assert.ok(layer.offset + layer.headerLength <= layer.end, `${layer.kind} header past end`);
  assert.ok(layer.end <= data.length, `${layer.kind} end past the data`);
  for (const name of getterNames(layer)) {
    (layer as unknown as Record<string, unknown>)[name];
  }
  return JSON.stringify(layer.toJSON());
}

/**
 * Decodes `data` with `decode()` and checks what came out: only a `DecodeError` marker, and
 * every getter and `toJSON()` of every layer work; with a reused parser, checks that it
 * decodes the same layers with the same fields. Throws an `AssertionError` otherwise.
 */
export function checkDecode(
  linkType: number,
  data: Uint8Array,
  parser: PacketParser | undefined,
): void {
  const packet = decode(linkType, data);
  if (packet.error !== undefined) {
    assert.ok(packet.error instanceof DecodeError);
    assert.ok(packet.error.code === "truncated" || packet.error.code === "malformed");
  }
  const json = packet.layers.map((layer) => touch(layer, data));
  JSON.stringify(packet.toJSON());
  assert.ok(packet.payload.length >= 0);
  if (parser === undefined) return;
  // A reused parser decodes the same layers with the same fields.
  const count = parser.parse(linkType, data);
  assert.equal(count, packet.layers.length);
  for (let i = 0; i < count; i++) {
    const layer: Layer = parser.layers[i]!;
    assert.equal(layer.kind, packet.layers[i]!.kind);
    assert.equal(touch(layer, data), json[i]);
  }
  assert.equal(parser.error?.message, packet.error?.message);
}

/**
 * A copy of `seed` with one to four changes: a byte set to a random or boundary value
 * (mostly in the first 80 bytes), a cut, or random bytes appended.
 */
export function mutate(random: () => number, seed: Uint8Array): Uint8Array {
  let data: Uint8Array = seed.slice();
  const steps = 1 + (random() % 4);
  for (let s = 0; s < steps; s++) {
    const action = random() % 10;
    if (action < 6 && data.length > 0) {
      // Change a byte, most often in the headers, to a random or a boundary value.
      const at = random() % 4 === 0 ? random() % data.length : random() % Math.min(data.length, 80);
      const value = random() % 3 === 0
        ? [0, 1, 0xff, 0x7f, 0x80, 5, 40][random() % 7]!
        : random() & 0xff;
      data[at] = value;
    } else if (action < 8) {
      data = data.subarray(0, random() % (data.length + 1));
    } else {
      const extra = new Uint8Array(random() % 64);
      for (let i = 0; i < extra.length; i++) extra[i] = random() & 0xff;
      data = concat(data, extra);
    }
  }
  return data;
}

/** tcpdump's option sets, the printer way: what `-e`, `-v`..., `-x`, `-A`, `-q`, `-S` set. */
export const PRINT_OPTIONS: readonly TcpdumpOptions[] = [
  {},
  { link: true },
  { verbose: 1 },
  { verbose: 2 },
  { verbose: 3, link: true },
  { hex: 1, ascii: true },
  { hex: 2 },
  { asciiPayload: 1 },
  { quiet: true },
  { absoluteSequence: true, number: true },
];
export const TIME_FORMATS: readonly TimestampFormat[] = [
  "time",
  "none",
  "unix",
  "delta",
  "date",
  "since-first",
];
/** Seconds a capture file can hold: the epoch, C int edges, past 2^32, past Date's range. */
export const EDGE_SECONDS: number[] = [
  0,
  1,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32 + 5,
  8.64e12,
  2 ** 52,
];

/** Flips one to eight random bits of `data`, in place; returns it. */
export function flipBits(random: () => number, data: Uint8Array): Uint8Array {
  if (data.length === 0) return data;
  const flips = 1 + (random() % 8);
  for (let i = 0; i < flips; i++) {
    const at = random() % data.length;
    data[at] = data[at]! ^ (1 << (random() % 8));
  }
  return data;
}

/** Length-like values: zero, one, small, around a header, and the 16-bit edges. */
const LENGTHS = [0, 1, 2, 3, 4, 7, 8, 14, 20, 40, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff];

/**
 * Writes a length-like value over a big- or little-endian 8-, 16- or 32-bit field of
 * `data`, mostly in the first 80 bytes (where headers and their length fields are), in
 * place; a value near the real length of the rest of the data is likely. Returns `data`.
 */
export function corruptLength(random: () => number, data: Uint8Array): Uint8Array {
  if (data.length < 2) return data;
  const width = [1, 2, 2, 2, 4][random() % 5]!;
  if (data.length < width) return data;
  const span = random() % 4 === 0 ? data.length : Math.min(data.length, 80);
  const at = random() % (span - width + 1);
  const rest = data.length - at;
  const value = random() % 3 === 0
    ? rest + (random() % 9) - 4
    : LENGTHS[random() % LENGTHS.length]! + (random() % 4 === 0 ? random() % 5 : 0);
  const littleEndian = random() % 4 === 0;
  for (let i = 0; i < width; i++) {
    const shift = 8 * (littleEndian ? i : width - 1 - i);
    data[at + i] = shift >= 32 ? 0 : (value >>> shift) & 0xff;
  }
  return data;
}

/**
 * Joins the start of `a` and the end of `b` (another real frame): a header of one frame
 * followed by the bytes of another.
 */
export function splice(random: () => number, a: Uint8Array, b: Uint8Array): Uint8Array {
  const head = random() % (a.length + 1);
  const tail = random() % (b.length + 1);
  return concat(a.subarray(0, head), b.subarray(tail));
}

/**
 * A mutated copy of `seed`: one to four steps of {@linkcode mutate}, {@linkcode flipBits},
 * {@linkcode corruptLength} or a {@linkcode splice} with a frame of `donors`.
 */
export function mutateDeep(
  random: () => number,
  seed: Uint8Array,
  donors: readonly Uint8Array[],
): Uint8Array {
  let data: Uint8Array = seed.slice();
  const steps = 1 + (random() % 4);
  for (let s = 0; s < steps; s++) {
    const action = random() % 8;
    if (action < 2) data = mutate(random, data);
    else if (action < 4) flipBits(random, data);
    else if (action < 7) corruptLength(random, data);
    else if (donors.length > 0) data = splice(random, data, donors[random() % donors.length]!);
  }
  return data;
}

/**
 * What printed text must never hold: a NUL, `undefined`, `NaN`, `[object ...]` (but not
 * tcpdump's own `[object length N < 5]`, an IS-IS router capability too short).
 */
const BAD_TEXT: RegExp = /\0|undefined|NaN|\[object (?!length )/;

const BAD_WORDS = new RegExp(BAD_TEXT.source, "g");
const bytesAsText = new TextDecoder("latin1");

/**
 * Whether the bytes spell `word` as they are, or as tcpdump's fn_print_char() shows them
 * (`M-N` for `0xce`, then `aN`, spells `NaN`).
 */
function spells(data: Uint8Array, word: string): boolean {
  if (bytesAsText.decode(data).includes(word)) return true;
  const out = new ByteWriter();
  printChars(out, data, 0, data.length);
  return out.text().includes(word);
}

/**
 * The first of {@linkcode BAD_TEXT}'s words in printed text that the packets printed do
 * not explain: a NUL always, the others unless a packet holds the same bytes (printers
 * show payload bytes as text, so a mutated payload that spells `NaN` prints `NaN`).
 *
 * @param text The printed text.
 * @param packets The bytes of the packets that printed it.
 * @returns The word, or `undefined` when there is none.
 */
export function unexplainedBadText(
  text: string,
  packets: readonly Uint8Array[],
): string | undefined {
  for (const [word] of text.matchAll(BAD_WORDS)) {
    if (word === "\0" || !packets.some((data) => spells(data, word))) return word;
  }
  return undefined;
}
