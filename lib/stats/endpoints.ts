/**
 * Endpoints as tshark's `-z endpoints,eth|ip|ipv6|tcp|udp` counts and prints them: for
 * each address (with its port for TCP and UDP), the frames and bytes it sent and received.
 *
 * @module
 */

import type { Packet, PacketParser } from "../decode.ts";
import { forEachTalkerPair, TALKER_TITLES, type TalkerPair, type TalkerType } from "./_talkers.ts";

export type { TalkerType } from "./_talkers.ts";

/** One endpoint. */
export interface Endpoint {
  /** Its address. */
  address: string;
  /** Its port (TCP and UDP), else `null`. */
  port: number | null;
  /** Frames it sent. */
  txFrames: number;
  /** Bytes on the wire it sent. */
  txBytes: number;
  /** Frames it received. */
  rxFrames: number;
  /** Bytes on the wire it received. */
  rxBytes: number;
}

/**
 * Accumulates the endpoints of one address kind, packet by packet;
 * {@linkcode formatEndpoints} prints them as tshark does.
 *
 * @example The IPv4 endpoints of one UDP datagram
 * ```ts
 * import { EndpointTable } from "./endpoints.ts";
 * import { PacketParser } from "../decode.ts";
 * import { buildEthernet, buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const [source, destination] = ["10.0.0.1", "10.0.0.2"];
 * const udp = buildUdp({ source, destination, sourcePort: 5353, destinationPort: 53 });
 * const frame = buildEthernet({
 *   source: "02:00:00:00:00:01",
 *   destination: "02:00:00:00:00:02",
 *   etherType: 0x0800,
 *   payload: buildIpv4({ source, destination, protocol: 17, payload: udp }),
 * });
 * const parser = new PacketParser();
 * parser.parse(1, frame);
 * const table = new EndpointTable("udp");
 * table.add(parser, frame.length);
 * assert.deepEqual(table.result().map((e) => `${e.address}:${e.port} ${e.txFrames}/${e.rxFrames}`), [
 *   "10.0.0.1:5353 1/0",
 *   "10.0.0.2:53 0/1",
 * ]);
 * ```
 */
export class EndpointTable {
  /** The address kind counted. */
  readonly type: TalkerType;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #pair: TalkerPair = { source: "", destination: "", sourcePort: 0, destinationPort: 0 };
  readonly #ports: boolean;
  #length = 0;
  readonly #visit = (pair: TalkerPair): void => {
    const source = this.#endpoint(pair.source, pair.sourcePort);
    source.txFrames++;
    source.txBytes += this.#length;
    const destination = this.#endpoint(pair.destination, pair.destinationPort);
    destination.rxFrames++;
    destination.rxBytes += this.#length;
  };

  /**
   * Makes an empty table.
   *
   * @param type The address kind: `eth`, `ip`, `ipv6`, `tcp` or `udp`.
   */
  constructor(type: TalkerType) {
    this.type = type;
    this.#ports = type === "tcp" || type === "udp";
  }

  /**
   * Adds one decoded packet.
   *
   * @param packet A `PacketParser` right after `parse()`, or a `Packet`.
   * @param originalLength The packet's length on the wire.
   * @returns Nothing.
   */
  add(packet: PacketParser | Packet, originalLength: number): void {
    this.#length = originalLength;
    forEachTalkerPair(packet, this.type, this.#pair, this.#visit);
  }

  #endpoint(address: string, port: number): Endpoint {
    const key = this.#ports ? `${address}|${port}` : address;
    let endpoint = this.#endpoints.get(key);
    if (endpoint === undefined) {
      endpoint = {
        address,
        port: this.#ports ? port : null,
        txFrames: 0,
        txBytes: 0,
        rxFrames: 0,
        rxBytes: 0,
      };
      this.#endpoints.set(key, endpoint);
    }
    return endpoint;
  }

  /**
   * Lists the endpoints as tshark does: most frames first, ties in the order they were
   * first seen.
   *
   * @returns The endpoints.
   */
  result(): Endpoint[] {
    const frames = (e: Endpoint) => e.txFrames + e.rxFrames;
    const order = [...this.#endpoints.values()].map((endpoint, i) => ({ endpoint, i }));
    order.sort((x, y) => frames(y.endpoint) - frames(x.endpoint) || x.i - y.i);
    return order.map(({ endpoint }) => ({ ...endpoint }));
  }
}

const RULE = "=".repeat(80);

/**
 * Prints endpoints as `tshark -q -z endpoints,TYPE` (4.0) does.
 *
 * @param type The address kind, for the title and the port column.
 * @param endpoints The endpoints, in the order to print.
 * @returns The table, lines ending in `\n`.
 *
 * @example An endpoint
 * ```ts
 * import { formatEndpoints } from "./endpoints.ts";
 * import assert from "node:assert/strict";
 *
 * const text = formatEndpoints("ip", [
 *   { address: "10.0.0.1", port: null, txFrames: 1, txBytes: 60, rxFrames: 0, rxBytes: 0 },
 * ]);
 * assert.equal(text.split("\n")[4], "10.0.0.1                       1            60          1              60           0               0   ");
 * ```
 */
export function formatEndpoints(type: TalkerType, endpoints: readonly Endpoint[]): string {
  const ports = type === "tcp" || type === "udp";
  let text = `${RULE}\n${TALKER_TITLES[type]} Endpoints\nFilter:<No Filter>\n` +
    `                       |  ${
      ports ? "Port  ||  " : ""
    }Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n`;
  for (const e of endpoints) {
    const port = ports ? `      ${`${e.port}`.padStart(5)}     ` : "      ";
    text += `${e.address.padEnd(20)}${port}${`${e.txFrames + e.rxFrames}`.padStart(6)}     ` +
      `${`${e.txBytes + e.rxBytes}`.padStart(9)}     ${`${e.txFrames}`.padStart(6)}       ` +
      `${`${e.txBytes}`.padStart(9)}      ${`${e.rxFrames}`.padStart(6)}       ` +
      `${`${e.rxBytes}`.padStart(9)}   \n`;
  }
  return `${text}${RULE}\n`;
}
