/**
 * BOOTP (RFC 951) and DHCPv4 (RFC 2131) messages, with the options of RFC 2132 walked
 * when asked for, including those that the option-overload option (52) moves into the
 * `file` and `sname` fields.
 *
 * @module
 */

import { formatIpv4, formatMac } from "../address.ts";
import { readCString } from "../_bytes.ts";
import { DecodeError } from "../errors.ts";
import { encodeHex } from "../_hex.ts";
import { wireLength } from "./_wire_length.ts";
import { decodeOne } from "../_decode_one.ts";
import {
  type DecodeContext,
  type Decoder,
  defineProtocol,
  LayerBase,
  type ProtocolDescriptor,
} from "../layer.ts";
import { type DhcpOption, walk } from "./_dhcp_options.ts";

export type {
  DhcpOption,
  DhcpOptionAddresses,
  DhcpOptionArea,
  DhcpOptionBase,
  DhcpOptionClientId,
  DhcpOptionMalformed,
  DhcpOptionMarker,
  DhcpOptionMessageType,
  DhcpOptionNumber,
  DhcpOptionParameterRequestList,
  DhcpOptionRaw,
  DhcpOptionText,
} from "./_dhcp_options.ts";

/** The magic cookie that starts the options (RFC 2131 section 3): 99.130.83.99. */
export const DHCP_MAGIC_COOKIE = 0x63825363;

/** Length of the fixed BOOTP fields, before the magic cookie. */
const FIXED_LENGTH = 236;

/**
 * DHCP message types, the value of option 53 (RFC 2132 section 9.6, RFC 4388).
 *
 * @example Compare a message type
 * ```ts
 * import { DhcpMessageType } from "./dhcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DhcpMessageType.ACK, 5);
 * ```
 */
export const DhcpMessageType = {
  DISCOVER: 1,
  OFFER: 2,
  REQUEST: 3,
  DECLINE: 4,
  ACK: 5,
  NAK: 6,
  RELEASE: 7,
  INFORM: 8,
  FORCERENEW: 9,
  LEASEQUERY: 10,
  LEASEUNASSIGNED: 11,
  LEASEUNKNOWN: 12,
  LEASEACTIVE: 13,
} as const;

/** A DHCP message type that wirekit names. */
export type DhcpMessageType = typeof DhcpMessageType[keyof typeof DhcpMessageType];

/**
 * DHCP option codes that wirekit decodes (RFC 2132 and successors).
 *
 * @example Compare an option code
 * ```ts
 * import { DhcpOptionCode } from "./dhcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(DhcpOptionCode.MESSAGE_TYPE, 53);
 * ```
 */
export const DhcpOptionCode = {
  PAD: 0,
  SUBNET_MASK: 1,
  ROUTER: 3,
  DOMAIN_NAME_SERVER: 6,
  HOSTNAME: 12,
  DOMAIN_NAME: 15,
  BROADCAST_ADDRESS: 28,
  NTP_SERVERS: 42,
  REQUESTED_IP: 50,
  LEASE_TIME: 51,
  OVERLOAD: 52,
  MESSAGE_TYPE: 53,
  SERVER_ID: 54,
  PARAMETER_REQUEST_LIST: 55,
  MESSAGE: 56,
  MAX_MESSAGE_SIZE: 57,
  RENEWAL_TIME: 58,
  REBINDING_TIME: 59,
  VENDOR_CLASS: 60,
  CLIENT_ID: 61,
  END: 255,
} as const;

/** A DHCP option code that wirekit decodes. */
export type DhcpOptionCode = typeof DhcpOptionCode[keyof typeof DhcpOptionCode];

/**
 * A BOOTP or DHCPv4 message. The fixed fields are read when the layer decodes; the options
 * are walked only when asked for ({@linkcode Dhcp.options}, {@linkcode Dhcp.messageType}).
 * The layer's `contents` is the whole message.
 *
 * @example Decode a DHCPDISCOVER
 * ```ts
 * import { decodeDhcp } from "./dhcp.ts";
 * import assert from "node:assert/strict";
 *
 * const message = new Uint8Array(244);
 * message.set([1, 1, 6, 0, 0x39, 0x03, 0xf3, 0x26, 0, 0, 0x80, 0]);
 * message.set([0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42], 28);
 * message.set([99, 130, 83, 99, 53, 1, 1, 255], 236);
 * const dhcp = decodeDhcp(message);
 * assert.equal(dhcp.op, 1);
 * assert.equal(dhcp.transactionId, 0x3903f326);
 * assert.equal(dhcp.broadcast, true);
 * assert.equal(dhcp.clientHardwareAddress, "00:0b:82:01:fc:42");
 * assert.equal(dhcp.messageType, 1);
 * assert.deepEqual(dhcp.options.map((option) => option.name), ["message-type", "end"]);
 * ```
 */
