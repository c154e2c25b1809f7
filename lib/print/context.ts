/**
 * The one context that every protocol printer writes through, after tcpdump's
 * `netdissect_options`: the flags, the output buffer, the per-connection TCP state, and
 * what the layers printed so far tell the next one (where the IP packet ends, whether the
 * addresses still wait for the ports...). A printer is a small function over the decoded
 * layer and this context; the table in `printers.ts` dispatches to it by `layer.kind`.
 *
 * @module
 */

import type { DecodeError } from "../errors.ts";
import type { BuiltinLayerKind, Layer, LayerMap } from "../layer_map.ts";
import type { NetworkLayer } from "../layer.ts";
import type { LayerParser } from "../packet_parser.ts";
import type { Registry } from "../_registry.ts";
import { ByteWriter } from "./_writer.ts";
import type { TimestampPrinter } from "./time.ts";
import { RpcCalls } from "./_rpc_calls.ts";
import { RxCalls } from "./_rx_calls.ts";
import { type PacketTypeBinding, packetTypeBinding } from "./packet_type.ts";
import { TcpConnections } from "./_tcp_connections.ts";

export { RpcCalls } from "./_rpc_calls.ts";
export { RxCalls } from "./_rx_calls.ts";
export { TcpConnections } from "./_tcp_connections.ts";

/**
 * How tcpdump prints timestamps: `"time"` is the default (local time of day), then one
 * per extra `-t`: none (`-t`), Unix seconds (`-tt`), delta to the previous packet
 * (`-ttt`), local date and time (`-tttt`), delta to the first packet (`-ttttt`).
 */
export type TimestampFormat = "time" | "none" | "unix" | "delta" | "date" | "since-first";

/**
 * Prints one decoded layer into the context. It reads fields from the layer (never
 * parses bytes again) and sets `context.done` when the rest of the packet is not printed.
 *
 * @param context The packet's print context.
 * @param layer The layer to print.
 * @param next The layer after it, if one decoded.
 */
export type LayerPrinter<L extends Layer = Layer> = (
  context: PrintContext,
  layer: L,
  next: Layer | undefined,
) => void;

/** Printers by layer kind, as the options and the printer tables give them. */
export type PrinterRecord = { readonly [kind: string]: LayerPrinter<never> };

/** A printer for each built-in layer kind: the type checker holds the table to every kind. */
export type PrinterTable = { readonly [K in BuiltinLayerKind]: LayerPrinter<LayerMap[K]> };

/** Options of the tcpdump printer, named after tcpdump's flags. */
export interface TcpdumpOptions {
  /** The timestamp format (default `"time"`); see {@linkcode TimestampFormat}. */
  timestamps?: TimestampFormat;
  /** Nanosecond timestamps, tcpdump's `--nano` (default microseconds, rounded down). */
  nano?: boolean;
  /** Print times in UTC instead of the local time zone (default `false`, as tcpdump). */
  utc?: boolean;
  /** Print the link-level header, `-e` (default `false`). */
  link?: boolean;
  /** Verbosity, the number of `-v` (default 0). */
  verbose?: number;
  /** Absolute TCP sequence numbers, `-S` (default `false`: relative per connection). */
  absoluteSequence?: boolean;
  /** Quiet output, `-q`: less protocol information (default `false`). */
  quiet?: boolean;
  /**
   * Hex dump after each packet: 1 for `-x`/`-X` (from the network header), 2 for
   * `-xx`/`-XX` (from the link header); 0 (default) for none.
   */
  hex?: 0 | 1 | 2;
  /** With `hex`, add the ASCII column, `-X`/`-XX` (default `false`). */
  ascii?: boolean;
  /**
   * Print each packet's bytes as ASCII: 1 for `-A` (after the link header), 2 for `-AA`
   * (from the link header); 0 (default) for none. Hex dumps (`hex`) take precedence.
   */
  asciiPayload?: 0 | 1 | 2;
  /** Start each line with the packet's number, `-#` (default `false`). */
  number?: boolean;
  /**
   * tcpdump's `-T TYPE`: print every UDP datagram (and, for `domain`, `resp` and `zmtp1`,
   * every TCP segment; for `carp`, IP protocol 112) as that protocol, whatever its ports (the
   * types: `PACKET_TYPES` of `packet_type.ts`).
   */
  packetType?: string | undefined;
  /**
   * The host's interface names by index, as `interfaceIndexes()` of `lib/capture` reads
   * them, for the interface of a Linux cooked capture v2 header (default none: `?`).
   */
  interfaceNames?: Readonly<Record<number, string>>;
  /**
   * Printers for layer kinds that code outside wirekit added (see the README's "Adding a
   * protocol"), or replacements for built-in ones.
   */
  printers?: PrinterRecord;
}

/**
 * The state shared by the printers of one capture: options and output for the whole
 * capture, and the fields that one packet's layers leave for the layers after them.
 */
