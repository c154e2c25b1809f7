/**
 * The registry: which decoder reads the payload of a link type, an EtherType, an IP
 * protocol or a port. The default registry is built from the protocol list
 * (`protocols.ts`): each descriptor's bindings. A registry of your own takes more with
 * `add()` or `set()` on its tables.
 *
 * @module
 */

import { Registry } from "./_registry.ts";
import { protocolDispatchers, protocols } from "./protocols.ts";
import { dispatchers } from "./transport_protocols.ts";

export { Registry };

/** The registry of every protocol that wirekit decodes; `decode()` uses it by default. */
export const defaultRegistry: Registry = new Registry().addAll(protocols).addAll(dispatchers)
  .addAll(protocolDispatchers);
