import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";
import {
  decrypt,
  encrypt,
  KernelCryptoError,
  PaddingError,
  pkcs7Pad,
  pkcs7Unpad,
  SymmetricCipher,
} from "../../lib/crypto/mod.ts";
import { afAlgTest, assertBytes, hex, pseudoRandom, toHexString } from "./_afalg.ts";

// NIST SP 800-38A, appendix F: AES-128, first block.
const KEY = hex("2b7e151628aed2a6abf7158809cf4f3c");
const P1 = hex("6bc1bee22e409f96e93d7e117393172a");

function nodeCipher(name: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array) {
  const cipher = nodeCrypto.createCipheriv(name, key, iv);
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

/** Streams `data` through update() in growing, uneven pieces. */
function streamed(
  cipher: SymmetricCipher,
  encryptIt: boolean,
  iv: Uint8Array | undefined,
  data: Uint8Array,
): Uint8Array {
  using stream = encryptIt ? cipher.encryptor(iv) : cipher.decryptor(iv);
  const out = new Uint8Array(data.length);
  let written = 0;
  let offset = 0;
  let step = 1;
  while (offset < data.length) {
    const end = Math.min(data.length, offset + step);
    const piece = stream.update(data.subarray(offset, end));
    out.set(piece, written);
    written += piece.length;
    offset = end;
    step = step * 3 + 5;
  }
  const last = stream.final();
  out.set(last, written);
  assert.equal(written + last.length, data.length);
  return out;
}

afAlgTest("encrypt() matches NIST SP 800-38A for CBC, CTR and ECB", () => {
  const cbcIv = hex("000102030405060708090a0b0c0d0e0f");
  assert.equal(
    toHexString(encrypt("cbc(aes)", KEY, cbcIv, P1)),
    "7649abac8119b246cee98e9b12e9197d",
  );
  const counter = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  assert.equal(
    toHexString(encrypt("ctr(aes)", KEY, counter, P1)),
    "874d6191b620e3261bef6864990db6ce",
  );
  assert.equal(
    toHexString(encrypt("ecb(aes)", KEY, undefined, P1)),
    "3ad77bb40d7a3660a89ecaf32466ef97",
  );
  assertBytes(decrypt("cbc(aes)", KEY, cbcIv, hex("7649abac8119b246cee98e9b12e9197d")), P1);
});

afAlgTest("encrypt() matches IEEE 1619 for XTS-AES-128 (vector 2)", () => {
  const key = hex("11".repeat(16) + "22".repeat(16));
  const tweak = hex("3333333333" + "00".repeat(11));
  const expected = "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0";
  assert.equal(
    toHexString(encrypt("xts(aes)", key, tweak, new Uint8Array(32).fill(0x44))),
    expected,
  );
  // Ciphertext stealing (37 bytes), computed with pyca/cryptography (OpenSSL).
  const key2 = hex("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0" + "22".repeat(16));
  const data = new Uint8Array(37);
  for (let i = 0; i < 17; i++) data[i] = i;
  const sealed = encrypt("xts(aes)", key2, tweak, data);
  assert.equal(
    toHexString(sealed),
    "84b7c1b1434bec4b61e7fe6608d9b51d2640e33a455dd2d354f7ba5124853aba5bb7d29af9",
  );
  using xts = new SymmetricCipher("xts(aes)", key2);
  assertBytes(streamed(xts, true, tweak, data), sealed, "xts streamed");
  assertBytes(streamed(xts, false, tweak, sealed), data, "xts decrypted");
});

afAlgTest("the seed's AES-CBC with PKCS#7 round-trips and matches node:crypto", () => {
  // Fixed key and IV: with random ones the wrong key below left a valid padding byte in
  // about one run of 256 (the test failed so in CI); with these it decrypts to a last byte
  // of 144.
  const key = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const iv = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
  const plaintext = new TextEncoder().encode("Secret message!");
  using aes = new SymmetricCipher("cbc(aes)", key);
  const ciphertext = aes.encrypt(iv, pkcs7Pad(plaintext));
  const reference = nodeCrypto.createCipheriv("aes-256-cbc", key, iv);
  assertBytes(
    ciphertext,
    new Uint8Array(Buffer.concat([reference.update(plaintext), reference.final()])),
  );
  assertBytes(pkcs7Unpad(aes.decrypt(iv, ciphertext)), plaintext);
  // Decrypting with another IV garbles the first block; another key breaks the padding.
  const wrong = new SymmetricCipher("cbc(aes)", new Uint8Array(32));
  assert.throws(() => pkcs7Unpad(wrong.decrypt(iv, ciphertext)), PaddingError);
  wrong.close();
});

afAlgTest("SymmetricCipher matches node:crypto one-shot and streamed, at size edges", () => {
  const data = pseudoRandom(4 * 1024 * 1024 + 48);
  const cases: [string, string, number, boolean][] = [
    ["cbc(aes)", "aes-128-cbc", 16, true],
    ["cbc(aes)", "aes-256-cbc", 32, true],
    ["ctr(aes)", "aes-128-ctr", 16, true],
    ["ctr(aes)", "aes-192-ctr", 24, true],
    ["ecb(aes)", "aes-128-ecb", 16, false],
  ];
  for (const [kernel, node, keyLength, hasIv] of cases) {
    const key = pseudoRandom(keyLength, keyLength);
    const iv = hasIv ? pseudoRandom(16, 99) : undefined;
    using cipher = new SymmetricCipher(kernel, key);
    assert.equal(cipher.ivLength, hasIv ? 16 : 0);
    const whole = kernel.startsWith("ctr") ? [0, 1, 15, 16, 17, 65537] : [0, 16, 32, 65536 + 16];
    for (const length of whole) {
      const message = data.subarray(0, length);
      const expected = nodeCipher(node, key, iv ?? null, message);
      assertBytes(cipher.encrypt(iv, message), expected, `${kernel} ${keyLength} ${length}`);
      assertBytes(cipher.decrypt(iv, expected), message, `${kernel} ${keyLength} ${length} back`);
    }
    const big = kernel.startsWith("ctr") ? data.subarray(0, data.length - 5) : data;
    const expected = nodeCipher(node, key, iv ?? null, big);
    assertBytes(streamed(cipher, true, iv, big), expected, `${kernel} streamed 4 MiB`);
    assertBytes(streamed(cipher, false, iv, expected), big, `${kernel} streamed back`);
  }
});

afAlgTest("SymmetricCipher rejects bad key, IV and data lengths with RangeError", () => {
  assert.throws(
    () => new SymmetricCipher("cbc(aes)", new Uint8Array(15)),
    (error: unknown) =>
      error instanceof RangeError &&
      /Cannot set the key of cbc\(aes\): it takes 16 to 32 bytes .*received 15 bytes/.test(
        error.message,
      ),
  );
  using aes = new SymmetricCipher("cbc(aes)", new Uint8Array(16));
  assert.throws(
    () => aes.encrypt(new Uint8Array(8), new Uint8Array(16)),
    /cbc\(aes\): it takes a 16-byte IV, received 8 bytes/,
  );
  assert.throws(
    () => aes.encrypt(new Uint8Array(16), new Uint8Array(15)),
    /must be a multiple of 16 bytes, received 15 \(pad it with pkcs7Pad\(\)\)/,
  );
  assert.throws(
    () => encrypt("cbc(nope)", new Uint8Array(16), undefined, new Uint8Array(0)),
    (e: unknown) => e instanceof KernelCryptoError && e.code === "unknown-algorithm",
  );
});

afAlgTest("CipherStream rejects update() after final()", () => {
  using aes = new SymmetricCipher("ctr(aes)", new Uint8Array(16));
  const stream = aes.encryptor(new Uint8Array(16));
  stream.update(new Uint8Array(3));
  assert.equal(stream.final().length, 3);
  assert.throws(() => stream.update(new Uint8Array(1)), TypeError);
  stream.close();
});
