import assert from "node:assert/strict";
import { decodeHex, encodeHex } from "../lib/_hex.ts";
import { toHex } from "../lib/output/json.ts";

Deno.test("encodeHex() writes two lowercase digits a byte", () => {
  assert.equal(encodeHex(new Uint8Array(0)), "");
  assert.equal(encodeHex(new Uint8Array([0, 0x0f, 0xf0, 0xff])), "000ff0ff");
});

Deno.test("encodeHex() reads a view at its offset", () => {
  const bytes = new Uint8Array([1, 2, 3, 4]);
  assert.equal(encodeHex(bytes.subarray(1, 3)), "0203");
});

Deno.test("decodeHex() parses digits of either case", () => {
  assert.deepEqual(decodeHex("00aAfF7e"), new Uint8Array([0, 0xaa, 0xff, 0x7e]));
  assert.deepEqual(decodeHex(""), new Uint8Array(0));
});

Deno.test("decodeHex() ignores white space between and within bytes", () => {
  const dump = `
    4500 0054
\t  f1a 6\r\n`;
  assert.deepEqual(decodeHex(dump), new Uint8Array([0x45, 0, 0, 0x54, 0xf1, 0xa6]));
});

Deno.test("decodeHex() returns bytes backed by a buffer of their own length", () => {
  const bytes = decodeHex("01 02 03");
  assert.equal(bytes.byteLength, 3);
  assert.equal(bytes.buffer.byteLength, 3);
});

Deno.test("decodeHex() rejects an odd number of digits", () => {
  assert.throws(
    () => decodeHex("abc"),
    new RangeError("Cannot decode hex: an even number of digits is required, received 3"),
  );
  assert.throws(() => decodeHex("0 1 2"), RangeError);
});

Deno.test("decodeHex() rejects a character that is not a hex digit", () => {
  assert.throws(
    () => decodeHex("00g0"),
    new SyntaxError('Cannot decode hex: "g" at index 2 is not a hex digit'),
  );
  assert.throws(() => decodeHex("0x00"), SyntaxError);
  assert.throws(() => decodeHex("00:11"), SyntaxError);
});

Deno.test("decodeHex() reverses encodeHex() for every byte value", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(decodeHex(encodeHex(all)), all);
  assert.equal(toHex(all), encodeHex(all));
});
