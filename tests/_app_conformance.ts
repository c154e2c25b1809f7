/**
 * Test helper for the application-protocol conformance tests: the captures they read, and
 * tshark's fields gathered per stream the way wirekit reports them, so that
 * `app_conformance_test.ts` (HTTP, TLS over TCP, certificates) and
 * `app_conformance_quic_test.ts` (QUIC) compare like with like.
 *
 * Private to the tests.
 *
 * @module
 */

import assert from "node:assert/strict";
import { tsharkFields } from "./_tshark.ts";
import { sharedCaptures, testdataDir } from "./_shared.ts";

/** Per stream index, each field as the list of its values in order. */
export type Streams<F extends string> = Map<number, Record<F, string[]>>;

const AGGREGATOR = "|";

/**
 * The TLS handshake fields that the HTTP/TLS and the QUIC tests both compare, in tshark's
 * names; {@linkcode tsharkStreams} reduces them as wirekit reports a handshake.
 */
export const TLS_HANDSHAKE_FIELDS = [
  "tls.handshake.extensions_server_name",
  "tls.handshake.extensions_alpn_str",
  "tls.handshake.ciphersuite",
  "tls.handshake.ja3",
  "tls.handshake.ja3s",
] as const;

/** The fields of one stream, made empty on first use. */
export function streamOf<F extends string>(
  streams: Streams<F>,
  fields: readonly F[],
  index: number,
): Record<F, string[]> {
  let found = streams.get(index);
  if (found === undefined) {
    found = Object.fromEntries(fields.map((f) => [f, []])) as unknown as Record<F, string[]>;
    streams.set(index, found);
  }
  return found;
}

/**
 * What tshark reads, per stream (`streamField`, such as `tcp.stream`), reduced as wirekit
 * reports a handshake: the ALPN the ServerHello chose replaces the list offered; the cipher
 * suite is the ServerHello's; a handshake seen twice counts once; 1xx responses other than
 * 101 are left out. `undefined` when the filter keeps no packet.
 */
export async function tsharkStreams<F extends string>(
  file: string,
  streamField: string,
  fields: readonly F[],
  filter: string,
  reduce: (values: string[], field: F, row: Record<string, string[]>) => string[] = (v) => v,
): Promise<Streams<F> | undefined> {
  const { rows } = await tsharkFields(file, [streamField, "tls.handshake.type", ...fields], {
    extraArgs: ["-Y", filter],
    aggregator: AGGREGATOR,
  });
  if (rows.length === 0) return undefined;
  const streams: Streams<F> = new Map();
  for (const row of rows) {
    const index = row[streamField]?.[0];
    if (index === undefined) continue;
    const found = streamOf(streams, fields, Number(index));
    const types = row["tls.handshake.type"] ?? [];
    for (const field of fields) {
      let values = reduce(row[field] ?? [], field, row);
      if (field === "http.response.code") {
        values = values.filter((c) => Number(c) >= 200 || c === "101");
      }
      if (field === "tls.handshake.extensions_alpn_str" && values.length > 0) {
        // Offered by the ClientHello, replaced by the one the ServerHello chose.
        const chosen = types.includes("2");
        if (chosen) found[field] = [];
        if (!chosen && found[field].length > 0) continue;
      }
      // The chosen suite is the ServerHello's; the ClientHello's list shares the field.
      if (field === "tls.handshake.ciphersuite" && !types.includes("2")) continue;
      if (field === "tls.handshake.ciphersuite") values = values.slice(-1);
      // A handshake seen twice (retransmitted, or a second connection) counts once.
      if (field.startsWith("tls.") && found[field].join() === values.join()) continue;
      found[field].push(...values);
    }
  }
  return streams;
}

/** Field agreement between tshark and wirekit over some captures. */
export interface Agreement {
  /** Captures in which tshark found something. */
  captures: number;
  /** Streams compared. */
  streams: number;
  /** Fields compared (both sides empty is not counted). */
  compared: number;
  /** Fields identical. */
  identical: number;
  /** `capture stream field: tshark "..." wirekit "..."`, one per field that differs. */
  mismatches: string[];
}

