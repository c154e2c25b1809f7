/*
 * decode_l4: the "speed limit" of the wirekit benchmarks.
 *
 * Reads a capture file with libpcap (pcap_open_offline, pcap_next_ex) and decodes every
 * packet down to layer 4: Ethernet (and 802.3/LLC), 802.1Q/802.1ad VLAN tags, ARP, IPv4
 * (with its IHL), IPv6 with its extension headers (hop-by-hop, routing, fragment,
 * destination options, AH; ESP ends the chain), IPv4/IPv6 tunnels, TCP, UDP, ICMP and
 * ICMPv6, at most 32 layers per packet (as pcapinfo's PacketParser). It counts the
 * packets that contain each layer, as `scripts/pcapinfo.ts` does, plus `truncated` for
 * packets whose headers are cut short and `malformed` for impossible header fields, and
 * prints one JSON object:
 *
 *     {"packets": N, "protocols": {"ethernet": N, "ipv4": N, ...}}
 *
 * Only Ethernet captures (LINKTYPE_ETHERNET) are decoded; others are just counted.
 *
 * Build: gcc -O2 -o decode_l4 decode_l4.c -lpcap
 * Usage: decode_l4 FILE
 */

#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum {
  P_ETHERNET,
  P_LLC,
  P_VLAN,
  P_ARP,
  P_IPV4,
  P_IPV6,
  P_HOP_BY_HOP,
  P_ROUTING,
  P_FRAGMENT,
  P_DESTINATION,
  P_AH,
  P_ESP,
  P_TCP,
  P_UDP,
  P_ICMP,
  P_ICMPV6,
  P_TRUNCATED,
  P_MALFORMED,
  P_COUNT
};

static const char *const names[P_COUNT] = {
    "ethernet",         "llc",          "vlan", "arp",
    "ipv4",             "ipv6",         "ipv6-hop-by-hop",
    "ipv6-routing",     "ipv6-fragment", "ipv6-destination",
    "ah",               "esp",          "tcp",  "udp",
    "icmp",             "icmpv6",       "truncated",
    "malformed",
};

static uint64_t counts[P_COUNT];

/* As pcapinfo's PacketParser: at most this many layers per packet, against endless chains. */
#define MAX_LAYERS 32

/* What one packet holds: a bit per layer kind, and how many layers were decoded. */
struct packet {
  unsigned seen;
  int layers;
};

static inline unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

static void mark(struct packet *pk, int kind) { pk->seen |= 1u << kind; }

/*
 * Starts a layer of `kind` that needs `need` bytes of the `len` available: counts it and
 * returns 1, or marks the packet truncated (or malformed past MAX_LAYERS) and returns 0.
 */
static int layer(struct packet *pk, int kind, size_t need, size_t len) {
  if (pk->layers == MAX_LAYERS) {
    mark(pk, P_MALFORMED);
    return 0;
  }
  if (len < need) {
    mark(pk, P_TRUNCATED);
    return 0;
  }
  pk->layers++;
  mark(pk, kind);
  return 1;
}

static void decode_ipv4(const uint8_t *p, size_t len, struct packet *pk);
static void decode_ipv6(const uint8_t *p, size_t len, struct packet *pk);

/* Decodes what follows an IP header: IP protocol `proto` at p[0..len). */
static void decode_ip_payload(unsigned proto, const uint8_t *p, size_t len, struct packet *pk) {
  switch (proto) {
  case 6: /* TCP: the data offset must cover 20 bytes and fit. */
    if (len >= 13 && (p[12] >> 4) < 5) {
      mark(pk, P_MALFORMED);
      return;
    }
    if (len >= 13 && (size_t)(p[12] >> 4) * 4 > len) {
      mark(pk, P_TRUNCATED);
      return;
    }
    layer(pk, P_TCP, 20, len);
    return;
  case 17:
    layer(pk, P_UDP, 8, len);
    return;
  case 1: /* Every ICMP message starts with 8 bytes (RFC 792). */
    layer(pk, P_ICMP, 8, len);
    return;
  case 58:
    layer(pk, P_ICMPV6, 4, len);
    return;
  case 4: /* IPv4 in IP. */
    decode_ipv4(p, len, pk);
    return;
  case 41: /* IPv6 in IP. */
    decode_ipv6(p, len, pk);
    return;
  default:
    return;
  }
}

static void decode_ipv4(const uint8_t *p, size_t len, struct packet *pk) {
  if (len >= 1) {
    size_t ihl = (size_t)(p[0] & 0x0f) * 4;
    /* A total length of 0 is a TSO packet: the payload runs to the end of the capture. */
    size_t total = len >= 4 ? be16(p + 2) : 0;
    if ((p[0] >> 4) != 4 || ihl < 20 || (total != 0 && total < ihl)) {
      mark(pk, P_MALFORMED);
      return;
    }
    if (!layer(pk, P_IPV4, ihl, len)) return;
  } else {
    layer(pk, P_IPV4, 20, len);
    return;
  }
  size_t ihl = (size_t)(p[0] & 0x0f) * 4;
  size_t total = be16(p + 2);
  if (total != 0 && total < len) len = total; /* Drop Ethernet padding. */
  /* Only the first fragment holds the next header. */
  if ((be16(p + 6) & 0x1fff) != 0) return;
  decode_ip_payload(p[9], p + ihl, len - ihl, pk);
}

