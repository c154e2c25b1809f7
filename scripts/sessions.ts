/**
 * sessions: what the traffic is, one line per application event: HTTP exchanges (method,
 * host, URI, status, content type, body sizes), TLS, QUIC and DTLS handshakes (version,
 * server name, ALPN, cipher, JA3/JA4 and JA3S/JA4S), DNS queries with their answers. TCP
 * streams are reassembled first, so messages that span segments, arrive out of order or
 * are retransmitted are read whole; protocols are recognised by their first bytes.
 *
 * ```sh
 * deno run --allow-read scripts/sessions.ts [--json] [-p PROTOCOL] FILE...
 * deno run --allow-ffi scripts/sessions.ts [--json] [-p PROTOCOL] -i IFACE [FILTER]
 * ```
 *
 * - `--json`: one JSON object per event (JSON lines), the fields of `AppRecord`.
 * - `-p PROTOCOL`: only `http`, `tls`, `quic`, `dtls` or `dns` events; repeatable.
 * - `-i IFACE [FILTER]`: capture live through libpcap (as root), with a tcpdump filter.
 *
 * @module
 */

import { forEachFile, parseOrExit, writeStdout } from "./_cli.ts";
import { requirePermissions } from "./_permissions.ts";
import { openCapture } from "../lib/formats/open_capture.ts";
import { capture } from "../lib/capture/live.ts";
import { reassemble } from "../lib/reassembly/stream_events.ts";
import type { PacketRecord } from "../lib/reassembly/stream_events.ts";
import { ApplicationSessions, type AppProtocol, type AppRecord } from "../lib/app/app_sessions.ts";

const USAGE = "[--json] [-p PROTOCOL] FILE... | -i IFACE [FILTER]";
const PROTOCOLS: readonly AppProtocol[] = ["http", "tls", "quic", "dtls", "dns"];

/** The time as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC. */
function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const micros = Math.round((seconds - whole) * 1e6);
  const date = new Date(whole * 1000).toISOString().slice(0, 19).replace("T", " ");
  return `${date}.${String(micros).padStart(6, "0")}`;
}

/** What follows the endpoints on a record's line. */
function details(r: AppRecord): string {
  const parts: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== "") parts.push(label === "" ? value : `${label}=${value}`);
  };
  switch (r.protocol) {
    case "http":
      add("", r.method ?? "-");
      add("", r.host);
      add("", r.uri);
      add("", r.status === undefined ? "(no response)" : String(r.status));
      add("", r.contentType);
      add("", `${r.requestBytes ?? 0}/${r.responseBytes ?? 0} bytes`);
      break;
    case "dns":
      add("", r.qtype);
      add("", r.name === undefined ? undefined : r.name === "" ? "." : r.name);
      add("", r.rcode ?? "(no answer)");
      add("", r.answers?.join(","));
      break;
    default:
      add("", r.version);
      add("sni", r.sni);
      add("alpn", r.alpn?.join(","));
      add("cipher", r.cipher);
      add("ja3", r.ja3);
      add("ja4", r.ja4);
      add("ja3s", r.ja3s);
      add("ja4s", r.ja4s);
  }
  return parts.join(" ");
}

function line(r: AppRecord): string {
  return `${formatTime(r.time)} ${r.protocol.padEnd(4)} ${r.client} -> ${r.server} ${details(r)}`;
}

async function run(
  source: AsyncIterable<PacketRecord>,
  wanted: ReadonlySet<AppProtocol>,
  json: boolean,
): Promise<void> {
  const apps = new ApplicationSessions();
  const encoder = new TextEncoder();
  for await (const event of reassemble(source)) {
    let text = "";
    for (const record of await apps.add(event)) {
      if (!wanted.has(record.protocol)) continue;
      text += (json ? JSON.stringify(record) : line(record)) + "\n";
    }
    if (text !== "") writeStdout(encoder.encode(text));
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOrExit(
    args,
    {
      json: { type: "boolean", default: false },
      protocol: { type: "string", short: "p", multiple: true, default: [] },
      interface: { type: "string", short: "i" },
      help: { type: "boolean", short: "h", default: false },
    },
    `Usage: deno run --allow-read scripts/sessions.ts ${USAGE}`,
    [
      {
        flags: "-p, --protocol NAME",
        text: "only http, tls, quic, dtls or dns events; repeatable",
      },
      {
        flags: "-i, --interface IFACE",
        text: "capture live (as root); the rest is a tcpdump filter",
      },
      { flags: "--json", text: "one JSON object per event (JSON lines)" },
      { flags: "-h, --help", text: "print this help and exit" },
    ],
  );
  for (const name of values.protocol) {
    if (!PROTOCOLS.includes(name as AppProtocol)) {
      console.error(`Unknown protocol for -p: ${name} (one of ${PROTOCOLS.join(", ")})`);
      return 2;
    }
  }
  const wanted = new Set<AppProtocol>(
    values.protocol.length === 0 ? PROTOCOLS : values.protocol as AppProtocol[],
  );
  if (values.interface !== undefined) {
    requirePermissions({ script: "scripts/sessions.ts", usage: USAGE, needs: [{ name: "ffi" }] });
    const filter = positionals.join(" ");
    try {
      const live = capture({ iface: values.interface, ...(filter === "" ? {} : { filter }) });
      await run(live, wanted, values.json);
    } catch (error) {
      console.error(`sessions: ${error instanceof Error ? error.message : error}`);
      return 1;
    }
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`Usage: deno run --allow-read scripts/sessions.ts ${USAGE}`);
    return 2;
  }
  requirePermissions({
    script: "scripts/sessions.ts",
    usage: USAGE,
    needs: positionals.map((path) => ({ name: "read", path })),
  });
  return await forEachFile(positionals, async (file) => {
    await using reader = await openCapture(file);
    await run(reader, wanted, values.json);
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
