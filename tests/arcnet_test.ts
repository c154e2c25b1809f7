import assert from "node:assert/strict";
import {
  Arcnet,
  arcnetDecoder,
  ArcnetLinux,
  arcnetLinuxDecoder,
  ArcnetType,
  decodeArcnet,
  decodeArcnetLinux,
} from "../lib/link/arcnet.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { aarpDecoder } from "../lib/link/aarp.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { decodeHex } from "../lib/_hex.ts";
import { concatBytes } from "./_shared.ts";

const ICMP = decodeHex(
  "4500002c0007000040015f2b0a5083010a5083fe08006a8712340001" +
    "70696e6770696e6770696e6770696e67",
);
/** ARP over ARCNET: hardware type 7, 1-byte hardware addresses. */
const ARP = decodeHex("0007080001040001be0a508301000a5083fe");
const DATA = decodeHex("303132333435363738393a3b3c3d3e3f40414243");

function bsd(header: string, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concatBytes(decodeHex(header), payload);
}

function format(
  bytes: Uint8Array,
  options: { link?: boolean; quiet?: boolean; verbose?: number; hex?: 0 | 1 | 2 } = {},
  { linkType = LinkType.ARCNET_BSD as number, wire = bytes.length, registry = defaultRegistry } =
    {},
): string {
  return new TcpdumpPrinter({ timestamps: "none", ascii: true, ...options }).format(
    decode(linkType, bytes, { registry }),
    { seconds: 0, nanoseconds: 0, originalLength: wire },
  );
}

Deno.test("the ARCNET decoders are bound to link types 7 and 129", () => {
  assert.deepEqual(arcnetDecoder.bindings, { linkTypes: [7] });
  assert.deepEqual(arcnetLinuxDecoder.bindings, { linkTypes: [129] });
  assert.equal(defaultRegistry.linkTypes.get(7), arcnetDecoder);
  assert.equal(defaultRegistry.linkTypes.get(129), arcnetLinuxDecoder);
});

Deno.test("decodeArcnet() reads RFC 1051, RFC 1201 and exception headers", () => {
  const old = decodeArcnet(bsd("be50f0", ICMP));
  assert.deepEqual(old.toJSON(), {
    source: 0xbe,
    destination: 0x50,
    type: ArcnetType.IP_OLD,
    fragmentationHeader: false,
    exception: false,
    flag: 0,
    sequenceId: 0,
    partial: false,
  });
  assert.equal(old.headerLength, 3);
  const first = decodeArcnet(bsd("be00d4031234", ICMP));
  assert.equal(first.headerLength, 6);
  assert.equal(first.flag, 3);
  assert.equal(first.sequenceId, 0x1234);
  assert.equal(first.middleFragment, false);
  const exception = decodeArcnet(bsd("be00d4ff0000d4029876", ICMP));
  assert.equal(exception.exception, true);
  assert.equal(exception.headerLength, 10);
  assert.equal(exception.flag, 2);
  assert.equal(exception.sequenceId, 0x9876);
  assert.equal(exception.middleFragment, true);
  assert.deepEqual(exception.payload, ICMP);
});

Deno.test("decodeArcnetLinux() reads the buffer offset and the fragment fields", () => {
  const linux = decodeArcnetLinux(bsd("be50d400d4031234", ICMP));
  assert.deepEqual(linux.toJSON(), {
    source: 0xbe,
    destination: 0x50,
    bufferOffset: 0xd400,
    type: ArcnetType.IP,
    fragmentationHeader: true,
    flag: 3,
    sequenceId: 0x1234,
    partial: false,
  });
  assert.equal(linux.headerLength, 8);
  assert.equal(decodeArcnetLinux(bsd("be5000f0f1", ARP)).headerLength, 5);
});

Deno.test("decodeArcnet() rejects a truncated header at every byte", () => {
  const cases: [string, number][] = [["be50f0", 3], ["be50d4001234", 6], [
    "be50d4ff0000d4001234",
    10,
  ]];
  for (const [header, required] of cases) {
    const bytes = decodeHex(header);
    const short = required === 10 ? 6 : required === 6 ? 3 : 0;
    for (let n = short; n < bytes.length; n++) {
      assert.throws(() => decodeArcnet(bytes.subarray(0, n)), {
        message: `Cannot decode ARCNET header: ${required} bytes required, received ${n}`,
      });
    }
  }
  for (let n = 0; n < 8; n++) {
    const required = n < 5 ? 5 : 8;
    assert.throws(() => decodeArcnetLinux(decodeHex("be50d400d4001234").subarray(0, n)), {
      message: `Cannot decode Linux ARCNET header: ${required} bytes required, received ${n}`,
    });
  }
});

Deno.test("decode() keeps a cut ARCNET header as a partial layer", () => {
  const packet = decode(LinkType.ARCNET_BSD, decodeHex("be50d4ff0000"));
  assert.equal(packet.error?.partial, true);
  const arcnet = packet.layers[0] as Arcnet;
  assert.equal(arcnet.partial, true);
  assert.equal(arcnet.exception, true);
  assert.equal(arcnet.headerLength, 6);
  const linux = decode(LinkType.ARCNET_LINUX, decodeHex("be50d400d4")).layers[0] as ArcnetLinux;
  assert.equal(linux.partial, true);
  assert.equal(linux.type, ArcnetType.IP);
});

