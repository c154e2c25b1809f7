/**
 * The child process of the raw socket tests (private): run inside a network namespace by
 * `ip netns exec`, it opens a raw socket (or ring) and prints JSON lines (`ready`, one per record,
 * `end`), or sends frames or IP packets, or prints the error that opening raised.
 *
 * @module
 */

import {
  openIp6Socket,
  openIpSocket,
  openPacketRing,
  openPacketSocket,
  packetDirection,
  RawSocketError,
} from "../lib/rawsocket/mod.ts";
import type {
  Ip6SocketOptions,
  IpSocketOptions,
  PacketRingOptions,
  RawRecord,
} from "../lib/rawsocket/mod.ts";
import { decodeHex, encodeHex } from "../lib/_hex.ts";

/** What the parent asks for. */
export interface ChildRequest {
  mode:
    | "packet"
    | "ring"
    | "ring-batches"
    | "ip"
    | "ip6"
    | "send-frames"
    | "send-ip"
    | "open"
    | "open-ring";
  /** The options of the packet socket, or of the ring (`ring`, `ring-batches`). */
  packet?: PacketRingOptions;
  ip?: IpSocketOptions;
  ip6?: Ip6SocketOptions;
  /** Hex frames or packets to send. */
  send?: string[];
}

const print = (message: unknown) => console.log(JSON.stringify(message));

async function main(request: ChildRequest): Promise<void> {
  try {
    if (request.mode === "send-frames") {
      using socket = openPacketSocket(request.packet ?? {});
      for (const frame of request.send ?? []) socket.send(decodeHex(frame));
      return;
    }
    if (request.mode === "send-ip") {
      using socket = openIpSocket(request.ip ?? {});
      for (const packet of request.send ?? []) socket.send(decodeHex(packet));
      return;
    }
    const ring = request.mode.startsWith("ring") || request.mode === "open-ring"
      ? openPacketRing(request.packet ?? {})
      : undefined;
    const socket = ring ??
      (request.mode === "ip6"
        ? openIp6Socket(request.ip6 ?? {})
        : request.mode === "ip" || request.ip !== undefined
        ? openIpSocket(request.ip ?? {})
        : openPacketSocket(request.packet ?? {}));
    if (request.mode.startsWith("open")) {
      socket.close();
      print({ opened: true });
      return;
    }
    (async () => {
      for await (const _ of Deno.stdin.readable) { /* closing stdin asks to stop */ }
      socket.stop();
    })();
    print({ event: "ready" });
    const printRecord = (record: RawRecord) =>
      print({
        record: {
          timestamp: record.timestamp.toString(),
          originalLength: record.originalLength,
          capturedLength: record.capturedLength,
          linkType: record.linkType,
          direction: record.direction ?? null,
          interfaceIndex: record.interfaceIndex,
          flags: record.flags ?? null,
          data: encodeHex(record.data),
        },
      });
    if (ring !== undefined && request.mode === "ring-batches") {
      for await (const batch of ring.batches()) {
        for (let i = 0; i < batch.count; i++) {
          const record: RawRecord = {
            ...batch.record(i),
            flags: batch.flags[i]!,
            interfaceIndex: batch.interfaceIndexes[i]!,
          };
          const direction = packetDirection(batch.packetTypes[i]!);
          if (direction !== undefined) record.direction = direction;
          printRecord(record);
        }
      }
    } else {
      for await (const record of socket) printRecord(record);
    }
    print({ end: { stopReason: socket.stopReason, stats: socket.stats() } });
    socket.close();
    Deno.exit(0);
  } catch (error) {
    if (!(error instanceof RawSocketError)) throw error;
    print({ error: { name: error.name, code: error.code, message: error.message } });
    Deno.exit(0);
  }
}

if (import.meta.main) await main(JSON.parse(Deno.args[0] ?? "{}"));
