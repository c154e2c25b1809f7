import assert from "node:assert/strict";
import {
  KernelCryptoError,
  NodeHash,
  nodeHashAlgorithm,
  NodeHashError,
  openHash,
  probeAfAlg,
} from "../lib/crypto/mod.ts";
import { decodeHex, encodeHex } from "../lib/_hex.ts";

const probe = Deno.build.os === "linux" ? probeAfAlg() : "not Linux";

// FIPS 180-2, FIPS 202 and RFC 1321 examples of "abc"; RFC 1320 for MD4, ISO/IEC 10118-3
// for RIPEMD-160, GB/T 32905 for SM3, RFC 7693 for BLAKE2b-512 and BLAKE2s-256.
const ABC: [string, string][] = [
  ["md4", "a448017aaf21d8525fc10ae87aa6729d"],
  ["md5", "900150983cd24fb0d6963f7d28e17f72"],
  ["sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"],
  ["sha224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"],
  ["sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ["sha3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"],
  ["rmd160", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"],
  ["sm3", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"],
  [
    "blake2b-512",
    "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" +
    "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
  ],
  ["blake2s-256", "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"],
];

Deno.test("NodeHash computes the published digests of abc under the kernel's names", () => {
  for (const [algorithm, digest] of ABC) {
    using hasher = new NodeHash(algorithm);
    assert.equal(hasher.update("abc").digestHex(), digest, algorithm);
  }
});

Deno.test("nodeHashAlgorithm() maps kernel names and HMACs, and names what it lacks", () => {
  assert.deepEqual(nodeHashAlgorithm("sha256"), { hash: "sha256", hmac: false });
  assert.deepEqual(nodeHashAlgorithm("blake2b-512"), { hash: "blake2b512", hmac: false });
  assert.deepEqual(nodeHashAlgorithm("hmac(rmd160)"), { hash: "ripemd160", hmac: true });
  const unknown = ["wp512", "streebog256", "hmac(crc32c)", "hmac(hmac(sha256))", "toString"];
  for (const name of [...unknown, "hmac(md4)", "hmac(sm3)"]) {
    assert.throws(() => nodeHashAlgorithm(name), (error: unknown) => {
      assert.ok(error instanceof NodeHashError);
      assert.equal(error.code, "unknown-algorithm");
      assert.match(
        error.message,
        new RegExp(`^Cannot hash with "${name.replace(/[()]/g, "\\$&")}"`),
      );
      assert.ok(!error.message.includes("\n"));
      return true;
    });
  }
});

Deno.test("NodeHash computes RFC 4231 HMACs and starts over with the same key", () => {
  // RFC 4231 test case 2.
  const key = new TextEncoder().encode("Jefe");
  using mac = new NodeHash("hmac(sha256)", { key });
  key.fill(0);
  const expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  assert.equal(mac.update("what do ya want ").update("for nothing?").digestHex(), expected);
  assert.equal(mac.update("what do ya want for nothing?").digestHex(), expected);
  assert.throws(
    () => new NodeHash("hmac(sha256)"),
    /^NodeHashError: Cannot hash with hmac\(sha256\): it needs a key$/,
  );
  assert.throws(
    () => new NodeHash("sha256", { key: new Uint8Array(4) }),
    (error: unknown) => error instanceof NodeHashError && error.code === "key",
  );
});

Deno.test("NodeHash.updateFile() streams a file in chunks to the same digest", async () => {
  const path = await Deno.makeTempFile();
  try {
    // Three chunks of 256 KiB and a bit: every chunk boundary is crossed.
    const data = new Uint8Array(3 * 256 * 1024 + 17).map((_, i) => (i * 7 + (i >> 9)) & 0xff);
    await Deno.writeFile(path, data);
    using file = new NodeHash("sha512");
    assert.equal(await file.updateFile(path), data.length);
    using whole = new NodeHash("sha512");
    assert.equal(file.digestHex(), whole.update(data).digestHex());
    await assert.rejects(() => file.updateFile(`${path}.missing`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("openHash() with engine node uses node:crypto without touching the kernel", () => {
  using hasher = openHash("hmac(sha1)", { engine: "node", key: decodeHex("0b".repeat(20)) });
  assert.ok(hasher instanceof NodeHash);
  // RFC 2202 test case 1.
  assert.equal(
    encodeHex(hasher.update("Hi There").digest()),
    "b617318655057264e28bc0b6fb378c8ef146be00",
  );
});

Deno.test({
  name: "openHash() falls back to node:crypto without AF_ALG, and afalg throws",
  ignore: probe === true,
  fn: () => {
    const reasons: string[] = [];
    using hasher = openHash("sha256", { onFallback: (reason) => reasons.push(reason) });
    assert.ok(hasher instanceof NodeHash);
    assert.deepEqual(reasons, [probe]);
    assert.throws(
      () => openHash("sha256", { engine: "afalg" }),
      (error: unknown) => error instanceof KernelCryptoError && error.code === "unavailable",
    );
  },
});
