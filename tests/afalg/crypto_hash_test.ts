import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";
import {
  Hash,
  hash,
  hashFile,
  hmac,
  KernelCryptoError,
  NodeHash,
  openHash,
} from "../../lib/crypto/mod.ts";
import { afAlgTest, assertBytes, hex, pseudoRandom, toHexString } from "./_afalg.ts";

const encoder = new TextEncoder();

async function webDigest(name: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(name, data));
}

// FIPS 180-2 / FIPS 202 examples (NIST), and RFC 1321 for MD5.
const VECTORS: [string, string, string][] = [
  ["sha256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "sha256",
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  ["sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"],
  [
    "sha512",
    "abc",
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" +
    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  ],
  ["sha3-256", "", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"],
  ["sha3-256", "abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"],
  ["md5", "abc", "900150983cd24fb0d6963f7d28e17f72"],
];

afAlgTest("hash() matches the NIST and RFC 1321 examples", () => {
  for (const [algorithm, message, digest] of VECTORS) {
    assert.equal(toHexString(hash(algorithm, message)), digest, `${algorithm}("${message}")`);
  }
});

afAlgTest("hash() gives the seed's SHA-256, as WebCrypto does", async () => {
  const message = encoder.encode("Python is awesome!");
  assertBytes(hash("sha256", message), await webDigest("SHA-256", message));
});

afAlgTest("hash() matches WebCrypto and node:crypto at block-size edges", async () => {
  const data = pseudoRandom(300);
  const cases: [string, string, number][] = [
    ["sha1", "SHA-1", 64],
    ["sha256", "SHA-256", 64],
    ["sha384", "SHA-384", 128],
    ["sha512", "SHA-512", 128],
  ];
  for (const [kernel, web, block] of cases) {
    for (const length of [0, 1, block - 9, block - 8, block - 1, block, block + 1, 2 * block + 1]) {
      const message = data.slice(0, length);
      assertBytes(hash(kernel, message), await webDigest(web, message), `${kernel} of ${length}`);
    }
  }
  for (
    const [kernel, node] of [["md5", "md5"], ["sha3-256", "sha3-256"], ["sha3-512", "sha3-512"]]
  ) {
    for (const length of [0, 1, 135, 136, 137]) {
      const message = data.slice(0, length);
      const expected = nodeCrypto.createHash(node!).update(message).digest();
      assertBytes(hash(kernel!, message), expected, `${kernel} of ${length}`);
    }
  }
});

afAlgTest("hash() of a million 'a' (NIST long message)", () => {
  const message = new Uint8Array(1_000_000).fill(0x61);
  assert.equal(
    toHexString(hash("sha256", message)),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  );
});

// RFC 4231 test cases 1, 2 and 6.
afAlgTest("hmac() matches RFC 4231 and WebCrypto", async () => {
  assert.equal(
    toHexString(hmac("sha256", new Uint8Array(20).fill(0x0b), "Hi There")),
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  );
  assert.equal(
    toHexString(hmac("hmac(sha256)", encoder.encode("Jefe"), "what do ya want for nothing?")),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
  assert.equal(
    toHexString(hmac("sha512", encoder.encode("Jefe"), "what do ya want for nothing?")),
    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554" +
      "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
  );
  const longKey = new Uint8Array(131).fill(0xaa);
  assert.equal(
    toHexString(hmac("sha256", longKey, "Test Using Larger Than Block-Size Key - Hash Key First")),
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  );
  const key = pseudoRandom(32, 7);
  const data = pseudoRandom(1000, 8);
  const webKey = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", webKey, data));
  assertBytes(hmac("sha256", key, data), expected);
});

afAlgTest("Hash streams many update() calls, then digest() starts over", async () => {
  const data = pseudoRandom(5 * 1024 * 1024 + 3);
  using sha = new Hash("sha256");
  assert.equal(sha.digestLength, 32);
  let offset = 0;
  let step = 1;
  while (offset < data.length) {
    const end = Math.min(data.length, offset + step);
    sha.update(data.subarray(offset, end));
    offset = end;
    step = step * 2 + 1;
  }
  assertBytes(sha.digest(), await webDigest("SHA-256", data), "5 MiB streamed");
  // The object starts a new message after digest().
  assertBytes(sha.update("abc").digest(), hex(VECTORS[1]![2]));
  assertBytes(sha.digest(), hex(VECTORS[0]![2]), "empty message");
});

afAlgTest("Hash with a key streams HMAC", async () => {
  const key = pseudoRandom(20, 3);
  const data = pseudoRandom(100_000, 4);
  using mac = new Hash("hmac(sha1)", { key });
  for (let i = 0; i < data.length; i += 999) mac.update(data.subarray(i, i + 999));
  const webKey = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  assertBytes(mac.digest(), new Uint8Array(await crypto.subtle.sign("HMAC", webKey, data)));
});

afAlgTest("hashFile() hashes files with splice: empty, 1 byte, 3 MiB", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const length of [0, 1, 65536, 3 * 1024 * 1024 + 5]) {
      const data = pseudoRandom(length, length + 1);
      const path = `${dir}/f${length}`;
      await Deno.writeFile(path, data);
      assertBytes(await hashFile("sha256", path), await webDigest("SHA-256", data), `${length}`);
    }
    const data = pseudoRandom(70_000, 5);
    await Deno.writeFile(`${dir}/k`, data);
    const key = pseudoRandom(16, 6);
    assertBytes(await hashFile("hmac(sha256)", `${dir}/k`, { key }), hmac("sha256", key, data));
    await assert.rejects(() => hashFile("sha256", `${dir}/missing`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

afAlgTest("Hash reports an unknown algorithm with what /proc/crypto offers", () => {
  assert.throws(() => hash("no-such-hash", "x"), (error: unknown) => {
    assert.ok(error instanceof KernelCryptoError);
    assert.equal(error.code, "unknown-algorithm");
    assert.equal(error.errnoName, "ENOENT");
    assert.match(error.message, /Cannot bind hash "no-such-hash".*offers hash: .*sha256/);
    return true;
  });
});

afAlgTest("Hash close() is idempotent and update() after it fails clearly", () => {
  const sha = new Hash("sha256");
  sha.close();
  sha.close();
  assert.ok(sha.closed);
  assert.throws(() => sha.update("x"), /closed AF_ALG socket/);
});

afAlgTest("NodeHash and openHash() agree with the kernel under every name they map", () => {
  const data = pseudoRandom(10_000, 77);
  const key = pseudoRandom(20, 5);
  let compared = 0;
  for (
    const name of [
      "md4",
      "md5",
      "sha1",
      "sha224",
      "sha256",
      "sha384",
      "sha512",
      "sha3-224",
      "sha3-256",
      "sha3-384",
      "sha3-512",
      "rmd160",
      "sm3",
      "blake2b-512",
      "blake2s-256",
    ]
  ) {
    // node:crypto has no HMAC over md4 and sm3.
    const keyed = name === "md4" || name === "sm3" ? [] : [`hmac(${name})`];
    for (const algorithm of [name, ...keyed]) {
      const options = algorithm === name ? {} : { key };
      let kernel: Hash;
      try {
        kernel = new Hash(algorithm, options);
      } catch (error) {
        // Debian's kernel builds some of them as modules it may lack.
        if (error instanceof KernelCryptoError && error.code === "unknown-algorithm") continue;
        throw error;
      }
      using _ = kernel;
      using node = new NodeHash(algorithm, options);
      assertBytes(node.update(data).digest(), kernel.update(data).digest(), algorithm);
      compared++;
    }
  }
  assert.ok(compared >= 20, `only ${compared} algorithms compared`);
  using auto = openHash("sha256", { onFallback: () => assert.fail("fell back") });
  assert.ok(auto instanceof Hash);
});
