/**
 * {@linkcode serveRing}: the HTTP server of `scripts/serve.ts`. It serves the page (the
 * files of `lib/serve/static/`) and, over one WebSocket per browser, the rows of a
 * {@linkcode PacketRing} that the browser asks for, its filter's matches, a packet's layers,
 * bytes and field places, and once a second the charts' and panels' counts (a
 * {@linkcode LiveStats} snapshot). The browser pulls the rows it scrolls to; while it
 * follows the capture (`{ type: "follow", on: true }`), the new rows are pushed with each
 * status instead (up to {@linkcode PUSH_LIMIT} per update), so its list knows every packet
 * without asking. While its socket is backed up nothing more is sent to it (counted as
 * skipped): a slow browser misses updates, the ring misses no packet, and the server's
 * memory stays bounded.
 *
 * Safe by default: bound to a loopback address it needs no token; bound to any other, every
 * request must carry the token (`?token=`, or the cookie the page's first request sets).
 * WebSockets from another origin are refused, and so are static paths that leave the folder.
 *
 * @module
 */

import { PacketFilter } from "../pipeline/filter.ts";
import { pcapngBytes } from "../formats/pcapng_writer.ts";
import { decode } from "../decode.ts";
import type { PacketRing, RingPacket } from "./packet_ring.ts";
import { RingView } from "./_view.ts";
import { fieldRanges } from "./field_ranges.ts";
import type { LiveStats } from "./live_stats.ts";
import { vendorFile } from "./vendor.ts";
import { oneLine } from "../_one_line.ts";
import { encodeHex } from "../_hex.ts";

/** Options of {@linkcode serveRing}. */
export interface ServeRingOptions {
  /** The address to listen on (default `127.0.0.1`). */
  hostname?: string;
  /** The port (default 8080; 0 picks a free one). */
  port?: number;
  /**
   * The token every request needs: required (and made, when absent) for a non-loopback
   * address; optional on loopback.
   */
  token?: string;
  /** Stops the server. */
  signal?: AbortSignal;
  /** The snapshot length that filters compile for (default 262144). */
  snapLength?: number;
  /** The most bytes a browser's socket may have queued before updates skip (default 1 MiB). */
  highWater?: number;
  /** The charts' and panels' counts, sent to browsers once a second. */
  stats?: LiveStats;
}

/** A running {@linkcode serveRing} server. */
export interface RingServer {
  /** The page's address, with the token when there is one. */
  readonly url: string;
  /** The token, or `undefined` on loopback without one. */
  readonly token: string | undefined;
  /** Messages (status, statistics, rows, details) not sent because a socket was backed up. */
  readonly skippedUpdates: number;
  /** Marks the source as finished (shown by the page). */
  finish(): void;
  /** Stops the server. */
  shutdown(): Promise<void>;
  /** Resolves when the server stopped. */
  readonly finished: Promise<void>;
}

/**
 * One browser: its socket, its filtered view, the last status and stats it was sent, and,
 * while it follows the capture, the row its pushed rows reach (`undefined` when not).
 */
interface Client {
  socket: WebSocket;
  view: RingView;
  sent: string;
  stats: string;
  pushed: number | undefined;
}

/** The most rows pushed to a following browser with one status (older ones it asks for). */
export const PUSH_LIMIT = 5000;

const STATIC = new URL("./static/", import.meta.url);
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};
const COOKIE = "wirekit_token";
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; connect-src 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * Whether an address only accepts connections from this host.
 *
 * @param hostname The address.
 * @returns `true` for `localhost`, 127.0.0.0/8 and `::1`.
 *
 * @example
 * ```ts
 * import { isLoopback } from "./server.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isLoopback("127.0.0.1"), true);
 * assert.equal(isLoopback("0.0.0.0"), false);
 * ```
 */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || hostname === "[::1]" ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ (y[i % y.length] ?? 0);
  return diff === 0;
}

function cookieToken(request: Request): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === COOKIE) return value;
  }
  return undefined;
}

function text(status: number, body: string): Response {
  return new Response(body + "\n", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS },
  });
}

/**
 * The file of `lib/serve/static/` that a request path names. A path with an empty, `.` or
 * `..` segment (also percent-encoded), a backslash, a colon or a NUL leaves the folder.
 *
 * @param pathname The request path (`/` is the page).
 * @returns The file, or `undefined` when the path would leave the folder.
 *
 * @example
 * ```ts
 * import { staticFile } from "./server.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match(staticFile("/app.js")!.pathname, /static\/app\.js$/);
 * assert.equal(staticFile("/..%2fserver.ts"), undefined);
 * ```
 */
export function staticFile(pathname: string): URL | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname === "/" ? "/index.html" : pathname);
  } catch {
    return undefined;
  }
  const segments = path.split("/").slice(1);
  if (segments.some((s) => s === "" || s === "." || s === ".." || /[\\\0:]/.test(s))) {
    return undefined;
  }
  const url = new URL(segments.map(encodeURIComponent).join("/"), STATIC);
  return url.href.startsWith(STATIC.href) ? url : undefined;
}

