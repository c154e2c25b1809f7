// Tests of lib/transport/mptcp.ts (MPTCP option fields) and lib/print/transport/mptcp.ts
// (tcpdump 4.99's text of them). testdata/crafted/mptcp_options.pcap holds every subtype;
// the tcpdump conformance test compares all of it with tcpdump itself.

import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { MptcpOption, MptcpSubtype } from "../lib/transport/mptcp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { LinkType } from "../lib/link_type.ts";

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (byte) => parseInt(byte, 16));

Deno.test("MptcpOption reads the fields of each subtype where they lie", () => {
  const capable = new MptcpOption(hex("1e1401011fdb5df328bc3def00a6c86981ad933c"), 0, 20);
  assert.equal(capable.subtype, MptcpSubtype.CAPABLE);
  assert.equal(capable.version, 1);
  assert.equal(capable.checksumRequired, false);
  assert.equal(capable.uint64(4), 0x1fdb5df328bc3defn);
  assert.equal(capable.uint64(12), 0xa6c86981ad933cn);
  assert.equal(capable.uint64(16), 0n, "past the option's end");

  const join = new MptcpOption(hex("00001e0c1102b5c2a4d50000abcd"), 2, 12);
  assert.deepEqual([join.subtype, join.backup, join.addressId], [MptcpSubtype.JOIN, true, 2]);
  assert.deepEqual([join.uint32(4), join.uint32(8)], [0xb5c2a4d5, 0xabcd]);

  const v6 = new MptcpOption(hex("1e16340620010db80000000000000000000000070" + "1bb"), 0, 22);
  assert.deepEqual([v6.echoBits, v6.addressId, v6.address], [4, 6, "2001:db8::7"]);
  assert.equal(v6.uint16(20), 443);
  assert.equal(new MptcpOption(hex("1e08300192000207"), 0, 8).address, "146.0.2.7");
  assert.deepEqual(new MptcpOption(hex("1e0640010203"), 0, 6).removedIds, [1, 2, 3]);
});

Deno.test("MptcpOption.dss() reads each field its flags announce, and says where it ran short", () => {
  const mapping = "00000010" + "00000020" + "00000001" + "05dc";
  assert.deepEqual(new MptcpOption(hex("1e142005" + mapping + "beef"), 0, 20).dss(), {
    fin: false,
    ack: 16n,
    sequence: 32n,
    subflowSequence: 1,
    dataLength: 1500,
    checksum: 0xbeef,
    left: 0,
  });
  const wide = new MptcpOption(hex("1e0c2003" + "1fdb5df328bc3def"), 0, 12).dss();
  assert.deepEqual(wide, { fin: false, ack: 0x1fdb5df328bc3defn, left: 0 });
  assert.deepEqual(new MptcpOption(hex("1e052001" + "00"), 0, 5).dss(), {
    fin: false,
    short: "ack",
    left: 1,
  });
  assert.deepEqual(new MptcpOption(hex("1e0c2004" + "00000010" + "00000020"), 0, 12).dss(), {
    fin: false,
    sequence: 16n,
    subflowSequence: 32,
    short: "dataLength",
    left: 0,
  });
  assert.deepEqual(new MptcpOption(hex("1e062010" + "0000"), 0, 6).dss(), { fin: true, left: 2 });
});

Deno.test({
  name: "printMptcpOption() writes tcpdump's text: fields, bad lengths and handshake steps",
  permissions: { read: true },
  async fn() {
    const file = new URL("../testdata/crafted/mptcp_options.pcap", import.meta.url).pathname;
    const printer = new TcpdumpPrinter({ timestamps: "none" });
    const lines: string[] = [];
    await using reader = await openCapture(file);
    for await (const packet of reader) {
      const record = { seconds: 0, nanoseconds: 0, originalLength: packet.data.length };
      lines.push(printer.format(decode(LinkType.RAW, packet.data), record));
    }
    assert.equal(lines.length, 47);
    const options = lines.map((line) => line.slice(line.indexOf("options [") + 9));
    // What tcpdump 4.99.3 prints for the same packets (`tcpdump -n -t`).
    for (
      const [i, text] of [
        [1, "mptcp 12 capable v1 csum {0x1fdb5df328bc3def}], length 0"],
        [5, "mptcp 12 capable[bad opt]"],
        [6, "mptcp 4 capable Unknown Version (2)], length 0"],
        [10, "mptcp 24 join hmac 0x000102030405060708090a0b0c0d0e0f10111213], length 0"],
        [16, "mptcp 26 dss fin ack 2295531734017261039 seq 46945201606726460 subseq 1 len 1,eol]"],
        [17, "mptcp 5 dss ack [bad opt]"],
        [19, "mptcp 12 dss seq 16 subseq 32[bad opt]"],
        [30, "mptcp 30 add-addr v1 id 8 2001:db8::7:443 hmac 0xa6c86981ad933c,eol], length 0"],
        [31, "mptcp 8 add-addr [bad version/echo] id 9 192.0.2.7], length 0"],
        [34, "mptcp 6 rem-addr id 1 2 3,eol], length 0"],
        [37, "mptcp 4 prio non-backup id 4], length 0"],
        [39, "mptcp 12 fail seq 2295531734017261039], length 0"],
        [41, "mptcp 12 fast-close key 0xa6c86981ad933c], length 0"],
        [44, "mptcp 6 unknown,eol], length 0"],
        [45, "mptcp[bad opt]"],
        [46, "nop,nop,mptcp 8 dss ack 5,nop,nop,sackOK,eol], length 0"],
      ] as const
    ) {
      assert.ok(options[i]!.startsWith(text), `packet ${i + 1}: ${options[i]}`);
    }
  },
});
