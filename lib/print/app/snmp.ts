/**
 * SNMP as tcpdump's snmp_print() writes it with `-n` (numeric object identifiers): the
 * community, the PDU and its variable bindings, and at `-v` the braces, request IDs and
 * the SNMPv3 header.
 *
 * @module
 */

import type { PrintContext } from "../context.ts";
import type { BerElement, Snmp, SnmpField, SnmpRole } from "../../app/snmp.ts";
import { BER_TAG_NAMES } from "../../app/_ber.ts";
import type { ByteWriter } from "../_writer.ts";
import { truncated, truncatedRead } from "../_truncation.ts";
import { latin1 } from "../../_bytes.ts";

/**
 * Prints an SNMP message after its UDP header.
 *
 * @param ctx The print context.
 * @param snmp The layer.
 */
export function printSnmp(ctx: PrintContext, snmp: Snmp): void {
  const out = ctx.out;
  const verbose = ctx.verbose > 0;
  ctx.done = true;
  out.byte(0x20);
  let version = 0;
  let pduId = 0;
  let generic = 0;
  let errorStatus = 0;
  let model = 0;
  for (const field of snmp.fields) {
    const role = field.role;
    if (SPACE_BEFORE.has(role)) out.byte(0x20);
    if (role === "extra") {
      out.ascii(`[${field.count} extra after ${field.after}]`);
      continue;
    }
    const element = field.element;
    if (element === undefined) {
      switch (role) {
        case "pduEnd":
          if (verbose) out.ascii(" } ");
          break;
        case "end":
        case "scopedPduEnd":
          if (verbose) out.ascii("} ");
          break;
        case "headerEnd":
          if (verbose) out.ascii("} ");
          if (model !== 3) out.ascii(`[security model ${model}]`);
          else if (verbose) out.ascii("{ USM ");
          break;
        case "usmEnd":
          if (verbose) out.ascii("} { ScopedPDU ");
          break;
        default:
          if (field.problem !== undefined) out.ascii(field.problem);
          else if (field.cut === "header") truncatedRead(ctx, "snmp");
          else if (field.cut !== undefined) truncated(ctx, "snmp");
      }
      continue;
    }
    out.ascii(element.note);
    if (field.mismatch) {
      mismatch(out, snmp, field, element);
      continue;
    }
    switch (role) {
      case "version":
        version = element.integer;
        if (version !== 0 && version !== 1 && version !== 3) {
          out.ascii(`SNMP [version = ${version}]`);
        } else if (verbose) {
          out.ascii(`{ ${VERSIONS[version]} `);
        }
        break;
      case "community":
        if (snmp.text(element) !== "public") {
          out.ascii("C=");
          string(out, snmp, element);
          out.byte(0x20);
        }
        break;
      case "pdu":
        pduId = element.tag;
        if (verbose) out.ascii("{ ");
        value(out, snmp, element);
        out.byte(0x20);
        if (version === 0 && pduId >= 5) out.ascii("[v2 PDU in v1 message]");
        else if (version === 1 && pduId === 4) out.ascii("[v1 PDU in v2 message]");
        break;
      case "requestId":
        if (verbose) out.ascii(`R=${element.integer} `);
        break;
      case "errorStatus": {
        const e = element.integer;
        errorStatus = 0;
        if (NO_ERROR_EXPECTED.has(pduId) && e !== 0) {
          out.ascii(`[errorStatus(${errorName(e)})!=0]`);
        } else if (pduId === 5) out.ascii(` N=${e}`);
        else if (e !== 0) {
          out.ascii(` ${errorName(e)}`);
          errorStatus = e;
        }
        break;
      }
      case "errorIndex": {
        const e = element.integer;
        if (NO_ERROR_EXPECTED.has(pduId) && e !== 0) out.ascii(`[errorIndex(${e})!=0]`);
        else if (pduId === 5) out.ascii(` M=${e}`);
        else if (e !== 0) {
          out.ascii(errorStatus === 0 ? `[errorIndex(${e}) w/o errorStatus]` : `@${e}`);
        } else if (errorStatus !== 0) out.ascii("[errorIndex==0]");
        break;
      }
      case "name":
        value(out, snmp, element);
        if (pduId !== 0 && pduId !== 1 && pduId !== 5) out.byte(0x3d);
        break;
      case "value":
        if (element.type !== "null") value(out, snmp, element);
        break;
      case "enterprise":
      case "agentAddress":
      case "timestamp":
        value(out, snmp, element);
        break;
      case "genericTrap":
        generic = element.integer;
        out.ascii(` ${GENERIC_TRAPS[generic] ?? `gt=${generic}`}`);
        break;
      case "specificTrap":
        if (generic !== 6) {
          if (element.integer !== 0) out.ascii(`[specific-trap(${element.integer})!=0]`);
        } else out.ascii(` s=${element.integer}`);
        break;
      case "header":
        version = 3;
        if (verbose) out.ascii("{ ");
        break;
      case "flags": {
        if (element.length !== 1) {
          out.ascii(`[msgFlags size ${element.length}]`);
          break;
        }
        const flags = snmp.value(element)[0]!;
        if (![0, 1, 3, 4, 5, 7].includes(flags)) {
          out.ascii("[msgFlags=0x");
          out.ascii(flags.toString(16).toUpperCase().padStart(2, "0"));
          out.byte(0x5d);
        } else {
          out.ascii(
            `F=${flags & 1 ? "a" : ""}${flags & 2 ? "p" : ""}${flags & 4 ? "r" : ""} `,
          );
        }
        break;
      }
      case "securityModel":
        model = element.integer;
        break;
      case "engineBoots":
        if (verbose) out.ascii(`B=${element.integer} `);
        break;
      case "engineTime":
        if (verbose) out.ascii(`T=${element.integer} `);
        break;
      case "userName":
        out.ascii("U=");
        string(out, snmp, element);
        out.byte(0x20);
        break;
      case "contextEngineId":
        out.ascii("E=");
        octets(out, snmp, element);
        out.byte(0x20);
        break;
      case "contextName":
        out.ascii("C=");
        string(out, snmp, element);
        out.byte(0x20);
        break;
    }
  }
}

