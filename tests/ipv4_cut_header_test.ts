import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { Ipv4 } from "../lib/net/ipv4.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildEthernet, buildIpv4 } from "../lib/craft/mod.ts";

/** An IPv4 packet with a record route option (two addresses) in Ethernet, cut to `captured`. */
function frame(captured?: number, protocol = 17): Uint8Array {
  const ip = buildIpv4({
    source: "10.0.0.1",
    destination: "10.0.0.2",
    protocol,
    options: new Uint8Array([7, 11, 4, 192, 0, 2, 1, 192, 0, 2, 2, 0]),
    payload: new Uint8Array(12),
  });
  const ethernet = buildEthernet({
    destination: "02:00:00:00:00:02",
    source: "02:00:00:00:00:01",
    etherType: 0x0800,
    payload: ip,
  });
  return ethernet.subarray(0, captured ?? ethernet.length);
}

function print(bytes: Uint8Array, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose }).format(
    decode(LinkType.EN10MB, bytes),
    { seconds: 0, nanoseconds: 0, originalLength: frame().length },
  );
}

Deno.test("decode() keeps an IPv4 header cut inside its options, as tcpdump prints it", () => {
  const packet = decode(LinkType.EN10MB, frame(14 + 26));
  const ip = packet.layers.at(-1);
  assert.ok(ip instanceof Ipv4);
  assert.equal(ip.truncated, true);
  assert.equal(ip.headerLength, 26);
  assert.equal(ip.declaredHeaderLength, 32);
  assert.equal(ip.destination, "10.0.0.2");
  assert.equal(packet.error?.partial, true);
  assert.equal(print(frame(14 + 26)), "IP  [remaining caplen(26) < header length(32)] [|ip]");
  assert.equal(
    print(frame(14 + 22, 1)),
    "IP 10.0.0.1 > 10.0.0.2:  [remaining caplen(22) < header length(32)] [|ip]",
  );
  assert.equal(
    print(frame(14 + 26), 1),
    "IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto UDP (17), length 44, " +
      "options (RR [truncated-option]))\n    10.0.0.1 > 10.0.0.2:  [|ip]",
  );
});

Deno.test("printIpv4() prints an IPv4 EtherType packet of another version as tcpdump does", () => {
  const bytes = frame();
  bytes[14] = 0x55;
  assert.equal(print(bytes), "IP5 (invalid)");
  assert.equal(print(bytes.subarray(0, 14 + 12)), "IP5 (invalid)");
});
