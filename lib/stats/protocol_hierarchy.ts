/**
 * The protocol hierarchy of a capture, as tshark's `-z io,phs` counts and prints it: a
 * tree of protocols, each packet counted once in each protocol on its path from the link
 * layer down, with its length on the wire. wirekit's layer kinds are named as Wireshark
 * names its protocols (`ethernet` is `eth`, `ipv4` is `ip`, `ieee80211` is `wlan`...), and
 * payload that no decoder reads is `data`, as Wireshark's data dissector shows it.
 *
 * @module
 */

import type { Packet, PacketParser } from "../decode.ts";
import type { Layer, LayerKind } from "../layer_map.ts";

/** One protocol of the hierarchy and the protocols found inside it. */
export interface ProtocolNode {
  /** The protocol, in Wireshark's spelling (`eth`, `ip`, `tcp`, `data`...). */
  name: string;
  /** Frames that hold it on this path. */
  frames: number;
  /** Their bytes on the wire. */
  bytes: number;
  /** The protocols found inside it, in the order first seen. */
  children: ProtocolNode[];
}

/** Wireshark's names for the layer kinds it names otherwise; `null`: not a protocol of its own. */
const NAMES: Partial<Record<LayerKind, string | null>> = {
  ethernet: "eth",
  ipv4: "ip",
  sll2: "sll",
  loopback: "null",
  "pppoe-discovery": "pppoed",
  "pppoe-session": "pppoes",
  ectp: "loop",
  // Wireshark's NFLOG dissector hands the packet on in the frame's tree, not its own.
  nflog: null,
  // IPv6 extension headers are parts of the IPv6 tree, not protocols of their own.
  "ipv6-hop-by-hop": null,
  "ipv6-routing": null,
  "ipv6-fragment": null,
  "ipv6-destination": null,
  ieee80211: "wlan",
};

/** Layers after which undecoded bytes are shown as `data`. */
const DATA_AFTER: ReadonlySet<LayerKind> = new Set<LayerKind>([
  "ethernet",
  "vlan",
  "llc",
  "sll",
  "sll2",
  "ipv4",
  "ipv6",
  "tcp",
  "udp",
]);

/** The radio headers in front of 802.11 frames. */
const RADIO: ReadonlySet<LayerKind> = new Set<LayerKind>(["radiotap", "ppi", "prism", "avs"]);

/** ICMP and ICMPv6 error types: they quote the packet that caused them. */
const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
const ICMPV6_ERRORS = new Set([1, 2, 3, 4]);

/**
 * Wireshark's protocols for the PPP control and authentication packets, which wirekit
 * reads inside the PPP layer (`PppFrame.controlPacket`, `authPacket`), by PPP protocol.
 */
const PPP_PACKET_NAMES: ReadonlyMap<number, string> = new Map([
  [0xc021, "lcp"],
  [0xc023, "pap"],
  [0xc029, "cbcp"],
  [0xc02b, "bacp"],
  [0xc02d, "bap"],
  [0xc223, "chap"],
  [0x8021, "ipcp"],
  [0x8023, "osinlcp"],
  [0x8057, "ipv6cp"],
  [0x80fd, "ccp"],
  [0x8281, "mplscp"],
]);

/**
 * The length of a loopback (ECTP) message by function, reply 4 and forward 8 (else 2):
 * Wireshark's loop dissector shows the bytes after it as data.
 */
const ECTP_MESSAGE_LENGTHS: readonly number[] = [2, 4, 8];

/** The raw IP link types (`LINKTYPE_RAW` and the BSDs' `DLT_RAW`): Wireshark's `raw`. */
const RAW_LINK_TYPES: ReadonlySet<number> = new Set([12, 14, 101]);

/**
 * Wireshark's protocols on UDP ports whose payload wirekit leaves undecoded (`data`), as
 * its port table names them.
 */
const UDP_PORT_NAMES: ReadonlyMap<number, string> = new Map([
  [1900, "ssdp"],
  [17500, "db-lsp-disc"],
]);

/**
 * The name Wireshark gives a layer kind in its protocol hierarchy.
 *
 * @param kind The layer kind.
 * @returns The name (`eth` for `ethernet`...), or `null` when it is not counted.
 *
 * @example Names
 * ```ts
 * import { protocolHierarchyName } from "./protocol_hierarchy.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(protocolHierarchyName("ipv4"), "ip");
 * assert.equal(protocolHierarchyName("tcp"), "tcp");
 * ```
 */
export function protocolHierarchyName(kind: LayerKind): string | null {
  const name = NAMES[kind];
  return name === undefined ? kind : name;
}

