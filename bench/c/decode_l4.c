/*
 * decode_l4: the "speed limit" of the wirekit benchmarks.
 *
 * Reads a capture file with libpcap (pcap_open_offline, pcap_next_ex) and decodes every
 * packet down to layer 4: Ethernet (and 802.3/LLC), 802.1Q/802.1ad VLAN tags, ARP, IPv4
 * (with its IHL), IPv6 with its extension headers (hop-by-hop, routing, fragment,
 * destination options, AH; ESP ends the chain), TCP, UDP, ICMP and ICMPv6. It counts the
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

static inline unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

/* Marks a layer as present in this packet (each counts once per packet). */
#define SEEN(seen, layer) ((seen) |= 1u << (layer))

/* Decodes the transport header of IP protocol `proto` at p[0..len). */
static void decode_l4(unsigned proto, const uint8_t *p, size_t len, unsigned *seen) {
  switch (proto) {
  case 6: /* TCP: data offset, at least 20 bytes. */
    if (len < 20 || (size_t)(p[12] >> 4) * 4 > len) {
      SEEN(*seen, P_TRUNCATED);
      return;
    }
    if ((p[12] >> 4) < 5) {
      SEEN(*seen, P_MALFORMED);
      return;
    }
    SEEN(*seen, P_TCP);
    return;
  case 17:
    if (len < 8) {
      SEEN(*seen, P_TRUNCATED);
      return;
    }
    SEEN(*seen, P_UDP);
    return;
  case 1:
    if (len < 4) {
      SEEN(*seen, P_TRUNCATED);
      return;
    }
    SEEN(*seen, P_ICMP);
    return;
  case 58:
    if (len < 4) {
      SEEN(*seen, P_TRUNCATED);
      return;
    }
    SEEN(*seen, P_ICMPV6);
    return;
  default:
    return;
  }
}

static void decode_ipv4(const uint8_t *p, size_t len, unsigned *seen) {
  if (len < 20) {
    SEEN(*seen, P_TRUNCATED);
    return;
  }
  size_t ihl = (size_t)(p[0] & 0x0f) * 4;
  size_t total = be16(p + 2);
  if ((p[0] >> 4) != 4 || ihl < 20 || total < ihl) {
    SEEN(*seen, P_MALFORMED);
    return;
  }
  if (ihl > len) {
    SEEN(*seen, P_TRUNCATED);
    return;
  }
  SEEN(*seen, P_IPV4);
  if (total < len) len = total; /* Drop Ethernet padding. */
  /* Only the first fragment holds the transport header. */
  if ((be16(p + 6) & 0x1fff) != 0) return;
  decode_l4(p[9], p + ihl, len - ihl, seen);
}

static void decode_ipv6(const uint8_t *p, size_t len, unsigned *seen) {
  if (len < 40) {
    SEEN(*seen, P_TRUNCATED);
    return;
  }
  if ((p[0] >> 4) != 6) {
    SEEN(*seen, P_MALFORMED);
    return;
  }
  SEEN(*seen, P_IPV6);
  size_t payload = be16(p + 4);
  if (40 + payload < len) len = 40 + payload;
  unsigned next = p[6];
  size_t off = 40;
  for (int hops = 0; hops < 16; hops++) {
    size_t ext;
    switch (next) {
    case 0:  /* Hop-by-hop options. */
    case 43: /* Routing. */
    case 60: /* Destination options. */
      if (len - off < 8) {
        SEEN(*seen, P_TRUNCATED);
        return;
      }
      ext = ((size_t)p[off + 1] + 1) * 8;
      if (ext > len - off) {
        SEEN(*seen, P_TRUNCATED);
        return;
      }
      SEEN(*seen, next == 0 ? P_HOP_BY_HOP : next == 43 ? P_ROUTING : P_DESTINATION);
      next = p[off];
      off += ext;
      break;
    case 44: /* Fragment: later fragments hold no transport header. */
      if (len - off < 8) {
        SEEN(*seen, P_TRUNCATED);
        return;
      }
      SEEN(*seen, P_FRAGMENT);
      if ((be16(p + off + 2) & 0xfff8) != 0) return;
      next = p[off];
      off += 8;
      break;
    case 51: /* AH: length in 4-byte words, minus 2. */
      if (len - off < 12) {
        SEEN(*seen, P_TRUNCATED);
        return;
      }
      ext = ((size_t)p[off + 1] + 2) * 4;
      if (ext > len - off) {
        SEEN(*seen, P_TRUNCATED);
        return;
      }
      SEEN(*seen, P_AH);
      next = p[off];
      off += ext;
      break;
    case 50: /* ESP: the rest is encrypted. */
      if (len - off < 8) {
        SEEN(*seen, P_TRUNCATED);
        return;
      }
      SEEN(*seen, P_ESP);
      return;
    default:
      decode_l4(next, p + off, len - off, seen);
      return;
    }
  }
}

static void decode_ethernet(const uint8_t *p, size_t len, unsigned *seen) {
  if (len < 14) {
    SEEN(*seen, P_TRUNCATED);
    return;
  }
  SEEN(*seen, P_ETHERNET);
  unsigned type = be16(p + 12);
  size_t off = 14;
  if (type < 0x0600) {
    SEEN(*seen, P_LLC);
    return;
  }
  /* 802.1Q, 802.1ad and the old QinQ TPID, possibly stacked. */
  while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
    if (len - off < 4) {
      SEEN(*seen, P_TRUNCATED);
      return;
    }
    SEEN(*seen, P_VLAN);
    type = be16(p + off + 2);
    off += 4;
  }
  switch (type) {
  case 0x0800:
    decode_ipv4(p + off, len - off, seen);
    return;
  case 0x86dd:
    decode_ipv6(p + off, len - off, seen);
    return;
  case 0x0806:
  case 0x8035:
    if (len - off < 8) {
      SEEN(*seen, P_TRUNCATED);
      return;
    }
    SEEN(*seen, P_ARP);
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
    unsigned seen = 0;
    decode_ethernet(data, header->caplen, &seen);
    for (unsigned layer = 0; seen != 0; layer++, seen >>= 1) {
      if (seen & 1) counts[layer]++;
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