function mismatch(out: ByteWriter, snmp: Snmp, field: SnmpField, element: BerElement): void {
  if (field.role === "pdu") {
    out.ascii("[no PDU]");
    return;
  }
  out.ascii(MISMATCH[field.role] ?? "");
  value(out, snmp, element);
}

/** An element's value as tcpdump's asn1_print() writes it. */
function value(out: ByteWriter, snmp: Snmp, element: BerElement): void {
  switch (element.type) {
    case "octets":
      octets(out, snmp, element);
      return;
    case "null":
      return;
    case "oid":
      out.ascii(snmp.oid(element));
      return;
    case "integer":
      out.ascii(`${element.integer}`);
      return;
    case "unsigned":
      out.uint(element.unsigned);
      return;
    case "unsigned64":
      out.ascii(element.unsigned64.toString());
      return;
    case "string":
      string(out, snmp, element);
      return;
    case "sequence":
      out.ascii(`Seq(${element.length})`);
      return;
    case "ipAddress":
      if (element.length !== 4) out.ascii("[inetaddr len!=4]");
      out.ascii([...snmp.value(element)].join("."));
      return;
    case "noSuchObject":
    case "noSuchInstance":
    case "endOfMibView":
      out.ascii(`[${element.type}]`);
      return;
    case "pdu":
      out.ascii(`${BER_TAG_NAMES[2]![element.tag]}(${element.length})`);
      return;
    default:
      out.ascii("[BE_ANY!?]");
  }
}

function octets(out: ByteWriter, snmp: Snmp, element: BerElement): void {
  for (const b of snmp.value(element)) {
    out.byte(0x5f);
    out.hex(b, 2);
  }
}

function string(out: ByteWriter, snmp: Snmp, element: BerElement): void {
  const bytes = snmp.value(element);
  if (bytes.every((b) => b >= 0x20 && b <= 0x7e)) {
    out.byte(0x22);
    out.ascii(latin1(bytes));
    out.byte(0x22);
    return;
  }
  bytes.forEach((b, i) => {
    if (i > 0) out.byte(0x5f);
    out.hex(b, 2);
  });
}

function errorName(e: number): string {
  return ERROR_STATUS[e] ?? `err=${e >>> 0}`;
}

const SPACE_BEFORE: ReadonlySet<SnmpRole> = new Set([
  "varbind",
  "enterprise",
  "agentAddress",
  "timestamp",
]);

/** PDUs whose error status and index must be 0 (requests, traps, reports). */
const NO_ERROR_EXPECTED: ReadonlySet<number> = new Set([0, 1, 3, 6, 7, 8]);

const VERSIONS: Readonly<Record<number, string>> = { 0: "SNMPv1", 1: "SNMPv2c", 3: "SNMPv3" };

const MISMATCH: Partial<Record<SnmpRole, string>> = {
  message: "[!init SEQ]",
  version: "[version!=INT]",
  community: "[comm!=STR]",
  requestId: "[reqId!=INT]",
  errorStatus: "[errorStatus!=INT]",
  errorIndex: "[errorIndex!=INT]",
  varbinds: "[!SEQ of varbind]",
  varbind: "[!varbind]",
  name: "[objName!=OID]",
  value: "[objVal!=NULL]",
  enterprise: "[enterprise!=OID]",
  agentAddress: "[agent-addr!=INETADDR]",
  genericTrap: "[generic-trap!=INT]",
  specificTrap: "[specific-trap!=INT]",
  timestamp: "[time-stamp!=TIMETICKS]",
  header: "[!message]",
  messageId: "[msgID!=INT]",
  maxSize: "[msgMaxSize!=INT]",
  flags: "[msgFlags!=STR]",
  securityModel: "[msgSecurityModel!=INT]",
  securityParameters: "[msgSecurityParameters!=STR]",
  usm: "[!usm]",
  engineId: "[msgAuthoritativeEngineID!=STR]",
  engineBoots: "[msgAuthoritativeEngineBoots!=INT]",
  engineTime: "[msgAuthoritativeEngineTime!=INT]",
  userName: "[msgUserName!=STR]",
  authParameters: "[msgAuthenticationParameters!=STR]",
  privacyParameters: "[msgPrivacyParameters!=STR]",
  scopedPdu: "[!scoped PDU]",
  contextEngineId: "[contextEngineID!=STR]",
  contextName: "[contextName!=STR]",
};

const ERROR_STATUS: readonly string[] = [
  "noError",
  "tooBig",
  "noSuchName",
  "badValue",
  "readOnly",
  "genErr",
  "noAccess",
  "wrongType",
  "wrongLength",
  "wrongEncoding",
  "wrongValue",
  "noCreation",
  "inconsistentValue",
  "resourceUnavailable",
  "commitFailed",
  "undoFailed",
  "authorizationError",
  "notWritable",
  "inconsistentName",
];

const GENERIC_TRAPS: readonly string[] = [
  "coldStart",
  "warmStart",
  "linkDown",
  "linkUp",
  "authenticationFailure",
  "egpNeighborLoss",
  "enterpriseSpecific",
];