static void decode_ipv6(const uint8_t *p, size_t len, struct packet *pk) {
  if (len >= 1 && (p[0] >> 4) != 6) {
    mark(pk, P_MALFORMED);
    return;
  }
  if (!layer(pk, P_IPV6, 40, len)) return;
  /* A payload length of 0 is a jumbogram or a TSO packet: it runs to the end. */
  size_t payload = be16(p + 4);
  if (payload != 0 && 40 + payload < len) len = 40 + payload;
  unsigned next = p[6];
  size_t off = 40;
  for (;;) {
    size_t rest = len - off;
    switch (next) {
    case 0:  /* Hop-by-hop options. */
    case 43: /* Routing. */
    case 60: /* Destination options. */ {
      int kind = next == 0 ? P_HOP_BY_HOP : next == 43 ? P_ROUTING : P_DESTINATION;
      size_t ext = rest >= 2 ? ((size_t)p[off + 1] + 1) * 8 : 8;
      if (!layer(pk, kind, ext, rest)) return;
      next = p[off];
      off += ext;
      break;
    }
    case 44: /* Fragment: later fragments hold no next header. */
      if (!layer(pk, P_FRAGMENT, 8, rest)) return;
      if ((be16(p + off + 2) & 0xfff8) != 0) return;
      next = p[off];
      off += 8;
      break;
    case 51: { /* AH: length in 4-byte words, minus 2. */
      size_t ext = rest >= 2 ? ((size_t)p[off + 1] + 2) * 4 : 12;
      if (!layer(pk, P_AH, ext < 12 ? 12 : ext, rest)) return;
      next = p[off];
      off += ext;
      break;
    }
    case 50: /* ESP: the rest is encrypted. */
      layer(pk, P_ESP, 8, rest);
      return;
    default:
      decode_ip_payload(next, p + off, rest, pk);
      return;
    }
  }
}

static void decode_ethernet(const uint8_t *p, size_t len, struct packet *pk) {
  if (!layer(pk, P_ETHERNET, 14, len)) return;
  unsigned type = be16(p + 12);
  size_t off = 14;
  /* 802.1Q, 802.1ad and the old QinQ TPID, possibly stacked. */
  while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
    if (!layer(pk, P_VLAN, 4, len - off)) return;
    type = be16(p + off + 2);
    off += 4;
  }
  if (type < 0x0600) { /* An 802.3 length: LLC follows. */
    layer(pk, P_LLC, 3, len - off < type ? len - off : type);
    return;
  }
  switch (type) {
  case 0x0800:
    decode_ipv4(p + off, len - off, pk);
    return;
  case 0x86dd:
    decode_ipv6(p + off, len - off, pk);
    return;
  case 0x0806:
  case 0x8035: /* The fixed part, then two hardware and two protocol addresses. */
    if (len - off >= 6) {
      layer(pk, P_ARP, 8 + 2 * ((size_t)p[off + 4] + p[off + 5]), len - off);
    } else {
      layer(pk, P_ARP, 8, len - off);
    }
    return;
  default:
    return;
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "Usage: %s FILE\n", argv[0]);
    return 2;
  }
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *pcap = pcap_open_offline(argv[1], errbuf);
  if (pcap == NULL) {
    fprintf(stderr, "Cannot open %s: %s\n", argv[1], errbuf);
    return 1;
  }
  int linktype = pcap_datalink(pcap);
  uint64_t packets = 0;
  struct pcap_pkthdr *header;
  const u_char *data;
  int r;
  while ((r = pcap_next_ex(pcap, &header, &data)) == 1) {
    packets++;
    if (linktype != DLT_EN10MB) continue;
    struct packet pk = {0, 0};
    decode_ethernet(data, header->caplen, &pk);
    for (unsigned kind = 0; pk.seen != 0; kind++, pk.seen >>= 1) {
      if (pk.seen & 1) counts[kind]++;
    }
  }
  if (r == -1) {
    fprintf(stderr, "Cannot read %s: %s\n", argv[1], pcap_geterr(pcap));
    pcap_close(pcap);
    return 1;
  }
  pcap_close(pcap);
  printf("{\"packets\": %llu, \"protocols\": {", (unsigned long long)packets);
  const char *sep = "";
  for (int i = 0; i < P_COUNT; i++) {
    if (counts[i] == 0) continue;
    printf("%s\"%s\": %llu", sep, names[i], (unsigned long long)counts[i]);
    sep = ", ";
  }
  printf("}}\n");
  return 0;
}
