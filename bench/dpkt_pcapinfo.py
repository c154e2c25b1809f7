#!/usr/bin/python3
"""Counts the packets per protocol of a capture file with dpkt, as wirekit's pcapinfo does.

The Python point of comparison of the wirekit benchmarks (bench/compare.sh). Reads the
file with dpkt.pcap.Reader (or dpkt.pcapng.Reader), decodes each Ethernet frame with
dpkt.ethernet.Ethernet (VLAN tags, ARP, IPv4, IPv6 and its extension headers, TCP, UDP,
ICMP, ICMPv6), counts the packets that contain each layer under pcapinfo's layer names,
and prints one JSON object:

    {"packets": N, "protocols": {"ethernet": N, "ipv4": N, ...}}

Run it with Debian's python3-dpkt: /usr/bin/python3 bench/dpkt_pcapinfo.py FILE
(a `python3` from pyenv on PATH may not have dpkt).
"""

import json
import sys

import dpkt

# IPv6 extension header numbers to pcapinfo's layer names.
IPV6_EXTENSIONS = {
    0: "ipv6-hop-by-hop",
    43: "ipv6-routing",
    44: "ipv6-fragment",
    50: "esp",
    51: "ah",
    60: "ipv6-destination",
}

TRANSPORTS = (
    (dpkt.tcp.TCP, "tcp"),
    (dpkt.udp.UDP, "udp"),
    (dpkt.icmp.ICMP, "icmp"),
    (dpkt.icmp6.ICMP6, "icmpv6"),
)


def layers(buf):
    """Returns the names of the layers of one Ethernet frame."""
    seen = ["ethernet"]
    try:
        eth = dpkt.ethernet.Ethernet(buf)
    except (dpkt.UnpackError, dpkt.NeedData):
        return ["truncated"]
    if getattr(eth, "vlan_tags", None):
        seen.append("vlan")
    net = eth.data
    if isinstance(net, dpkt.llc.LLC):
        seen.append("llc")
        return seen
    if isinstance(net, dpkt.arp.ARP):
        seen.append("arp")
        return seen
    if isinstance(net, dpkt.ip.IP):
        seen.append("ipv4")
    elif isinstance(net, dpkt.ip6.IP6):
        seen.append("ipv6")
        for number in net.extension_hdrs:
            seen.append(IPV6_EXTENSIONS[number])
    else:
        return seen
    transport = net.data
    for cls, name in TRANSPORTS:
        if isinstance(transport, cls):
            seen.append(name)
            break
    return seen


def main(argv):
    if len(argv) != 2:
        print("Usage: /usr/bin/python3 bench/dpkt_pcapinfo.py FILE", file=sys.stderr)
        return 2
    counts = {}
    packets = 0
    with open(argv[1], "rb") as f:
        reader = dpkt.pcap.UniversalReader(f)
        ethernet = reader.datalink() == dpkt.pcap.DLT_EN10MB
        for _, buf in reader:
            packets += 1
            if not ethernet:
                continue
            for name in layers(buf):
                counts[name] = counts.get(name, 0) + 1
    print(json.dumps({"packets": packets, "protocols": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
