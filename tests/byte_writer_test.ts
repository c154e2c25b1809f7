import assert from "node:assert/strict";
import { ByteWriter } from "../lib/print/mod.ts";
import { putUint32 } from "../lib/print/_writer.ts";
import { readUint32, readWord32 } from "../lib/_bytes.ts";

/** Integers of every digit count up to 2^53, with the edges of each and of 2^31 and 2^32. */
function integers(): number[] {
  const values = [0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1];
  for (let power = 1; power <= 1e15; power *= 10) values.push(power - 1, power, power + 1);
  for (let i = 0; i < 20000; i++) {
    values.push(Math.floor(Math.random() * 2 ** (Math.random() * 53)));
  }
  return values;
}

Deno.test("ByteWriter.uint() and padded() write integers as String() does", () => {
  const out = new ByteWriter(16);
  for (const n of integers()) {
    out.length = 0;
    out.uint(n);
    assert.equal(out.text(), String(n));
    out.length = 0;
    out.uint(-n);
    assert.equal(out.text(), n === 0 ? "0" : `-${n}`);
    for (const width of [0, 1, 2, 3, 6, 9, 10, 12]) {
      out.length = 0;
      out.padded(n, width);
      assert.equal(out.text(), String(n).padStart(width, "0"));
    }
  }
});

Deno.test("ByteWriter.hex() writes integers as toString(16) does", () => {
  const out = new ByteWriter(16);
  const values = [...integers(), 0xf, 0x10, 0xffffffff, 0x1_0000_0000, 0xf_ffff_ffff];
  for (const n of values) {
    for (const width of [1, 2, 4, 9]) {
      out.length = 0;
      out.hex(n, width);
      assert.equal(out.text(), n.toString(16).padStart(width, "0"));
    }
  }
});

Deno.test("ByteWriter.ipv4() writes every byte value", () => {
  const out = new ByteWriter(16);
  for (let b = 0; b < 256; b++) {
    const data = new Uint8Array([9, b, 255 - b, b >> 1, b & 7]);
    out.length = 0;
    out.ipv4(data, 1);
    assert.equal(out.text(), `${b}.${255 - b}.${b >> 1}.${b & 7}`);
  }
});

Deno.test("ByteWriter grows as text is appended", () => {
  const out = new ByteWriter(16);
  let expected = "";
  for (let i = 0; i < 1000; i++) {
    out.uint(i * 7919);
    out.ascii(" é ");
    expected += `${i * 7919} é `;
  }
  assert.equal(out.text(), expected);
});

Deno.test("putUint32() writes a word given as an int32 as String() writes it unsigned", () => {
  const bytes = new Uint8Array(16);
  const words = integers().filter((n) => n < 2 ** 32);
  for (let i = 0; i < 20000; i++) words.push(Math.floor(Math.random() * 2 ** 32));
  words.push(2 ** 31 + 99_999_999, 2 ** 32 - 100_000_000, 4_200_000_000);
  for (const word of words) {
    const end = putUint32(bytes, 0, word | 0);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, end)), String(word), String(word));
  }
});

Deno.test("readWord32() reads the word that readUint32() reads, as an int32", () => {
  const data = Uint8Array.from([0x80, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  for (const at of [0, 4, 8]) {
    assert.equal(readWord32(data, at), readUint32(data, at) | 0);
    assert.equal(readWord32(data, at) >>> 0, readUint32(data, at));
  }
  assert.equal(readWord32(data, 0), -(2 ** 31) + 1);
});
