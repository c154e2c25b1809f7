/**
 * tshark's `-z follow` argument: `follow,PROTOCOL,MODE,FILTER[,RANGE]`, where FILTER is a
 * stream number or two `ADDRESS:PORT` ends (`[ADDRESS]:PORT` for IPv6), and RANGE the
 * chunks to show (`N` or `N-M`, counted from 1).
 *
 * @module
 */

import type { StreamProtocol } from "./stream_types.ts";

/** How `follow` prints the bytes: as text, as a hex dump, or as bare hex. */
export type FollowMode = "ascii" | "hex" | "raw";

/** One end of a followed conversation, as given on the command line. */
export interface FollowEndpoint {
  /** The address in its usual text form (`10.0.0.1`, `2001:db8::1`). */
  address: string;
  /** The port. */
  port: number;
}

/** A parsed `-z follow,...` argument. */
export interface FollowSpec {
  /** `tcp` or `udp`. */
  protocol: StreamProtocol;
  /** The output mode. */
  mode: FollowMode;
  /** The stream number, when the filter is one. */
  index?: number;
  /** The two ends, when the filter names them. */
  endpoints?: [FollowEndpoint, FollowEndpoint];
  /** 4 or 6, for `endpoints`. */
  ipVersion?: 4 | 6;
  /** The first chunk shown, counted from 1. */
  chunkMin: number;
  /** The last chunk shown. */
  chunkMax: number;
}

/** A `-z` argument that is not a follow tshark would take. */
export class FollowSpecError extends TypeError {
  /** Always `"follow_spec"`. */
  readonly code = "follow_spec";
}

const MAX_UINT32 = 0xffffffff;

/** The canonical text of an address, or `undefined` when it is none. */
function canonicalAddress(text: string, v6: boolean): string | undefined {
  if (!v6) {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
      return undefined;
    }
    return parts.map(Number).join(".");
  }
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

/**
 * Parses a `-z` argument for follow, as tshark 4.0 takes it.
 *
 * @param text The argument, such as `follow,tcp,ascii,0` or
 * `follow,udp,raw,10.0.0.1:53,10.0.0.2:40000,1-3`.
 * @returns The spec.
 * @throws {FollowSpecError} When it is not a valid follow argument.
 *
 * @example A stream number and a pair of ends
 * ```ts
 * import { parseFollowSpec } from "./follow_spec.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseFollowSpec("follow,tcp,hex,3").index, 3);
 * const spec = parseFollowSpec("follow,udp,raw,[2001:db8::1]:53,[2001:db8::2]:4000,2");
 * assert.deepEqual(spec.endpoints, [
 *   { address: "2001:db8::1", port: 53 },
 *   { address: "2001:db8::2", port: 4000 },
 * ]);
 * assert.equal(spec.chunkMin, 2);
 * ```
 */
export function parseFollowSpec(text: string): FollowSpec {
  const fail = (why: string): never => {
    throw new FollowSpecError(`Cannot parse -z ${text}: ${why}`);
  };
  const head = /^follow,(tcp|udp),(ascii|hex|raw)(,.*)?$/.exec(text);
  if (head === null) {
    if (!/^follow,(tcp|udp)/.test(text)) fail("not follow,tcp or follow,udp");
    fail("invalid display mode (ascii, hex or raw)");
  }
  const protocol = head![1] as StreamProtocol;
  const mode = head![2] as FollowMode;
  let rest = head![3] ?? "";
  const spec: FollowSpec = { protocol, mode, chunkMin: 1, chunkMax: MAX_UINT32 };
  const index = /^,(\d+)(?=,|$)/.exec(rest);
  if (index !== null) {
    spec.index = Number(index[1]);
    if (spec.index > MAX_UINT32) fail("invalid stream number");
    rest = rest.slice(index[0].length);
  } else {
    const ends: FollowEndpoint[] = [];
    const versions: boolean[] = [];
    for (let i = 0; i < 2; i++) {
      const end = /^,\[([^\]]{1,80})\]:(\d+)/.exec(rest) ?? /^,([^:,]{1,80}):(\d+)/.exec(rest);
      if (end === null) fail("invalid address");
      const v6 = end![0].startsWith(",[");
      const address = canonicalAddress(end![1]!, v6);
      if (address === undefined) fail(`invalid address ${end![1]}`);
      const port = Number(end![2]);
      if (port < 1 || port > 65535) fail("invalid port");
      ends.push({ address: address!, port });
      versions.push(v6);
      rest = rest.slice(end![0].length);
    }
    if (versions[0] !== versions[1]) fail("mismatched IP address types");
    spec.endpoints = [ends[0]!, ends[1]!];
    spec.ipVersion = versions[0] ? 6 : 4;
  }
  if (rest !== "") {
    const range = /^,(\d+)(?:-(\d+))?$/.exec(rest);
    if (range === null) fail("invalid range");
    spec.chunkMin = Number(range![1]);
    spec.chunkMax = range![2] === undefined ? spec.chunkMin : Number(range![2]);
    if (spec.chunkMin < 1 || spec.chunkMin > spec.chunkMax || spec.chunkMax > MAX_UINT32) {
      fail("invalid range value");
    }
  }
  return spec;
}

/**
 * The `Filter:` line tshark prints for a follow: `tcp.stream eq N`, or the address and
 * port filter in the order the ends were given.
 *
 * @param spec The spec.
 * @returns The filter text.
 *
 * @example
 * ```ts
 * import { followFilter, parseFollowSpec } from "./follow_spec.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(followFilter(parseFollowSpec("follow,udp,raw,4")), "udp.stream eq 4");
 * ```
 */
export function followFilter(spec: FollowSpec): string {
  if (spec.endpoints === undefined) return `${spec.protocol}.stream eq ${spec.index}`;
  const ip = spec.ipVersion === 6 ? "ipv6" : "ip";
  const [a, b] = spec.endpoints;
  const p = spec.protocol;
  const side = (x: FollowEndpoint, y: FollowEndpoint) =>
    `((${ip}.src eq ${x.address} and ${p}.srcport eq ${x.port}) and ` +
    `(${ip}.dst eq ${y.address} and ${p}.dstport eq ${y.port}))`;
  return `${side(a, b)} or ${side(b, a)}`;
}