function row(packet: RingPacket): unknown[] {
  return [
    packet.number,
    packet.seconds + packet.nanoseconds / 1e9,
    packet.source,
    packet.destination,
    packet.protocol,
    packet.originalLength,
    packet.line,
  ];
}

function detail(packet: RingPacket): unknown {
  const decoded = decode(packet.linkType, packet.data);
  return {
    type: "detail",
    number: packet.number,
    layers: decoded.layers.map((layer) => ({
      kind: layer.kind,
      offset: layer.offset,
      headerLength: layer.headerLength,
      end: layer.end,
      fields: layer.toJSON(),
      ranges: fieldRanges(layer),
    })),
    error: decoded.error?.message,
    bytes: encodeHex(packet.data),
  };
}

/** Compiles a browser's filter: `undefined` for an empty one; throws a one-line error. */
function compile(
  expression: string,
  ring: PacketRing,
  snapLength: number,
): PacketFilter | undefined {
  if (expression.trim() === "") return undefined;
  const filter = new PacketFilter(expression, snapLength);
  const linkTypes = new Set<number>([1]);
  for (const packet of ring.packets(ring.total)) linkTypes.add(packet.linkType);
  try {
    for (const linkType of linkTypes) filter.program(linkType);
  } catch (error) {
    filter[Symbol.dispose]();
    throw new TypeError(`Cannot filter: ${oneLine(error)}`, { cause: error });
  }
  return filter;
}

function pcapngOf(packets: Iterable<RingPacket>): Uint8Array<ArrayBuffer> {
  const interfaces: number[] = [];
  const list = [...packets].map((packet) => {
    let id = interfaces.indexOf(packet.linkType);
    if (id < 0) id = interfaces.push(packet.linkType) - 1;
    return {
      timestamp: BigInt(packet.seconds) * 1_000_000_000n + BigInt(packet.nanoseconds),
      data: packet.data,
      originalLength: packet.originalLength,
      interfaceId: id,
    };
  });
  return pcapngBytes({
    userApplication: "wirekit serve.ts",
    interfaces: interfaces.map((linkType) => ({ linkType })),
    packets: list,
  }) as Uint8Array<ArrayBuffer>;
}

/**
 * Serves the page and a ring of packets to browsers.
 *
 * @param ring The packets (the caller keeps filling it).
 * @param options Address, port, token, and when to stop.
 * @returns The running server.
 * @throws {TypeError} When bound beyond loopback with an empty token.
 *
 * @example Serve a ring on a free loopback port and fetch the page
 * ```ts
 * import { serveRing } from "./server.ts";
 * import { PacketRing } from "./packet_ring.ts";
 * import assert from "node:assert/strict";
 *
 * const server = serveRing(new PacketRing(), { port: 0 });
 * const response = await fetch(server.url);
 * assert.equal(response.status, 200);
 * await response.body?.cancel();
 * await server.shutdown();
 * ```
 */
