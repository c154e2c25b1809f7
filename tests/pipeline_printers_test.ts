import assert from "node:assert/strict";
import { runPipeline } from "../lib/pipeline/print.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { pcapBytes } from "../lib/formats/pcap_writer.ts";
import { PacketParser } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";
import { PrinterCore } from "../lib/print/_printer_core.ts";
import { commonPrinters } from "../lib/print/_common_printers.ts";
import { DeferredProtocols } from "../lib/pipeline/_deferred_protocols.ts";
import { commonProtocols, RARE_BINDINGS } from "../lib/_common_protocols.ts";
import { protocolDispatchers, protocols } from "../lib/protocols.ts";
import { defaultRegistry, type Registry } from "../lib/registry.ts";
import { LayerParser } from "../lib/packet_parser.ts";
import { buildIpv4, buildUdp } from "../lib/craft/mod.ts";
import { foldChecksum, sumWords } from "../lib/checksum.ts";
import { testdataDir } from "./_shared.ts";

const decoder = new TextDecoder();

/** What runPipeline() prints for a capture (file or bytes). */
async function pipelineText(source: string | Uint8Array, printer: TcpdumpOptions) {
  await using reader = await openCapture(
    typeof source === "string" ? source : ReadableStream.from([source]),
  );
  let text = "";
  await runPipeline(reader.batches({ reuseBuffers: true }), {
    output: { kind: "print", printer },
    write: (bytes) => {
      text += decoder.decode(bytes);
    },
  });
  return text;
}

/** What a TcpdumpPrinter, which has every printer from the start, prints. */
async function printerText(source: string | Uint8Array, options: TcpdumpOptions) {
  await using reader = await openCapture(
    typeof source === "string" ? source : ReadableStream.from([source]),
  );
  const parser = new PacketParser({ maxLayers: 8192 });
  const printer = new TcpdumpPrinter(options);
  for await (const batch of reader.batches()) {
    for (let i = 0; i < batch.count; i++) {
      const start = batch.offsets[i]!;
      const end = start + batch.capturedLengths[i]!;
      parser.parse(batch.linkTypes[i]!, batch.buffer, start, end, batch.originalLengths[i]!);
      printer.print(parser, {
        seconds: batch.seconds[i]!,
        nanoseconds: batch.nanoseconds[i]!,
        originalLength: batch.originalLengths[i]!,
        linkType: batch.linkTypes[i]!,
        capturedLength: end - start,
      }, start);
    }
  }
  return decoder.decode(printer.take());
}

/** An ICMP protocol-unreachable error that quotes `quoted`, in an IPv4 packet. */
function icmpError(quoted: Uint8Array): Uint8Array {
  const icmp = new Uint8Array(8 + quoted.length);
  icmp.set([3, 2]);
  icmp.set(quoted, 8);
  const sum = 0xffff - foldChecksum(sumWords(icmp, 0, icmp.length, 0));
  icmp.set([sum >> 8, sum & 0xff], 2);
  return buildIpv4({ source: "10.0.0.2", destination: "10.0.0.1", protocol: 1, payload: icmp });
}

/** A RIP version 2 response (a rare protocol: its printer loads when needed). */
const RIP = buildIpv4({
  source: "10.0.0.1",
  destination: "224.0.0.9",
  protocol: 17,
  payload: buildUdp({
    source: "10.0.0.1",
    destination: "224.0.0.9",
    sourcePort: 520,
    destinationPort: 520,
    payload: Uint8Array.from([
      ...[2, 2, 0, 0, 0, 2, 0, 0, 192, 168, 1, 0, 255, 255, 255, 0],
      ...[0, 0, 0, 0, 0, 0, 0, 1],
    ]),
  }),
});

const TIMES = { timestamps: "unix" } as const;

Deno.test("runPipeline() prints captures of rare protocols as TcpdumpPrinter does", async () => {
  const files = ["wlan_frames.pcap", "ppi_80211.pcap", "frame_relay_lmi.pcap", "namespaces.pcap"];
  for (const name of files) {
    const file = new URL(name, testdataDir).pathname;
    for (const options of [{}, { verbose: 1 }, { verbose: 2, link: true }, { hex: 1 as const }]) {
      const expected = await printerText(file, { ...TIMES, ...options });
      assert.ok(expected.length > 0, name);
      assert.equal(await pipelineText(file, { ...TIMES, ...options }), expected, name);
    }
  }
});

