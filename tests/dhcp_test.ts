import assert from "node:assert/strict";
import { decode, PacketParser } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeDhcp, Dhcp, DHCP_MAGIC_COOKIE, dhcpDecoder } from "../lib/app/dhcp.ts";
import { printLayer } from "./_print_layer.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { sharedCaptures } from "./_shared.ts";
import { hasTshark, NO_REASSEMBLY, tsharkFields } from "./_tshark.ts";
import { decodeHex as hex } from "../lib/_hex.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

// pcapplusplus/Dhcp1.pcap (tcpdump -v -x), the IPv4 packet; rows of zeros elided:
// 172.22.178.234.67 > 10.10.8.240.67: BOOTP/DHCP, Reply, length 376, hops 1,
//   xid 0x7771cf85, secs 10, Flags [none] ... DHCP-Message (53), length 1: Offer ...
const OFFER = (() => {
  const packet = new Uint8Array(404);
  packet.set(hex(`
    4500 0194 4f92 0000 8011 77cc ac16 b2ea
    0a0a 08f0 0043 0043 0180 720e 0201 0601
    7771 cf85 000a 0000 0000 0000 0a0a 08eb
    ac16 b2ea 0a0a 08f0 000e 8611 c075 0000`));
  packet.set(
    hex(`
                        6382 5363 3501 0201
    04ff ffff 0036 04ac 16b2 ea33 0400 00a8
    c003 040a 0a08 fe06 088f d104 018f d105
    0142 0e31 3732 2e32 322e 3137 382e 3233
    3478 0501 ac16 b2ea 3d10 006e 6174 6861
    6e31 636c 6965 6e74 6964 5a1f 0101 00c8
    78c4 5256 4020 8131 3233 348f e0cc e2ee
    8596 abb2 5817 c480 b2fd 3052 1601 1420
    504f 4e20 312f 312f 3037 2f30 313a 312e
    302e 31ff`),
    0x108,
  );
  return packet;
})();

/** A DISCOVER whose options overload `file` and `sname` (option 52 = 3). */
function overloaded(): Uint8Array {
  const message = new Uint8Array(252);
  message.set([1, 1, 6, 0, 1, 2, 3, 4, 0, 0, 0x80, 0]);
  message.set([2, 0, 0, 0, 0, 1], 28);
  message.set([12, 3, 0x61, 0x62, 0x63, 255], 44); // sname: hostname "abc"
  message.set([50, 4, 192, 0, 2, 7, 255], 108); // file: requested IP
  message.set([0x63, 0x82, 0x53, 0x63, 53, 1, 1, 52, 1, 3, 55, 3, 1, 3, 6, 255], 236);
  return message;
}

function ipv4Udp(message: Uint8Array): Uint8Array {
  const packet = new Uint8Array(28 + message.length);
  packet.set(OFFER.subarray(0, 28));
  packet.set([packet.length >> 8, packet.length & 0xff], 2);
  packet.set([0, 68, 0, 67, (message.length + 8) >> 8, (message.length + 8) & 0xff, 0, 0], 20);
  packet.set(message, 28);
  return packet;
}

