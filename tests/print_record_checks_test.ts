import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

const V4 = { source: "10.0.0.1", destination: "10.0.0.2" };
const UDP = { ...V4, sourcePort: 1234, destinationPort: 9, payload: new Uint8Array(4) };
const DATAGRAM = buildIpv4({ ...V4, protocol: 17, payload: buildUdp(UDP) });

Deno.test("TcpdumpPrinter.format() names each fault of a record header as tcpdump does", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const packet = decode(LinkType.RAW, DATAGRAM);
  const record = (capturedLength: number, originalLength: number) => ({
    seconds: 0,
    nanoseconds: 0,
    capturedLength,
    originalLength,
  });
  const n = DATAGRAM.length;
  assert.equal(printer.format(packet, record(0, 0)), "[Invalid header: caplen==0, len==0]");
  assert.equal(printer.format(packet, record(0, n)), "[Invalid header: caplen==0]");
  assert.equal(printer.format(packet, record(n, 0)), "[Invalid header: len==0]");
  assert.equal(printer.format(packet, record(n, 20)), `[Invalid header: len(20) < caplen(${n})]`);
  assert.equal(
    printer.format(packet, record(300000, 300001)),
    "[Invalid header: caplen(300000) > 262144, len(300001) > 262144]",
  );
  assert.equal(
    printer.format(packet, record(n, 262144)),
    "IP 10.0.0.1.1234 > 10.0.0.2.9: UDP, length 4",
  );
});

Deno.test("TcpdumpPrinter.format() checks no header when the record has no captured length", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  const line = printer.format(decode(LinkType.RAW, DATAGRAM), {
    seconds: 0,
    nanoseconds: 0,
    originalLength: 0,
  });
  // Printed, as a packet whose length on the wire says less than its IP header does.
  assert.equal(
    line,
    "IP truncated-ip - 32 bytes missing! 10.0.0.1.1234 > 10.0.0.2.9: UDP, length 4",
  );
});

/** LINKTYPE_USER0: a link type private to a site, which no decoder knows. */
const USER0 = 147;

Deno.test("TcpdumpPrinter.format() prints a link type no decoder knows as UNSUPPORTED and its bytes", () => {
  const bytes = new TextEncoder().encode("wirekit, 147");
  const packet = decode(USER0, bytes);
  const record = { seconds: 0, nanoseconds: 0, originalLength: 12, capturedLength: 12 };
  const dump = "\n\t0x0000:  7769 7265 6b69 742c 2031 3437            wirekit,.147";
  const printer = new TcpdumpPrinter({ timestamps: "none" });
  assert.equal(printer.format(packet, record), `UNSUPPORTED${dump}`);
  // With -X, tcpdump dumps the bytes again: no link header was read.
  const hex = new TcpdumpPrinter({ timestamps: "none", hex: 1, ascii: true });
  assert.equal(hex.format(packet, record), `UNSUPPORTED${dump}${dump}`);
});
