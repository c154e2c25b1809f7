// The C struct layouts in ffi/libpcap.ts against offsetof() and sizeof() from the system's
// headers (<pcap.h>, <netinet/in.h>, <linux/if_packet.h>), compiled with gcc. Skipped without
// gcc or the libpcap headers (libpcap-dev).

import assert from "node:assert/strict";
import { Layout, PcapIfFlag, PcapStatus } from "../ffi/libpcap.ts";
import { hasCommand } from "./_shared.ts";
import { reportSkip, run } from "./_netns.ts";

let skip: string | undefined;
if (Deno.build.os !== "linux") skip = "the layouts are checked on Linux";
else if (!(await hasCommand("gcc"))) skip = "gcc is not installed";
else {
  try {
    Deno.statSync("/usr/include/pcap/pcap.h");
  } catch {
    skip = "the libpcap headers are not installed (apt-get install libpcap-dev)";
  }
}
const ignore = reportSkip("libpcap_structs_test.ts", skip);

const fields: Record<string, string[]> = {
  pcap_pkthdr: ["ts.tv_sec:tv_sec", "ts.tv_usec:tv_usec", "caplen", "len"],
  pcap_stat: ["ps_recv", "ps_drop", "ps_ifdrop"],
  bpf_program: ["bf_len", "bf_insns"],
  bpf_insn: ["code", "jt", "jf", "k"],
  pcap_if: ["next", "name", "description", "addresses", "flags"],
  pcap_addr: ["next", "addr", "netmask", "broadaddr", "dstaddr"],
  sockaddr_in: ["sin_port", "sin_addr"],
  sockaddr_in6: ["sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id"],
  sockaddr_ll: ["sll_protocol", "sll_ifindex", "sll_hatype", "sll_halen", "sll_addr"],
};

Deno.test({
  name: "Layout matches offsetof() and sizeof() of the C headers",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "wirekit-structs-" });
    try {
      const lines: string[] = [];
      for (const [struct, names] of Object.entries(fields)) {
        const type = struct.startsWith("sockaddr") || struct === "pcap_stat" ||
            struct === "bpf_program" || struct === "bpf_insn" || struct === "pcap_pkthdr"
          ? `struct ${struct}`
          : `${struct}_t`;
        if ("size" in Layout[struct as keyof typeof Layout]) {
          lines.push(`printf("${struct}.size %zu\\n", sizeof(${type}));`);
        }
        for (const field of names) {
          const [member, key] = field.includes(":") ? field.split(":") : [field, field];
          lines.push(`printf("${struct}.${key} %zu\\n", offsetof(${type}, ${member}));`);
        }
      }
      const enums = [
        "PCAP_ERROR_NO_SUCH_DEVICE",
        "PCAP_ERROR_PERM_DENIED",
        "PCAP_ERROR_TSTAMP_PRECISION_NOTSUP",
        "PCAP_WARNING_PROMISC_NOTSUP",
        "PCAP_IF_WIRELESS",
        "PCAP_IF_CONNECTION_STATUS_NOT_APPLICABLE",
      ];
      for (const name of enums) lines.push(`printf("${name} %d\\n", ${name});`);
      const source = `#include <stddef.h>
#include <stdio.h>
#include <pcap/pcap.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
int main(void) {
${lines.join("\n")}
return 0;
}
`;
      await Deno.writeTextFile(`${dir}/layout.c`, source);
      const compiled = await run(["gcc", "-o", `${dir}/layout`, `${dir}/layout.c`]);
      assert.equal(compiled.code, 0, compiled.stderr);
      const output = await run([`${dir}/layout`]);
      const values = new Map(
        output.stdout.trim().split("\n").map((line) => {
          const [key, value] = line.split(" ");
          return [key!, Number(value)] as const;
        }),
      );
      for (const [struct, layout] of Object.entries(Layout)) {
        if (!(struct in fields)) continue;
        for (const [key, offset] of Object.entries(layout)) {
          assert.equal(offset, values.get(`${struct}.${key}`), `${struct}.${key}`);
        }
      }
      assert.equal(PcapStatus.ERROR_NO_SUCH_DEVICE, values.get("PCAP_ERROR_NO_SUCH_DEVICE"));
      assert.equal(PcapStatus.ERROR_PERM_DENIED, values.get("PCAP_ERROR_PERM_DENIED"));
      assert.equal(
        PcapStatus.ERROR_TSTAMP_PRECISION_NOTSUP,
        values.get("PCAP_ERROR_TSTAMP_PRECISION_NOTSUP"),
      );
      assert.equal(PcapStatus.WARNING_PROMISC_NOTSUP, values.get("PCAP_WARNING_PROMISC_NOTSUP"));
      assert.equal(PcapIfFlag.WIRELESS, values.get("PCAP_IF_WIRELESS"));
      assert.equal(
        PcapIfFlag.CONNECTION_STATUS_NOT_APPLICABLE,
        values.get("PCAP_IF_CONNECTION_STATUS_NOT_APPLICABLE"),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
