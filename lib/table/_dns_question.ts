/**
 * {@linkcode DnsQuestionReader} (private): the first question of a DNS message read from
 * its bytes into a reused buffer, for the `packets` table, without parsing the message's
 * sections into objects (which `Dns.questions` does, records and all).
 *
 * @module
 */

import type { Dns } from "../app/dns.ts";

/** The largest name in wire form, in bytes (RFC 1035 section 2.3.4). */
const MAX_NAME_LENGTH = 255;

/**
 * Reads the first question of a message when its name is plain: labels of printable
 * ASCII other than `.` and `\`, without compression pointers (nearly every first
 * question). Other names (escaped, compressed, malformed) are left to `Dns.questions`.
 */
export class DnsQuestionReader {
  /** The name's UTF-8 bytes, the labels joined by dots: the first {@linkcode length}. */
  readonly name: Uint8Array = new Uint8Array(MAX_NAME_LENGTH);
  /** The name's length in bytes. */
  length = 0;
  /** The question's QTYPE. */
  type = 0;

  /**
   * Reads the first question of a message.
   *
   * @param dns The message.
   * @returns `true` when the question was read (the name as `Dns.questions` gives it);
   * `false` when the message has no question or its name is not plain.
   */
  read(dns: Dns): boolean {
    if (dns.questionCount === 0) return false;
    const data = dns.data;
    const end = dns.messageEnd;
    const name = this.name;
    let position = dns.messageOffset + 12;
    let length = 0;
    let wireLength = 1;
    for (;;) {
      if (position >= end) return false;
      const label = data[position]!;
      if (label === 0) break;
      if ((label & 0xc0) !== 0) return false;
      wireLength += label + 1;
      if (wireLength > MAX_NAME_LENGTH || position + 1 + label > end) return false;
      if (length > 0) name[length++] = 0x2e;
      for (let i = position + 1; i <= position + label; i++) {
        const c = data[i]!;
        if (c <= 0x20 || c >= 0x7f || c === 0x2e || c === 0x5c) return false;
        name[length++] = c;
      }
      position += 1 + label;
    }
    if (position + 5 > end) return false;
    this.length = length;
    this.type = (data[position + 1]! << 8) | data[position + 2]!;
    return true;
  }
}
