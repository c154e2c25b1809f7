/**
 * DHCP options (RFC 2132 and successors): their decoded shapes, and the walk over the
 * options field and the `file`/`sname` fields it overloads. Private: the types are
 * exported from `dhcp.ts`.
 *
 * @module
 */

import { formatIpv4 } from "../address.ts";

const messageTypeNames: Record<number, string> = {
  1: "DHCPDISCOVER",
  2: "DHCPOFFER",
  3: "DHCPREQUEST",
  4: "DHCPDECLINE",
  5: "DHCPACK",
  6: "DHCPNAK",
  7: "DHCPRELEASE",
  8: "DHCPINFORM",
  9: "DHCPFORCERENEW",
  10: "DHCPLEASEQUERY",
  11: "DHCPLEASEUNASSIGNED",
  12: "DHCPLEASEUNKNOWN",
  13: "DHCPLEASEACTIVE",
};

/** Where an option was found: the options field, or the `file`/`sname` field it overloads. */
export type DhcpOptionArea = "options" | "file" | "sname";

/** What every option has. */
export interface DhcpOptionBase {
  /** The option code. */
  code: number;
  /** The length byte (0 for pad and end). */
  length: number;
  /** The option's data (a view). */
  data: Uint8Array;
  /** Where it was found. */
  area: DhcpOptionArea;
}

/** Pad (0) or end (255). */
export interface DhcpOptionMarker extends DhcpOptionBase {
  /** The discriminant. */
  name: "pad" | "end";
}

/** An option holding IPv4 addresses: subnet mask, router, DNS servers, server ID... */
export interface DhcpOptionAddresses extends DhcpOptionBase {
  /** The discriminant. */
  name:
    | "subnet-mask"
    | "router"
    | "domain-name-server"
    | "broadcast-address"
    | "ntp-servers"
    | "requested-ip"
    | "server-id";
  /** The addresses, dotted. */
  addresses: string[];
}

/** An option holding text: hostname, domain name, message, vendor class. */
export interface DhcpOptionText extends DhcpOptionBase {
  /** The discriminant. */
  name: "hostname" | "domain-name" | "message" | "vendor-class";
  /** The text (decoded as Latin-1, trailing NULs dropped). */
  text: string;
}

/** An option holding one unsigned number: times in seconds, sizes, overload. */
export interface DhcpOptionNumber extends DhcpOptionBase {
  /** The discriminant. */
  name: "lease-time" | "renewal-time" | "rebinding-time" | "max-message-size" | "overload";
  /** The value. */
  value: number;
}

/** The DHCP message type (53). */
export interface DhcpOptionMessageType extends DhcpOptionBase {
  /** The discriminant. */
  name: "message-type";
  /** The type (see {@linkcode DhcpMessageType}). */
  value: number;
  /** Its name, such as `DHCPDISCOVER`, or `unknown` . */
  typeName: string;
}

/** The parameter request list (55). */
export interface DhcpOptionParameterRequestList extends DhcpOptionBase {
  /** The discriminant. */
  name: "parameter-request-list";
  /** The option codes requested. */
  codes: number[];
}

/** The client identifier (61). */
export interface DhcpOptionClientId extends DhcpOptionBase {
  /** The discriminant. */
  name: "client-id";
  /** The first byte: an ARP hardware type, or 0 for another kind of identifier. */
  type: number;
  /** The identifier after the type (a view). */
  identifier: Uint8Array;
}

/** An option kept raw: another code, or a known code whose length does not fit it. */
export interface DhcpOptionRaw extends DhcpOptionBase {
  /** The discriminant. */
  name: "raw";
}

/** Where the walk stopped: an option whose length byte or data runs past the field. */
export interface DhcpOptionMalformed extends DhcpOptionBase {
  /** The discriminant. */
  name: "malformed";
}

