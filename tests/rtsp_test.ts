import assert from "node:assert/strict";
import { decodeRtsp, Rtsp, RTSP_METHODS } from "../lib/app/rtsp.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";
import { buildIpv4, buildTcp } from "../lib/craft/mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

function segment(payload: string, sourcePort = 40000, destinationPort = 554): Uint8Array {
  const [source, destination] = ["10.0.0.1", "10.0.0.2"];
  const tcp = buildTcp({
    source,
    destination,
    sourcePort,
    destinationPort,
    sequence: 1,
    acknowledgment: 1,
    flags: 0x18,
    window: 512,
    payload: text(payload),
  });
  return buildIpv4({ source, destination, protocol: 6, payload: tcp });
}

function print(packet: Uint8Array, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose, absoluteSequence: true }).format(
    decode(LinkType.RAW, packet),
    { seconds: 0, nanoseconds: 0, originalLength: packet.length },
  );
}

Deno.test("decodeRtsp() tells requests and responses from a message's continuation", () => {
  for (const method of RTSP_METHODS) {
    assert.equal(
      decodeRtsp(text(`${method.toLowerCase()} rtsp://a/ RTSP/1.0\r\n`)).startsMessage,
      true,
    );
  }
  assert.equal(decodeRtsp(text("RTSP/1.0 454 Session Not Found\r\n")).startsMessage, true);
  assert.equal(decodeRtsp(text("RTSP/1.0 4540 x\r\n")).startsMessage, false);
  assert.equal(decodeRtsp(text("GET / HTTP/1.1\r\n")).startsMessage, false);
  const sdp = decodeRtsp(text("v=0\r\ns=cam\r\n"));
  assert.ok(sdp instanceof Rtsp);
  assert.deepEqual(sdp.lines, ["v=0", "s=cam"]);
  assert.deepEqual(sdp.toJSON(), { startsMessage: false, lines: ["v=0", "s=cam"], ending: "end" });
});

Deno.test("printRtsp() prints RTSP on ports 554 and 8554 as tcpdump's rtsp_print()", () => {
  const request = "GET_PARAMETER rtsp://10.2.2.2:8554/ RTSP/1.0\r\nCSeq: 9\r\n\r\n";
  assert.equal(
    print(segment(request, 52470, 8554)),
    "IP 10.0.0.1.52470 > 10.0.0.2.8554: Flags [P.], seq 1:58, ack 1, win 512, length 57: " +
      "RTSP: GET_PARAMETER rtsp://10.2.2.2:8554/ RTSP/1.0",
  );
  assert.match(
    print(segment(request), 1),
    /length 57: RTSP, length: 57\n\tGET_PARAMETER rtsp:\/\/10\.2\.2\.2:8554\/ RTSP\/1\.0\n\tCSeq: 9\n\t$/,
  );
  // A continuation is named only; HTTP's ports come first.
  assert.match(print(segment("v=0\r\n", 554, 40000)), /length 5: RTSP$/);
  assert.match(print(segment("OPTIONS * RTSP/1.0\r\n", 554, 80)), /: HTTP: OPTIONS \* RTSP\/1\.0$/);
});
