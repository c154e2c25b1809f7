/**
 * BGP extended communities (RFC 4360) as tcpdump's bgp_extended_community_print() writes
 * them. Private to `lib/print/app/`.
 *
 * @module
 */

import { formatIpv4 } from "../../address.ts";
import type { BgpExtendedCommunity } from "../../app/_bgp_values.ts";
import { mbps } from "../net/_te_bandwidth.ts";
import { hex2 } from "../../_hex.ts";

/** Extended community type and subtype names (bgp_extd_comm_subtype_values). */
export const EXTENDED_COMMUNITY_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0002, "target"],
  [0x0102, "target"],
  [0x0202, "target"],
  [0x0003, "origin"],
  [0x0103, "origin"],
  [0x0203, "origin"],
  [0x4004, "link-BW"],
  [0x0005, "ospf-domain"],
  [0x0105, "ospf-domain"],
  [0x0205, "ospf-domain"],
  [0x8005, "ospf-domain"],
  [0x0306, "ospf-route-type"],
  [0x8000, "ospf-route-type"],
  [0x030c, "encapsulation"],
  [0x0107, "ospf-router-id"],
  [0x8001, "ospf-router-id"],
  [0x800a, "layer2-info"],
  [0x8800, "eigrp-general-route (flag, tag)"],
  [0x8801, "eigrp-route-metric (AS, delay)"],
  [0x8802, "eigrp-route-metric (reliability, nexthop, bandwidth)"],
  [0x8803, "eigrp-route-metric (load, MTU)"],
  [0x8804, "eigrp-external-route (remote-AS, remote-ID)"],
  [0x8805, "eigrp-external-route (remote-proto, remote-metric)"],
  [0x0009, "source-AS"],
  [0x010b, "vrf-route-import"],
  [0x000a, "l2vpn-id"],
  [0xf10a, "l2vpn-id"],
]);

const OSPF_ROUTE_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "Router"],
  [2, "Network"],
  [3, "Summary"],
  [5, "External"],
  [7, "NSSA External"],
  [129, "MPLS-VPN Sham"],
]);

const TUNNEL_TYPES = [
  undefined,
  "L2TPv3 over IP",
  "GRE",
  "Transmit Tunnel",
  "IPsec",
  "IP in IP with IPsec",
  "MPLS in IP with IPsec",
  "IP in IP",
  "VXLAN",
  "NVGRE",
  "MPLS",
  "MPLS in GRE",
  "VXLAN GPE",
  "MPLS in UDP",
  "IPv6",
  "SR TE",
  "Bare",
  "SR",
];

/** Layer 2 encapsulations (l2vpn_encaps_values). */
const L2_ENCAPSULATIONS: ReadonlyMap<number, string> = new Map([
  [0, "Reserved"],
  [1, "Frame Relay"],
  [2, "ATM AAL5 SDU VCC transport"],
  [3, "ATM transparent cell transport"],
  [4, "Ethernet (VLAN) Tagged Mode"],
  [5, "Ethernet Raw Mode"],
  [6, "Cisco HDLC"],
  [7, "PPP"],
  [8, "SONET/SDH Circuit Emulation Service over MPLS"],
  [9, "ATM n-to-one VCC cell transport"],
  [10, "ATM n-to-one VPC cell transport"],
  [11, "IP layer 2 transport"],
  [15, "Frame Relay Port mode"],
  [17, "Structure-agnostic E1 over packet"],
  [18, "Structure-agnostic T1 (DS1) over packet"],
  [19, "VPLS"],
  [20, "Structure-agnostic T3 (DS3) over packet"],
  [21, "Nx64kbit/s Basic Service using Structure-aware"],
  [25, "Frame Relay DLCI"],
  [40, "Structure-agnostic E3 over packet"],
  [41, "Octet-aligned playload for Structure-agnostic DS1 circuits"],
  [42, "E1 Nx64kbit/s with CAS using Structure-aware"],
  [43, "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware"],
  [44, "DS1 (SF) Nx64kbit/s with CAS using Structure-aware"],
]);

/**
 * The value of an extended community, after its type.
 *
 * @param c The community.
 * @returns The text, such as `65001:100 (= 0.0.0.100)`.
 */
export function extendedCommunityValue(c: BgpExtendedCommunity): string {
  const d = c.data;
  switch (c.type) {
    case 0x0002:
    case 0x0003:
    case 0x000a:
      return `${c.globalAs}:${c.localNumber} (= ${formatIpv4(d, c.lastWordAt)})`;
    case 0x0102:
    case 0x0103:
    case 0xf10a:
    case 0x010b:
      return `${formatIpv4(d, c.globalAddressAt)}:${c.localNumber}`;
    case 0x0202:
    case 0x0203:
      return `${c.globalAs}:${c.localNumber}`;
    case 0x4004:
      return `bandwidth: ${mbps(d, c.lastWordAt)}`;
    case 0x0005:
    case 0x0105:
    case 0x0205:
    case 0x8005:
    case 0x0107:
    case 0x8001:
      return formatIpv4(d, c.globalAddressAt);
    case 0x0306:
    case 0x8000: {
      const route = c.ospfRouteType;
      return `area:${formatIpv4(d, c.globalAddressAt)}, router-type:${
        OSPF_ROUTE_TYPES.get(route) ?? `unknown (0x${hex2(route)})`
      }, metric-type:${(c.ospfOptions & 1) !== 0 ? "E2" : ""}${
        route === 5 || route === 7 ? "E1" : ""
      }`;
    }
    case 0x800a:
      return `${L2_ENCAPSULATIONS.get(c.l2Encapsulation) ?? "unknown encaps"} Control Flags [0x${
        hex2(c.l2ControlFlags)
      }]:MTU ${c.l2Mtu}`;
    case 0x0009:
      return `AS ${c.globalAs}`;
    case 0x030c:
      return `Tunnel type: ${TUNNEL_TYPES[c.tunnelType] ?? "unknown encaps"}`;
    default: {
      // No layout known: the six value bytes in hex.
      let text = "";
      for (let p = c.globalAddressAt; p < c.at + 8; p++) text += hex2(d[p]!);
      return text;
    }
  }
}