Deno.test("decode() reads a DHCPOFFER and its options", () => {
  const packet = decode(LinkType.IPV4, OFFER);
  assert.equal(packet.error, undefined);
  const dhcp = packet.layer("dhcp")!;
  assert.equal(dhcp.op, 2);
  assert.equal(dhcp.hardwareType, 1);
  assert.equal(dhcp.hardwareLength, 6);
  assert.equal(dhcp.hops, 1);
  assert.equal(dhcp.transactionId, 0x7771cf85);
  assert.equal(dhcp.seconds, 10);
  assert.equal(dhcp.broadcast, false);
  assert.equal(dhcp.clientAddress, "0.0.0.0");
  assert.equal(dhcp.yourAddress, "10.10.8.235");
  assert.equal(dhcp.serverAddress, "172.22.178.234");
  assert.equal(dhcp.gatewayAddress, "10.10.8.240");
  assert.equal(dhcp.clientHardwareAddress, "00:0e:86:11:c0:75");
  assert.equal(dhcp.serverName, "");
  assert.equal(dhcp.bootFileName, "");
  assert.equal(dhcp.magicCookie, DHCP_MAGIC_COOKIE);
  assert.equal(dhcp.messageType, 2);
  assert.equal(dhcp.wireLength, 376);
  const options = dhcp.options;
  assert.deepEqual(options.map((option) => option.code), [
    53,
    1,
    54,
    51,
    3,
    6,
    66,
    120,
    61,
    90,
    82,
    255,
  ]);
  assert.deepEqual(options.map((option) => option.name), [
    "message-type",
    "subnet-mask",
    "server-id",
    "lease-time",
    "router",
    "domain-name-server",
    "raw",
    "raw",
    "client-id",
    "raw",
    "raw",
    "end",
  ]);
  const [type, mask, , lease, , dns, , , clientId] = options;
  assert.ok(type?.name === "message-type" && type.typeName === "DHCPOFFER");
  assert.ok(mask?.name === "subnet-mask");
  assert.deepEqual(mask.addresses, ["255.255.255.0"]);
  assert.ok(lease?.name === "lease-time" && lease.value === 43200);
  assert.ok(dns?.name === "domain-name-server");
  assert.deepEqual(dns.addresses, ["143.209.4.1", "143.209.5.1"]);
  assert.ok(clientId?.name === "client-id" && clientId.type === 0);
  assert.equal(new TextDecoder().decode(clientId.identifier), "nathan1clientid");
  assert.equal(dhcp.optionsMalformed, false);
  JSON.stringify(dhcp);
});

Deno.test("Dhcp.options follows the overload option into file and sname", () => {
  const dhcp = decodeDhcp(overloaded());
  assert.equal(dhcp.broadcast, true);
  assert.equal(dhcp.clientHardwareAddress, "02:00:00:00:00:01");
  assert.equal(dhcp.serverName, "");
  assert.equal(dhcp.bootFileName, "");
  const options = dhcp.options;
  assert.deepEqual(
    options.map((option) => [option.area, option.name]),
    [
      ["options", "message-type"],
      ["options", "overload"],
      ["options", "parameter-request-list"],
      ["options", "end"],
      ["file", "requested-ip"],
      ["file", "end"],
      ["sname", "hostname"],
      ["sname", "end"],
    ],
  );
  const list = options[2]!;
  assert.ok(list.name === "parameter-request-list");
  assert.deepEqual(list.codes, [1, 3, 6]);
  const hostname = options[6]!;
  assert.ok(hostname.name === "hostname" && hostname.text === "abc");
});

Deno.test("Dhcp.options stops at an option that runs past the message", () => {
  const message = overloaded().slice(0, 246);
  message.fill(0, 108, 236);
  message.set([53, 1, 1, 12, 200, 0x61], 240);
  const dhcp = decodeDhcp(message);
  assert.deepEqual(dhcp.options.map((option) => option.name), ["message-type", "malformed"]);
  assert.equal(dhcp.optionsMalformed, true);
  const bootp = decodeDhcp(new Uint8Array(236));
  assert.equal(bootp.magicCookie, 0);
  assert.deepEqual(bootp.options, []);
  assert.equal(bootp.messageType, undefined);
});

Deno.test("decodeDhcp() rejects a truncated message at every length", () => {
  for (let n = 0; n < 236; n++) {
    assert.throws(() => decodeDhcp(OFFER.subarray(28, 28 + n)), (error: unknown) => {
      assert.ok(error instanceof DecodeError);
      assert.equal(error.code, "truncated");
      assert.equal(error.layer, "dhcp");
      return true;
    });
  }
  for (let n = 0; n <= OFFER.length; n++) {
    const packet = decode(LinkType.IPV4, OFFER.subarray(0, n));
    if (packet.error !== undefined) assert.ok(packet.error instanceof DecodeError);
    const dhcp = packet.layer("dhcp");
    if (dhcp === undefined) continue;
    JSON.stringify(dhcp);
    for (let verbose = 0; verbose <= 3; verbose++) printLayer(dhcp, verbose);
  }
});

Deno.test("PacketParser reuses a Dhcp layer without stale fields", () => {
  const parser = new PacketParser();
  parser.parse(LinkType.IPV4, OFFER);
  const first = parser.get("dhcp")!;
  assert.equal(first.messageType, 2);
  parser.parse(LinkType.IPV4, ipv4Udp(new Uint8Array(236)));
  const second = parser.get("dhcp")!;
  assert.equal(second, first);
  assert.equal(second.op, 0);
  assert.equal(second.hops, 0);
  assert.equal(second.transactionId, 0);
  assert.equal(second.magicCookie, 0);
  assert.equal(second.messageType, undefined);
  assert.equal(second.wireLength, 236);
});

