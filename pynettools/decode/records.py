"""A packet as the JSON record of `pytcpdump --json` (schema "pytcpdump/1"):
its time, lengths, link type and every layer decoded, outermost first."""

import time

from pynettools.capture import linktypes
from pynettools.decode import (arp, checksum, dns, icmp, icmp6, ipv4, ipv6, link, protocols,
                               tcp, udp)

SCHEMA = "pytcpdump/1"
DOMAIN, MULTICAST_DNS = 53, 5353
NULL, LOOP = 0, 108
MPLS_TYPES, PPPOE_TYPES = (0x8847, 0x8848), (0x8863, 0x8864)


def packet_record(packet, interface_name=str):
    """The packet's record; `interface_name` names a cooked v2 interface index."""
    data = packet.data
    seconds, fraction = divmod(packet.timestamp_ns, 1_000_000_000)
    record = {"schema": SCHEMA,
              "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) +
              ".%09dZ" % fraction,
              "timestamp_ns": packet.timestamp_ns, "length": packet.wire_length,
              "captured_length": len(data), "linktype": _linktype_name(packet.linktype),
              "interface": packet.interface}
    layers = record["layers"] = []
    _link_layers(packet, data, layers, interface_name)
    record["truncated"] = any(layer.get("truncated") for layer in layers)
    return record


def _linktype_name(linktype):
    return linktypes.NAMES.get(linktype, (str(linktype),))[0]


def _link_layers(packet, data, layers, interface_name):
    kind = packet.linktype
    if kind == linktypes.ETHERNET:
        layer, tags, ethertype, offset = link.ethernet_layer(data)
        layers.append(layer)
        layers.extend(tags)
        if "length" in layer:  # 802.3: an LLC header follows
            layer, ethertype, offset = protocols.llc(data, offset, len(data))
            layers.append(layer)
    elif kind in (linktypes.LINUX_SLL, linktypes.LINUX_SLL2):
        layer, ethertype, offset = link.cooked_layer(data, kind == linktypes.LINUX_SLL2,
                                                      interface_name)
        layers.append(layer)
        if ethertype in link.VLAN_TYPES:
            tags, offset = link.vlan_layers(data, offset, ethertype)
            layers.extend(tags)
            ethertype = tags[-1].get("ethertype")
    elif kind in (linktypes.RAW, linktypes.IPV4, linktypes.IPV6):
        version = data[0] >> 4 if data else 0
        ethertype, offset = {4: 0x0800, 6: 0x86DD}.get(version), 0
        if ethertype is None and data:
            layers.append({"protocol": "unknown-ip", "version": version})
    elif kind in (NULL, LOOP):
        layer, ethertype, offset = protocols.loopback(data)
        layers.append(layer)
    else:
        layers.append({"protocol": "unknown", "linktype": kind})
        return
    if ethertype in MPLS_TYPES:
        found, ethertype, offset = protocols.mpls(data, offset, len(data))
        layers.extend(found)
    elif ethertype in PPPOE_TYPES:
        layer, ethertype, offset = protocols.pppoe(data, offset, len(data))
        layers.append(layer)
    if ethertype in (0x0800, 0x86DD):
        _ip_layers(data, offset, len(data), packet.wire_length - offset, ethertype, layers)
    elif ethertype in (0x0806, 0x8035):
        layers.append(arp.layer(data, offset, len(data)))


def _ip_layers(data, offset, end, length, ethertype, layers):
    if ethertype == 0x0800:
        layer, protocol, start, size, first = ipv4.layer(data, offset, end)
        layers.append(layer)
        if protocol is None or not first:
            return
        end = min(end, offset + layer["total_length"])
        source, destination = data[offset + 12:offset + 16], \
            ipv4.final_destination(data, offset, layer["header_length"])
        pseudo = checksum.pseudo_header4
    else:
        found, protocol, start, size = ipv6.layers(data, offset, end)
        layers.extend(found)
        if protocol is None:
            return
        end = min(end, offset + 40 + found[0]["payload_length"])
        source, destination = data[offset + 8:offset + 24], \
            ipv6.final_destination(data, offset, end)
        pseudo = checksum.pseudo_header6
    _transport_layers(data, start, end, size, protocol, ethertype == 0x86DD,
                      lambda number, length: pseudo(source, destination, number, length), layers)


def _transport_layers(data, start, end, size, protocol, version6, pseudo, layers):
    if protocol == 6:
        layer = tcp.layer(data, start, end, size, pseudo(6, size))
        layers.append(layer)
        payload = start + layer.get("header_length", 0)
        if DOMAIN in (layer.get("source_port"), layer.get("destination_port")) and \
                layer.get("payload_length", 0) > 2 and payload + 2 <= end:
            layers.append(dns.layer(data[payload + 2:min(end, payload + 2 + size)]))
    elif protocol == 17:
        udp_length = data[start + 4] << 8 | data[start + 5] if end - start >= 6 else size
        layer = udp.layer(data, start, end, size, pseudo(17, min(udp_length, size)), version6)
        layers.append(layer)
        ports = (layer.get("source_port"), layer.get("destination_port"))
        if (DOMAIN in ports or MULTICAST_DNS in ports) and layer.get("payload_length"):
            layers.append(dns.layer(data[start + 8:min(end, start + 8 +
                                                          layer["payload_length"])]))
    elif protocol == 1 and not version6:
        layers.append(icmp.layer(data, start, end, size))
    elif protocol == 58 and version6:
        layers.append(icmp6.layer(data, start, end, size, pseudo(58, size)))
    elif protocol in (4, 41):
        _ip_layers(data, start, end, size, 0x0800 if protocol == 4 else 0x86DD, layers)
    else:
        layer, following = protocols.ip_protocol(protocol, data, start, end, size)
        if layer is None:
            layers.append({"protocol": "ip-protocol", "number": protocol, "length": size})
            return
        layers.append(layer)
        if following:  # AH: what it authenticates follows it
            protocol, start, size = following
            _transport_layers(data, start, end, size, protocol, version6, pseudo, layers)
