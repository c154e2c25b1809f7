/**
 * The `packets` table's reader of a DNS message's first question, against the sections
 * that `Dns.questions` parses: the same name and type where it reads one, and no answer
 * (so the table falls back to `Dns.questions`) for escaped, compressed or cut names.
 */

import assert from "node:assert/strict";
import { decodeDns } from "../lib/app/dns.ts";
import { DnsQuestionReader } from "../lib/table/_dns_question.ts";

/** A query: the header (one question) and the question's name bytes, type 28, class 1. */
function query(name: number[], extra: number[] = [0, 28, 0, 1]): Uint8Array {
  return new Uint8Array([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...name, ...extra]);
}

const text = (s: string) => [...new TextEncoder().encode(s)];
const decoder = new TextDecoder();

Deno.test("DnsQuestionReader reads a plain name as Dns.questions does", () => {
  const reader = new DnsQuestionReader();
  for (
    const name of [
      [7, ...text("example"), 3, ...text("com"), 0],
      [1, ...text("_"), 4, ...text("a-b9"), 0],
      [0],
    ]
  ) {
    const dns = decodeDns(query(name));
    assert.equal(reader.read(dns), true);
    assert.equal(decoder.decode(reader.name.subarray(0, reader.length)), dns.questions[0]!.name);
    assert.equal(reader.type, dns.questions[0]!.type);
  }
});

Deno.test("DnsQuestionReader leaves escaped, compressed and cut names to Dns.questions", () => {
  const reader = new DnsQuestionReader();
  const cases = [
    query([3, ...text("a.b"), 0]),
    query([3, 0x61, 0x20, 0x62, 0]),
    query([3, ...text("www"), 0xc0, 12]),
    query([3, ...text("www"), 0], [0, 28]),
    query([9, ...text("www")], []),
    new Uint8Array([0x12, 0x34, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]),
  ];
  for (const message of cases) assert.equal(reader.read(decodeDns(message)), false);
  // Those Dns.questions reads, it reads with the escapes.
  assert.equal(decodeDns(cases[0]!).questions[0]?.name, "a\\.b");
});
