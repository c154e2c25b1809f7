// Printed details of IPv4, TCP and IPv6 extension header options, each from the decoders'
// option lists, against lines tcpdump 4.99.3 printed for the same bytes.
import assert from "node:assert/strict";
import { decode } from "../lib/decode.ts";
import { buildIpv4, buildIpv6, buildTcp, buildUdp } from "../lib/craft/mod.ts";
import { IpProtocol } from "../lib/ip_protocol.ts";
import { LinkType } from "../lib/link_type.ts";
import { decodeIpv4 } from "../lib/net/ipv4.ts";
import { type TcpdumpOptions, TcpdumpPrinter } from "../lib/print/mod.ts";

function line(bytes: Uint8Array, options: TcpdumpOptions = {}): string {
  const printer = new TcpdumpPrinter({ timestamps: "none", ...options });
  const record = { seconds: 0, nanoseconds: 0, originalLength: bytes.length };
  return printer.format(decode(LinkType.RAW, bytes), record);
}

const ADDRESSES = { source: "10.0.0.1", destination: "10.0.0.2" };

function icmpWithOptions(options: number[]): Uint8Array {
  return buildIpv4({
    ...ADDRESSES,
    protocol: IpProtocol.ICMP,
    dontFragment: false,
    options: new Uint8Array(options),
    payload: new Uint8Array([8, 0, 0xf7, 0xff, 0, 0, 0, 0]),
  });
}

Deno.test("decodeIpv4() gives the addresses of a record route option", () => {
  const ip = decodeIpv4(icmpWithOptions([7, 11, 8, 1, 2, 3, 4, 10, 0, 0, 9, 0]));
  const rr = ip.options[0]!;
  assert.equal(rr.name, "RR");
  assert.equal(rr.offset, 20);
  assert.deepEqual(rr.route, { pointer: 8, addresses: ["1.2.3.4", "10.0.0.9"], truncated: false });
});

Deno.test("decodeIpv4() gives the entries of a timestamp option", () => {
  const ip = decodeIpv4(icmpWithOptions([68, 12, 13, 1, 10, 0, 0, 1, 0, 0, 0, 42]));
  assert.deepEqual(ip.options[0]!.timestamps, {
    pointer: 13,
    overflow: 0,
    flag: 1,
    entries: [{ address: "10.0.0.1", timestamp: 42 }],
    truncated: false,
  });
});

Deno.test("printIpv4() prints route and timestamp option contents with -v", () => {
  const rr = line(icmpWithOptions([7, 11, 8, 1, 2, 3, 4, 0, 0, 0, 0, 0]), { verbose: 1 });
  assert.match(rr, /, options \(RR 1\.2\.3\.4, 0\.0\.0\.0,EOL\)\)/);
  const ts = line(icmpWithOptions([68, 12, 5, 0, 0, 0, 0, 7, 0, 0, 0, 0]), { verbose: 1 });
  assert.match(ts, /, options \(timestamp TS\{TSONLY \^ 7@ 0@\}\)\)/);
  const lsrr = line(icmpWithOptions([1, 131, 7, 4, 10, 0, 0, 9]), { verbose: 1 });
  assert.match(lsrr, /, options \(NOP,LSRR 10\.0\.0\.9\)\)/);
});

Deno.test("printIpv4() prints [bad length] for an option that runs past the header", () => {
  const text = line(icmpWithOptions([1, 7, 9, 4, 0, 0, 0, 0]), { verbose: 1 });
  assert.match(text, /, options \(NOP,RR \[bad length 9\]\)\)/);
});

Deno.test("Ipv4.pseudoHeaderSum() uses the final destination of a source route", () => {
  const options = new Uint8Array([1, 131, 7, 4, 10, 0, 0, 9]);
  const tcp = buildTcp({
    source: "10.0.0.1",
    destination: "10.0.0.9", // the final destination, as the sender sums it
    sourcePort: 1000,
    destinationPort: 80,
    sequence: 1,
    flags: { syn: true },
  });
  const packet = buildIpv4({ ...ADDRESSES, protocol: IpProtocol.TCP, options, payload: tcp });
  const decoded = decode(LinkType.RAW, packet);
  assert.deepEqual(decoded.layer("ipv4")!.finalDestinationBytes, new Uint8Array([10, 0, 0, 9]));
  assert.equal(decoded.layer("tcp")!.checksumValid, true);
  assert.match(line(packet, { verbose: 1 }), /cksum 0x[0-9a-f]{4} \(correct\)/);
});

