import type { DecodeContext, DecoderTables, LayerBase } from "./layer.ts";

/** Empty tables, for decoding one header without going on to its payload. */
export const noTables: DecoderTables = {
  linkTypes: new Map(),
  etherTypes: new Map(),
  ipProtocols: new Map(),
  tcpPorts: new Map(),
  udpPorts: new Map(),
};

/**
 * Decodes one header into `layer` and throws the decode error, if any: the body of every
 * `decodeXxx()` function. Transport checksums are not checked (no network layer is known).
 */
export function decodeOne<L extends LayerBase>(layer: L, data: Uint8Array, offset: number): L {
  const context: DecodeContext = { tables: noTables, network: undefined };
  const error = layer.decodeFrom(data, offset, data.length, context);
  if (error !== undefined) throw error;
  return layer;
}