Deno.test("runPipeline() prints with -v what an ICMP error quotes, of a rare protocol too", async () => {
  const capture = pcapBytes([
    { timestamp: 1_000_000_000n, data: icmpError(RIP) },
    { timestamp: 2_000_000_000n, data: RIP },
  ], { linkType: LinkType.IPV4 });
  for (const verbose of [0, 1, 2]) {
    const expected = await printerText(capture, { ...TIMES, verbose });
    assert.equal(await pipelineText(capture, { ...TIMES, verbose }), expected);
    if (verbose > 0) assert.match(expected, /\n\t.*RIPv2, Response/);
  }
});

Deno.test("runPipeline() prints a rare protocol that a raw-IP fallback decodes", async () => {
  // An IPv4 packet in a LINKTYPE_IPV6 capture: tcpdump reads it by its version field.
  const capture = pcapBytes([{ timestamp: 0n, data: RIP }], { linkType: LinkType.IPV6 });
  const expected = await printerText(capture, TIMES);
  assert.match(expected, /RIPv2, Response/);
  assert.equal(await pipelineText(capture, TIMES), expected);
});

/** The pipeline's deferred protocols, counting its loads. */
function countedDeferred() {
  const deferred = new DeferredProtocols();
  const counted = {
    loads: 0,
    get pending() {
      return deferred.pending;
    },
    load() {
      counted.loads++;
      return deferred.load();
    },
  };
  return { registry: deferred.registry, counted };
}

Deno.test("PrinterCore declines a packet that meets a protocol not loaded, until loadRest()", async () => {
  const { registry, counted } = countedDeferred();
  const printer = new PrinterCore(TIMES, commonPrinters, registry, counted);
  const parser = new LayerParser({ registry });
  const record = { seconds: 1, nanoseconds: 0, originalLength: RIP.length };
  // A common packet prints without loading anything.
  parser.parse(LinkType.IPV4, icmpError(RIP.subarray(0, 28)));
  assert.equal(printer.print(parser, record), true);
  assert.ok(printer.take().length > 0);
  // RIP's port leads to the stand-in: the packet waits, nothing printed.
  parser.parse(LinkType.IPV4, RIP);
  assert.deepEqual(parser.layers.slice(0, parser.count).map((l) => l.kind), ["ipv4", "udp"]);
  assert.equal(counted.pending, true);
  assert.equal(printer.print(parser, record), false);
  assert.equal(printer.buffered, 0);
  assert.equal(counted.loads, 0);
  await printer.loadRest();
  await printer.loadRest();
  assert.equal(counted.loads, 1);
  assert.equal(counted.pending, false);
  parser.parse(LinkType.IPV4, RIP);
  assert.equal(printer.print(parser, record), true);
  assert.match(
    decoder.decode(printer.take()),
    /^1\.000000 IP 10\.0\.0\.1\.520 > 224\.0\.0\.9\.520: RIPv2/,
  );
});

Deno.test("PrinterCore keeps a printer given in the options over the one it loads", async () => {
  const { registry, counted } = countedDeferred();
  const printer = new PrinterCore(
    { ...TIMES, printers: { rip: (ctx) => ctx.out.ascii("my rip") } },
    commonPrinters,
    registry,
    counted,
  );
  const parser = new LayerParser({ registry });
  const record = { seconds: 1, nanoseconds: 0, originalLength: RIP.length };
  parser.parse(LinkType.IPV4, RIP);
  assert.equal(printer.print(parser, record), false);
  await printer.loadRest();
  parser.parse(LinkType.IPV4, RIP);
  assert.equal(printer.print(parser, record), true);
  assert.match(decoder.decode(printer.take()), /: my rip\n$/);
});

