/**
 * The kinds of layer that wirekit decodes, and the {@linkcode Layer} union over them.
 *
 * The built-in kinds come from the protocol list (`protocols.ts`). `LayerMap` is an
 * interface, so code outside wirekit adds a kind of its own by augmenting it:
 *
 * ```ts ignore
 * declare module "./layer_map.ts" {
 *   interface LayerMap {
 *     vxlan: Vxlan;
 *   }
 * }
 * ```
 *
 * @module
 */

import type { ProtocolDescriptor } from "./layer.ts";
import type { protocols } from "./protocols.ts";

/** The layer class of each built-in protocol, by kind. */
export type BuiltinLayerMap = {
  [P in (typeof protocols)[number] as P["kind"]]: P extends ProtocolDescriptor<infer L> ? L
    : never;
};

/** The kind of a built-in layer: `"ethernet"`, `"ipv4"`, `"tcp"`... */
export type BuiltinLayerKind = keyof BuiltinLayerMap;

/** Each layer kind, the discriminant `layer.kind`, mapped to its class. */
export interface LayerMap extends BuiltinLayerMap {}

/** The name of a layer kind: `"ethernet"`, `"ipv4"`, `"tcp"`... */
export type LayerKind = keyof LayerMap;

/** Any decoded layer; narrow it with `layer.kind === "tcp"`. */
export type Layer = LayerMap[LayerKind];
