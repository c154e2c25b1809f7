/**
 * The bodies of OSPF packets that the `Ospf` layer reads on demand: Hello, Database
 * Description, Link State Request, the LLS block and the cryptographic trailer. Re-exported
 * by `ospf.ts`.
 *
 * @module
 */

/** The fixed fields of a Hello packet (RFC 2328 A.3.2, RFC 5340 A.3.2). */
export interface OspfHello {
  /** OSPFv3 only: the sender's interface ID (0 in version 2). */
  readonly interfaceId: number;
  /** The options: 8 bits in version 2, 24 bits in version 3. */
  readonly options: number;
  /** The hello interval in seconds. */
  readonly helloInterval: number;
  /** The router dead interval in seconds. */
  readonly deadInterval: number;
  /** Version 2 only: offset of the network mask in `data` (-1 in version 3). */
  readonly maskAt: number;
  /** The router priority. */
  readonly priority: number;
  /** Offset of the designated router's 4 bytes in `data`. */
  readonly designatedRouterAt: number;
  /** Offset of the backup designated router's 4 bytes in `data`. */
  readonly backupDesignatedRouterAt: number;
  /** Offsets of the neighbors' router IDs (4 bytes each) in `data`. */
  readonly neighborsAt: readonly number[];
  /** Whether the list runs past the captured bytes (tcpdump's read jumps out there). */
  readonly neighborsCut: boolean;
  /**
   * How many of the 20 bytes of fixed fields were captured: OSPFv3 keeps a Hello cut after
   * its options (the fields past the capture read as 0); otherwise 20.
   */
  readonly captured: number;
}

/** The fixed fields of a Database Description packet (RFC 2328 A.3.3, RFC 5340 A.3.3). */
export interface OspfDatabaseDescription {
  /** The options: 8 bits in version 2, 24 bits in version 3. */
  readonly options: number;
  /** The interface MTU. */
  readonly mtu: number;
  /** The flags (I, M, MS). */
  readonly flags: number;
  /** The DD sequence number. */
  readonly sequence: number;
  /**
   * How many of the fixed fields' bytes (12 in OSPFv3, 8 in OSPFv2) were captured: OSPFv3
   * keeps a packet cut after its options (the fields past the capture read as 0).
   */
  readonly captured: number;
}

/** A list read from an OSPFv2 packet, and why it ended. */
export interface OspfList<T> {
  /** The entries read. */
  readonly entries: T[];
  /**
   * Why the list ended: `"end"` at the end of the packet (or of the count), `"bogus"` at
   * an LSA header whose length is below 20 (the last entry), `"truncated"` where the
   * captured bytes end (OSPFv3: where the packet length ends), `"cut"` (OSPFv3) where the
   * captured bytes end before the packet length does.
   */
  readonly stop: "end" | "bogus" | "truncated" | "cut";
}

/** The link-local signaling block after an OSPFv2 Hello or DD packet (RFC 5613). */
export interface OspfLls {
  /** The block starts at or past the end of the packet: tcpdump says "[LLS truncated]". */
  readonly empty: boolean;
  /** The checksum (undefined when not captured). */
  readonly checksum: number | undefined;
  /** The length field in 32-bit words (undefined when not captured). */
  readonly length: number | undefined;
  /**
   * The TLVs: type, length and, for the extended options (1) and MD5 (2) TLVs, their
   * first 32-bit word (the options, the sequence number).
   */
  readonly tlvs: readonly {
    readonly type: number;
    readonly length: number | undefined;
    readonly value: number | undefined;
  }[];
  /** Whether the captured bytes ended inside the block. */
  readonly truncated: boolean;
}

/** The authentication trailer after an OSPFv3 packet (RFC 7166), as far as captured. */
export interface OspfAuthTrailer {
  /** The authentication type (1: HMAC cryptographic authentication). */
  readonly type: number | undefined;
  /** The length of the trailer, its 16-byte header included. */
  readonly length: number | undefined;
  /** The security association ID. */
  readonly said: number | undefined;
  /** The cryptographic sequence number's high 32 bits. */
  readonly sequenceHigh: number | undefined;
  /** The cryptographic sequence number's low 32 bits. */
  readonly sequenceLow: number | undefined;
  /** Offset of the authentication data in `data`. */
  readonly dataAt: number;
  /** Whether the trailer (or the message) ends before its fields do. */
  readonly truncated: boolean;
}

/** One entry of an OSPFv2 LS Request: offsets of 4-byte fields in `data`. */
export interface OspfLsRequest {
  /** The LS type (32 bits in OSPFv2, the 16-bit function code and scope in OSPFv3). */
  readonly type: number;
  /** Offset of the link state ID. */
  readonly lsaIdAt: number;
  /** Offset of the advertising router. */
  readonly advertisingRouterAt: number;
}