Deno.test("DeferredProtocols stands in for every number of a protocol not common, then binds all", async () => {
  const common = new Set<unknown>(commonProtocols);
  const rare: Record<string, number[]> = {};
  for (const protocol of [...protocols, ...protocolDispatchers]) {
    if (common.has(protocol)) continue;
    for (const [table, numbers] of Object.entries(protocol.bindings)) {
      (rare[table] ??= []).push(...numbers as number[]);
    }
  }
  const sorted = (numbers: readonly number[]) => [...numbers].sort((a, b) => a - b);
  for (const table of Object.keys(RARE_BINDINGS) as (keyof typeof RARE_BINDINGS)[]) {
    assert.deepEqual(
      sorted(RARE_BINDINGS[table]),
      sorted(rare[table] ?? []),
      `RARE_BINDINGS.${table} in lib/_common_protocols.ts must list the numbers of the protocols that are not common`,
    );
  }
  const deferred = new DeferredProtocols();
  const tables = ["linkTypes", "etherTypes", "ipProtocols", "tcpPorts", "udpPorts"] as const;
  const entries = (registry: Registry, table: (typeof tables)[number]) =>
    [...registry[table]].sort((a, b) => a[0] - b[0]);
  for (const table of tables) {
    const before = entries(deferred.registry, table);
    assert.equal(before.length, defaultRegistry[table].size, table);
  }
  await deferred.load();
  for (const table of tables) {
    assert.deepEqual(entries(deferred.registry, table), entries(defaultRegistry, table), table);
  }
});

Deno.test("Only ICMP's and PPPoE's printers decode a packet inside their own among the common printers, as PrinterCore assumes", async () => {
  // PrinterCore checks a packet's kinds for printers before printing it; a printer that
  // decodes more (ICMP's quoted datagram, PPPoE's frame past its length field) can meet any
  // kind, so PrinterCore loads every printer before it. Another such common printer needs
  // the same treatment in `#has()`; a rare one (OpenFlow's frame at -vvv) is loaded with
  // every other printer at once.
  const root = new URL("../lib/print/", import.meta.url);
  const decoding: string[] = [];
  const walk = async (dir: URL, prefix: string) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith(".ts")) {
        const code = (await Deno.readTextFile(new URL(entry.name, dir))).split("\n")
          .filter((line) => !/^\s*(\*|\/\/)/.test(line)).join("\n");
        if (/(?<![.\w])decode(With)?\(|\bnew (PacketParser|LayerParser)\b|\.parse\(/.test(code)) {
          decoding.push(prefix + entry.name);
        }
      }
    }
  };
  await walk(root, "");
  // The printer files that the common printers reach through static imports.
  const common = new Set<string>();
  const reach = async (url: URL) => {
    const path = url.pathname.slice(root.pathname.length);
    if (!url.pathname.startsWith(root.pathname) || common.has(path)) return;
    common.add(path);
    const code = await Deno.readTextFile(url);
    for (const [, specifier] of code.matchAll(/^(?:import|export)\b[^;]*?from "(\.[^"]+)";/gms)) {
      await reach(new URL(specifier!, url));
    }
  };
  await reach(new URL("_common_printers.ts", root));
  assert.ok(common.has("net/icmp.ts") && common.has("transport/tcp.ts"), [...common].join());
  assert.deepEqual(decoding.filter((file) => common.has(file)).sort(), [
    "link/pppoe.ts",
    "net/icmp.ts",
  ]);
  assert.ok(decoding.includes("_printer_core.ts") && decoding.includes("app/_openflow10_frame.ts"));
});

Deno.test("runPipeline() reads the raw IP link types by the version, as tcpdump's ipN_print()", async () => {
  const packets = [
    new Uint8Array(40).fill(0x30),
    new Uint8Array([0x50, 1]),
    new Uint8Array([0x45, 0, 0]),
    new Uint8Array([0x60, 0, 0, 0, 0]),
  ];
  // tcpdump 4.99.3 prints the same for LINKTYPE_RAW, LINKTYPE_IPV4 and LINKTYPE_IPV6.
  for (const linkType of [LinkType.RAW, LinkType.IPV4, LinkType.IPV6]) {
    const capture = pcapBytes(
      packets.map((data) => ({ timestamp: 0n, data, originalLength: data.length + 10 })),
      { linkType },
    );
    for (const [link, prefix] of [[false, ""], [true, "ip: "]] as const) {
      const text = await pipelineText(capture, { timestamps: "none", link });
      assert.deepEqual(text.trimEnd().split("\n"), [
        `${prefix}unknown ip 3`,
        `${prefix}unknown ip 5`,
        `${prefix}${link ? " [|ip]" : "IP  [|ip]"}`,
        `${prefix} [|ip6]`,
      ], `link type ${linkType}, -e ${link}`);
    }
  }
});
