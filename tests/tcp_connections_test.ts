import assert from "node:assert/strict";
import { TcpConnections } from "../lib/print/mod.ts";

/** Two IPv6 addresses, the first ending in `n`, as the printer finds them in a packet. */
function addresses(n: number): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes.set([0x20, 0x01, 0x0d, 0xb8]);
  bytes.set([0x20, 0x01, 0x0d, 0xb8], 16);
  new DataView(bytes.buffer).setUint32(12, n);
  bytes[31] = 1;
  return bytes;
}

Deno.test("TcpConnections keeps the bases of many connections as it grows", () => {
  const connections = new TcpConnections();
  const count = 5000;
  for (let n = 0; n < count; n++) {
    const data = addresses(n);
    // The same bytes as an IPv4 key (the first 4 bytes of each address) and as IPv6.
    for (const size of [4, 16]) {
      assert.equal(connections.find(data, 0, 16, size, 1000 + n, 80), -1);
      connections.setBases(connections.add(), n, size === 4 ? 0xffffffff - n : n * 2);
    }
  }
  assert.equal(connections.size, 2 * count);
  for (let n = 0; n < count; n++) {
    const data = addresses(n);
    const v4 = connections.find(data, 0, 16, 4, 1000 + n, 80);
    const v6 = connections.find(data, 0, 16, 16, 1000 + n, 80);
    assert.notEqual(v4, v6);
    assert.equal(connections.forward(v4), n);
    assert.equal(connections.reverse(v4), 0xffffffff - n);
    assert.equal(connections.reverse(v6), n * 2);
    // The other way round, or other ports, is another key.
    assert.equal(connections.find(data, 16, 0, 16, 80, 1000 + n), -1);
    assert.equal(connections.find(data, 0, 16, 16, 1000 + n, 81), -1);
  }
});

Deno.test("TcpConnections keeps an endpoint text per connection and direction", () => {
  const connections = new TcpConnections();
  const data = addresses(7);
  assert.equal(connections.find(data, 0, 16, 16, 1234, 80), -1);
  const slot = connections.add();
  const text = new TextEncoder().encode("2001:db8::7.1234 > 2001:db8::1.80: ");
  const out = new Uint8Array(200);
  assert.equal(connections.putText(slot, false, out, 10), -1);
  connections.setText(slot, false, text, 0, text.length);
  assert.equal(connections.putText(slot, false, out, 10), 10 + text.length);
  assert.deepEqual(out.subarray(10, 10 + text.length), text);
  // The other direction, and another slot, have none.
  assert.equal(connections.putText(slot, true, out, 0), -1);
  assert.equal(connections.putText(slot + 1, false, out, 0), -1);
});

Deno.test("TcpConnections drops its endpoint texts when it grows", () => {
  const connections = new TcpConnections();
  const text = new TextEncoder().encode("10.0.0.1.1 > 10.0.0.2.80: ");
  const out = new Uint8Array(200);
  const slots: number[] = [];
  // Before the table grows (64 slots, at most 32 connections), every slot keeps its own.
  for (let n = 0; n < 31; n++) {
    const slot = connections.find(addresses(n), 0, 16, 4, n, 80);
    assert.equal(slot, -1);
    slots.push(connections.add());
    connections.setText(slots[n]!, n % 2 === 0, text, 0, text.length);
  }
  for (let n = 0; n < 31; n++) {
    assert.equal(connections.putText(slots[n]!, n % 2 === 0, out, 0), text.length);
  }
  for (let n = 31; connections.size < 100; n++) {
    connections.find(addresses(n), 0, 16, 4, n, 80);
    connections.add();
  }
  // The slots moved: no connection may be given another one's text.
  for (let n = 0; n < 31; n++) {
    const slot = connections.find(addresses(n), 0, 16, 4, n, 80);
    assert.equal(connections.putText(slot, n % 2 === 0, out, 0), -1);
  }
});
