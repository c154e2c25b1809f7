import assert from "node:assert/strict";
import { hasCommand, pool, sharedCaptures, testdataDir } from "./_shared.ts";
import { runTcpdump } from "./_tcpdump.ts";
import { sniff } from "../scripts/sniff.ts";
import { parseSniffArgs } from "../scripts/_sniff_args.ts";
import {
  PACKET_TYPES,
  packetTypeBinding,
  UNSUPPORTED_PACKET_TYPES,
} from "../lib/print/packet_type.ts";

const crafted = (name: string) => new URL(`crafted/${name}`, testdataDir).pathname;

/** A capture printed with `-T TYPE` and options, which must match tcpdump line for line. */
interface Case {
  readonly path: string;
  readonly type: string;
  readonly options: readonly string[];
}

/**
 * Every type on the empty, cut and badly sized datagrams and segments (what each type's
 * printer says of a payload it does not have), on its own protocol's capture, and on
 * another protocol's messages (its printer on bytes that are not its protocol).
 */
const CASES: readonly Case[] = [
  ...Object.keys(PACKET_TYPES).flatMap((type) =>
    ["udp_empty_payloads.pcap", "tcp_empty_payloads.pcap", "port_order.pcap"].flatMap((name) =>
      [[], ["-v"], ["-q"]].map((options) => ({ path: crafted(name), type, options }))
    )
  ),
  { path: crafted("lmp_objects.pcap"), type: "lmp", options: ["-v"] },
  { path: crafted("someip_headers.pcap"), type: "someip", options: ["-v"] },
  { path: crafted("ptp_messages.pcap"), type: "ptp", options: ["-v"] },
  { path: crafted("radius_attributes.pcap"), type: "radius", options: ["-vv"] },
  { path: crafted("resp_messages.pcap"), type: "resp", options: [] },
  { path: crafted("aodv_messages.pcap"), type: "aodv", options: ["-v"] },
  { path: crafted("pgm_crafted.pcap"), type: "pgm", options: ["-v"] },
  { path: crafted("radius_attributes.pcap"), type: "snmp", options: ["-vv"] },
  { path: crafted("radius_attributes.pcap"), type: "domain", options: ["-vv"] },
  { path: crafted("someip_headers.pcap"), type: "tftp", options: [] },
  { path: crafted("ptp_messages.pcap"), type: "vxlan", options: ["-e"] },
  { path: crafted("resp_messages.pcap"), type: "domain", options: ["-vv"] },
  { path: crafted("wb_messages.pcap"), type: "wb", options: ["-v"] },
  { path: crafted("vat_messages.pcap"), type: "wb", options: ["-X"] },
  { path: crafted("vat_messages.pcap"), type: "vat", options: ["-v"] },
  { path: crafted("wb_messages.pcap"), type: "vat", options: [] },
  { path: crafted("radius_attributes.pcap"), type: "wb", options: ["-v"] },
  { path: crafted("zmtp1_messages.pcap"), type: "zmtp1", options: [] },
  { path: crafted("zmtp1_messages.pcap"), type: "zmtp1", options: ["-v"] },
  { path: crafted("zmtp1_messages.pcap"), type: "zmtp1", options: ["-vv"] },
  { path: crafted("zmtp1_messages.pcap"), type: "zmtp1", options: ["-X"] },
  { path: crafted("resp_messages.pcap"), type: "zmtp1", options: ["-v"] },
  { path: crafted("pgm_zmtp1_messages.pcap"), type: "pgm_zmtp1", options: ["-v"] },
  { path: crafted("pgm_zmtp1_messages.pcap"), type: "pgm_zmtp1", options: ["-vv"] },
  { path: crafted("pgm_zmtp1_messages.pcap"), type: "pgm_zmtp1", options: ["-X", "-v"] },
  { path: crafted("pgm_zmtp1_messages.pcap"), type: "pgm_zmtp1", options: [] },
  { path: crafted("pgm_crafted.pcap"), type: "pgm_zmtp1", options: ["-v"] },
  { path: crafted("pgm_zmtp1_messages.pcap"), type: "pgm", options: ["-v"] },
  { path: crafted("carp_messages.pcap"), type: "carp", options: [] },
  { path: crafted("carp_messages.pcap"), type: "carp", options: ["-v"] },
  { path: crafted("carp_messages.pcap"), type: "carp", options: ["-X"] },
  { path: crafted("carp_messages.pcap"), type: "carp", options: ["-e"] },
  { path: crafted("vrrp.pcap"), type: "carp", options: ["-v"] },
  ...["rtp", "rtcp"].flatMap((type) =>
    [[], ["-v"], ["-vv"], ["-e"], ["-X"], ["-q"]].map((options) => ({
      path: crafted("rtp_rtcp.pcap"),
      type,
      options,
    }))
  ),
  ...[[], ["-v"], ["-vv"], ["-e"], ["-X"], ["-q"]].map((options) => ({
    path: crafted("cnfp_flows.pcap"),
    type: "cnfp",
    options,
  })),
  { path: crafted("rtp_rtcp.pcap"), type: "cnfp", options: ["-v"] },
  { path: crafted("cnfp_flows.pcap"), type: "rtcp", options: ["-v"] },
  { path: crafted("udp_bad_lengths.pcap"), type: "cnfp", options: ["-X"] },
  { path: crafted("udp_bad_lengths.pcap"), type: "rtcp", options: ["-v"] },
  { path: crafted("udp_bad_lengths.pcap"), type: "rtp", options: ["-X"] },
];

