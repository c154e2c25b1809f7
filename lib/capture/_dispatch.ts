// Private: reading a live capture a batch at a time. pcap_dispatch() with libpcap's own
// pcap_dump() as the callback writes every ready packet, as pcap records, into a memory
// stream (open_memstream); one copy brings them all into JavaScript, where the record
// headers fill the batch. No FFI call and no allocation per packet: what tcpdump -w does.

import { libc } from "../../ffi/libc.ts";
import type { CaptureBatch } from "../formats/capture_reader.ts";
import { lib } from "./_native.ts";

/** A pcap record header: seconds, fraction, captured length, original length. */
const RECORD_HEADER = 16;
const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The memory stream that pcap_dump() writes a handle's packets into. */
export class DispatchReader {
  readonly #file: Deno.PointerObject;
  readonly #dumper: Deno.PointerObject;
  // Where the stream keeps its buffer's address and size: it writes them at every flush,
  // so they live as long as the stream, in an ArrayBuffer (whose memory never moves, unlike
  // a small typed array's own).
  readonly #out: BigUint64Array;
  #closed = false;

  private constructor(file: Deno.PointerObject, dumper: Deno.PointerObject, out: BigUint64Array) {
    this.#file = file;
    this.#dumper = dumper;
    this.#out = out;
  }

  /**
   * Opens a memory stream and a pcap dumper on it for a live handle.
   *
   * @param handle The activated handle.
   * @returns The reader, or `undefined` where libc has no `open_memstream` or libpcap no
   * dumper (the caller then reads packet by packet).
   */
  static open(handle: Deno.PointerObject): DispatchReader | undefined {
    const c = libc();
    const symbols = lib().symbols;
    if (c.open_memstream === null || symbols.pcap_dump === null) return undefined;
    const out = new BigUint64Array(new ArrayBuffer(16));
    const file = c.open_memstream(out.subarray(0, 1), out.subarray(1, 2));
    if (file === null) return undefined;
    const dumper = symbols.pcap_dump_fopen(handle, file);
    if (dumper === null) {
      c.fclose(file);
      c.free(Deno.UnsafePointer.create(out[0]!));
      return undefined;
    }
    return new DispatchReader(file, dumper, out);
  }

  /**
   * Takes up to `count` ready packets into an empty batch, without waiting. The batch's
   * buffer becomes `chunk`, or a larger array when the packets do not fit in it.
   *
   * @param handle The handle, in non-blocking mode.
   * @param batch The batch, empty.
   * @param chunk Where to copy the records.
   * @param count The most packets to take.
   * @param linkType The handle's link type.
   * @param nano Whether the timestamps' fractions are nanoseconds (else microseconds).
   * @returns What pcap_dispatch() returned: packets taken, 0 when none was ready, or a
   * negative status (`PCAP_ERROR_BREAK` after pcap_breakloop()).
   */
  read(
    handle: Deno.PointerObject,
    batch: CaptureBatch,
    chunk: Uint8Array,
    count: number,
    linkType: number,
    nano: boolean,
  ): number {
    const c = libc();
    const symbols = lib().symbols;
    c.rewind(this.#file);
    const taken = symbols.pcap_dispatch(handle, count, symbols.pcap_dump, this.#dumper);
    if (taken <= 0) return taken;
    c.fflush(this.#file);
    const size = Number(c.ftell(this.#file));
    const target = size <= chunk.length ? chunk : new Uint8Array(size);
    Deno.UnsafePointerView.copyInto(
      Deno.UnsafePointer.create(this.#out[0]!)!,
      target.subarray(0, size),
    );
    const view = new DataView(target.buffer, target.byteOffset, size);
    const le = hostLittleEndian;
    const scale = nano ? 1 : 1000;
    batch.buffer = target;
    for (let at = 0; at + RECORD_HEADER <= size;) {
      if (batch.count === batch.capacity) batch.grow();
      const i = batch.count++;
      const captured = view.getUint32(at + 8, le);
      batch.seconds[i] = view.getUint32(at, le);
      batch.nanoseconds[i] = view.getUint32(at + 4, le) * scale;
      batch.capturedLengths[i] = captured;
      batch.originalLengths[i] = view.getUint32(at + 12, le);
      batch.offsets[i] = at + RECORD_HEADER;
      batch.linkTypes[i] = linkType;
      batch.interfaceIds[i] = 0;
      batch.flags[i] = 0;
      batch.optionsOffsets[i] = 0;
      batch.optionsLengths[i] = 0;
      at += RECORD_HEADER + captured;
    }
    return taken;
  }

  /** Closes the dumper and the stream, and frees the stream's buffer. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    lib().symbols.pcap_dump_close(this.#dumper);
    const buffer = this.#out[0]!;
    if (buffer !== 0n) libc().free(Deno.UnsafePointer.create(buffer));
  }
}
