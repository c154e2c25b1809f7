/**
 * libpcap's names of data link types (`pcap_datalink_name_to_val`,
 * `pcap_datalink_val_to_name`, `pcap_datalink_val_to_description`) and its version string.
 *
 * @module
 */

import { cString, lib, readCString } from "./_native.ts";

/**
 * Returns libpcap's version string (`pcap_lib_version()`), as `tcpdump --version` prints it.
 *
 * @returns For example `libpcap version 1.10.3 (with TPACKET_V3)`.
 *
 * @example Print the version
 * ```ts ignore
 * import { libpcapVersion } from "./datalinks.ts";
 *
 * console.log(libpcapVersion());
 * ```
 */
export function libpcapVersion(): string {
  return readCString(lib().symbols.pcap_lib_version());
}

/**
 * Returns the data link type of a name, as tcpdump's `-y` takes it (`EN10MB`, `LINUX_SLL`,
 * case-insensitive, with or without `DLT_`), or `undefined` for a name libpcap does not know.
 *
 * @param name The name.
 * @returns The `DLT_*` number.
 *
 * @example Look up Ethernet
 * ```ts ignore
 * import { dataLinkFromName } from "./datalinks.ts";
 *
 * console.log(dataLinkFromName("EN10MB")); // 1
 * ```
 */
export function dataLinkFromName(name: string): number | undefined {
  const value = lib().symbols.pcap_datalink_name_to_val(cString(name.replace(/^DLT_/i, "")));
  return value < 0 ? undefined : value;
}

/**
 * Returns libpcap's name and description of a data link type, or `undefined` when libpcap
 * has no name for it.
 *
 * @param linkType The `DLT_*` number.
 * @returns The name (`EN10MB`) and description (`Ethernet`; the number when libpcap has
 * no description).
 *
 * @example Name Ethernet
 * ```ts ignore
 * import { dataLinkName } from "./datalinks.ts";
 *
 * console.log(dataLinkName(1)); // { name: "EN10MB", description: "Ethernet" }
 * ```
 */
export function dataLinkName(
  linkType: number,
): { name: string; description: string } | undefined {
  const symbols = lib().symbols;
  const name = symbols.pcap_datalink_val_to_name(linkType);
  if (name === null) return undefined;
  const description = symbols.pcap_datalink_val_to_description(linkType);
  return {
    name: readCString(name),
    description: description === null ? `DLT ${linkType}` : readCString(description),
  };
}
