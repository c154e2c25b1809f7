/**
 * Test helpers: read the packets of a pcap or pcapng capture file, and run tshark over it,
 * so that decoder tests can compare with real captures before the capture readers land.
 * Private to the tests; the library's readers live in `lib/formats/`.
 *
 * @module
 */

import { parseTsharkFields, tsharkArgs } from "./_tshark.ts";

/** One packet record of a capture file. */
export interface FixturePacket {
  /** The `LINKTYPE_*` number of the packet. */
  linkType: number;
  /** The captured bytes. */
  data: Uint8Array;
  /** The length of the packet on the wire. */
  originalLength: number;
}

/** The folder of the shared public test captures, seen from `tests/`. */
export const capturesDir: URL = new URL("../../shared/captures/", import.meta.url);

/**
 * Tells whether a shared capture file can be read, so that tests skip cleanly without it.
 *
 * @param name The path under {@linkcode capturesDir}.
 * @returns `true` when the file exists.
 */
export function hasCapture(name: string): boolean {
  try {
    return Deno.statSync(new URL(name, capturesDir)).isFile;
  } catch {
    return false;
  }
}

/**
 * Runs `tshark -T fields` over a shared capture and returns one row of fields per packet.
 *
 * @param name The path under {@linkcode capturesDir}.
 * @param fields The field names, such as `tcp.srcport`.
 * @param extra More tshark arguments, such as `-o tcp.check_checksum:TRUE`.
 * @returns The rows: per packet, the first occurrence of each field ("" when absent).
 */
export function tsharkFields(name: string, fields: string[], extra: string[] = []): string[][] {
  const args = tsharkArgs(new URL(name, capturesDir).pathname, fields, { extraArgs: extra });
  const output = new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" })
    .outputSync();
  const rows = parseTsharkFields(new TextDecoder().decode(output.stdout), fields);
  return rows.map((row) => fields.map((field) => row[field]?.[0] ?? ""));
}

/**
 * Reads every packet of a pcap (micro- or nanosecond, either byte order) or pcapng file.
 *
 * @param name The path under {@linkcode capturesDir}.
 * @returns The packets, in file order.
 */
export function readCapture(name: string): FixturePacket[] {
  const bytes = Deno.readFileSync(new URL(name, capturesDir));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  return magic === 0x0a0d0d0a ? readPcapng(bytes, view) : readPcap(bytes, view, magic);
}

function readPcap(bytes: Uint8Array, view: DataView, magic: number): FixturePacket[] {
  const big = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const linkType = view.getUint32(20, !big) & 0x0fffffff;
  const packets: FixturePacket[] = [];
  for (let at = 24; at + 16 <= bytes.length;) {
    const captured = view.getUint32(at + 8, !big);
    const originalLength = view.getUint32(at + 12, !big);
    if (at + 16 + captured > bytes.length) break;
    packets.push({ linkType, data: bytes.subarray(at + 16, at + 16 + captured), originalLength });
    at += 16 + captured;
  }
  return packets;
}

function readPcapng(bytes: Uint8Array, view: DataView): FixturePacket[] {
  const packets: FixturePacket[] = [];
  let little = true;
  let linkTypes: number[] = [];
  for (let at = 0; at + 12 <= bytes.length;) {
    if (view.getUint32(at, false) === 0x0a0d0d0a) {
      little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
      linkTypes = [];
    }
    const type = view.getUint32(at, little);
    const length = view.getUint32(at + 4, little);
    if (length < 12 || at + length > bytes.length) break;
    if (type === 1) linkTypes.push(view.getUint16(at + 8, little));
    if (type === 6) {
      const captured = view.getUint32(at + 20, little);
      packets.push({
        linkType: linkTypes[view.getUint32(at + 8, little)] ?? -1,
        data: bytes.subarray(at + 28, at + 28 + captured),
        originalLength: view.getUint32(at + 24, little),
      });
    }
    at += length;
  }
  return packets;
}
