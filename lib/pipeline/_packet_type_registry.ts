/**
 * The registry behind tcpdump's `-T TYPE` (private): every UDP and TCP port bound to the
 * type's decoder, or to none, and the IP protocol numbers it takes over (`carp`: 112).
 *
 * @module
 */

import { type Decoder, type LayerDecoder, protocolOf } from "../layer.ts";
import { Registry } from "../_registry.ts";
import type { PacketTypeBinding } from "../print/packet_type.ts";

/** A port table that binds every port to one decoder (none: an empty table). */
class EveryPort extends Map<number, Decoder> {
  readonly #decoder: Decoder | undefined;

  constructor(decoder: Decoder | undefined) {
    super();
    this.#decoder = decoder;
  }

  override get size(): number {
    return this.#decoder === undefined ? 0 : 65536;
  }

  override get(_port: number): Decoder | undefined {
    return this.#decoder;
  }

  override has(_port: number): boolean {
    return this.#decoder !== undefined;
  }
}

/** A copy of a registry whose port tables bind every port to the `-T` type's decoders. */
class PacketTypeRegistry extends Registry {
  override readonly udpPorts: Map<number, Decoder>;
  override readonly tcpPorts: Map<number, Decoder>;
  /** Whether an empty UDP payload is decoded from the bytes past the UDP length. */
  readonly udpPastLength: boolean;

  constructor(
    base: Registry,
    udp: Decoder | undefined,
    tcp: Decoder | undefined,
    ipProtocols: [number, Decoder][],
    udpPastLength: boolean,
  ) {
    super();
    this.udpPastLength = udpPastLength;
    this.udpPorts = new EveryPort(udp);
    this.tcpPorts = new EveryPort(tcp);
    for (const [key, value] of base.linkTypes) this.linkTypes.set(key, value);
    for (const [key, value] of base.etherTypes) this.etherTypes.set(key, value);
    for (const [key, value] of base.ipProtocols) this.ipProtocols.set(key, value);
    for (const [key, value] of ipProtocols) this.ipProtocols.set(key, value);
    // Both ports give the type's decoder: no order to choose, and no port that tcpdump
    // takes one way only, since -T takes every datagram.
  }
}

/**
 * Returns a copy of `registry` that decodes every UDP and TCP payload as `-T` says; the
 * protocols of the binding's kinds must be loaded.
 *
 * @param registry The registry with every protocol.
 * @param binding The `-T` type's binding.
 * @returns The copy.
 */
export function packetTypeRegistry(registry: Registry, binding: PacketTypeBinding): Registry {
  const decoder = (kind: string | undefined) =>
    kind === undefined ? undefined : protocolOf(kind) as LayerDecoder | undefined;
  const ipProtocols = Object.entries(binding.ipProtocols ?? {}).map((
    [protocol, kind],
  ): [number, Decoder] => [Number(protocol), decoder(kind)!]);
  return new PacketTypeRegistry(
    registry,
    decoder(binding.udp),
    decoder(binding.tcp),
    ipProtocols,
    binding.pastLength === true,
  );
}