/**
 * Compares tshark's streams with wirekit's over {@linkcode appCaptures}, prints the counts
 * and the mismatches under `what`, and checks them against `exceptions` (keyed `capture
 * stream field`): none unexplained, and, when the corpus is present, none that now agrees.
 */
export async function compareWithTshark<F extends string>(
  what: string,
  fields: readonly F[],
  theirs: (file: string) => Promise<Streams<F> | undefined>,
  ours: (file: string) => Promise<Streams<F>>,
  exceptions: Record<string, string>,
): Promise<Agreement> {
  const a: Agreement = { captures: 0, streams: 0, compared: 0, identical: 0, mismatches: [] };
  const queue = appCaptures();
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [file, key] = next;
      const found = await theirs(file);
      if (found !== undefined) compareStreams(a, key, fields, found, await ours(file));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  console.log(
    `${what}: ${a.captures} captures, ${a.streams} streams, ` +
      `${a.compared} fields compared, ${a.identical} identical, ${a.mismatches.length} differ`,
  );
  for (const m of a.mismatches.sort()) console.log(`  ${m}`);
  const unexplained = a.mismatches.filter((m) => !(m.split(":")[0]! in exceptions));
  assert.deepEqual(unexplained, [], "mismatches not in the exceptions");
  if (sharedCaptures() !== undefined) {
    const agreeing = Object.keys(exceptions).filter((k) =>
      !a.mismatches.some((m) => m.startsWith(`${k}:`))
    );
    assert.deepEqual(agreeing, [], "these now agree: drop them from the exceptions");
  }
  return a;
}

/** Adds the comparison of one capture's streams to `agreement`. */
function compareStreams<F extends string>(
  agreement: Agreement,
  key: string,
  fields: readonly F[],
  theirs: Streams<F>,
  mine: Streams<F>,
): void {
  agreement.captures++;
  for (const [index, values] of theirs) {
    agreement.streams++;
    const got = mine.get(index);
    for (const field of fields) {
      const want = values[field].join(",");
      const have = got?.[field].join(",") ?? "";
      if (want === "" && have === "") continue;
      agreement.compared++;
      if (want === have) agreement.identical++;
      else {agreement.mismatches.push(
          `${key} ${index} ${field}: tshark "${want}" wirekit "${have}"`,
        );}
    }
  }
}

/**
 * The corpus captures in which `tshark -Y "http or tls.handshake"` finds packets (QUIC's
 * among them),
 * found once over all of MANIFEST.tsv (which takes minutes) and kept here.
 */
const CORPUS = [
  "dpkt/nb6-http.pcap",
  "gopacket/test_loopback.pcap",
  "libpcap/AH-IPcomp-IPv6.pcap",
  "pcapplusplus/MplsPackets.pcap",
  "pcapplusplus/SllPacket.pcap",
  "pcapplusplus/many_interfaces-1.pcapng",
  "pcapplusplus/nanosecs_big_endian.pcap",
  "pcapplusplus/pcapng-example.pcapng",
  "pcapplusplus/raw_ip.pcap",
  "pcapplusplus/sll.pcap",
  "rusticata/err-buffertoosmall.pcapng",
  "tcpdump/accecn_handshake.pcap",
  "tcpdump/arcnet-rfc1201-arp-icmp-http.pcap",
  "tcpdump/ipv4_tcp_http_xml.pcap",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap",
  "tcpdump/print-flags.pcap",
  "tcpdump/quic_handshake.pcap",
  "zeek/ppp/quic-interop-retry.pcap",
  "zeek/tcp/options.pcap",
  "zeek/vlan-qinqinq.pcap",
];

/** The testdata recordings with HTTP, TLS or QUIC in them. */
const TESTDATA = ["http_sessions.pcap", "tls_handshakes.pcap", "deno_tls.pcap", "deno_quic.pcap"];

/** The captures to compare, as `[path, key]`: testdata, then the corpus when present. */
function appCaptures(): [string, string][] {
  const files: [string, string][] = TESTDATA.map((
    name,
  ) => [new URL(name, testdataDir).pathname, `testdata/${name}`]);
  const shared = sharedCaptures();
  if (shared === undefined) return files;
  for (const path of CORPUS) files.push([new URL(path, shared).pathname, path]);
  return files;
}
