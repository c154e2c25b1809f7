/**
 * The names tcpdump's print-isakmp.c gives to ISAKMP's numbers: exchange and payload
 * types, protocols, transforms, attributes, identification and notify types. Private to
 * `lib/print/app/`.
 *
 * @module
 */

/** The exchange type's name, as tcpdump's etypestr table has it, else `#N`. */
export function exchangeName(type: number): string {
  return EXCHANGE_TYPES[type] ?? `#${type}`;
}

/** The payload type's name, as tcpdump's npstr table has it, else `#N`. */
export function payloadName(type: number): string {
  return PAYLOAD_TYPES[type] ?? `#${type}`;
}

export interface AttributeMap {
  readonly type: string;
  readonly values: readonly (string | undefined)[];
}

export const EXCHANGE_TYPES: Readonly<Record<number, string>> = {
  0: "none",
  1: "base",
  2: "ident",
  3: "auth",
  4: "agg",
  5: "inf",
  32: "oakley-quick",
  33: "oakley-newgroup",
  34: "ikev2_init",
  35: "ikev2_auth",
  36: "child_sa",
  37: "inf2",
};

export const PAYLOAD_TYPES: Readonly<Record<number, string>> = {
  0: "none",
  1: "sa",
  2: "p",
  3: "t",
  4: "ke",
  5: "id",
  6: "cert",
  7: "cr",
  8: "hash",
  9: "sig",
  10: "nonce",
  11: "n",
  12: "d",
  13: "vid",
  14: "pay14",
  15: "pay15",
  16: "pay16",
  17: "pay17",
  18: "pay18",
  19: "pay19",
  20: "pay20",
  21: "pay21",
  22: "pay22",
  23: "pay23",
  24: "pay24",
  25: "pay25",
  26: "pay26",
  27: "pay27",
  28: "pay28",
  29: "pay29",
  30: "pay30",
  31: "pay31",
  32: "pay32",
  33: "v2sa",
  34: "v2ke",
  35: "v2IDi",
  36: "v2IDr",
  37: "v2cert",
  38: "v2cr",
  39: "v2auth",
  40: "v2nonce",
  41: "v2n",
  42: "v2d",
  43: "v2vid",
  44: "v2TSi",
  45: "v2TSr",
  46: "v2e",
  47: "v2cp",
  48: "v2eap",
};

export const PROTOCOLS: readonly (string | undefined)[] = [
  undefined,
  "isakmp",
  "ipsec-ah",
  "ipsec-esp",
  "ipcomp",
];

export const IKE_IDS: readonly (string | undefined)[] = [undefined, "ike"];
export const AH_IDS: readonly (string | undefined)[] = [
  undefined,
  "(reserved)",
  "md5",
  "sha",
  "1des",
  "sha2-256",
  "sha2-384",
  "sha2-512",
];
export const ESP_IDS: readonly (string | undefined)[] = [
  undefined,
  "1des-iv64",
  "1des",
  "3des",
  "rc5",
  "idea",
  "cast",
  "blowfish",
  "3idea",
  "1des-iv32",
  "rc4",
  "null",
  "aes",
];
export const IPCOMP_IDS: readonly (string | undefined)[] = [undefined, "oui", "deflate", "lzs"];

export const GROUPS: readonly (string | undefined)[] = [
  undefined,
  "modp768",
  "modp1024",
  "EC2N 2^155",
  "EC2N 2^185",
  "modp1536",
  "iana-grp06",
  "iana-grp07",
  "iana-grp08",
  "iana-grp09",
  "iana-grp10",
  "iana-grp11",
  "iana-grp12",
  "iana-grp13",
  "modp2048",
  "modp3072",
  "modp4096",
  "modp6144",
  "modp8192",
];

export const NONE: readonly (string | undefined)[] = [];

export const CERT_TYPES: readonly string[] = [
  "none",
  "pkcs7",
  "pgp",
  "dns",
  "x509sign",
  "x509ke",
  "kerberos",
  "crl",
  "arl",
  "spki",
  "x509attr",
];

export const IPSEC_ID_TYPES: readonly (string | undefined)[] = [
  undefined,
  "IPv4",
  "FQDN",
  "user FQDN",
  "IPv4net",
  "IPv6",
  "IPv6net",
  "IPv4range",
  "IPv6range",
  "ASN1 DN",
  "ASN1 GN",
  "keyid",
];

export const NOTIFY_ERRORS: readonly (string | undefined)[] = [
  undefined,
  "INVALID-PAYLOAD-TYPE",
  "DOI-NOT-SUPPORTED",
  "SITUATION-NOT-SUPPORTED",
  "INVALID-COOKIE",
  "INVALID-MAJOR-VERSION",
  "INVALID-MINOR-VERSION",
  "INVALID-EXCHANGE-TYPE",
  "INVALID-FLAGS",
  "INVALID-MESSAGE-ID",
  "INVALID-PROTOCOL-ID",
  "INVALID-SPI",
  "INVALID-TRANSFORM-ID",
  "ATTRIBUTES-NOT-SUPPORTED",
  "NO-PROPOSAL-CHOSEN",
  "BAD-PROPOSAL-SYNTAX",
  "PAYLOAD-MALFORMED",
  "INVALID-KEY-INFORMATION",
  "INVALID-ID-INFORMATION",
  "INVALID-CERT-ENCODING",
  "INVALID-CERTIFICATE",
  "CERT-TYPE-UNSUPPORTED",
  "INVALID-CERT-AUTHORITY",
  "INVALID-HASH-INFORMATION",
  "AUTHENTICATION-FAILED",
  "INVALID-SIGNATURE",
  "ADDRESS-NOTIFICATION",
  "NOTIFY-SA-LIFETIME",
  "CERTIFICATE-UNAVAILABLE",
  "UNSUPPORTED-EXCHANGE-TYPE",
  "UNEQUAL-PAYLOAD-LENGTHS",
];