export class PrintContext {
  /** Where the text goes. */
  readonly out: ByteWriter = new ByteWriter(1 << 16);
  /** `-v` count (OpenFlow lowers it by 3 while it prints a frame that a message carries). */
  verbose: number;
  /** `-e`. */
  readonly link: boolean;
  /** `-q`. */
  readonly quiet: boolean;
  /** `-T`: what every UDP and TCP payload is printed as, when given. */
  readonly packetType: PacketTypeBinding | undefined;
  /** `-S`. */
  readonly absolute: boolean;
  /** `-x` (1) or `-xx` (2). */
  readonly hex: number;
  /** `-X`/`-XX`: hex dumps with ASCII (some printers, as Telnet's at `-vvv`, change then). */
  readonly ascii: boolean;
  /**
   * tcpdump's default print of bytes a link or tunnel printer does not decode, in hex and
   * ASCII: on unless `-q`, `-x` or `-X` (its `ndo_suppress_default_print`).
   */
  readonly defaultPrint: boolean;
  /** TCP connections seen, by key, for relative sequence numbers. */
  readonly connections: TcpConnections = new TcpConnections();
  /** Sun RPC calls seen, by transaction ID, to print their replies (tcpdump's xid map). */
  readonly rpcCalls: RpcCalls = new RpcCalls();
  /** RX calls seen, by call number, to print their replies (tcpdump's rx_cache). */
  readonly rxCalls: RxCalls = new RxCalls();
  /** Dispatch by layer kind. */
  readonly printers: ReadonlyMap<string, LayerPrinter>;
  /** The host's interface names by index (tcpdump's `if_indextoname()`). */
  readonly interfaceNames: Readonly<Record<number, string>>;
  /** The decoders of the packets: printers decode with them what a packet quotes. */
  readonly registry: Registry;
  /**
   * The packets' timestamp printer, for a time that a packet carries and tcpdump prints
   * with ts_print() (its -ttt reference then moves too). The printer core sets it.
   */
  time: TimestampPrinter | undefined = undefined;

  // ---- the packet being printed -------------------------------------------------------

  /** The packet's bytes (or a buffer that holds them). */
  data: Uint8Array = new Uint8Array(0);
  /** Where the packet starts in `data`. */
  start = 0;
  /** Where the captured bytes end in `data`. */
  end = 0;
  /** The length on the wire (`Infinity` inside a quoted datagram). */
  originalLength = 0;
  /** The `LINKTYPE_*` number. */
  linkType = 1;
  /** Where the link-layer headers end, for `-x` (-1 inside a quoted datagram). */
  linkEnd = 0;
  /** Offset of the innermost IP header's source address. */
  addressAt = 0;
  /** The innermost IP layer, whose pseudo-header transport checksums sum. */
  networkLayer: NetworkLayer | undefined = undefined;
  /** The innermost IPv6 header's payload length field. */
  ipv6PayloadLength = 0;
  /** The innermost IP header's version (4 or 6). */
  ipVersion = 0;
  /** The addresses still wait to be printed with the ports by TCP or UDP. */
  pending = false;
  /** Where the innermost IP packet ends according to its length field. */
  ipEnd = 0;
  /** The innermost IP header's TTL (IPv4) or hop limit (IPv6). */
  ttl = 0;
  /** The innermost IP packet is a fragment (checksums are not verified). */
  fragment = false;
  /** The packet's decode error, until a layer prints it (then `undefined`). */
  error: DecodeError | undefined = undefined;
  /** A network-layer header (IP, ARP) was printed. */
  network = false;
  /** Nothing more of the packet is printed. */
  done = false;
  /**
   * The length of a tunnel's payload (after GRE or PPPoE), for the frame inside; 0 until a
   * tunnel printer of the packet sets it (never a length left by an earlier packet).
   */
  tunnelLength = 0;
  /**
   * The length on the wire of what follows the link header just printed, as tcpdump
   * hands it to the next printer (`length` in print-ether.c, print-llc.c): an 802.3
   * frame's length field, bounded by the frame, then less each header printed after it.
   * -1 when no link printer set it (the next printer then counts from the wire length).
   */
  frameLength: number = -1;
  /**
   * The length that a tunnel printer (NSH, VXLAN-GPE) hands the IPv4 or IPv6 printer after
   * it (tcpdump's `length` argument of ip_print() and ip6_print(): its message's length
   * less its header's), which that printer takes (then -1); -1 when the wire length from
   * the IP header on is it.
   */
  innerIpLength: number = -1;
  /**
   * Where tcpdump's printers may read to (its snapend) when a link header's length field
   * ended the frame before its captured bytes (PPPoE's), cut to each IP packet's end as
   * ip_print() and ip6_print() cut it; -1 when the layers' ends are it.
   */
  snapEnd: number = -1;
  /**
   * Where the innermost Ethernet header starts (its destination address), for the LLC
   * printer, which prints the addresses without `-e`; -1 when the link has none.
   */
  macAt: number = -1;