Deno.test("decode() goes on from ARCNET by the system code", () => {
  const kinds = (linkType: number, bytes: Uint8Array) =>
    decode(linkType, bytes).layers.map((l) => l.kind);
  assert.deepEqual(kinds(7, bsd("be50f0", ICMP)), ["arcnet", "ipv4", "icmp"]);
  assert.deepEqual(kinds(7, bsd("be50d5001234", ARP)), ["arcnet", "arp"]);
  assert.deepEqual(kinds(7, bsd("be50d6001234", ARP)), ["arcnet", "arp"]);
  assert.deepEqual(kinds(129, bsd("be500000f1", ARP)), ["arcnet-linux", "arp"]);
  // A fragment after the first continues another frame: nothing after the header decodes.
  assert.deepEqual(kinds(7, bsd("be50d4021234", ICMP)), ["arcnet"]);
  assert.deepEqual(kinds(7, bsd("be5042001234", DATA)), ["arcnet"]);
});

Deno.test("decode() hands AppleTalk to the decoder bound to EtherType 0x809b", () => {
  const frame = bsd("be50dd001234", DATA);
  assert.deepEqual(decode(7, frame).layers.map((l) => l.kind), ["arcnet", "ddp"]);
  // The binding is looked up, not fixed: a test-local one takes DDP's place.
  const registry = defaultRegistry.clone();
  registry.etherTypes.set(0x809b, aarpDecoder);
  assert.deepEqual(decode(7, frame, { registry }).layers.map((l) => l.kind), ["arcnet", "aarp"]);
  const linux = concatBytes(decodeHex("be500000dd001234"), DATA);
  assert.deepEqual(
    decode(129, linux, { registry }).layers.map((l) => l.kind),
    ["arcnet-linux", "aarp"],
  );
});

Deno.test("TcpdumpPrinter prints the -e header of each RFC 1201 kind as tcpdump", () => {
  const link = { link: true };
  assert.equal(
    format(bsd("be50f0", ICMP), link),
    "be 50 oldip 47: 10.80.131.1 > 10.80.131.254: ICMP echo request, id 4660, seq 1, length 24",
  );
  assert.equal(
    format(bsd("be00d4031234", ICMP), link, { wire: 600 }),
    "be 00 ip seqid 1234 (first of 3 fragments) 600: 10.80.131.1 > 10.80.131.254: " +
      "ICMP echo request, id 4660, seq 1, length 24",
  );
  assert.equal(format(bsd("be00d4041234", ICMP), link), "be 00 ip seqid 1234 (fragment 3) 50: ");
  assert.equal(format(bsd("be00d4041234", ICMP)), "");
  assert.equal(
    format(bsd("be00d5ff0000d5ff0001", ARP), link),
    "be 00 arp seqid 0001 (first of 129 fragments) 28: " +
      "Request who-has 10.80.131.254 tell 10.80.131.1, length 18",
  );
  assert.equal(
    format(bsd("be50d6001234", ARP), { quiet: true, link: true }),
    "be 50 24: Request who-has 10.80.131.254 tell 10.80.131.1, length 18",
  );
});

Deno.test("TcpdumpPrinter names the Linux type by the buffer offset's first byte", () => {
  assert.equal(
    format(bsd("be50f000f1", ARP), { link: true }, { linkType: 129 }),
    "be 50 oldip 23: Request who-has 10.80.131.254 tell 10.80.131.1, length 18",
  );
  assert.equal(
    format(bsd("be50ea00f1", ARP), {}, { linkType: 129 }),
    "ARP, Request who-has 10.80.131.254 tell 10.80.131.1, length 18",
  );
});

Deno.test("TcpdumpPrinter prints an unknown system code's bytes even with -q and -X", () => {
  const dump = "\n\t0x0000:  3031 3233 3435 3637 3839 3a3b 3c3d 3e3f  0123456789:;<=>?" +
    "\n\t0x0010:  4041 4243                                @ABC";
  assert.equal(format(bsd("be5042001234", DATA), { quiet: true }), dump);
  // Then -X dumps the same bytes again.
  assert.equal(format(bsd("be5080", DATA), { hex: 1 }), dump + dump);
  // AppleTalk goes to DDP, whose printer says tcpdump's et1 once with -v.
  const echo = decodeHex("000e0000ff00123 4c8 0902fd0401".replaceAll(" ", ""));
  assert.equal(
    format(bsd("be50dd001234", echo), { verbose: 1 }),
    "et1 AT 4660.9.253 > 65280.200.2:  at-echo 1",
  );
});

Deno.test("TcpdumpPrinter prints a cut ARCNET header as tcpdump", () => {
  assert.equal(format(decodeHex("be"), {}, { wire: 50 }), " [|arcnet]");
  assert.equal(format(decodeHex("be50d400"), {}, { wire: 50 }), "be 50 ip 50:  phds [|arcnet]");
  assert.equal(
    format(decodeHex("be50d4ff00"), { quiet: true }, { wire: 50 }),
    "be 50 50:  phds [|arcnet]",
  );
  assert.equal(
    format(decodeHex("be50d4ff000000"), {}, { wire: 50 }),
    "be 50 ip 50:  phds extended [|arcnet]",
  );
  assert.equal(format(decodeHex("be50d400d4"), {}, { linkType: 129 }), " [|arcnet_linux]");
  // A cut header dumps the whole packet with -x.
  assert.equal(
    format(decodeHex("be50d400"), { hex: 1 }, { wire: 50 }).split("\n")[1],
    "\t0x0000:  be50 d400                                .P..",
  );
});
