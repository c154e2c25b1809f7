/**
 * The RX calls seen so far, so that a reply is printed by its call's opcode: a ring of
 * the last 64 calls as tcpdump's rx_cache keeps them (call number, client, server,
 * server port, service ID, opcode), zeroed at the start as tcpdump's static array is.
 * Exported through `PrintContext.rxCalls`.
 *
 * @module
 */

const SIZE = 64;

/** The last 64 RX calls in typed arrays, searched from the last match as tcpdump does. */
export class RxCalls {
  readonly #callNumber = new Uint32Array(SIZE);
  readonly #client = new Uint32Array(SIZE);
  readonly #server = new Uint32Array(SIZE);
  readonly #port = new Uint16Array(SIZE);
  readonly #service = new Uint16Array(SIZE);
  readonly #opcode = new Uint32Array(SIZE);
  #next = 0;
  #hint = 0;

  /**
   * Remembers a call.
   *
   * @param callNumber The RX call number.
   * @param client The client's IPv4 address as a number.
   * @param server The server's IPv4 address as a number.
   * @param port The server's UDP port.
   * @param service The RX service ID.
   * @param opcode The call's opcode.
   */
  enter(
    callNumber: number,
    client: number,
    server: number,
    port: number,
    service: number,
    opcode: number,
  ): void {
    const i = this.#next;
    this.#callNumber[i] = callNumber;
    this.#client[i] = client;
    this.#server[i] = server;
    this.#port[i] = port;
    this.#service[i] = service;
    this.#opcode[i] = opcode;
    this.#next = (i + 1) % SIZE;
  }

  /**
   * Finds the call a reply answers: same call number and service, from the call's server
   * and port to its client.
   *
   * @returns The call's opcode, or -1.
   */
  find(
    callNumber: number,
    source: number,
    destination: number,
    port: number,
    service: number,
  ): number {
    let i = this.#hint;
    do {
      if (
        this.#callNumber[i] === callNumber && this.#client[i] === destination &&
        this.#server[i] === source && this.#service[i] === service && this.#port[i] === port
      ) {
        this.#hint = i;
        return this.#opcode[i]!;
      }
      i = (i + 1) % SIZE;
    } while (i !== this.#hint);
    return -1;
  }
}