/**
 * {@linkcode protocolHierarchyName} of a layer kind after the layer `before`: AH after IPv6
 * is not counted (IPv6's dissector reads it as one of its extension headers).
 */
function nameAfter(kind: LayerKind, before: Layer | undefined): string | null {
  return kind === "ah" && before?.kind === "ipv6" ? null : protocolHierarchyName(kind);
}

/** Whether an ICMP or ICMPv6 error quotes a UDP datagram with payload after its header. */
function quotesUdpPayload(layer: Layer): boolean {
  if (layer.kind !== "icmp" && layer.kind !== "icmpv6") return false;
  const { data } = layer;
  const type = data[layer.offset]!;
  const quoted = layer.offset + 8;
  if (layer.kind === "icmp") {
    if (!ICMP_ERRORS.has(type) || quoted + 20 > layer.end) return false;
    const udp = quoted + (data[quoted]! & 0x0f) * 4;
    const ipEnd = quoted + ((data[quoted + 2]! << 8) | data[quoted + 3]!);
    return data[quoted + 9] === 17 && udpPayloadQuoted(data, udp, Math.min(ipEnd, layer.end));
  }
  if (!ICMPV6_ERRORS.has(type) || quoted + 40 > layer.end) return false;
  const ipEnd = quoted + 40 + ((data[quoted + 4]! << 8) | data[quoted + 5]!);
  return data[quoted + 6] === 17 && udpPayloadQuoted(data, quoted + 40, Math.min(ipEnd, layer.end));
}

/**
 * Whether a quoted UDP header at `udp` has payload by its length field and the quote holds
 * some before `end` (the quoted packet's end by its IP length): what follows a datagram
 * that ends there is something else, such as RFC 4884 extensions.
 */
function udpPayloadQuoted(data: Uint8Array, udp: number, end: number): boolean {
  return udp + 8 < end && ((data[udp + 4]! << 8) | data[udp + 5]!) > 8;
}

/**
 * Builds the protocol hierarchy, packet by packet, without allocating once each path has
 * been seen. {@linkcode formatProtocolHierarchy} prints it as tshark does.
 *
 * @example Count one UDP datagram with a payload
 * ```ts
 * import { ProtocolHierarchy } from "./protocol_hierarchy.ts";
 * import { PacketParser } from "../decode.ts";
 * import { buildEthernet, buildIpv4, buildUdp } from "../craft/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const [source, destination] = ["10.0.0.1", "10.0.0.2"];
 * const payload = new Uint8Array(8);
 * const udp = buildUdp({ source, destination, sourcePort: 4000, destinationPort: 4001, payload });
 * const frame = buildEthernet({
 *   source: "02:00:00:00:00:01",
 *   destination: "02:00:00:00:00:02",
 *   etherType: 0x0800,
 *   payload: buildIpv4({ source, destination, protocol: 17, payload: udp }),
 * });
 * const parser = new PacketParser();
 * parser.parse(1, frame);
 * const hierarchy = new ProtocolHierarchy();
 * hierarchy.add(parser, frame.length);
 * const path: string[] = [];
 * for (let node = hierarchy.result()[0]; node !== undefined; node = node.children[0]) {
 *   path.push(node.name);
 * }
 * assert.deepEqual(path, ["eth", "ip", "udp", "data"]);
 * ```
 */
export class ProtocolHierarchy {
  readonly #root: ProtocolNode = { name: "", frames: 0, bytes: 0, children: [] };

