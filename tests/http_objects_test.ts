import assert from "node:assert/strict";
import { hasTshark } from "./_tshark.ts";
import { sharedCaptures, testdataDir } from "./_shared.ts";
import { HttpObjects } from "../lib/app/http_objects.ts";
import type { StreamInfo } from "../lib/reassembly/stream_types.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";

const text = (s: string) => new TextEncoder().encode(s);

function stream(index: number): StreamInfo {
  return {
    protocol: "tcp",
    index,
    ipVersion: 4,
    clientAddress: "10.0.0.1",
    clientPort: 40000 + index,
    serverAddress: "10.0.0.2",
    serverPort: 80,
    firstSeen: 0,
  };
}

/** The names of objects exchanged over one stream each: [request target, response body]. */
function names(exchanges: [string, string][]): string[] {
  const objects = new HttpObjects();
  return exchanges.flatMap(([target, body], i) => [
    ...objects.add({
      type: "data",
      stream: stream(i),
      direction: 0,
      offset: 0,
      time: 0,
      data: text(`GET ${target} HTTP/1.1\r\n\r\n`),
    }, 1),
    ...objects.add({
      type: "data",
      stream: stream(i),
      direction: 1,
      offset: 0,
      time: 0,
      data: text(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    }, 2 + i),
  ]).map((o) => o.name);
}

Deno.test("HttpObjects names objects as tshark does", () => {
  assert.deepEqual(
    names([
      ["/", "a"],
      ["/", "b"],
      ["/dir/", "c"],
      ["/x/page.html?q=a/b", "d"],
      ["/a/page.html", "e"],
      ["/a/page.html", "f"],
      ['/a/b:c*d<e>|f"g\\h', "g"],
      ["", "h"],
      ["/empty-body", ""],
    ]),
    ["%2f", "%2f(1)", "dir", "b", "page.html", "page(1).html", "b%3ac%2ad%3ce%3e%7cf%22g%5ch", "."],
  );
});

Deno.test("HttpObjects cuts long names to 255 bytes keeping the extension", () => {
  const [long, again] = names([[`/${"a".repeat(300)}.txt`, "x"], [`/${"a".repeat(300)}.txt`, "y"]]);
  assert.equal(long, `${"a".repeat(251)}.txt`);
  assert.equal(again, `${"a".repeat(248)}(1).txt`);
});

Deno.test("HttpObjects names a pipelined response after its own request", () => {
  const objects = new HttpObjects();
  const s = stream(0);
  const at = (direction: 0 | 1, data: string) =>
    objects.add({ type: "data", stream: s, direction, offset: 0, time: 0, data: text(data) }, 1);
  at(0, "GET /one HTTP/1.1\r\n\r\nHEAD /two HTTP/1.1\r\n\r\nGET /three HTTP/1.1\r\n\r\n");
  const got = at(
    1,
    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1" +
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" +
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n3",
  );
  assert.deepEqual(got.map((o) => [o.name, new TextDecoder().decode(o.data)]), [
    ["one", "1"],
    ["three", "3"],
  ]);
});

Deno.test("HttpObjects reads a capture that starts with a response and names it by frame", () => {
  const objects = new HttpObjects();
  const [object] = objects.add({
    type: "data",
    stream: stream(0),
    direction: 0,
    offset: 0,
    time: 0,
    data: text(
      "HTTP/1.1 200 OK\r\nContent-Type: Text/XML; charset=utf-8\r\nContent-Length: 2\r\n\r\nok",
    ),
  }, 7);
  assert.equal(object?.name, "object7.text%2fxml");
  assert.equal(object?.side, "server");
});

/** Name to bytes, as HttpObjects exports a capture. */
async function ours(file: string): Promise<Map<string, Uint8Array>> {
  const objects = new HttpObjects();
  const out = new Map<string, Uint8Array>();
  const counter = { frame: 0 };
  await using reader = await openCapture(file);
  async function* numbered() {
    for await (const record of reader) {
      counter.frame++;
      yield record;
    }
  }
  for await (const event of reassemble(numbered())) {
    for (const object of objects.add(event, counter.frame)) out.set(object.name, object.data);
  }
  return out;
}

/** Name to bytes, as `tshark --export-objects http,DIR` exports a capture. */
async function tsharks(file: string): Promise<Map<string, Uint8Array>> {
  const dir = await Deno.makeTempDir();
  try {
    const { code } = await new Deno.Command("tshark", {
      args: ["-q", "-r", file, "--export-objects", `http,${dir}`],
      stdout: "null",
      stderr: "null",
    }).output();
    assert.equal(code, 0, `tshark failed on ${file}`);
    const out = new Map<string, Uint8Array>();
    for await (const entry of Deno.readDir(dir)) {
      out.set(entry.name, await Deno.readFile(`${dir}/${entry.name}`));
    }
    return out;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Captures with HTTP objects (or none, where tshark also finds HTTP or TLS), by path. */
const CORPUS = [
  "dpkt/nb6-http.pcap",
  "gopacket/test_loopback.pcap",
  "pcapplusplus/nanosecs_big_endian.pcap",
  "pcapplusplus/raw_ip.pcap",
  "pcapplusplus/sll.pcap",
  "pcapplusplus/SllPacket.pcap",
  "tcpdump/ipv4_tcp_http_xml.pcap",
  "tcpdump/ipv4_tcp_http_xml_tso.pcap",
  "tcpdump/print-flags.pcap",
  "zeek/vlan-qinqinq.pcap",
  "libpcap/AH-IPcomp-IPv6.pcap",
  "tcpdump/arcnet-rfc1201-arp-icmp-http.pcap",
];

/** Where wirekit and tshark 4.0 disagree on purpose, and why. */
const EXCEPTIONS: Record<string, string> = {
  "http_sessions.pcap": "tshark names each response after the latest request of its connection " +
    "and gives the pipelined HEAD response the next response as its body (pipe-3, pipe-3(1), " +
    "pipe-3(2)); wirekit pairs them: pipe-1, pipe-3",
  "libpcap/AH-IPcomp-IPv6.pcap": "the HTTP is inside IPComp, which tshark inflates and wirekit " +
    "does not decode",
};

function digest(objects: Map<string, Uint8Array>): string[] {
  return [...objects].map(([name, data]) =>
    `${name} ${data.length} ${Array.from(data.subarray(0, 64)).join(",")} ${
      data.reduce((h, b) => (h * 31 + b) >>> 0, 7)
    }`
  ).sort();
}

Deno.test(
  "HttpObjects exports the names and bytes tshark --export-objects does",
  { ignore: !(await hasTshark()) },
  async () => {
    const files = [[new URL("http_sessions.pcap", testdataDir).pathname, "http_sessions.pcap"]];
    const shared = sharedCaptures();
    if (shared !== undefined) {
      for (const path of CORPUS) files.push([new URL(path, shared).pathname, path]);
    }
    let same = 0;
    let objects = 0;
    for (const [file, key] of files as [string, string][]) {
      const [wirekit, tshark] = [digest(await ours(file)), digest(await tsharks(file))];
      if (key in EXCEPTIONS) {
        assert.notDeepEqual(wirekit, tshark, `${key} now agrees with tshark: drop its exception`);
        continue;
      }
      assert.deepEqual(wirekit, tshark, key);
      same++;
      objects += tshark.length;
    }
    console.log(
      `export-objects: ${files.length} captures, ${same} identical (${objects} objects), ` +
        `${Object.keys(EXCEPTIONS).length} excepted`,
    );
    assert.equal(
      same,
      files.length -
        Object.keys(EXCEPTIONS).filter((k) => files.some(([, key]) => key === k)).length,
    );
  },
);

Deno.test("export_objects.ts writes the objects and refuses a non-empty directory without --force", async () => {
  const script = new URL("../scripts/export_objects.ts", import.meta.url).pathname;
  const capture = new URL("http_sessions.pcap", testdataDir).pathname;
  const dir = await Deno.makeTempDir();
  const run = (...args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", `--allow-read`, `--allow-write=${dir}`, script, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
  try {
    const first = await run(`http,${dir}`, capture);
    assert.equal(first.code, 0, new TextDecoder().decode(first.stderr));
    const written = [];
    for await (const entry of Deno.readDir(dir)) written.push(entry.name);
    assert.deepEqual(written.sort(), [
      "chunked-br",
      "close",
      "deflate",
      "gzip",
      "old",
      "pipe-1",
      "pipe-3",
      "plain",
      "upload",
      "upload(1)",
    ]);
    const again = await run(`http,${dir}`, capture);
    assert.equal(again.code, 1);
    assert.equal(
      new TextDecoder().decode(again.stderr),
      `Cannot export objects: ${dir} is not empty (use --force)\n`,
    );
    assert.equal((await run("--force", `http,${dir}`, capture)).code, 0);
    assert.equal((await run(`ftp,${dir}`, capture)).code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
