import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { tcpdumpPortChoice } from "../lib/print/transport/_empty_payload.ts";
import { rankedPort } from "../lib/transport/_ports.ts";
import { defaultRegistry } from "../lib/registry.ts";
import { packetTypeRegistry } from "../lib/pipeline/_packet_type_registry.ts";
import { packetTypeBinding } from "../lib/print/packet_type.ts";
import { decodeVat, Vat, vatDecoder } from "../lib/app/vat.ts";
import { buildEthernet, buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** An Ethernet frame with the packet in a UDP datagram between the ports over IPv4. */
function frame(payload: Uint8Array, sourcePort = 1024, destinationPort = 3456): Uint8Array {
  const addresses = { source: "10.0.34.1", destination: "224.2.0.1" };
  const udp = buildUdp({ ...addresses, sourcePort, destinationPort, payload });
  return buildEthernet({
    source: "02:00:00:00:00:01",
    destination: "01:00:5e:00:00:01",
    etherType: 0x0800,
    payload: buildIpv4({ ...addresses, protocol: 17, ttl: 1, payload: udp }),
  });
}

const VAT = new Uint8Array([0x0f, 0x8e, 0x0d, 0x0c, 0, 0, 0, 11, 0x55, 0x55]);
const VT = new Uint8Array([0x14, 0x05, 0, 0]);

const print = (payload: Uint8Array, ports?: [number, number]) =>
  printFrame(LinkType.EN10MB, frame(payload, ...(ports ?? []))).replace(/^.*?\.\d+ > [^ ]*: /s, "");

Deno.test("decodeVat() reads the vat header's fields", () => {
  const layer = decodeVat(VAT);
  assert.ok(layer instanceof Vat);
  assert.equal(layer.vt, false);
  assert.deepEqual(
    [layer.conference, layer.timestamp, layer.flagged, layer.format, layer.sequence],
    [0x0d0c, 11, true, 14, 15],
  );
  assert.equal(decodeVat(VT).vt, true);
  assert.equal(vatDecoder.create().kind, "vat");
  assert.deepEqual(decode(LinkType.EN10MB, frame(VAT)).layers.map((l) => l.kind), [
    "ethernet",
    "ipv4",
    "udp",
    "vat",
  ]);
});

Deno.test("decodeVat() rejects a truncated header by reading no field", () => {
  const layer = decodeVat(VAT.subarray(0, 7));
  assert.equal(layer.first, 0x0f8e);
  assert.equal(layer.word0, undefined);
  assert.equal(layer.timestamp, undefined);
  assert.equal(decodeVat(VAT.subarray(0, 1)).first, undefined);
});

Deno.test("printVat() prints vat and vt as tcpdump does", () => {
  assert.equal(print(VAT), "udp/vat 2 c3340 11* f14 s15");
  assert.equal(print(VT), "udp/vt 4 5 / 5");
  assert.equal(print(new Uint8Array(8)), "udp/vat 0 c0 0");
  assert.equal(print(VAT.subarray(0, 1)), "udp/va/vat, length 1 < 2");
  assert.equal(print(new Uint8Array()), "udp/va/vat, length 0 < 2");
  assert.equal(print(VAT.subarray(0, 7)), "udp/vat, length 7 < 8");
  assert.equal(print(VAT, [3456, 1024]), "UDP, length 10");
  assert.equal(print(VAT, [7001, 3456]), "udp/vat 2 c3340 11* f14 s15");
  // udp_print() tries VAT (the destination only) before RX and after L2TP.
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 7001, 3456), 3456);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 3456, 7001), 7001);
  assert.equal(rankedPort(tcpdumpPortChoice.udp, 1701, 3456), 1701);
  const cut = (n: number) =>
    printFrame(LinkType.EN10MB, frame(VAT).subarray(0, 42 + n), {}, 52).replace(/^.*?3456: /s, "");
  assert.equal(cut(0), " [|vat]");
  assert.equal(cut(1), " [|vat]");
  assert.equal(cut(7), " [|vat]");
  assert.equal(cut(8), "udp/vat 2 c3340 11* f14 s15");
});

Deno.test("decodeVat() takes a packet sent to any port with -T vat, and none without", () => {
  const kinds = (registry: typeof defaultRegistry, source: number, destination: number) =>
    decode(LinkType.EN10MB, frame(VAT, source, destination), { registry }).layers
      .map((l) => l.kind).join();
  const forced = packetTypeRegistry(defaultRegistry, packetTypeBinding("vat"));
  assert.equal(kinds(forced, 3456, 1024), "ethernet,ipv4,udp,vat");
  assert.equal(kinds(forced, 53, 161), "ethernet,ipv4,udp,vat");
  assert.equal(kinds(defaultRegistry, 3456, 1024), "ethernet,ipv4,udp");
  assert.equal(kinds(defaultRegistry, 1024, 3456), "ethernet,ipv4,udp,vat");
});
