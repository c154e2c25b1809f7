/**
 * What raw IPv4 and IPv6 sockets share (private): the protocol they are opened for, the
 * interface they are bound to, and opening one.
 *
 * @module
 */

import type { SockFilterInstruction } from "../../ffi/libc_structs.ts";
import { LinkType } from "../link_type.ts";
import {
  adoptSocket,
  interfaceIndex,
  openSocket,
  type RawReceiveOptions,
} from "./_socket_setup.ts";
import { RawSocketBase } from "./_socket.ts";

/** The options raw IPv4 and IPv6 sockets share. */
export interface IpCommonOptions extends Omit<RawReceiveOptions, "filter"> {
  /** The filter. */
  filter?: string | readonly SockFilterInstruction[];
  /** The interface to bind to. */
  iface?: string;
}

/** A raw IPv4 or IPv6 socket of one protocol: records of link type `RAW`. */
export abstract class IpSocketCommon extends RawSocketBase {
  /** The IP protocol number. */
  readonly protocol: number;
  /** The interface it is bound to, if any. */
  readonly iface: string | undefined;
  /** The index of that interface, or 0. */
  protected readonly boundIndex: number;

  /**
   * Takes ownership of a socket.
   *
   * @param fd The socket.
   * @param protocol The protocol number.
   * @param index The interface index, or 0.
   * @param options The options.
   */
  protected constructor(fd: number, protocol: number, index: number, options: IpCommonOptions) {
    super(fd, LinkType.RAW, options);
    this.protocol = protocol;
    this.iface = options.iface;
    this.boundIndex = index;
  }

  /**
   * The first steps of setting up: the filter, then the interface.
   *
   * @param options The options.
   * @param socketName What the socket is, for messages (`raw IPv4 socket`).
   */
  protected setUpFilterAndInterface(options: IpCommonOptions, socketName: string): void {
    if (options.filter !== undefined) this.attachFilter(options.filter);
    if (options.iface !== undefined) this.bindToDevice(options.iface, socketName);
  }
}

/**
 * Opens a raw socket of one IP protocol, given by number or by name.
 *
 * @param family `IPv4` or `IPv6`, for messages.
 * @param domain `AF_INET` or `AF_INET6`.
 * @param requested The protocol asked for.
 * @param names The protocols known by name.
 * @param highest The highest protocol number taken.
 * @param options The options (the interface is looked up first).
 * @param create Wraps the descriptor in its class.
 * @param setUp Sets the socket up.
 * @returns The socket.
 */
export function openIpFamilySocket<T extends IpSocketCommon>(
  family: "IPv4" | "IPv6",
  domain: number,
  requested: number | string,
  names: Readonly<Record<string, number>>,
  highest: number,
  options: IpCommonOptions,
  create: (fd: number, protocol: number, index: number) => T,
  setUp: (socket: T) => void,
): T {
  const protocol = typeof requested === "number" ? requested : names[requested];
  if (protocol === undefined || !Number.isInteger(protocol) || protocol < 0 || protocol > highest) {
    throw new RangeError(
      `Cannot open raw ${family} socket: protocol must be 0 to ${highest}: received ${requested}`,
    );
  }
  const what = `raw ${family} socket (protocol ${protocol})`;
  const index = options.iface === undefined ? 0 : interfaceIndex(options.iface, what);
  const fd = openSocket(domain, protocol, what);
  return adoptSocket(fd, () => create(fd, protocol, index), setUp);
}
