/**
 * Reassembly over whole packets: finds the IP, TCP and UDP headers of each decoded packet
 * and hands them to a {@linkcode TcpReassembler} and a {@linkcode UdpStreams}.
 *
 * @module
 */

import { type DecodedPacket, PacketParser } from "../decode.ts";
import type { Ipv4 } from "../net/ipv4.ts";
import type { Ipv6 } from "../net/ipv6.ts";
import type { Tcp } from "../transport/tcp.ts";
import type { Udp } from "../transport/udp.ts";
import { TcpReassembler, type TcpReassemblerStats } from "./tcp_reassembler.ts";
import { UdpStreams } from "./udp_streams.ts";
import type { ReassemblyOptions, StreamHandler } from "./stream_types.ts";

/**
 * The callback form of stream reassembly, for hot loops: feed it packets (raw, or already
 * decoded by a reused `PacketParser`) and it calls the handler with the events of every
 * TCP stream and UDP stream, as `reassemble()` yields them, allocating nothing per packet
 * but the copies of out-of-order bytes. Call {@linkcode finish} at the end of the input.
 *
 * In a packet with several transport headers (a tunnel), the innermost TCP header and the
 * outermost UDP header count, each with the IP header just before it, as tshark numbers
 * `tcp.stream` and `udp.stream`.
 *
 * @example Follow the streams of a capture file, batch by batch
 * ```ts ignore
 * import { StreamReassembler } from "./stream_reassembler.ts";
 * import { openCapture } from "../formats/open_capture.ts";
 *
 * let bytes = 0;
 * const reassembler = new StreamReassembler({ data: (_stream, _direction, data) => { bytes += data.length; } });
 * await using reader = await openCapture("capture.pcap");
 * for await (const batch of reader.batches()) {
 *   for (let i = 0; i < batch.count; i++) {
 *     reassembler.add(batch.linkTypes[i]!, batch.data(i), batch.seconds[i]! + batch.nanoseconds[i]! / 1e9);
 *   }
 * }
 * reassembler.finish();
 * ```
 */
export class StreamReassembler {
  readonly #tcp: TcpReassembler;
  readonly #udp: UdpStreams | undefined;
  readonly #parser = new PacketParser();

  /**
   * Makes a reassembler.
   *
   * @param handler Where events go.
   * @param options Overlap policy, limits, idle timeout, and whether to track UDP.
   */
  constructor(handler: StreamHandler, options: ReassemblyOptions = {}) {
    this.#tcp = new TcpReassembler(handler, options);
    this.#udp = options.udp === false ? undefined : new UdpStreams(handler, options);
  }

  /** Counters of the TCP reassembler, and the UDP streams numbered. */
  get stats(): TcpReassemblerStats & { udpStreams: number } {
    return { ...this.#tcp.stats, udpStreams: this.#udp?.streams ?? 0 };
  }

  /**
   * Decodes one packet and takes it.
   *
   * @param linkType Its `LINKTYPE_*`.
   * @param data Its captured bytes.
   * @param time Its capture time, in seconds since the epoch.
   */
  add(linkType: number, data: Uint8Array, time: number): void {
    this.#parser.parse(linkType, data);
    this.addDecoded(this.#parser, time);
  }

  /**
   * Takes one packet that is already decoded.
   *
   * @param packet The packet, such as a `PacketParser` after `parse()`.
   * @param time Its capture time, in seconds since the epoch.
   */
  addDecoded(packet: DecodedPacket, time: number): void {
    const layers = packet.layers;
    let ip: Ipv4 | Ipv6 | undefined;
    let tcp: Tcp | undefined;
    let tcpIp: Ipv4 | Ipv6 | undefined;
    let udp: Udp | undefined;
    let udpIp: Ipv4 | Ipv6 | undefined;
    for (let i = 0; i < packet.count; i++) {
      const layer = layers[i]!;
      switch (layer.kind) {
        case "ipv4":
        case "ipv6":
          ip = layer;
          break;
        case "tcp":
          // A header cut short has no trustworthy payload (tshark's follow skips it too).
          if (ip !== undefined && !layer.truncated) {
            tcp = layer;
            tcpIp = ip;
          }
          break;
        case "udp":
          if (ip !== undefined && udp === undefined) {
            udp = layer;
            udpIp = ip;
          }
          break;
      }
    }
    if (udp !== undefined && this.#udp !== undefined) this.#udp.add(udpIp!, udp, time);
    if (tcp !== undefined) this.#tcp.add(tcpIp!, tcp, time);
  }

  /**
   * Closes every stream (reason `end`): call it at the end of the input.
   *
   * @param time The capture time of the end (default: the last packet's).
   */
  finish(time?: number): void {
    this.#tcp.finish(time);
    this.#udp?.finish(time);
  }
}
