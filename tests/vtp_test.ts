import assert from "node:assert/strict";
import { printFrame } from "./_print_layer.ts";
import { decode } from "../lib/decode.ts";
import { DecodeError } from "../lib/errors.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeVtp, Vtp, VtpCode, vtpDecoder } from "../lib/link/vtp.ts";
import { decodeHex as hex } from "../lib/_hex.ts";

// From tcpdump's tests/rpvstp-trunk-native-vid5.pcap (packet 12), `tcpdump -xx`: VTPv1,
// Message Summary advertisement (0x01), length 77, in an 802.1Q-tagged 802.3 frame.
const SUMMARY = hex(`
  0100 0ccc cccc 001f 6d96 ec04 8100 0001
  0055 aaaa 0300 000c 2003 0101 0005 6369
  7363 6f00 0000 0000 0000 0000 0000 0000
  0000 0000 0000 0000 0000 0000 0000 0000
  0002 9b01 2507 3933 3033 3031 3030 3039
  3030 fb39 3cf6 7014 e50a a79c 7c5b 193f
  6fe1 0101 0002 00`);
/** Where the VTP message starts: after Ethernet, the tag and LLC/SNAP. */
const AT = 26;

/** A subset advertisement (sequence 1, revision 0x2a) of the VLAN information `fields`. */
function subset(...fields: number[][]): Uint8Array {
  const vtp = new Uint8Array(40 + fields.flat().length);
  vtp.set([1, 2, 1, 5, ...new TextEncoder().encode("cisco")]);
  vtp.set([0, 0, 0, 0x2a], 36);
  vtp.set(fields.flat(), 40);
  return vtp;
}

/** A VLAN information field of VLAN `id` named `name`, then `tlvs`. */
function vlanField(id: number, name: string, tlvs: number[] = [], size?: number): number[] {
  const padded = [...new TextEncoder().encode(name)];
  while (padded.length % 4 !== 0) padded.push(0);
  const body = [0, 1, name.length, id >> 8, id & 0xff, 0x05, 0xdc, 0, 1, 0x86, 0xa0 + id];
  return [size ?? 1 + body.length + padded.length + tlvs.length, ...body, ...padded, ...tlvs];
}

function print(frame: Uint8Array, verbose = 0): string {
  return printFrame(LinkType.EN10MB, frame, { verbose });
}

Deno.test("decodeVtp() reads a summary advertisement", () => {
  const vtp = decodeVtp(SUMMARY, AT);
  assert.ok(vtp instanceof Vtp);
  assert.deepEqual([vtp.version, vtp.code, vtp.headerByte], [1, VtpCode.SUMMARY_ADVERTISEMENT, 0]);
  assert.equal(vtp.domainName, "cisco");
  assert.equal(vtp.configRevision, 2);
  assert.equal(vtp.updaterIdentity, "155.1.37.7");
  assert.equal(new TextDecoder().decode(vtp.updateTimestamp), "930301000900");
  assert.deepEqual(vtp.md5Digest, hex("fb393cf67014e50aa79c7c5b193f6fe1"));
  assert.equal(vtp.startValue, undefined);
  assert.deepEqual(vtp.toJSON(), {
    version: 1,
    code: 1,
    headerByte: 0,
    domainNameLength: 5,
    domainName: "cisco",
    configRevision: 2,
    updaterIdentity: "155.1.37.7",
    updateTimestamp: "393330333031303030393030",
    md5Digest: "fb393cf67014e50aa79c7c5b193f6fe1",
  });
  assert.equal(vtpDecoder.create().kind, "vtp");
  assert.deepEqual(decode(LinkType.EN10MB, SUMMARY).layers.map((l) => l.kind), [
    "ethernet",
    "vlan",
    "llc",
    "vtp",
  ]);
});

Deno.test("decodeVtp() leaves fields the capture cut undefined, and keeps a cut header as partial", () => {
  const cut = decodeVtp(SUMMARY.subarray(AT, AT + 50));
  assert.equal(cut.configRevision, 2);
  assert.equal(cut.updaterIdentity, "155.1.37.7");
  assert.equal(cut.updateTimestamp, undefined);
  assert.equal(cut.md5Digest, undefined);
  assert.throws(() => decodeVtp(SUMMARY.subarray(AT, AT + 20)), (error: unknown) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.message, "Cannot decode VTP header: 36 bytes required, received 20");
    assert.equal(error.partial, true);
    return true;
  });
  const packet = decode(LinkType.EN10MB, SUMMARY.subarray(0, AT + 20));
  const vtp = packet.layer("vtp");
  assert.equal(vtp?.partial, true);
  assert.deepEqual(vtp?.toJSON(), { partial: true });
  assert.equal(packet.error?.partial, true);
});

