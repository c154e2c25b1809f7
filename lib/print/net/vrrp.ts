/**
 * VRRP as tcpdump's vrrp_print() writes it: version, type, TTL when not 255, the router
 * ID, priority and interval, and with `-v` a bad checksum, the addresses and a password.
 *
 * @module
 */

import { truncatedRead } from "../_truncation.ts";
import type { PrintContext } from "../context.ts";
import type { Layer } from "../../layer_map.ts";
import { type Vrrp, VrrpAuthType } from "../../net/vrrp.ts";
import { printCharsUntilNul } from "../_chars.ts";

/**
 * Prints a VRRP message.
 *
 * @param ctx The print context.
 * @param vrrp The layer.
 * @param _next The layer after it (none).
 */
export function printVrrp(ctx: PrintContext, vrrp: Vrrp, _next: Layer | undefined): void {
  const out = ctx.out;
  ctx.done = true;
  const version = vrrp.version;
  out.ascii(`VRRPv${version}, `);
  out.ascii(vrrp.type === 1 ? "Advertisement" : `unknown type (${vrrp.type})`);
  if (ctx.ttl !== 255) out.ascii(`, (ttl ${ctx.ttl})`);
  if (version < 2 || version > 3 || vrrp.type !== 1) return;
  // tcpdump reads each field as it prints it: a field past the capture ends the packet.
  const captured = vrrp.end - vrrp.offset;
  if (captured < 3) return truncatedRead(ctx, "vrrp");
  out.ascii(`, vrid ${vrrp.virtualRouterId}, prio ${vrrp.priority}`);
  const length = (ctx.network ? ctx.ipEnd : vrrp.end) - vrrp.offset;
  if (version === 2) {
    if (captured < 5) return truncatedRead(ctx, "vrrp");
    out.ascii(`, authtype ${AUTH_NAMES[vrrp.authType] ?? `#${vrrp.authType}`}`);
    if (captured < 6) return truncatedRead(ctx, "vrrp");
    out.ascii(`, intvl ${vrrp.advertisementInterval}s, length ${length}`);
  } else {
    if (captured < 6) return truncatedRead(ctx, "vrrp");
    out.ascii(`, intvl ${vrrp.advertisementInterval}cs, length ${length}`);
  }
  if (ctx.verbose === 0) return;
  if (vrrp.end - vrrp.offset >= length && vrrp.checksumValid === false) {
    // tcpdump reads the checksum field to print it.
    if (captured < 8) return truncatedRead(ctx, "vrrp");
    out.ascii(", (bad vrrp cksum ");
    out.hex(vrrp.checksum);
    out.byte(0x29);
  }
  out.ascii(", addrs");
  if (vrrp.addressCount > 1) out.ascii(`(${vrrp.addressCount})`);
  out.byte(0x3a);
  const addresses = vrrp.addresses;
  addresses.forEach((address, i) => out.ascii(`${i === 0 ? " " : ","}${address}`));
  if (addresses.length < vrrp.addressCount) return truncatedRead(ctx, "vrrp");
  if (version === 2 && vrrp.authType === VrrpAuthType.SIMPLE) {
    const password = vrrp.password;
    out.ascii(' auth "');
    printCharsUntilNul(out, password, 0, password.length);
    if (password.length < 8 && !password.includes(0)) return truncatedRead(ctx, "vrrp");
    out.byte(0x22);
  }
}

const AUTH_NAMES: readonly string[] = ["none", "simple", "ah"];