function tcpWithOptions(options: number[]): Uint8Array {
  const tcp = buildTcp({
    ...ADDRESSES,
    sourcePort: 1000,
    destinationPort: 2000,
    sequence: 1,
    flags: { syn: true },
    options: new Uint8Array(options),
  });
  return buildIpv4({ ...ADDRESSES, protocol: IpProtocol.TCP, payload: tcp });
}

Deno.test("decodeTcp() marks an option cut short as malformed", () => {
  const tcp = decode(LinkType.RAW, tcpWithOptions([1, 2, 4, 5, 0xb4, 3, 9])).layer("tcp")!;
  const last = tcp.options.at(-1)!;
  assert.equal(last.name, "malformed");
  assert.equal(last.offset, 20 + 20 + 5); // after the IPv4 and fixed TCP headers
  assert.equal(tcp.optionsMalformed, true);
});

Deno.test("printTcp() prints [bad opt], closes the list only after another option, and stops", () => {
  // tcpdump 4.99.3 leaves tcp_print() there: no length, nothing of the payload.
  assert.match(
    line(tcpWithOptions([1, 2, 4, 5, 0xb4, 3, 9])),
    /options \[nop,mss 1460,\[bad opt\]\]$/,
  );
  assert.match(line(tcpWithOptions([3, 9, 0, 0])), /options \[\[bad opt\]$/);
});

Deno.test("printTcp() reads a known option's size whatever its length byte says, as tcpdump", () => {
  // TS of 12 bytes: val and ecr, "[len 12]", then its last two bytes read as an option.
  assert.match(
    line(tcpWithOptions([8, 12, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1])),
    /options \[TS val 1 ecr 2\[len 12\],nop,nop\], length 0$/,
  );
  // SACK-permitted of 4 bytes: the two after its length byte are options.
  assert.match(
    line(tcpWithOptions([4, 4, 1, 1])),
    /options \[sackOK\[len 4\],nop,nop\], length 0$/,
  );
  // A TS whose 8 bytes pass the header's end: named, then [bad opt].
  assert.match(line(tcpWithOptions([1, 1, 8, 2])), /options \[nop,nop,TS\[bad opt\]\]$/);
});

Deno.test("printTcp() prints a TCP-AO option's key IDs and MAC", () => {
  assert.match(
    line(tcpWithOptions([29, 8, 1, 2, 0xaa, 0xbb, 0xcc, 0xdd])),
    /options \[tcp-ao keyid 1 rnextkeyid 2 mac 0xaabbccdd\], length 0$/,
  );
});

function ipv6With(nextHeader: number, extension: number[], inner: Uint8Array): Uint8Array {
  const payload = new Uint8Array([...extension, ...inner]);
  return buildIpv6({ source: "2001:db8::1", destination: "2001:db8::2", nextHeader, payload });
}

Deno.test("printIpv6Routing() prints rsv with -v and sums the final destination", () => {
  const udp = buildUdp({
    source: "2001:db8::1",
    destination: "2001:db8::9", // the last address of the route
    sourcePort: 1000,
    destinationPort: 2000,
  });
  const routing = [17, 2, 0, 1, 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 9];
  const text = line(ipv6With(43, routing, udp), { verbose: 1 });
  assert.match(text, /RT6 \(len=2, type=0 \[Deprecated\], segleft=1, rsv=0x0, \[0\]2001:db8::9\)/);
  assert.match(text, /\[udp sum ok\]/);
});

Deno.test("printIpv6HopByHop() prints options without spaces between them, then one", () => {
  const udp = buildUdp({
    source: "2001:db8::1",
    destination: "2001:db8::2",
    sourcePort: 1000,
    destinationPort: 2000,
  });
  // Pad1, PadN of 2 bytes, an unknown option 0x3e of 2 bytes, Pad1.
  const hop = [17, 0, 0, 1, 0, 0x3e, 0, 0];
  const text = line(ipv6With(0, hop, udp), { verbose: 1 });
  assert.match(text, /HBH \(pad1\)\(padn\)\(opt_type 0x3e: len=0\)\(pad1\) 1000 > 2000/);
});

Deno.test("printIpv6HopByHop() stops at a malformed router alert with [|hbhopt]", () => {
  const hop = [17, 0, 5, 3, 0, 0, 0, 0];
  assert.match(
    line(ipv6With(0, hop, new Uint8Array(8))),
    /HBH \(rtalert: invalid len 3\) \[\|hbhopt\]$/,
  );
});
