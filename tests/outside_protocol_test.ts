/**
 * A protocol added from outside the package, as the README's "Adding a protocol" says:
 * a layer class with its descriptor, a `LayerMap` augmentation, a registry binding and a
 * printer; `decode()` and `TcpdumpPrinter` then handle it like a built-in one.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  decode,
  type DecodeContext,
  DecodeError,
  type Decoder,
  defaultRegistry,
  defineProtocol,
  LayerBase,
  LinkType,
  type PrintContext,
  type ProtocolDescriptor,
  protocolOf,
  TcpdumpPrinter,
} from "../mod.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";

/** A made-up protocol over UDP port 47000: a 2-byte magic "WK", a 2-byte session id. */
class Demo extends LayerBase {
  readonly kind = "wk-demo" as const;
  session = 0;

  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    _context: DecodeContext,
  ): DecodeError | undefined {
    if (end - offset < 4) return DecodeError.truncated(this.kind, offset, 4, end - offset);
    if (data[offset] !== 0x57 || data[offset + 1] !== 0x4b) {
      return DecodeError.malformed(this.kind, offset, 0x574b, data[offset]!, "bad magic");
    }
    this.data = data;
    this.offset = offset;
    this.headerLength = 4;
    this.end = end;
    this.session = (data[offset + 2]! << 8) | data[offset + 3]!;
    return undefined;
  }

  nextDecoder(): Decoder | undefined {
    return undefined;
  }

  toJSON(): Record<string, unknown> {
    return { session: this.session };
  }
}

declare module "../lib/layer_map.ts" {
  interface LayerMap {
    "wk-demo": Demo;
  }
}

const demoDecoder: ProtocolDescriptor<Demo> = defineProtocol({
  kind: "wk-demo",
  name: "WK demo",
  tcpdumpName: "wkdemo",
  create: () => new Demo(),
  bindings: { udpPorts: [47000] },
});

function printDemo(ctx: PrintContext, demo: Demo): void {
  ctx.out.ascii(`WKDEMO session ${demo.session}, length ${demo.end - demo.offset}`);
  ctx.done = true;
}

function datagram(payload: number[]): Uint8Array {
  const [source, destination] = ["192.0.2.1", "192.0.2.2"];
  const udp = buildUdp({
    source,
    destination,
    sourcePort: 40000,
    destinationPort: 47000,
    payload: new Uint8Array(payload),
  });
  return buildIpv4({ source, destination, protocol: 17, payload: udp });
}

const registry = defaultRegistry.clone().add(demoDecoder, demoDecoder.bindings);
const record = { seconds: 0, nanoseconds: 0, originalLength: 0 };

Deno.test("decode() decodes a protocol added from outside the package", () => {
  const packet = decode(LinkType.RAW, datagram([0x57, 0x4b, 0x01, 0x02, 9, 9]), { registry });
  assert.deepEqual(packet.layers.map((layer) => layer.kind), ["ipv4", "udp", "wk-demo"]);
  assert.equal(packet.layer("wk-demo")?.session, 0x0102);
  assert.deepEqual(packet.toJSON()["wk-demo"], { session: 0x0102 });
  // The default registry is left alone.
  assert.equal(decode(LinkType.RAW, datagram([0x57, 0x4b, 0, 1])).layer("wk-demo"), undefined);
});

Deno.test("DecodeError names a protocol added from outside by its descriptor", () => {
  assert.equal(protocolOf("wk-demo")?.name, "WK demo");
  const packet = decode(LinkType.RAW, datagram([0x57, 0x4b]), { registry });
  assert.equal(packet.error?.message, "Cannot decode WK demo header: 4 bytes required, received 2");
});

Deno.test("TcpdumpPrinter prints a protocol added from outside with its printer", () => {
  const printer = new TcpdumpPrinter({ timestamps: "none", printers: { "wk-demo": printDemo } });
  const packet = decode(LinkType.RAW, datagram([0x57, 0x4b, 0x00, 0x2a]), { registry });
  assert.equal(
    printer.format(packet, { ...record, originalLength: 32 }),
    "IP 192.0.2.1.40000 > 192.0.2.2.47000: WKDEMO session 42, length 4",
  );
  // Without the printer, the kind is named where printing stops, as tcpdump's [|proto].
  const plain = new TcpdumpPrinter({ timestamps: "none" });
  assert.equal(
    plain.format(packet, { ...record, originalLength: 32 }),
    "IP 192.0.2.1.40000 > 192.0.2.2.47000: [|wk-demo]",
  );
});