/** tcpdump's own -T test files, when ../shared holds them (file, type, options). */
const SHARED_CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ["tcpdump/edns-opts.pcap", "snmp", ["-vv"]],
  ["tcpdump/edns-opts.pcap", "pgm", ["-v"]],
  ["tcpdump/edns-opts.pcap", "resp", []],
  ["tcpdump/dns_tcp.pcap", "resp", []],
  ["tcpdump/dns_tcp.pcap", "domain", ["-vv"]],
  ["tcpdump/dns_tcp.pcap", "zmtp1", ["-v"]],
  ["tcpdump/edns-opts.pcap", "pgm_zmtp1", ["-v"]],
];

async function sniffText(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const decoder = new TextDecoder();
  const code = await sniff(args, {
    stdout: (bytes) => {
      stdout += decoder.decode(bytes, { stream: true });
    },
    stderr: (line) => {
      if (!line.startsWith("reading from")) stdout += `stderr: ${line}\n`;
    },
  });
  return { code, stdout };
}

Deno.test("packetTypeBinding() takes tcpdump's -T names in any case", () => {
  assert.deepEqual(packetTypeBinding("snmp"), { udp: "snmp" });
  assert.deepEqual(packetTypeBinding("Domain"), { udp: "dns", tcp: "dns" });
  assert.deepEqual(packetTypeBinding("RESP"), { tcp: "resp" });
});

Deno.test("packetTypeBinding() rejects an unknown type and names the types it prints", () => {
  assert.throws(
    () => packetTypeBinding("bogus"),
    new TypeError(
      `Cannot use -T bogus: unknown packet type, use one of ${
        Object.keys(PACKET_TYPES).join(", ")
      }`,
    ),
  );
  for (const type of UNSUPPORTED_PACKET_TYPES) {
    assert.throws(() => packetTypeBinding(type), /does not print that packet type yet/);
    assert.equal(Object.hasOwn(PACKET_TYPES, type), false);
  }
  assert.throws(() => packetTypeBinding("toString"), /unknown packet type/);
});

Deno.test("parseSniffArgs() reads -T, attached or not, and checks the type", () => {
  assert.equal(parseSniffArgs(["-T", "tftp", "-r", "x.pcap"]).packetType, "tftp");
  assert.equal(parseSniffArgs(["-nTsnmp", "-r", "x.pcap"]).packetType, "snmp");
  assert.equal(parseSniffArgs(["-r", "x.pcap"]).packetType, undefined);
  assert.throws(() => parseSniffArgs(["-T", "rpc", "-r", "x.pcap"]), /Cannot use -T rpc/);
});

Deno.test("sniff.ts names a bad -T type in one line and prints nothing", async () => {
  const { code, stdout } = await sniffText(["-T", "nope", "-r", crafted("vrrp.pcap")]);
  assert.equal(code, 2);
  const lines = stdout.trimEnd().split("\n");
  assert.match(lines[0]!, /^stderr: Cannot use -T nope: unknown packet type, use one of aodv, /);
  assert.match(lines[1]!, /^stderr: Usage: /);
  assert.equal(lines.length, 2);
});

Deno.test("sniff.ts -T prints nothing after IP for a type that UDP does not carry", async () => {
  const { code, stdout } = await sniffText([
    "-n",
    "-T",
    "resp",
    "-c",
    "1",
    "-r",
    crafted("udp_empty_payloads.pcap"),
  ]);
  assert.equal(code, 0);
  assert.equal(stdout, "00:00:01.000000 IP \n");
});

Deno.test({
  name: "sniff.ts -T prints as tcpdump -T does, line for line",
  ignore: !(await hasCommand("tcpdump")),
  permissions: { read: true, run: ["tcpdump"], env: true, write: false, ffi: true },
  async fn() {
    const shared = sharedCaptures();
    const cases: Case[] = [...CASES];
    for (const [file, type, options] of SHARED_CASES) {
      const path = shared === undefined ? undefined : new URL(file, shared).pathname;
      if (path !== undefined) cases.push({ path, type, options });
    }
    const previousTz = Deno.env.get("TZ");
    Deno.env.set("TZ", "GMT0");
    try {
      const results = await pool(cases, 4, async (c) => {
        const args = ["-n", "-T", c.type, ...c.options];
        const expected = await runTcpdump(c.path, args);
        const actual = await sniffText([...args, "-r", c.path]);
        return { c, expected: expected?.stdout, actual: actual.stdout };
      });
      let compared = 0;
      for (const { c, expected, actual } of results) {
        assert.ok(expected !== undefined && expected !== "", `tcpdump printed ${c.path}`);
        assert.equal(actual, expected, `-T ${c.type} ${c.options.join(" ")} ${c.path}`);
        compared++;
      }
      assert.equal(compared, CASES.length + (shared === undefined ? 0 : SHARED_CASES.length));
    } finally {
      if (previousTz === undefined) Deno.env.delete("TZ");
      else Deno.env.set("TZ", previousTz);
    }
  },
});
