/**
 * An address and port written as one text, shared by the application sessions and the
 * live view's flows (private).
 *
 * @module
 */

/** `address:port`, with an IPv6 address (one that holds a colon) in brackets. */
export function addressPort(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}
