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
import { Defragmenter } from "./defragmenter.ts";
import type { DefragStats } from "./defrag_stats.ts";
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
 * IP fragments go through a {@linkcode Defragmenter} first (unless `defragment` is
 * `false`), and the datagram they complete is taken as one packet, at the time of the
 * fragment that completed it, as tshark follows a stream whose packets were fragmented.
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
  readonly #defragmenter: Defragmenter | undefined;
  // 1 at each ignored port; undefined when none is.
  readonly #ignored: Uint8Array | undefined;
  #frames = 0;

  /**
   * Makes a reassembler.
   *
   * @param handler Where events go.
   * @param options Overlap policy, limits, idle timeout, whether to track UDP, and the
   * ports to leave out.
   * @throws {RangeError} When an ignored port is not an integer from 0 to 65535.
   */
  constructor(handler: StreamHandler, options: ReassemblyOptions = {}) {
    const ports = options.ignorePorts ?? [];
    const ignored = ports.length === 0 ? undefined : new Uint8Array(65536);
    for (const port of ports) {
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new RangeError(`Cannot ignore port ${port}: expected an integer from 0 to 65535`);
      }
      ignored![port] = 1;
    }
    this.#ignored = ignored;
    this.#tcp = new TcpReassembler(handler, options);
    this.#udp = options.udp === false ? undefined : new UdpStreams(handler, options);
    const defragment = options.defragment ?? true;
    this.#defragmenter = defragment === false
      ? undefined
      : new Defragmenter(defragment === true ? {} : defragment);
  }

  /**
   * Counters of the TCP reassembler, the UDP streams numbered, and the defragmenter's
   * counters (absent when `defragment` is `false`).
   */
  get stats(): StreamReassemblerStats {
    const stats: StreamReassemblerStats = {
      ...this.#tcp.stats,
      udpStreams: this.#udp?.streams ?? 0,
    };
    if (this.#defragmenter !== undefined) stats.defrag = { ...this.#defragmenter.stats };
    return stats;
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
    this.#frames++;
    this.#take(packet, time);
  }

  #take(packet: DecodedPacket, time: number): void {
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
          if (layer.isFragment && this.#defragmenter !== undefined) {
            return this.#defragment(packet, time);
          }
          ip = layer;
          break;
        case "ipv6":
          ip = layer;
          break;
        case "ipv6-fragment":
          // An atomic fragment (offset 0, no more) is a whole datagram already.
          if (
            (layer.fragmentOffset !== 0 || layer.moreFragments) && this.#defragmenter !== undefined
          ) {
            return this.#defragment(packet, time);
          }
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
    if (udp !== undefined && this.#udp !== undefined && this.#tracks(udp)) {
      this.#udp.add(udpIp!, udp, time);
    }
    if (tcp !== undefined && this.#tracks(tcp)) this.#tcp.add(tcpIp!, tcp, time);
  }

  /** Whether neither port of a segment or datagram is ignored. */
  #tracks(layer: Tcp | Udp): boolean {
    const ignored = this.#ignored;
    return ignored === undefined ||
      (ignored[layer.sourcePort]! | ignored[layer.destinationPort]!) === 0;
  }

  /** Hands a fragment to the defragmenter, and the datagram it completes to the streams. */
  #defragment(packet: DecodedPacket, time: number): void {
    const frame = { frame: this.#frames, timestamp: BigInt(Math.round(time * 1e9)) };
    const datagram = this.#defragmenter!.push(packet, frame);
    if (datagram !== undefined) this.#take(datagram.packet, time);
  }

  /**
   * Closes every stream (reason `end`): call it at the end of the input.
   *
   * @param time The capture time of the end (default: the last packet's).
   */
  finish(time?: number): void {
    this.#tcp.finish(time);
    this.#udp?.finish(time);
    this.#defragmenter?.flush();
  }
}

/** Counters of a {@linkcode StreamReassembler}. */
export interface StreamReassemblerStats extends TcpReassemblerStats {
  /** UDP streams numbered so far. */
  udpStreams: number;
  /** The defragmenter's counters, when it defragments. */
  defrag?: DefragStats;
}
