import assert from "node:assert/strict";
import { decodeHttp } from "../lib/app/http.ts";
import { decodeSmtp } from "../lib/app/smtp.ts";
import { decodeFtp } from "../lib/app/ftp.ts";
import { decode } from "../lib/decode.ts";
import { LinkType } from "../lib/link_type.ts";
import { tcpSegment } from "./_tcp_segment.ts";
import { TcpdumpPrinter } from "../lib/print/mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

const segment = tcpSegment;

function format(packet: Uint8Array, verbose = 0): string {
  return new TcpdumpPrinter({ timestamps: "none", verbose, absoluteSequence: true }).format(
    decode(LinkType.RAW, packet),
    { seconds: 0, nanoseconds: 0, originalLength: packet.length },
  );
}

Deno.test("decodeHttp() reads a request line, a status line and the lines", () => {
  const request = decodeHttp(text("get /x HTTP/1.0\r\nHost: a\r\n\r\n"));
  assert.equal(request.startsMessage, true);
  assert.equal(request.method, "get");
  assert.deepEqual(request.lines, ["get /x HTTP/1.0", "Host: a", ""]);
  assert.equal(request.textLines.stop, "end");
  const response = decodeHttp(text("HTTP/1.1 200 OK\r\nServer"));
  assert.equal(response.statusCode, 200);
  assert.equal(response.reason, "OK");
  assert.equal(response.textLines.stop, "unterminated");
  assert.equal(decodeHttp(text("<html>\r\n")).startsMessage, false);
  assert.throws(() => decodeHttp(new Uint8Array(0)), { code: "truncated" });
});

Deno.test("printHttp() prints the first line, and every line with -v", () => {
  const packet = segment(1234, 80, text("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
  assert.deepEqual(decode(LinkType.RAW, packet).layers.map((l) => l.kind), ["ipv4", "tcp", "http"]);
  assert.equal(
    format(packet),
    "IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [P.], seq 1:28, ack 1, win 512, length 27: " +
      "HTTP: GET / HTTP/1.1",
  );
  assert.equal(
    format(packet, 1).split("\n").slice(1).join("\n"),
    "    10.0.0.1.1234 > 10.0.0.2.80: Flags [P.], cksum 0x" +
      format(packet, 1).split("cksum 0x")[1]!.slice(0, 4) +
      " (correct), seq 1:28, ack 1, win 512, length 27: HTTP, length: 27\n" +
      "\tGET / HTTP/1.1\n\tHost: a\n\t",
  );
  // A body segment: the name only.
  assert.match(format(segment(80, 1234, text("<html>\r\n"))), /length 8: HTTP$/);
  // A line the segment cuts.
  assert.match(
    format(segment(80, 1234, text("HTTP/1.1 200 OK"))),
    /: HTTP: HTTP\/1.1 200 OK \[\|http\]$/,
  );
});

Deno.test("printSmtp() and printFtp() print their first line", () => {
  assert.equal(decodeSmtp(text("EHLO a\r\n")).lines[0], "EHLO a");
  assert.equal(decodeFtp(text("USER x\r\n")).kind, "ftp");
  assert.match(
    format(segment(25, 4000, text("220 mail ESMTP\r\n"))),
    /length 16: SMTP: 220 mail ESMTP$/,
  );
  assert.match(
    format(segment(4000, 21, text("USER anonymous\r\n"))),
    /length 16: FTP: USER anonymous$/,
  );
  assert.match(
    format(segment(4000, 21, text("USER anonymous\r\nPASS x\r\n")), 1),
    /length 24: FTP, length: 24\n\tUSER anonymous\n\tPASS x$/,
  );
});