/** One DHCP option, discriminated by `name`. */
export type DhcpOption =
  | DhcpOptionMarker
  | DhcpOptionAddresses
  | DhcpOptionText
  | DhcpOptionNumber
  | DhcpOptionMessageType
  | DhcpOptionParameterRequestList
  | DhcpOptionClientId
  | DhcpOptionRaw
  | DhcpOptionMalformed;

const addressOptions: Record<number, DhcpOptionAddresses["name"]> = {
  1: "subnet-mask",
  3: "router",
  6: "domain-name-server",
  28: "broadcast-address",
  42: "ntp-servers",
  50: "requested-ip",
  54: "server-id",
};
const singleAddress = new Set([1, 28, 50, 54]);
const textOptions: Record<number, DhcpOptionText["name"]> = {
  12: "hostname",
  15: "domain-name",
  56: "message",
  60: "vendor-class",
};
const numberOptions: Record<number, [DhcpOptionNumber["name"], number]> = {
  51: ["lease-time", 4],
  52: ["overload", 1],
  57: ["max-message-size", 2],
  58: ["renewal-time", 4],
  59: ["rebinding-time", 4],
};

function readOption(
  data: Uint8Array,
  area: DhcpOptionArea,
  code: number,
  start: number,
  length: number,
): DhcpOption {
  const base = { code, length, data: data.subarray(start, start + length), area };
  const addressName = addressOptions[code];
  if (addressName !== undefined) {
    const fits = singleAddress.has(code) ? length === 4 : length > 0 && length % 4 === 0;
    if (!fits) return { ...base, name: "raw" };
    const addresses: string[] = [];
    for (let at = start; at < start + length; at += 4) addresses.push(formatIpv4(data, at));
    return { ...base, name: addressName, addresses };
  }
  const textName = textOptions[code];
  if (textName !== undefined) {
    let text = "";
    for (let at = start; at < start + length; at++) text += String.fromCharCode(data[at]!);
    return { ...base, name: textName, text: text.replace(/\0+$/, "") };
  }
  const numberOption = numberOptions[code];
  if (numberOption !== undefined) {
    const [name, size] = numberOption;
    if (length !== size) return { ...base, name: "raw" };
    let value = 0;
    for (let at = start; at < start + length; at++) value = value * 256 + data[at]!;
    return { ...base, name, value };
  }
  switch (code) {
    case 53:
      if (length === 1) {
        const value = data[start]!;
        return {
          ...base,
          name: "message-type",
          value,
          typeName: messageTypeNames[value] ?? "unknown",
        };
      }
      break;
    case 55:
      return { ...base, name: "parameter-request-list", codes: Array.from(base.data) };
    case 61:
      if (length >= 1) {
        return {
          ...base,
          name: "client-id",
          type: data[start]!,
          identifier: data.subarray(start + 1, start + length),
        };
      }
      break;
  }
  return { ...base, name: "raw" };
}

/** Walks the options of one area into `options`; returns the overload value (52) seen. */
export function walk(
  data: Uint8Array,
  area: DhcpOptionArea,
  start: number,
  end: number,
  options: DhcpOption[],
): number {
  let overload = 0;
  let at = start;
  while (at < end) {
    const code = data[at]!;
    if (code === 0) {
      options.push({ code, length: 0, data: data.subarray(at, at), area, name: "pad" });
      at++;
      continue;
    }
    if (code === 255) {
      options.push({ code, length: 0, data: data.subarray(at, at), area, name: "end" });
      break;
    }
    if (at + 1 >= end) {
      options.push({ code, length: 0, data: data.subarray(at + 1, end), area, name: "malformed" });
      break;
    }
    const length = data[at + 1]!;
    if (at + 2 + length > end) {
      options.push({ code, length, data: data.subarray(at + 2, end), area, name: "malformed" });
      break;
    }
    const option = readOption(data, area, code, at + 2, length);
    if (option.name === "overload") overload = option.value;
    options.push(option);
    at += 2 + length;
  }
  return overload;
}
