import assert from "node:assert/strict";
import { openIp6Socket, openIpSocket } from "../lib/rawsocket/mod.ts";

Deno.test("openIpSocket() and openIp6Socket() reject protocols out of range before opening", () => {
  assert.throws(
    () => openIpSocket({ protocol: 256 }),
    new RangeError("Cannot open raw IPv4 socket: protocol must be 0 to 255: received 256"),
  );
  assert.throws(
    () => openIpSocket({ protocol: 1.5 }),
    /raw IPv4 socket: protocol must be 0 to 255: received 1.5/,
  );
  assert.throws(
    () => openIp6Socket({ protocol: 255 }),
    new RangeError("Cannot open raw IPv6 socket: protocol must be 0 to 254: received 255"),
  );
  assert.throws(
    () => openIp6Socket({ protocol: "nope" as "tcp" }),
    /raw IPv6 socket: protocol must be 0 to 254: received nope/,
  );
});