Deno.test("Vtp.vlanList() walks the VLAN information fields and their TLVs", () => {
  const vtp = decodeVtp(
    subset(vlanField(1, "default"), vlanField(5, "v", [3, 1, 0, 2, 9, 1, 0, 7]), [0]),
  );
  assert.equal(vtp.configRevision, 0x2a);
  const { vlans, problem } = vtp.vlanList();
  assert.equal(problem, undefined);
  assert.deepEqual(vlans.map((v) => [v.vlanId, v.nameLength, v.mtu, v.status, v.type]), [
    [1, 7, 1500, 0, 1],
    [5, 1, 1500, 0, 1],
  ]);
  assert.equal(vlans[0]!.said, 0x186a1);
  assert.deepEqual(vlans[1]!.tlvs.map((t) => [t.type, t.length, t.value]), [[3, 1, 2], [9, 1, 7]]);
  assert.deepEqual((vtp.toJSON().vlans as unknown[]).length, 2);
  // What ends a walk early.
  const problemOf = (...fields: number[][]) => {
    const list = decodeVtp(subset(...fields)).vlanList();
    return list.problem ?? list.vlans.at(-1)?.problem;
  };
  assert.equal(problemOf(vlanField(1, "name", [], 14)), "name");
  assert.equal(problemOf(vlanField(1, "v", [3, 1, 0, 1, 7])), "tlv-short");
  assert.equal(problemOf(vlanField(1, "v", [3, 4, 0, 1])), "tlv-past-end");
  assert.equal(problemOf(vlanField(1, "v", [3, 2, 0, 1, 0, 0])), "tlv-length");
  assert.equal(problemOf([8, 0, 0, 0, 0, 0, 0, 0]), "short");
  assert.equal(problemOf([40, 0, 0, 0]), "truncated");
});

Deno.test("printVtp() prints the message as tcpdump does", () => {
  assert.equal(print(SUMMARY), "VTPv1, Message Summary advertisement (0x01), length 77");
  assert.equal(
    print(SUMMARY, 1),
    "VTPv1, Message Summary advertisement (0x01), length 77\n" +
      "\tDomain name: cisco, Followers: 0\n" +
      "\t  Config Rev 2, Updater 155.1.37.7, Timestamp 0x39333033 0x30313030 0x30393030, " +
      "MD5 digest: fb393cf67014e50aa79c7c5b193f6fe1",
  );
  // The capture cut inside the header: tcpdump's bounds check ends the packet.
  const cut = SUMMARY.subarray(0, AT + 20);
  assert.equal(printFrame(LinkType.EN10MB, cut, {}, SUMMARY.length), " [|vtp]");
  // A message shorter than the header on the wire is invalid.
  assert.equal(printFrame(LinkType.EN10MB, cut), " (invalid)");
});

Deno.test("printVtp() ends a message cut in its -v fields as a read past the capture", () => {
  // Cut inside the configuration revision: tcpdump dumps the whole frame with -X.
  const cut = SUMMARY.subarray(0, AT + 38);
  const text = printFrame(
    LinkType.EN10MB,
    cut,
    { verbose: 1, hex: 1, ascii: true },
    SUMMARY.length,
  );
  assert.match(
    text,
    /Domain name: cisco, Followers: 0 \[\|vtp\]\n\t0x0000: {2}0100 0ccc cccc 001f 6d96 ec04 8100 0001/,
  );
});

Deno.test("decode() and printVtp() never throw on mutated VTP messages", () => {
  let seed = 0x5eed;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const seeds = [
    SUMMARY,
    hex("0100 0ccc cccc 001f 6d96 ec04 0000 aaaa 0300 000c 2003"),
  ];
  const body = subset(vlanField(1, "default"), vlanField(5, "v", [3, 1, 0, 2, 6, 1, 0, 1]));
  const frame = new Uint8Array(22 + body.length);
  frame.set(seeds[1]!);
  frame.set([(8 + body.length) >> 8, (8 + body.length) & 0xff], 12);
  frame.set(body, 22);
  seeds[1] = frame;
  let printed = 0;
  for (let i = 0; i < 4000; i++) {
    const base = seeds[i % 2]!;
    const mutated = base.slice(0, base.length - (random() % 24));
    for (let n = random() % 6; n >= 0; n--) {
      mutated[22 + random() % (mutated.length - 22)] = random();
    }
    for (const verbose of [0, 1, 2]) {
      const text = printFrame(LinkType.EN10MB, mutated, { verbose, hex: i % 3 === 0 ? 1 : 0 });
      assert.doesNotMatch(text, /undefined|NaN|\[object/);
      printed++;
    }
    JSON.stringify(decode(LinkType.EN10MB, mutated));
  }
  assert.equal(printed, 12000);
});
