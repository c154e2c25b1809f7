/**
 * The Sun RPC calls seen so far, so that a reply is printed by its call's procedure: a
 * ring of the last 64 calls as tcpdump's xid_map keeps them (transaction ID, client,
 * server, procedure, version). Exported through `PrintContext.rpcCalls`.
 *
 * @module
 */

/** One call remembered. */
interface RpcCall {
  xid: number;
  client: string;
  server: string;
  procedure: number;
  version: number;
}

const SIZE = 64;

/** The last 64 RPC calls, searched from the last match as tcpdump does. */
export class RpcCalls {
  readonly #ring: (RpcCall | undefined)[] = new Array(SIZE);
  #next = 0;
  #hint = 0;

  /**
   * Remembers a call.
   *
   * @param xid The transaction ID.
   * @param client The client's address (any string that tells addresses apart).
   * @param server The server's address.
   * @param procedure The RPC procedure.
   * @param version The program version.
   */
  enter(xid: number, client: string, server: string, procedure: number, version: number): void {
    this.#ring[this.#next] = { xid, client, server, procedure, version };
    this.#next = (this.#next + 1) % SIZE;
  }

  /**
   * Finds the call a reply answers: same transaction ID, from the call's server to its
   * client.
   *
   * @returns The call's procedure and version, or `undefined`.
   */
  find(
    xid: number,
    source: string,
    destination: string,
  ): { procedure: number; version: number } | undefined {
    let i = this.#hint;
    do {
      const call = this.#ring[i];
      if (
        call !== undefined && call.xid === xid && call.server === source &&
        call.client === destination
      ) {
        this.#hint = i;
        return call;
      }
      i = (i + 1) % SIZE;
    } while (i !== this.#hint);
    return undefined;
  }
}
