/**
 * {@linkcode DeferredProtocols}: the decoders and printers of the protocols that few
 * captures hold, loaded by the pipeline when a packet first needs one. Private.
 *
 * @module
 */

import type { LayerDispatcher } from "../layer.ts";
import { Registry } from "../_registry.ts";
import { dispatchers } from "../transport_protocols.ts";
import { commonProtocols, RARE_BINDINGS } from "../_common_protocols.ts";
import { loadRarePrinters } from "../print/_common_printers.ts";
import type { PrinterRecord } from "../print/context.ts";

/**
 * A registry of the common protocols in which every number of another protocol leads to
 * a stand-in: decoding stops there and marks the packet `pending`, until `load()` binds
 * every protocol as the default registry does.
 */
export class DeferredProtocols {
  /** The registry to decode with. */
  readonly registry: Registry;
  /** A packet met a protocol not loaded yet; `load()` clears it. */
  pending = false;

  /** Makes the registry of the common protocols and the stand-in. */
  constructor() {
    const standIn: LayerDispatcher = {
      select: () => {
        this.pending = true;
        return undefined;
      },
    };
    this.registry = new Registry().addAll(commonProtocols).addAll(dispatchers)
      .add(standIn, RARE_BINDINGS);
  }

  /**
   * Binds every protocol, in the default registry's order.
   *
   * @returns The printers of the protocols that were not loaded.
   */
  async load(): Promise<PrinterRecord> {
    const [{ protocols, protocolDispatchers }, printers] = await Promise.all([
      import("../protocols.ts"),
      loadRarePrinters(),
    ]);
    this.registry.addAll(protocols).addAll(dispatchers).addAll(protocolDispatchers);
    this.pending = false;
    return printers;
  }
}