export const IPSEC_NOTIFY_STATUS: readonly string[] = [
  "RESPONDER-LIFETIME",
  "REPLAY-STATUS",
  "INITIAL-CONTACT",
];

export const PRF_IDS: readonly (string | undefined)[] = [
  undefined,
  "hmac-md5",
  "hmac-sha",
  "hmac-tiger",
  "aes128_xcbc",
];
export const INTEG_IDS: readonly (string | undefined)[] = [
  undefined,
  "hmac-md5",
  "hmac-sha",
  "dec-mac",
  "kpdk-md5",
  "aes-xcbc",
];
export const ESN_IDS: readonly (string | undefined)[] = ["no-esn", "esn"];
export const TRANSFORM_TYPES: readonly (string | undefined)[] = [
  undefined,
  "encr",
  "prf",
  "integ",
  "dh",
  "esn",
];
export const AUTH_METHODS: readonly string[] = ["invalid", "rsasig", "shared-secret", "dsssig"];
export const ID_TYPES: Readonly<Record<number, string>> = {
  1: "ipv4",
  2: "fqdn",
  3: "rfc822",
  5: "ipv6",
  9: "dn",
  10: "gn",
  11: "keyid",
};

/** IKEv2 notify types: name, and whether tcpdump shows the SPI. */
export const NOTIFY_TYPES: ReadonlyMap<number, readonly [string, boolean]> = new Map([
  [1, ["unsupported_critical_payload", false]],
  [4, ["invalid_ike_spi", true]],
  [5, ["invalid_major_version", false]],
  [7, ["invalid_syntax", true]],
  [9, ["invalid_message_id", true]],
  [11, ["invalid_spi", true]],
  [14, ["no_protocol_chosen", true]],
  [17, ["invalid_ke_payload", true]],
  [24, ["authentication_failed", true]],
  [34, ["single_pair_required", true]],
  [35, ["no_additional_sas", false]],
  [36, ["internal_address_failure", false]],
  [37, ["failed:cp_required", false]],
  [39, ["invalid_selectors", false]],
  [16384, ["initial_contact", false]],
  [16385, ["set_window_size", false]],
  [16386, ["additional_ts_possible", false]],
  [16387, ["ipcomp_supported", false]],
  [16388, ["nat_detection_source_ip", true]],
  [16389, ["nat_detection_destination_ip", true]],
  [16390, ["cookie", true]],
  [16391, ["use_transport_mode", false]],
  [16392, ["http_cert_lookup_supported", false]],
  [16393, ["rekey_sa", true]],
  [16394, ["tfc_padding_not_supported", false]],
  [16395, ["non_first_fragment_also", false]],
]);

export const ENCR_ATTRIBUTES: readonly (AttributeMap | undefined)[] = [
  ...Array.from({ length: 14 }, () => undefined),
  { type: "keylen", values: NONE },
];

export const IPSEC_ATTRIBUTES: readonly (AttributeMap | undefined)[] = [
  undefined,
  { type: "lifetype", values: [undefined, "sec", "kb"] },
  { type: "life", values: NONE },
  { type: "group desc", values: GROUPS },
  { type: "enc mode", values: [undefined, "tunnel", "transport"] },
  { type: "auth", values: [undefined, "hmac-md5", "hmac-sha1", "1des-mac", "keyed"] },
  { type: "keylen", values: NONE },
  { type: "rounds", values: NONE },
  { type: "dictsize", values: NONE },
  { type: "privalg", values: NONE },
];

export const OAKLEY_ATTRIBUTES: readonly (AttributeMap | undefined)[] = [
  undefined,
  {
    type: "enc",
    values: [undefined, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"],
  },
  {
    type: "hash",
    values: [undefined, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"],
  },
  {
    type: "auth",
    values: [undefined, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"],
  },
  { type: "group desc", values: GROUPS },
  { type: "group type", values: [undefined, "MODP", "ECP", "EC2N"] },
  { type: "group prime", values: NONE },
  { type: "group gen1", values: NONE },
  { type: "group gen2", values: NONE },
  { type: "group curve A", values: NONE },
  { type: "group curve B", values: NONE },
  { type: "lifetype", values: [undefined, "sec", "kb"] },
  { type: "lifeduration", values: NONE },
  { type: "prf", values: NONE },
  { type: "keylen", values: NONE },
  { type: "field", values: NONE },
  { type: "order", values: NONE },
];
