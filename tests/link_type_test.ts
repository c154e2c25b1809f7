// Link-type names: the text after `link-type ` in the banner of sniff.ts, as tcpdump
// (through libpcap) prints it for every number a pcap file's header can hold.

import assert from "node:assert/strict";
import {
  LinkType,
  linkTypeDescription,
  linkTypeName,
  linkTypePcapName,
  linkTypeText,
} from "../lib/link_type.ts";
import { pcapBytes } from "../lib/formats/pcap.ts";
import { hasCommand, pool, runCommand } from "./_shared.ts";
import { withTempDir } from "./_temp_dir.ts";

Deno.test("linkTypeText() gives libpcap's name and description, or the number", () => {
  assert.equal(linkTypeText(LinkType.EN10MB), "EN10MB (Ethernet)");
  assert.equal(linkTypeText(50), "PPP_SERIAL (PPP over serial)");
  assert.equal(linkTypeText(LinkType.RAW), "RAW (Raw IP)");
  assert.equal(
    linkTypeText(LinkType.IEEE802_11_RADIO_AVS),
    "IEEE802_11_RADIO_AVS (802.11 plus AVS radio information header)",
  );
  assert.equal(linkTypeText(LinkType.RAW_14), "14");
  assert.equal(linkTypeDescription(281), "Broadcom tag");
  assert.equal(linkTypePcapName(LinkType.IEEE802_11_RADIOTAP), "IEEE802_11_RADIO");
  assert.equal(linkTypeName(LinkType.IEEE802_11_RADIOTAP), "IEEE802_11_RADIOTAP");
  assert.equal(linkTypeText(4242), "4242");
});

Deno.test({
  name: "linkTypeText() names every link type 0 to 299 as tcpdump's banner does",
  ignore: !(await hasCommand("tcpdump")),
  async fn() {
    await withTempDir(async (dir) => {
      const numbers = Array.from({ length: 300 }, (_, i) => i);
      const banners = await pool(numbers, 8, async (linkType) => {
        const path = `${dir}/${linkType}.pcap`;
        await Deno.writeFile(path, pcapBytes([], { linkType, snapLength: 65535 }));
        const { stderr } = await runCommand("tcpdump", ["-r", path]);
        return /link-type (.*), snapshot length/.exec(stderr)?.[1];
      });
      let named = 0;
      numbers.forEach((linkType, i) => {
        const banner = banners[i];
        assert.ok(banner !== undefined, `tcpdump printed no banner for link type ${linkType}`);
        assert.equal(linkTypeText(linkType), banner, `link type ${linkType}`);
        if (banner !== String(linkType)) named++;
      });
      assert.ok(named > 140, `${named} link types named`);
    });
  },
});
