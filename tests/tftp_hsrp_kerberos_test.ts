import assert from "node:assert/strict";
import { decodeTftp } from "../lib/app/tftp.ts";
import { decodeHsrp } from "../lib/app/hsrp.ts";
import { decodeKerberos } from "../lib/app/kerberos.ts";
import { DecodeError } from "../lib/errors.ts";
import { pcapBytes } from "../lib/formats/pcap_writer.ts";
import { LinkType } from "../lib/link_type.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { runPipeline } from "../lib/pipeline/print.ts";
import { ascii, decodeUdpApp, udpAppLine, udpAppPacket } from "./_udp_app.ts";

const TFTP = { sourcePort: 44935, destinationPort: 69 };
const HSRP = { sourcePort: 1985, destinationPort: 1985 };
const KRB = { sourcePort: 1234, destinationPort: 88 };

// HSRPv0 hello, active, hellotime 3, holdtime 10, priority 120, group 1, auth "cisco",
// virtual address 192.168.0.1 (as in tcpdump's HSRP_coup.pcap).
const HELLO = new Uint8Array([
  0,
  0,
  16,
  3,
  10,
  120,
  1,
  0,
  0x63,
  0x69,
  0x73,
  0x63,
  0x6f,
  0,
  0,
  0,
  192,
  168,
  0,
  1,
]);

Deno.test("decodeTftp() reads requests, blocks and errors", () => {
  const request = decodeTftp(ascii("\0\x01file1\0octet\0blksize\x001428\0"));
  assert.deepEqual(request.strings().map((s) => request.text(s)), [
    "file1",
    "octet",
    "blksize",
    "1428",
  ]);
  assert.equal(decodeTftp(new Uint8Array([0, 3, 0, 9, 1])).block, 9);
  const error = decodeTftp(ascii("\0\x05\0\x01not found\0"));
  assert.equal(error.errorCode, 1);
  assert.equal(error.text(error.strings()[0]!), "not found");
  assert.equal(decodeTftp(ascii("\0\x01file")).strings()[0]?.terminated, false);
  assert.throws(() => decodeTftp(new Uint8Array(0)), DecodeError);
});

Deno.test("printTftp() prints requests as tcpdump does", () => {
  assert.equal(
    udpAppLine(ascii("\0\x01file1\0octet\0"), TFTP),
    'IP 10.0.0.1.44935 > 10.0.0.2.69: TFTP, length 14, RRQ "file1" octet',
  );
  assert.equal(
    udpAppLine(ascii("\0\x05\0\x01File not found\0"), TFTP),
    'IP 10.0.0.1.44935 > 10.0.0.2.69: TFTP, length 19, ERROR ENOTFOUND "File not found"',
  );
  assert.equal(
    udpAppLine(ascii("\0\x01file1\0octet\0"), { ...TFTP, snapLength: 28 + 6 }),
    'IP 10.0.0.1.44935 > 10.0.0.2.69: TFTP, length 14, RRQ "file" [|tftp]',
  );
});

Deno.test("decodeHsrp() and printHsrp() read and print a hello as tcpdump does", () => {
  const hsrp = decodeHsrp(HELLO);
  assert.equal(hsrp.priority, 120);
  assert.equal(hsrp.virtualAddress, "192.168.0.1");
  assert.equal(decodeUdpApp(HELLO, HSRP).layer("hsrp")?.group, 1);
  assert.equal(
    udpAppLine(HELLO, HSRP),
    "IP 10.0.0.1.1985 > 10.0.0.2.1985: HSRPv0-hello 20: state=active group=1 addr=192.168.0.1",
  );
  assert.equal(
    udpAppLine(HELLO, HSRP, 1).split("\n")[1],
    "    10.0.0.1.1985 > 10.0.0.2.1985: HSRPv0-hello 20: state=active group=1 " +
      'addr=192.168.0.1 hellotime=3s holdtime=10s priority=120 auth="cisco"',
  );
  assert.equal(
    udpAppLine(HELLO, { ...HSRP, snapLength: 28 + 10 }),
    "IP 10.0.0.1.1985 > 10.0.0.2.1985: HSRPv0-hello 20: state=active group=1  [|hsrp]",
  );
});