export function serveRing(ring: PacketRing, options: ServeRingOptions = {}): RingServer {
  const hostname = options.hostname ?? "127.0.0.1";
  const loopback = isLoopback(hostname);
  const token = options.token ?? (loopback ? undefined : randomToken());
  if (token === "") throw new TypeError("Cannot serve: the token must not be empty");
  const snapLength = options.snapLength ?? 262144;
  const highWater = options.highWater ?? 1 << 20;
  const sockets = new Set<Client>();
  let finished = false;
  let skipped = 0;

  const authorized = (request: Request, url: URL): boolean => {
    if (token === undefined) return true;
    const given = url.searchParams.get("token") ?? cookieToken(request);
    return given !== undefined && given !== null && sameSecret(given, token);
  };

  const socketFor = (request: Request): Response => {
    const origin = request.headers.get("origin");
    if (origin !== null && URL.parse(origin)?.host !== request.headers.get("host")) {
      return text(403, "Cannot open the socket: another origin");
    }
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return text(400, "Cannot open the socket: not a WebSocket request");
    }
    const { socket, response } = Deno.upgradeWebSocket(request);
    const client: Client = {
      socket,
      view: new RingView(ring, undefined),
      sent: "",
      stats: "",
      pushed: undefined,
    };
    socket.onopen = () => sockets.add(client);
    socket.onclose = () => {
      sockets.delete(client);
      client.view.filter?.[Symbol.dispose]();
    };
    socket.onmessage = (event) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (message.type === "filter") {
        try {
          const filter = compile(String(message.expression ?? ""), ring, snapLength);
          client.view.filter?.[Symbol.dispose]();
          client.view = new RingView(ring, filter);
          client.sent = "";
          if (client.pushed !== undefined) client.pushed = 0;
          socket.send(JSON.stringify({ type: "filter", expression: filter?.expression ?? "" }));
        } catch (error) {
          socket.send(JSON.stringify({ type: "error", message: oneLine(error) }));
        }
      } else if (message.type === "rows") {
        // A browser that asks but does not read gets no more replies: memory stays bounded.
        if (!ready(socket)) return;
        const from = Number(message.from) || 0;
        const count = Math.min(Number(message.count) || 0, 500);
        const rows = client.view.rows(from, count).map(row);
        socket.send(
          JSON.stringify({ type: "rows", from: Math.max(from, client.view.firstRow), rows }),
        );
      } else if (message.type === "follow") {
        client.pushed = message.on === true ? client.view.endRow : undefined;
      } else if (message.type === "detail") {
        const packet = ring.get(Number(message.number));
        if (packet !== undefined && ready(socket)) socket.send(JSON.stringify(detail(packet)));
      }
      sendStatus(client);
    };
    return response;
  };

  /** Whether a message may go to the browser now; counts a skipped update when not. */
  const ready = (socket: WebSocket): boolean => {
    if (socket.readyState !== WebSocket.OPEN) return false;
    if (socket.bufferedAmount <= highWater) return true;
    skipped++;
    return false;
  };

  /** Sends a following browser the rows that came since its last push. */
  const pushRows = (client: Client) => {
    if (client.pushed === undefined) return;
    const { firstRow, endRow } = client.view;
    const from = Math.max(client.pushed, firstRow, endRow - PUSH_LIMIT);
    client.pushed = endRow;
    if (from >= endRow) return;
    const rows = client.view.rows(from, endRow - from).map(row);
    client.socket.send(JSON.stringify({ type: "rows", from, rows }));
  };

  const sendStatus = (client: Client) => {
    if (!ready(client.socket)) return;
    client.view.catchUp();
    pushRows(client);
    const status = JSON.stringify({
      type: "status",
      total: ring.total,
      evicted: ring.evicted,
      capacity: ring.capacity,
      firstRow: client.view.firstRow,
      endRow: client.view.endRow,
      finished,
      skipped,
    });
    if (status === client.sent) return;
    client.sent = status;
    client.socket.send(status);
  };

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (!authorized(request, url)) return text(401, "Cannot serve: a valid token is required");
    if (request.method !== "GET") return text(405, "Cannot serve: only GET is allowed");
    if (url.pathname === "/socket") return socketFor(request);
    if (url.pathname === "/download.pcapng") {
      let filter: PacketFilter | undefined;
      try {
        filter = compile(url.searchParams.get("filter") ?? "", ring, snapLength);
      } catch (error) {
        return text(400, oneLine(error));
      }
      try {
        return new Response(pcapngOf(new RingView(ring, filter).packets()), {
          headers: {
            "content-type": "application/octet-stream",
            "content-disposition": 'attachment; filename="wirekit.pcapng"',
            ...SECURITY_HEADERS,
          },
        });
      } finally {
        filter?.[Symbol.dispose]();
      }
    }
    const vendor = vendorFile(url.pathname);
    if (vendor === null) return text(404, "Cannot serve: the charting library is not installed");
    const file = vendor ?? staticFile(url.pathname);
    if (file === undefined) return text(403, "Cannot serve: the path leaves the static folder");
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await Deno.readFile(file);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return text(404, "Cannot serve: not found");
      throw error;
    }
    const headers: Record<string, string> = {
      "content-type": TYPES[file.pathname.split(".").at(-1) ?? ""] ?? "application/octet-stream",
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
    };
    if (token !== undefined) {
      headers["set-cookie"] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    return new Response(body, { headers });
  };

  const server = Deno.serve({
    hostname,
    port: options.port ?? 8080,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onListen: () => {},
  }, handler);
  const timer = setInterval(() => {
    for (const client of sockets) sendStatus(client);
  }, 200);
  const statsTimer = setInterval(() => {
    if (options.stats === undefined || sockets.size === 0) return;
    const message = JSON.stringify({ type: "stats", ...options.stats.snapshot() });
    for (const client of sockets) {
      if (client.stats === message || !ready(client.socket)) continue;
      client.stats = message;
      client.socket.send(message);
    }
  }, 1000);
  const done = server.finished.finally(() => {
    clearInterval(timer);
    clearInterval(statsTimer);
  });
  const address = server.addr as Deno.NetAddr;
  const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname;
  return {
    url: `http://${host}:${address.port}/${token === undefined ? "" : `?token=${token}`}`,
    token,
    get skippedUpdates() {
      return skipped;
    },
    finish: () => {
      finished = true;
    },
    shutdown: async () => {
      for (const client of sockets) client.socket.close();
      await server.shutdown();
      await done;
    },
    finished: done,
  };
}

function randomToken(): string {
  return encodeHex(crypto.getRandomValues(new Uint8Array(16)));
}
