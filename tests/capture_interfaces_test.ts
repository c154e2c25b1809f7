// listInterfaces() and defaultInterface() against tcpdump -D (libpcap needed; no root).

import assert from "node:assert/strict";
import { defaultInterface, listInterfaces } from "../lib/capture/mod.ts";
import { hasCommand } from "./_shared.ts";
import { libpcapSkipReason, reportSkip, run } from "./_netns.ts";

const ignore = reportSkip("capture_interfaces_test.ts", libpcapSkipReason());

Deno.test({
  name: "listInterfaces() lists what tcpdump -D lists, with flags and descriptions",
  ignore: ignore || !(await hasCommand("tcpdump")),
  async fn() {
    const listing = await run(["tcpdump", "-D"]);
    const expected = listing.stdout.trim().split("\n").map((line) => {
      const m = /^\d+\.(\S+)(?: \((.*)\))? \[(.*)\]$/.exec(line)!;
      return { name: m[1]!, description: m[2], flags: m[3]!.split(", ") };
    });
    const interfaces = listInterfaces();
    assert.deepEqual(interfaces.map((i) => i.name), expected.map((e) => e.name));
    for (const [i, iface] of interfaces.entries()) {
      const want = expected[i]!;
      assert.equal(iface.description, want.description);
      assert.equal(iface.up, want.flags.includes("Up"), iface.name);
      assert.equal(iface.running, want.flags.includes("Running"), iface.name);
      assert.equal(iface.loopback, want.flags.includes("Loopback"), iface.name);
      assert.equal(iface.wireless, want.flags.includes("Wireless"), iface.name);
      assert.equal(iface.connectionStatus === "connected", want.flags.includes("Connected"));
    }
    assert.equal(defaultInterface(), expected[0]!.name);
  },
});

Deno.test({
  name: "listInterfaces() gives the loopback addresses and netmasks",
  ignore: ignore || Deno.build.os !== "linux",
  fn() {
    const lo = listInterfaces().find((i) => i.name === "lo");
    assert.ok(lo !== undefined);
    assert.equal(lo.loopback, true);
    const v4 = lo.addresses.find((a) => a.family === "ipv4");
    assert.deepEqual(v4, { family: "ipv4", address: "127.0.0.1", netmask: "255.0.0.0" });
    const link = lo.addresses.find((a) => a.family === "link");
    assert.equal(link?.address, "00:00:00:00:00:00");
  },
});