  /**
   * Adds one decoded packet.
   *
   * @param packet A `PacketParser` right after `parse()`, or a `Packet`.
   * @param originalLength The packet's length on the wire.
   * @returns Nothing.
   */
  add(packet: PacketParser | Packet, originalLength: number): void {
    const layers: readonly Layer[] = packet.layers;
    const count = "count" in packet ? packet.count : layers.length;
    let node = this.#root;
    if (RAW_LINK_TYPES.has(packet.linkType)) node = this.#enter(node, "raw", originalLength);
    let last: Layer | undefined;
    for (let i = 0; i < count; i++) {
      const layer = layers[i]!;
      // Wireshark's ieee8021ad dissector takes the 802.1ad service tag, its vlan one the rest;
      // its mdns dissector DNS to or from port 5353 (Dns.multicast).
      const name = layer.kind === "vlan" && layer.tpid === 0x88a8
        ? "ieee8021ad"
        : layer.kind === "dns" && layer.multicast
        ? "mdns"
        : nameAfter(layer.kind, last);
      if (name === null) continue;
      // Wireshark puts its wlan_radio pseudo-protocol between a radio header and 802.11,
      // and management frames' fields in a wlan.mgt protocol of their own.
      if (layer.kind === "ieee80211" && last !== undefined && RADIO.has(last.kind)) {
        node = this.#enter(node, "wlan_radio", originalLength);
      }
      node = this.#enter(node, name, originalLength);
      if (layer.kind === "ieee80211" && layer.type === 0) {
        node = this.#enter(node, "wlan.mgt", originalLength);
      }
      last = layer;
    }
    if (last === undefined) return;
    const error = packet.error;
    const first = layers[0]!;
    const cut = first.end - first.offset < originalLength;
    if (error !== undefined && error.code === "truncated") {
      // A header cut short: Wireshark's dissector has added its protocol, then reads past
      // the captured bytes (_ws.short) or past the packet's own length (_ws.malformed).
      if (!error.partial) {
        const name = nameAfter(error.layer as LayerKind, last);
        if (name !== null) node = this.#enter(node, name, originalLength);
      }
      this.#enter(node, cut ? "_ws.short" : "_ws.malformed", originalLength);
      return;
    }
    if ("truncated" in last && last.truncated === true && cut) {
      this.#enter(node, "_ws.short", originalLength);
      return;
    }
    if (last.kind === "ppp" || last.kind === "ppp-hdlc" || last.kind === "ppp-serial") {
      const name = PPP_PACKET_NAMES.get(last.protocol);
      if (name !== undefined) this.#enter(node, name, originalLength);
      return;
    }
    const undecoded = last.kind === "ectp"
      ? last.end > last.messageOffset + (ECTP_MESSAGE_LENGTHS[last.messageFunction] ?? 2)
      : DATA_AFTER.has(last.kind) && last.end > last.offset + last.headerLength;
    if (undecoded && last.kind === "udp") {
      const low = Math.min(last.sourcePort, last.destinationPort);
      const high = Math.max(last.sourcePort, last.destinationPort);
      const name = UDP_PORT_NAMES.get(low) ?? UDP_PORT_NAMES.get(high) ?? "data";
      this.#enter(node, name, originalLength);
    } else if (undecoded || quotesUdpPayload(last)) this.#enter(node, "data", originalLength);
  }

  #enter(node: ProtocolNode, name: string, length: number): ProtocolNode {
    const { children } = node;
    let child: ProtocolNode | undefined;
    for (let i = 0; i < children.length; i++) {
      if (children[i]!.name === name) {
        child = children[i]!;
        break;
      }
    }
    if (child === undefined) {
      child = { name, frames: 0, bytes: 0, children: [] };
      children.push(child);
    }
    child.frames++;
    child.bytes += length;
    return child;
  }

  /**
   * Returns the hierarchy so far: its top-level protocols (the link layers).
   *
   * @returns A deep copy of the tree.
   */
  result(): ProtocolNode[] {
    const copy = (node: ProtocolNode): ProtocolNode => ({
      name: node.name,
      frames: node.frames,
      bytes: node.bytes,
      children: node.children.map(copy),
    });
    return this.#root.children.map(copy);
  }
}

const RULE = "=".repeat(67);

/**
 * Prints a protocol hierarchy as `tshark -q -z io,phs` (4.0) does: two spaces of indent
 * per level (`...` past 16 levels), the name in 40 columns, then `frames:N bytes:N`.
 *
 * @param nodes The top-level protocols, from {@linkcode ProtocolHierarchy.prototype.result}.
 * @returns The text, starting with an empty line as tshark's, lines ending in `\n`.
 *
 * @example One protocol
 * ```ts
 * import { formatProtocolHierarchy } from "./protocol_hierarchy.ts";
 * import assert from "node:assert/strict";
 *
 * const text = formatProtocolHierarchy([{ name: "eth", frames: 2, bytes: 120, children: [] }]);
 * assert.equal(text.split("\n")[5], "eth                                      frames:2 bytes:120");
 * ```
 */
export function formatProtocolHierarchy(nodes: readonly ProtocolNode[]): string {
  let text = `\n${RULE}\nProtocol Hierarchy Statistics\nFilter: \n\n`;
  const draw = (list: readonly ProtocolNode[], depth: number) => {
    for (const node of list) {
      const indent = depth > 16 ? "  ".repeat(16) + "..." : "  ".repeat(depth);
      text += `${(indent + node.name).padEnd(40)} frames:${node.frames} bytes:${node.bytes}\n`;
      draw(node.children, depth + 1);
    }
  };
  draw(nodes, 0);
  return `${text}${RULE}\n`;
}