Deno.test("printDhcp() never throws on randomly mutated messages", () => {
  let seed = 99;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  };
  const parser = new PacketParser();
  const bases = [OFFER, ipv4Udp(overloaded())];
  for (let i = 0; i < 10000; i++) {
    const base = bases[i % 2]!;
    const packet = base.slice(0, 28 + 236 + Math.floor(random() * (base.length - 263)));
    for (let m = 0; m < 6; m++) {
      const at = 28 + Math.floor(random() * (packet.length - 28));
      packet[at] = Math.floor(random() * 256);
    }
    parser.parse(LinkType.IPV4, packet);
    const dhcp = parser.get("dhcp");
    if (dhcp === undefined) continue;
    JSON.stringify(dhcp);
    dhcp.serverName;
    for (let verbose = 0; verbose <= 3; verbose++) printLayer(dhcp, verbose);
  }
});

Deno.test("dhcpDecoder creates empty Dhcp layers", () => {
  assert.ok(dhcpDecoder.create() instanceof Dhcp);
});

const captures = sharedCaptures();
for (
  const file of ["pcapplusplus/Dhcp1.pcap", "zeek/dhcp/dhcp.pcap", "tcpdump/dhcp-rfc4388.pcap"]
) {
  Deno.test({
    name: `decode() agrees with tshark on the DHCP fields of ${file}`,
    ignore: captures === undefined || !(await hasTshark()),
    async fn() {
      const url = new URL(file, captures);
      const fields = ["dhcp.id", "dhcp.hw.mac_addr", "dhcp.option.dhcp", "dhcp.ip.your"];
      const { rows } = await tsharkFields(url, fields, { preferences: NO_REASSEMBLY });
      await using reader = await openCapture(decodeURIComponent(url.pathname));
      let index = 0;
      let compared = 0;
      for await (const record of reader) {
        const row = rows[index++]!;
        const dhcp = decode(record.linkType, record.data).layer("dhcp");
        if (dhcp === undefined || row["dhcp.id"]!.length !== 1) continue;
        compared++;
        assert.equal(dhcp.transactionId, Number(row["dhcp.id"]![0]));
        assert.equal(dhcp.yourAddress, row["dhcp.ip.your"]![0]);
        if (row["dhcp.hw.mac_addr"]!.length > 0) {
          assert.equal(dhcp.clientHardwareAddress, row["dhcp.hw.mac_addr"]![0]);
        }
        const type = row["dhcp.option.dhcp"]![0];
        assert.equal(dhcp.messageType, type === undefined ? undefined : Number(type));
      }
      assert.ok(compared > 0);
    },
  });
}

Deno.test("decode() keeps a DHCP message with cut fixed fields as a partial layer", () => {
  const packet = decode(LinkType.IPV4, OFFER.subarray(0, 28 + 11));
  assert.equal(packet.error?.partial, true);
  const partial = packet.layers.at(-1);
  assert.ok(partial instanceof Dhcp);
  assert.equal(partial.partial, true);
  assert.equal(partial.flags, 0);
  assert.equal(partial.magicCookie, 0);
  // The flags were not captured: the printer stops before them, as tcpdump does.
  const text = printLayer(partial, 1);
  assert.equal(text, "BOOTP/DHCP, Reply, length 376, hops 1, xid 0x7771cf85, secs 10 [|bootp]");
});

Deno.test("printDhcp() ends a message cut past its seconds as a read past the capture", () => {
  // bootp_print() checks the seconds, then reads each field with a bounds-checked read: a
  // field the capture cut ends the packet, and -X dumps the whole frame, link header too.
  const ip = ipv4Udp(overloaded());
  const frame = new Uint8Array(14 + ip.length);
  frame.set([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00]);
  frame.set(ip, 14);
  const cut = frame.subarray(0, 14 + 28 + 11);
  const text = new TcpdumpPrinter({ timestamps: "none", verbose: 1, hex: 1, ascii: true }).format(
    decode(LinkType.EN10MB, cut),
    { seconds: 0, nanoseconds: 0, originalLength: frame.length },
  );
  assert.match(text, / \[\|bootp\]\n\t0x0000: {2}0000 0000 0002 0000 0000 0001 0800 4500/);
});