export class Dhcp extends LayerBase {
  /** The discriminant. */
  readonly kind = "dhcp" as const;
  /** op: 1 BOOTREQUEST, 2 BOOTREPLY. */
  op = 0;
  /** htype: the ARP hardware type (1 Ethernet). */
  hardwareType = 0;
  /** hlen: the hardware address length (6 for Ethernet). */
  hardwareLength = 0;
  /** hops: relay agents crossed. */
  hops = 0;
  /** xid: the transaction ID. */
  transactionId = 0;
  /** secs: seconds since the client began. */
  seconds = 0;
  /** The flags field; the top bit is broadcast. */
  flags = 0;
  /** The magic cookie, or 0 when the message is too short to hold one (plain BOOTP). */
  magicCookie = 0;
  /** The message length the UDP header declares (the captured bytes may be fewer). */
  wireLength = 0;
  /**
   * The capture ended inside the 236 bytes of fixed fields: the layer comes from the
   * `partial` of a truncation {@linkcode DecodeError}, and the fields whose bytes lie past
   * `end` are 0 (the getters of addresses and names read `data` as is: check `end`).
   */
  partial = false;

  /** The broadcast flag (RFC 2131 section 2): the client wants replies broadcast. */
  get broadcast(): boolean {
    return (this.flags & 0x8000) !== 0;
  }

  /** ciaddr: the client's address, when it has one. */
  get clientAddress(): string {
    return formatIpv4(this.data, this.offset + 12);
  }

  /** yiaddr: the address offered or assigned to the client. */
  get yourAddress(): string {
    return formatIpv4(this.data, this.offset + 16);
  }

  /** siaddr: the next server to use (TFTP). */
  get serverAddress(): string {
    return formatIpv4(this.data, this.offset + 20);
  }

  /** giaddr: the relay agent's address. */
  get gatewayAddress(): string {
    return formatIpv4(this.data, this.offset + 24);
  }

  /** ciaddr bytes (a view). */
  get clientAddressBytes(): Uint8Array {
    return this.data.subarray(this.offset + 12, this.offset + 16);
  }

  /** yiaddr bytes (a view). */
  get yourAddressBytes(): Uint8Array {
    return this.data.subarray(this.offset + 16, this.offset + 20);
  }

  /** siaddr bytes (a view). */
  get serverAddressBytes(): Uint8Array {
    return this.data.subarray(this.offset + 20, this.offset + 24);
  }

  /** giaddr bytes (a view). */
  get gatewayAddressBytes(): Uint8Array {
    return this.data.subarray(this.offset + 24, this.offset + 28);
  }

  /** chaddr: the first `hardwareLength` bytes (at most 16) as colon-separated hex. */
  get clientHardwareAddress(): string {
    return formatMac(this.data, this.offset + 28, Math.min(this.hardwareLength, 16));
  }

  /** chaddr: the whole 16-byte field (a view). */
  get clientHardwareAddressBytes(): Uint8Array {
    return this.data.subarray(this.offset + 28, this.offset + 44);
  }

