/**
 * The names of LLDP's organizationally specific TLVs as tcpdump's print-lldp.c spells them
 * (IEEE 802.1, 802.3, TIA-1057 and EVB), private to the LLDP printer.
 *
 * @module
 */

/** The OUIs whose subtypes are printed. */
export const LldpOui = {
  IEEE_8021: 0x0080c2,
  IEEE_8023: 0x00120f,
  IANA: 0x00005e,
  TIA: 0x0012bb,
} as const;

export const SUBTYPES_8021: ReadonlyMap<number, string> = new Map([
  [1, "Port VLAN Id"],
  [2, "Port and Protocol VLAN ID"],
  [3, "VLAN name"],
  [4, "Protocol Identity"],
  [7, "Link aggregation"],
  [8, "Congestion Notification"],
  [9, "ETS Configuration"],
  [10, "ETS Recommendation"],
  [11, "Priority Flow Control Configuration"],
  [12, "Application Priority"],
  [13, "EVB"],
  [14, "CDCP"],
]);
export const SUBTYPES_8023: ReadonlyMap<number, string> = new Map([
  [1, "MAC/PHY configuration/status"],
  [2, "Power via MDI"],
  [3, "Link aggregation"],
  [4, "Max frame size"],
]);
export const SUBTYPES_TIA: ReadonlyMap<number, string> = new Map([
  [1, "LLDP-MED Capabilities"],
  [2, "Network policy"],
  [3, "Location identification"],
  [4, "Extended power-via-MDI"],
  [5, "Inventory - hardware revision"],
  [6, "Inventory - firmware revision"],
  [7, "Inventory - software revision"],
  [8, "Inventory - serial number"],
  [9, "Inventory - manufacturer name"],
  [10, "Inventory - model name"],
  [11, "Inventory - asset ID"],
]);
export const INVENTORY: ReadonlyMap<number, string> = new Map([
  [5, "Hardware revision"],
  [6, "Firmware revision"],
  [7, "Software revision"],
  [8, "Serial number"],
  [9, "Manufacturer name"],
  [10, "Model name"],
  [11, "Asset ID"],
]);
export const PROTOCOL_VLAN_FLAGS = [[1 << 1, "supported"], [1 << 2, "enabled"]] as const;
export const AGGREGATION = [[1, "supported"], [2, "enabled"]] as const;
export const AUTONEGOTIATION = [[1, "supported"], [2, "enabled"]] as const;
export const PMD_CAPABILITIES = [
  [1 << 14, "10BASE-T hdx"],
  [1 << 13, "10BASE-T fdx"],
  [1 << 12, "100BASE-T4"],
  [1 << 11, "100BASE-TX hdx"],
  [1 << 10, "100BASE-TX fdx"],
  [1 << 9, "100BASE-T2 hdx"],
  [1 << 8, "100BASE-T2 fdx"],
  [1 << 7, "Pause for fdx links"],
  [1 << 6, "Asym PAUSE for fdx"],
  [1 << 5, "Sym PAUSE for fdx"],
  [1 << 4, "Asym and Sym PAUSE for fdx"],
  [1 << 3, "1000BASE-{X LX SX CX} hdx"],
  [1 << 2, "1000BASE-{X LX SX CX} fdx"],
  [1 << 1, "1000BASE-T hdx"],
  [1 << 0, "1000BASE-T fdx"],
] as const;
export const MAU_TYPES = [
  "Unknown",
  "AUI",
  "10BASE_5",
  "FOIRL",
  "10BASE2",
  "10BASET duplex mode unknown",
  "10BASEFP",
  "10BASEFB",
  "10BASEFL duplex mode unknown",
  "10BROAD36",
  "10BASET hdx",
  "10BASET fdx",
  "10BASEFL hdx",
  "10BASEFL fdx",
  "100BASET4",
  "100BASETX hdx",
  "100BASETX fdx",
  "100BASEFX hdx",
  "100BASEFX fdx",
  "100BASET2 hdx",
  "100BASET2 fdx",
  "1000BASEX hdx",
  "1000BASEX fdx",
  "1000BASELX hdx",
  "1000BASELX fdx",
  "1000BASESX hdx",
  "1000BASESX fdx",
  "1000BASECX hdx",
  "1000BASECX fdx",
  "1000BASET hdx",
  "1000BASET fdx",
  "10GBASEX",
  "10GBASELX4",
  "10GBASER",
  "10GBASEER",
  "10GBASELR",
  "10GBASESR",
  "10GBASEW",
  "10GBASEEW",
  "10GBASELW",
  "10GBASESW",
];
export const MDI = [[1, "PSE"], [2, "supported"], [4, "enabled"], [
  8,
  "can be controlled",
]] as const;
export const MDI_PAIRS = [undefined, "signal", "spare"];
export const MDI_CLASSES = [undefined, "class0", "class1", "class2", "class3", "class4"];
export const TIA_CAPABILITIES = [
  [1 << 0, "LLDP-MED capabilities"],
  [1 << 1, "network policy"],
  [1 << 2, "location identification"],
  [1 << 3, "extended power via MDI-PSE"],
  [1 << 4, "extended power via MDI-PD"],
  [1 << 5, "Inventory"],
] as const;
export const TIA_DEVICE_TYPES = [
  undefined,
  "endpoint class 1",
  "endpoint class 2",
  "endpoint class 3",
  "network connectivity",
];
export const TIA_APPLICATIONS = [
  undefined,
  "voice",
  "voice signaling",
  "guest voice",
  "guest voice signaling",
  "softphone voice",
  "video conferencing",
  "streaming video",
  "video signaling",
];
export const TIA_POLICY_FLAGS = [[1 << 7, "Unknown"], [1 << 6, "Tagged"], [
  1 << 5,
  "reserved",
]] as const;
export const TIA_LOCATION_FORMATS = [
  undefined,
  "coordinate-based LCI",
  "civic address LCI",
  "ECS ELIN",
];
export const TIA_ALTITUDE_TYPES = [undefined, "meters", "floors"];
export const TIA_DATUMS = [
  undefined,
  "World Geodesic System 1984",
  "North American Datum 1983 (NAVD88)",
  "North American Datum 1983 (MLLW)",
];
export const TIA_CA_TYPES = [
  undefined,
  "national subdivisions (state,canton,region,province,prefecture)",
  "county, parish, gun, district",
  "city, township, shi",
  "city division, borough, city district, ward chou",
  "neighborhood, block",
  "street",
];
export const TIA_LCI_WHAT = [
  "location of DHCP server",
  "location of the network element believed to be closest to the client",
  "location of the client",
];
export const TIA_POWER_SOURCES = [
  undefined,
  "PSE - primary power source",
  "local - backup power source",
  "PSE+local - reserved",
];
export const TIA_POWER_PRIORITIES = [undefined, "critical", "high", "low"];
export const EVB_MODES = [
  "Not Supported",
  "EVB Bridge",
  "EVB Station",
  "Reserved for future Standardization",
];
