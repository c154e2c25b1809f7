/**
 * Writes the testdata captures of link types that no Linux interface here records, with
 * frames built byte by byte (addresses 02:00:00:00:00:0N, 10.0.0.1 and 10.0.0.2):
 *
 * - `wlan_frames.pcap` (IEEE802_11, 105): a beacon, probe request and response,
 *   association request and response, authentication, deauthentication, disassociation,
 *   action and reassociation frames; RTS, CTS, acknowledgment, PS-Poll, block ack request
 *   and block ack; a null data frame, data frames to LLC/SNAP/IPv4 (to the DS, from the
 *   DS, and a QoS frame through a WDS) and a protected data frame.
 * - `frame_relay_lmi.pcap` (FRELAY, 107): a Q.933 ANSI status enquiry and a CCITT status
 *   reply, IPv4 after the NLPID, after SNAP (with a pad byte) and in Cisco's
 *   encapsulation.
 * - `ppi_80211.pcap` (PPI, 192): 802.11 frames (beacon, acknowledgment, data to IPv4)
 *   after a PPI header with an 802.11-common field.
 *
 * The output is deterministic; `tests/testdata_test.ts` builds the files again and
 * compares.
 *
 * Run: `deno run --allow-write=testdata testdata/write_link_types.ts`
 *
 * @module
 */

import { pcapBytes } from "../lib/formats/pcap.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeHex } from "../lib/_hex.ts";

const here = new URL("./", import.meta.url);

function bytes(...parts: (string | Uint8Array)[]): Uint8Array {
  const arrays = parts.map((p) => typeof p === "string" ? decodeHex(p.replaceAll(" ", "")) : p);
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

const A1 = "020000000001";
const A2 = "020000000002";
const A3 = "020000000003";
const A4 = "020000000004";

/** An ICMP echo request from 10.0.0.1 to 10.0.0.2, with correct checksums. */
const IP = "4500001c00010000400166de0a0000010a000002 0800f7ff00000000";
const SNAP = "aaaa030000000800";

/** A beacon for SSID TESLA on channel 11 (from a public capture's layout). */
const BEACON = "80000000ffffffffffff0013460b22ba0013460b22ba805481a18516000000006400" +
  "310400055445534c41010882848b960c18304803010b050400010000";

function management(subtype: number, body: string): Uint8Array {
  return bytes(new Uint8Array([subtype << 4, 0]), "3a01", A1, A2, A3, "1000", body);
}

function records(frames: Uint8Array[]): { timestamp: bigint; data: Uint8Array }[] {
  return frames.map((data, i) => ({
    timestamp: (1_700_000_000n + BigInt(i)) * 1_000_000_000n + BigInt(i) * 1_000_000n,
    data,
  }));
}

/** Builds `wlan_frames.pcap`. */
export function wlanFrames(): Uint8Array {
  const frames = [
    bytes(BEACON),
    management(4, "0004 74657374 0104 02040b16"),
    management(5, "0000000000000000 6400 0100 0004 74657374 0102 8284 030106"),
    management(0, "1100 0a00 0004 74657374 0102 8284"),
    management(1, "1100 0000 01c0 0102 8284"),
    management(11, "0000 0100 0000"),
    management(11, "0000 0200 0000"),
    management(12, "0700"),
    management(10, "0800"),
    management(13, "030001"),
    management(2, `1100 0a00 ${A3} 0004 74657374`),
    bytes("b4001000", A1, A2),
    bytes("c4001000", A1),
    bytes("d4000000", A1),
    bytes("a40001c0", A1, A2),
    bytes("84001000", A1, A2, "04002001"),
    bytes("94001000", A1, A2),
    bytes("48111000", A1, A2, A3, "0000"),
    bytes("08011000", A1, A2, A3, "0000", SNAP, IP),
    bytes("08021000", A1, A2, A3, "0000", SNAP, IP),
    bytes("88031000", A1, A2, A3, "0000", A4, "0000", SNAP, IP),
    bytes("08421000", A1, A2, A3, "0000", "05000040", "000000000000000000000000"),
  ];
  return pcapBytes(records(frames), { linkType: LinkType.IEEE802_11 });
}

/** Builds `frame_relay_lmi.pcap`. */
export function frameRelayLmi(): Uint8Array {
  const frames = [
    bytes("0001 0308 00 75 95 010101 03020504"),
    bytes("0001 0308 00 7d 510100 53020605 570300f082"),
    bytes("1861 03cc", IP),
    bytes("1861 0300 80 000000 0800", IP),
    bytes("1861 0800", IP),
  ];
  return pcapBytes(records(frames), { linkType: LinkType.FRELAY });
}

/** Builds `ppi_80211.pcap`. */
export function ppi80211(): Uint8Array {
  // Version 0, flags 0, length 32, link type 105; an 802.11-common field (type 2, 20 bytes).
  const header = "0000 2000 69000000 0200 1400 0000000000000000 0000000000000000 00000000";
  const frames = [
    bytes(header, BEACON),
    bytes(header, "d4000000", A1),
    bytes(header, "08021000", A1, A2, A3, "0000", SNAP, IP),
  ];
  return pcapBytes(records(frames), { linkType: LinkType.PPI });
}

if (import.meta.main) {
  Deno.writeFileSync(new URL("wlan_frames.pcap", here), wlanFrames());
  Deno.writeFileSync(new URL("frame_relay_lmi.pcap", here), frameRelayLmi());
  Deno.writeFileSync(new URL("ppi_80211.pcap", here), ppi80211());
}