  /** sname: the server host name, up to its first NUL (empty when options overload it). */
  get serverName(): string {
    return (this.#overload() & 2) !== 0 ? "" : readCString(this.data, this.offset + 44, 64);
  }

  /** file: the boot file name, up to its first NUL (empty when options overload it). */
  get bootFileName(): string {
    return (this.#overload() & 1) !== 0 ? "" : readCString(this.data, this.offset + 108, 128);
  }

  /**
   * Every option in order, pad and end included: those of the options field, then those
   * of `file` and of `sname` when option 52 says they hold options. A length that runs
   * past its field stops the walk as a `"malformed"` entry. Empty without a magic cookie.
   * Builds a new array on each call.
   */
  get options(): DhcpOption[] {
    const options: DhcpOption[] = [];
    if (this.magicCookie !== DHCP_MAGIC_COOKIE) return options;
    const start = this.offset + FIXED_LENGTH + 4;
    const overload = walk(this.data, "options", start, this.end, options);
    if ((overload & 1) !== 0) {
      walk(this.data, "file", this.offset + 108, this.offset + 236, options);
    }
    if ((overload & 2) !== 0) {
      walk(this.data, "sname", this.offset + 44, this.offset + 108, options);
    }
    return options;
  }

  /** Whether an option walk stops at a malformed option. */
  get optionsMalformed(): boolean {
    return this.options.some((option) => option.name === "malformed");
  }

  /** The DHCP message type (option 53), or `undefined` for plain BOOTP. */
  get messageType(): number | undefined {
    for (const option of this.options) {
      if (option.name === "message-type") return option.value;
    }
    return undefined;
  }

  #overload(): number {
    if (this.magicCookie !== DHCP_MAGIC_COOKIE) return 0;
    const data = this.data;
    let at = this.offset + FIXED_LENGTH + 4;
    while (at < this.end) {
      const code = data[at]!;
      if (code === 0) {
        at++;
        continue;
      }
      if (code === 255 || at + 1 >= this.end) return 0;
      const length = data[at + 1]!;
      if (at + 2 + length > this.end) return 0;
      if (code === 52 && length === 1) return data[at + 2]!;
      at += 2 + length;
    }
    return 0;
  }

  /** Decodes the header at `offset`, returning the error instead of throwing. */
  decodeFrom(
    data: Uint8Array,
    offset: number,
    end: number,
    context: DecodeContext,
  ): DecodeError | undefined {
    const available = end - offset;
    if (available < 1) return DecodeError.truncated(this.kind, offset, FIXED_LENGTH, available);
    this.data = data;
    this.offset = offset;
    this.headerLength = available;
    this.end = end;
    this.wireLength = wireLength(context, offset, available);
    this.partial = available < FIXED_LENGTH;
    // Fields past the captured end read as 0 in a partial decode.
    this.op = data[offset]!;
    this.hardwareType = offset + 1 < end ? data[offset + 1]! : 0;
    this.hardwareLength = offset + 2 < end ? data[offset + 2]! : 0;
    this.hops = offset + 3 < end ? data[offset + 3]! : 0;
    this.transactionId = offset + 8 <= end
      ? ((data[offset + 4]! << 24) | (data[offset + 5]! << 16) | (data[offset + 6]! << 8) |
        data[offset + 7]!) >>> 0
      : 0;
    this.seconds = offset + 10 <= end ? (data[offset + 8]! << 8) | data[offset + 9]! : 0;
    this.flags = offset + 12 <= end ? (data[offset + 10]! << 8) | data[offset + 11]! : 0;
    const at = offset + FIXED_LENGTH;
    this.magicCookie = available >= FIXED_LENGTH + 4
      ? ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0
      : 0;
    if (this.partial) {
      return DecodeError.truncated(this.kind, offset, FIXED_LENGTH, available, true);
    }
    return undefined;
  }

  /** DHCP carries no further layer. */
  nextDecoder(_context: DecodeContext): Decoder | undefined {
    return undefined;
  }

  /** Returns the header's fields as a plain object. */
  toJSON(): Record<string, unknown> {
    return {
      op: this.op,
      hardwareType: this.hardwareType,
      hardwareLength: this.hardwareLength,
      hops: this.hops,
      transactionId: this.transactionId,
      seconds: this.seconds,
      flags: this.flags,
      clientAddress: this.clientAddress,
      yourAddress: this.yourAddress,
      serverAddress: this.serverAddress,
      gatewayAddress: this.gatewayAddress,
      clientHardwareAddress: this.clientHardwareAddress,
      serverName: this.serverName,
      bootFileName: this.bootFileName,
      magicCookie: this.magicCookie,
      options: this.options.map((option) => {
        const json: Record<string, unknown> = { ...option, data: encodeHex(option.data) };
        if (option.name === "client-id") json.identifier = encodeHex(option.identifier);
        return json;
      }),
    };
  }
}

/** Creates {@linkcode Dhcp} layers; the registry entry for ports 67 and 68. */
export const dhcpDecoder: ProtocolDescriptor<Dhcp> = defineProtocol({
  kind: "dhcp",
  name: "DHCP",
  tcpdumpName: "bootp",
  create: () => new Dhcp(),
  bindings: { udpPorts: [67, 68] },
});

/**
 * Decodes a BOOTP or DHCPv4 message.
 *
 * @param data The bytes.
 * @param offset Where the message starts.
 * @returns The layer, a view over `data`.
 * @throws {DecodeError} When fewer than the 236 bytes of fixed fields remain; its
 * `partial` holds the fields that were captured.
 *
 * @example Reject a truncated message
 * ```ts
 * import { decodeDhcp } from "./dhcp.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => decodeDhcp(new Uint8Array(100)), {
 *   message: "Cannot decode DHCP header: 236 bytes required, received 100",
 * });
 * ```
 */
export function decodeDhcp(data: Uint8Array, offset = 0): Dhcp {
  return decodeOne(new Dhcp(), data, offset);
}
