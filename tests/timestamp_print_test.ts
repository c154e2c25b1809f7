/**
 * Timestamps at the edges of what a capture can hold, printed in every tcpdump time format:
 * times whose seconds tcpdump cannot convert print `[Error converting time]`, never a
 * thrown error or NUL bytes, and the whole file still prints.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decode, LinkType, TcpdumpPrinter, type TimestampFormat } from "../mod.ts";
import { pcapngBytes } from "../lib/formats/pcapng_writer.ts";
import { sniff } from "../scripts/sniff.ts";
import { buildArp, buildEthernet } from "../lib/craft/mod.ts";
import { hasCommand } from "./_shared.ts";

const FORMATS: readonly TimestampFormat[] = [
  "time",
  "none",
  "unix",
  "delta",
  "date",
  "since-first",
];
/** Seconds: the epoch, 2^31 - 1, past 2^31 (a negative C int), past 2^32, past Date's range. */
const SECONDS = [
  0n,
  1n,
  0x7fffffffn,
  0x80000001n,
  0xfffffffen,
  0x100000005n,
  0x1234567890n,
  86_400n * 365n * 300_000n,
  0x7fffffffffffn,
];
const FRAME = buildEthernet({
  destination: "ff:ff:ff:ff:ff:ff",
  source: "00:01:02:03:04:05",
  etherType: 0x0806,
  payload: buildArp({
    operation: "request",
    senderMac: "00:01:02:03:04:05",
    senderIp: "192.0.2.1",
    targetIp: "192.0.2.2",
  }),
  pad: true,
});

function capture(): Uint8Array {
  return pcapngBytes({
    interfaces: [{ linkType: LinkType.EN10MB, timestampResolution: { base: 10, exponent: 0 } }],
    packets: SECONDS.map((seconds) => ({
      timestamp: seconds * 1_000_000_000n,
      capturedLength: FRAME.length,
      originalLength: FRAME.length,
      interfaceId: 0,
      data: FRAME,
    })),
  });
}

Deno.test("TcpdumpPrinter prints [Error converting time] for times tcpdump cannot convert", () => {
  const packet = decode(LinkType.EN10MB, FRAME);
  for (const timestamps of FORMATS) {
    for (const nano of [false, true]) {
      const printer = new TcpdumpPrinter({ timestamps, nano, utc: true });
      const lines = SECONDS.map((seconds) =>
        printer.format(packet, {
          seconds: Number(seconds),
          nanoseconds: 5,
          originalLength: FRAME.length,
        })
      );
      for (const line of lines) {
        assert.doesNotMatch(line, /\0|NaN|Invalid/, `${timestamps}: ${line}`);
        assert.match(line, /ARP, Request who-has 192\.0\.2\.2/);
      }
      if (timestamps === "time" || timestamps === "unix" || timestamps === "date") {
        // 0x80000001 seconds: negative as a C int.
        assert.match(lines[3]!, /^\[Error converting time\] ARP/);
        assert.doesNotMatch(lines[2]!, /Error/);
      }
    }
  }
  const date = new TcpdumpPrinter({ timestamps: "date", utc: true });
  const record = { seconds: 0x100000005, nanoseconds: 0, originalLength: 42 };
  assert.match(date.format(packet, record), /^2106-02-07 06:28:21\.000000 ARP/);
});

Deno.test("TcpdumpPrinter prints the packets of one second alike, around an error", () => {
  const packet = decode(LinkType.EN10MB, FRAME);
  const times: [number, number][] = [
    [1_369_953_917, 270_862_999],
    [1_369_953_917, 999_999_999],
    [0x80000001, 5_000],
    [1_369_953_917, 1_000],
    [1_369_953_918, 0],
    [1_369_953_917 + 86_400, 42_000],
  ];
  const expected = {
    time: [
      "22:45:17.270862",
      "22:45:17.999999",
      "[Error converting time]",
      "22:45:17.000001",
      "22:45:18.000000",
      "22:45:17.000042",
    ],
    date: [
      "2013-05-30 22:45:17.270862",
      "2013-05-30 22:45:17.999999",
      "[Error converting time]",
      "2013-05-30 22:45:17.000001",
      "2013-05-30 22:45:18.000000",
      "2013-05-31 22:45:17.000042",
    ],
  };
  for (const timestamps of ["time", "date"] as const) {
    const printer = new TcpdumpPrinter({ timestamps, utc: true });
    const lines = times.map(([seconds, nanoseconds]) =>
      printer.format(packet, { seconds, nanoseconds, originalLength: FRAME.length })
    );
    assert.deepEqual(
      lines.map((line) => line.slice(0, line.indexOf(" ARP"))),
      expected[timestamps],
    );
  }
});

Deno.test({
  name: "sniff.ts prints edge timestamps as tcpdump does in every -t format and time zone",
  ignore: !(await hasCommand("tcpdump")),
  permissions: { read: true, write: true, run: ["tcpdump"], env: true },
  async fn() {
    const file = await Deno.makeTempFile({ suffix: ".pcapng" });
    const previousTz = Deno.env.get("TZ");
    try {
      await Deno.writeFile(file, capture());
      let compared = 0;
      for (const zone of ["UTC", "America/New_York", "Asia/Kolkata"]) {
        Deno.env.set("TZ", zone);
        for (const t of ["", "-t", "-tt", "-ttt", "-tttt", "-ttttt"]) {
          const args = ["-n", ...(t === "" ? [] : [t]), "-r", file];
          const theirs = await new Deno.Command("tcpdump", { args, env: { TZ: zone } }).output();
          let ours = "";
          const code = await sniff(args, {
            stdout: (bytes) => {
              ours += new TextDecoder().decode(bytes);
            },
            stderr: () => {},
          });
          assert.equal(code, 0);
          assert.equal(ours, new TextDecoder().decode(theirs.stdout), `TZ=${zone} ${t}`);
          compared++;
        }
      }
      assert.equal(compared, 18);
    } finally {
      if (previousTz === undefined) Deno.env.delete("TZ");
      else Deno.env.set("TZ", previousTz);
      await Deno.remove(file);
    }
  },
});
