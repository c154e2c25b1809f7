/**
 * The names of PPP's LCP, IPCP and CCP options, authentication protocols and callback
 * operations as tcpdump's print-ppp.c spells them, private to the PPP options printer.
 *
 * @module
 */

export const LCP_OPTIONS: readonly string[] = [
  "Vend-Ext",
  "MRU",
  "ACCM",
  "Auth-Prot",
  "Qual-Prot",
  "Magic-Num",
  "deprecated(6)",
  "PFC",
  "ACFC",
  "FCS-Alt",
  "SDP",
  "Num-Mode",
  "deprecated(12)",
  "Call-Back",
  "deprecated(14)",
  "deprecated(15)",
  "deprecated(16)",
  "MRRU",
  "12-Bit seq #",
  "End-Disc",
  "Proprietary",
  "DCE-Id",
  "MP+",
  "Link-Disc",
  "LCP-Auth-Opt",
  "COBS",
  "Prefix-elision",
  "Multilink-header-Form",
  "I18N",
  "SDL-over-SONET/SDH",
  "PPP-Muxing",
];

export const IPCP_OPTIONS = new Map<number, string>([
  [1, "IP-Addrs"],
  [2, "IP-Comp"],
  [3, "IP-Addr"],
  [4, "Home-Addr"],
  [129, "Pri-DNS"],
  [130, "Pri-NBNS"],
  [131, "Sec-DNS"],
  [132, "Sec-NBNS"],
]);

export const CCP_OPTIONS = new Map<number, string>([
  [0, "OUI"],
  [1, "Pred-1"],
  [2, "Pred-2"],
  [3, "Puddle"],
  [16, "HP-PPC"],
  [17, "Stac-LZS"],
  [18, "MPPC"],
  [19, "Gand-FZA"],
  [20, "V.42bis"],
  [21, "BSD-Comp"],
  [23, "LZS-DCP"],
  [24, "MVRCA"],
  [25, "DEC"],
  [26, "Deflate"],
  [255, "Reserved"],
]);

/** The authentication protocols of LCP's Auth-Prot option (tcpdump's ppptype2str). */
export const AUTH_PROTOCOLS = new Map<number, string>([
  [0xc023, "PAP"],
  [0xc223, "CHAP"],
  [0xc227, "EAP"],
  [0xc027, "SPAP"],
  [0xc123, "Old-SPAP"],
  [0xc025, "LQM"],
  [0xc021, "LCP"],
  [0x8021, "IPCP"],
  [0x0021, "IP"],
]);

export const AUTH_ALGORITHMS = new Map<number, string>([
  [5, "MD5"],
  [128, "MS-CHAPv1"],
  [129, "MS-CHAPv2"],
]);

export const CALLBACK_OPERATIONS = new Map<number, string>([
  [0, "UserAuth"],
  [1, "DialString"],
  [2, "LocalID"],
  [3, "E.164"],
  [4, "X.500"],
  [6, "CBCP"],
]);