/** What the printing pipeline prints for HSRP hellos between the ports, one line each. */
async function hsrpLines(ports: [number, number][], packetType?: string): Promise<string[]> {
  const capture = pcapBytes(
    ports.map(([sourcePort, destinationPort]) => ({
      timestamp: 0n,
      data: udpAppPacket(HELLO, { sourcePort, destinationPort }),
    })),
    { linkType: LinkType.RAW },
  );
  await using reader = await openCapture(ReadableStream.from([capture]));
  let text = "";
  await runPipeline(reader.batches({ reuseBuffers: true }), {
    output: { kind: "print", printer: { timestamps: "none", packetType } },
    write: (bytes) => {
      text += new TextDecoder().decode(bytes);
    },
  });
  return text.trimEnd().split("\n").map((line) => line.replace(/^IP \S+ > \S+: /, ""));
}

Deno.test("runPipeline() takes HSRP by its destination port only, as udp_print() does", async () => {
  const hello = "HSRPv0-hello 20: state=active group=1 addr=192.168.0.1";
  // As tcpdump: from port 1985 to a port it does not print (or prints only as a source,
  // as BCM LI's 49152) is plain UDP; to 1985 is HSRP, whatever the source port.
  assert.deepEqual(
    await hsrpLines([[1985, 9999], [1985, 49152], [9999, 1985], [49152, 1985], [1985, 1985]]),
    ["UDP, length 20", "UDP, length 20", hello, hello, hello],
  );
  // Under -T every datagram is the type, whatever its ports.
  assert.deepEqual(await hsrpLines([[1985, 49152], [1985, 9999]], "snmp"), [
    " [P/U/U-0][!init SEQ]",
    " [P/U/U-0][!init SEQ]",
  ]);
});

Deno.test("decodeHsrp() reads the fields of a message cut short as 0", () => {
  const hsrp = decodeHsrp(HELLO.subarray(0, 5));
  assert.equal(hsrp.captured, 5);
  assert.deepEqual([hsrp.state, hsrp.holdTime, hsrp.priority, hsrp.group], [
    HELLO[2],
    HELLO[4],
    0,
    0,
  ]);
});

Deno.test("decodeKerberos() and printKerberos() print the version as tcpdump does", () => {
  const request = new Uint8Array([0x6a, 0x81, 0xa0, 0x30]);
  assert.equal(decodeKerberos(request).version, 5);
  assert.equal(decodeUdpApp(request, KRB).layer("kerberos")?.firstByte, 0x6a);
  assert.equal(udpAppLine(request, KRB), "IP 10.0.0.1.1234 > 10.0.0.2.88:  v5");
  // A KRB-ERROR (0x7e): tcpdump prints nothing after the ports.
  assert.equal(udpAppLine(new Uint8Array([0x7e, 0x81]), KRB), "IP 10.0.0.1.1234 > 10.0.0.2.88: ");
});

Deno.test("printKerberos() prints Kerberos 4 principals as tcpdump does", () => {
  // A KDC request: alice.@ATHENA, ctime, lifetime 96 (x 5 min), service krbtgt.ATHENA.
  const request = new Uint8Array([
    4,
    2,
    ...ascii("alice\0\0ATHENA\0"),
    1,
    2,
    3,
    4,
    96,
    ...ascii("krbtgt\0ATHENA\0"),
  ]);
  const krb = decodeKerberos(request);
  assert.equal(krb.version, 4);
  assert.equal(krb.v4Fields().fields.length, 6);
  assert.equal(
    udpAppLine(request, { sourcePort: 1234, destinationPort: 750 }),
    "IP 10.0.0.1.1234 > 10.0.0.2.750:  v4 be KDC_REQUEST: alice.@ATHENA 480min krbtgt.ATHENA",
  );
  assert.equal(
    udpAppLine(request, { sourcePort: 1234, destinationPort: 750, snapLength: 28 + 10 }),
    "IP 10.0.0.1.1234 > 10.0.0.2.750:  v4 be KDC_REQUEST: alice.@A [|krb]",
  );
});