  /**
   * The frame's link printer named its IPX framing (tcpdump's llc_print() reaches IPX for
   * raw 802.3 and LLC SAP `0xe0`); otherwise an EtherType led to IPX, which tcpdump's
   * ethertype_print() announces as `(NOV-ETHII)`.
   */
  ipxFramed: boolean = false;
  /**
   * Text that closes what a layer opened, printed after the last layer unless the packet
   * was cut short (the `}` after the PPP frame of an L2TP data message).
   */
  trailer: string = "";
  /**
   * Where the source address of the frame whose LLC header follows lies, when it is not
   * 6 bytes after the destination (802.11 data frames); -1 otherwise.
   */
  sourceMacAt: number = -1;
  /**
   * The source address at `sourceMacAt` carries Token Ring's route-information bit (its
   * first byte's top bit), which tcpdump clears before it prints the address.
   */
  sourceRouted: boolean = false;
  /**
   * Where the frame inside a PPI or PKTAP header starts, or -1: tcpdump's ppi_if_print()
   * and pktap_if_print() add the frame's link header length to the one the frame's printer
   * already added, so `-x`, `-X` and `-A` start that far past the frame's header.
   */
  ppiFrameAt: number = -1;
  /**
   * Where a link header ends that tcpdump's printer counts alone, whatever the printers of
   * the frame after it count (the Juniper link types but Ethernet): `-x`, `-X` and `-A`
   * start there unless a read past the capture sent `linkEnd` back to the start; -1 when
   * no such printer ran.
   */
  fixedLinkEnd: number = -1;
  /**
   * Where a link printer handed the frame after its header to the next link printer's
   * inner entry (tcpdump's ppp_print(), not ppp_if_print()), with `tunnelLength` its
   * length; -1 otherwise.
   */
  handedAt: number = -1;

  /**
   * Makes a context.
   *
   * @param options The tcpdump flags.
   * @param printers The printer of each layer kind.
   * @param registry The decoders of the packets (`defaultRegistry`, most often).
   */
  constructor(
    options: TcpdumpOptions,
    printers: ReadonlyMap<string, LayerPrinter>,
    registry: Registry,
  ) {
    this.verbose = options.verbose ?? 0;
    this.link = options.link ?? false;
    this.quiet = options.quiet ?? false;
    this.packetType = options.packetType === undefined
      ? undefined
      : packetTypeBinding(options.packetType);
    this.absolute = options.absoluteSequence ?? false;
    this.hex = options.hex ?? 0;
    this.ascii = this.hex > 0 && (options.ascii ?? false);
    this.defaultPrint = this.hex === 0 && !this.quiet;
    this.printers = printers;
    this.interfaceNames = options.interfaceNames ?? {};
    this.registry = registry;
  }

  /**
   * Prints layers in order, each by its kind's printer, until one sets `done`. The last
   * layer may be a partial decode (the packet's {@linkcode DecodeError} has `partial`):
   * its printer prints what was captured and the ` [|proto]` mark, so the error is
   * cleared from the context before it.
   *
   * @param layers The decoded layers.
   * @param from The index of the first layer to print.
   * @param count How many layers decoded.
   * @param parser The parser that decoded them, if one did: its kind ids find the
   * printers without reading each layer's kind (layers of many classes) and a map lookup.
   */
  printLayers(
    layers: readonly Layer[],
    from: number,
    count: number,
    parser?: LayerParser,
  ): void {
    let ids: readonly number[] | undefined;
    if (parser !== undefined) {
      ids = parser.kindIds;
      if (parser.kinds !== this.#kinds) {
        this.#kinds = parser.kinds;
        this.#byKindId = [];
      }
    }
    for (let i = from; i < count && !this.done; i++) {
      if (i === count - 1 && this.error?.partial === true) this.error = undefined;
      const layer = layers[i]!;
      const printer = ids === undefined
        ? this.printers.get(layer.kind)
        : this.#byKindId[ids[i]!] ?? this.#printerOf(ids[i]!);
      if (printer === undefined) {
        // A kind added without a printer: name it, as tcpdump names what it can't print.
        this.out.ascii(`[|${layer.kind}]`);
        this.done = true;
        return;
      }
      printer(this, layer, i + 1 < count ? layers[i + 1] : undefined);
    }
  }

  // The printer of each kind id of the last parser's `kinds`, filled as kinds are met.
  #kinds: readonly string[] | undefined = undefined;
  #byKindId: (LayerPrinter | undefined)[] = [];

  #printerOf(id: number): LayerPrinter | undefined {
    const printer = this.printers.get(this.#kinds![id]!);
    this.#byKindId[id] = printer;
    return printer;
  }
}
