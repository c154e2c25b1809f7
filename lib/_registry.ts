/**
 * The registry class: tables from the numbers that announce a protocol to its decoder.
 * `registry.ts` re-exports it with the default registry; this file holds no decoder, so
 * that a registry of a few protocols loads only theirs.
 *
 * @module
 */

import type { Decoder, DecoderTables, PortChoice, ProtocolBindings } from "./layer.ts";
import { DecoderTable } from "./_decoder_table.ts";

/**
 * Tables from protocol numbers to decoders.
 *
 * @example Register a decoder for a private EtherType
 * ```ts
 * import { Registry, defaultRegistry } from "./registry.ts";
 * import { ipv4Decoder } from "./net/ipv4.ts";
 * import assert from "node:assert/strict";
 *
 * const registry = defaultRegistry.clone();
 * registry.etherTypes.set(0x88b5, ipv4Decoder);
 * assert.equal(registry.etherTypes.get(0x88b5), ipv4Decoder);
 * assert.equal(defaultRegistry.etherTypes.get(0x88b5), undefined);
 * assert.ok(new Registry().linkTypes.size === 0);
 * ```
 */
export class Registry implements DecoderTables {
  /** `LINKTYPE_*` number to the decoder of the first layer. */
  readonly linkTypes: Map<number, Decoder> = new DecoderTable();
  /** EtherType to decoder. */
  readonly etherTypes: Map<number, Decoder> = new DecoderTable();
  /** IP protocol / IPv6 next-header number to decoder. */
  readonly ipProtocols: Map<number, Decoder> = new DecoderTable();
  /** TCP port to decoder. */
  readonly tcpPorts: Map<number, Decoder> = new DecoderTable();
  /** UDP port to decoder. */
  readonly udpPorts: Map<number, Decoder> = new DecoderTable();
  /**
   * Which port of a TCP or UDP packet to try first when both are bound; by default
   * (`undefined`) the lower one, where a service usually sits.
   */
  portChoice: PortChoice | undefined = undefined;

  /**
   * Binds a decoder (a protocol descriptor, or a dispatcher) to the numbers that announce
   * it, replacing what they were bound to.
   *
   * @param decoder The decoder.
   * @param bindings The link types, EtherTypes, IP protocols and ports.
   * @returns This registry.
   */
  add(decoder: Decoder, bindings: ProtocolBindings): this {
    for (const n of bindings.linkTypes ?? []) this.linkTypes.set(n, decoder);
    for (const n of bindings.etherTypes ?? []) this.etherTypes.set(n, decoder);
    for (const n of bindings.ipProtocols ?? []) this.ipProtocols.set(n, decoder);
    for (const n of bindings.tcpPorts ?? []) this.tcpPorts.set(n, decoder);
    for (const n of bindings.udpPorts ?? []) this.udpPorts.set(n, decoder);
    return this;
  }

  /**
   * Binds each decoder to the numbers of its own bindings.
   *
   * @param decoders Protocol descriptors or dispatchers, each with its bindings.
   * @returns This registry.
   */
  addAll(decoders: readonly (Decoder & { readonly bindings: ProtocolBindings })[]): this {
    for (const decoder of decoders) this.add(decoder, decoder.bindings);
    return this;
  }

  /**
   * Copies the registry, so that changes to the copy leave this one alone.
   *
   * @returns The copy.
   */
  clone(): Registry {
    const copy = new Registry();
    for (const [key, value] of this.linkTypes) copy.linkTypes.set(key, value);
    for (const [key, value] of this.etherTypes) copy.etherTypes.set(key, value);
    for (const [key, value] of this.ipProtocols) copy.ipProtocols.set(key, value);
    for (const [key, value] of this.tcpPorts) copy.tcpPorts.set(key, value);
    for (const [key, value] of this.udpPorts) copy.udpPorts.set(key, value);
    copy.portChoice = this.portChoice;
    return copy;
  }
}
