import assert from "node:assert/strict";
import {
  Aead,
  aeadDecrypt,
  aeadEncrypt,
  AuthenticationError,
  ccmIv,
} from "../../lib/crypto/mod.ts";
import { afAlgTest, assertBytes, hex, pseudoRandom, toHexString } from "./_afalg.ts";

async function webGcm(
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
  tagLength = 128,
): Promise<Uint8Array> {
  const webKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt"]);
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData, tagLength }, webKey, data),
  );
}

// The GCM specification's test cases (McGrew and Viega), as NIST's validation uses them.
const K4 = hex("feffe9928665731c6d6a8f9467308308");
const IV4 = hex("cafebabefacedbaddecaf888");
const P4 = hex(
  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
);
const A4 = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
const C4 = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e" +
  "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091";

afAlgTest("Aead gcm(aes) matches the GCM test vectors", () => {
  const zero = new Uint8Array(16);
  assert.equal(
    toHexString(aeadEncrypt("gcm(aes)", zero, new Uint8Array(12), new Uint8Array(0))),
    "58e2fccefa7e3061367f1d57a4e7455a",
  );
  assert.equal(
    toHexString(aeadEncrypt("gcm(aes)", zero, new Uint8Array(12), new Uint8Array(16))),
    "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf",
  );
  using gcm = new Aead("gcm(aes)", K4);
  const sealed = gcm.encrypt(IV4, P4, { additionalData: A4 });
  assert.equal(toHexString(sealed), C4 + "5bc94fbc3221a5db94fae95ae7121a47");
  assertBytes(gcm.decrypt(IV4, sealed, { additionalData: A4 }), P4);
});

afAlgTest("Aead gcm(aes) matches WebCrypto for sizes, tags and associated data", async () => {
  const data = pseudoRandom(1024 * 1024 + 3, 11);
  for (const keyLength of [16, 24, 32]) {
    const key = pseudoRandom(keyLength, keyLength);
    for (const tagLength of [16, 12, 8]) {
      using gcm = new Aead("gcm(aes)", key, { tagLength });
      const sizes: [number, number][] = [[0, 0], [1, 0], [15, 1], [16, 16], [17, 20], [4096, 0]];
      for (const [length, aadLength] of sizes) {
        const iv = pseudoRandom(12, length + 1);
        const message = data.slice(0, length);
        const aad = data.slice(length, length + aadLength);
        const expected = await webGcm(key, iv, message, aad, tagLength * 8);
        const sealed = gcm.encrypt(iv, message, { additionalData: aad });
        assertBytes(sealed, expected, `gcm ${keyLength} tag ${tagLength} ${length}/${aadLength}`);
        assertBytes(gcm.decrypt(iv, sealed, { additionalData: aad }), message);
      }
    }
  }
  const key = pseudoRandom(16, 1);
  const iv = pseudoRandom(12, 2);
  const large = data.subarray(0, 256 * 1024);
  const sealed = aeadEncrypt("gcm(aes)", key, iv, large);
  assertBytes(sealed, await webGcm(key, iv, large, new Uint8Array(0)), "256 KiB");
  assertBytes(aeadDecrypt("gcm(aes)", key, iv, sealed), large, "256 KiB back");
});

afAlgTest("Aead says clearly when a message is too large for one kernel operation", async () => {
  const data = pseudoRandom(4 * 1024 * 1024, 12);
  const key = pseudoRandom(16, 1);
  const iv = pseudoRandom(12, 2);
  let sealed: Uint8Array;
  try {
    sealed = aeadEncrypt("gcm(aes)", key, iv, data);
  } catch (error) {
    // Debian 6.1's default net.core.optmem_max (20480) limits a message to a few hundred KiB.
    assert.ok(error instanceof RangeError, String(error));
    assert.match(error.message, /^Cannot encrypt with gcm\(aes\): .*(fit in one AEAD|at most)/);
    return;
  }
  assertBytes(sealed, await webGcm(key, iv, data, new Uint8Array(0)), "4 MiB");
});

afAlgTest("Aead throws AuthenticationError for a wrong tag, data, AAD or key", () => {
  using gcm = new Aead("gcm(aes)", K4);
  const sealed = gcm.encrypt(IV4, P4, { additionalData: A4 });
  const tampered = sealed.slice();
  tampered[tampered.length - 1]! ^= 1;
  assert.throws(() => gcm.decrypt(IV4, tampered, { additionalData: A4 }), AuthenticationError);
  const flipped = sealed.slice();
  flipped[0]! ^= 0x80;
  assert.throws(() => gcm.decrypt(IV4, flipped, { additionalData: A4 }), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.code, "authentication");
    assert.equal(error.errnoName, "EBADMSG");
    assert.match(error.message, /^Cannot decrypt with gcm\(aes\): the authentication tag/);
    return true;
  });
  assert.throws(() => gcm.decrypt(IV4, sealed), AuthenticationError);
  assert.throws(
    () => aeadDecrypt("gcm(aes)", new Uint8Array(16), IV4, sealed),
    AuthenticationError,
  );
  assert.throws(() => gcm.decrypt(IV4, sealed.subarray(0, 15)), RangeError);
});

afAlgTest("Aead rejects bad key, IV and tag sizes with RangeError", () => {
  assert.throws(
    () => new Aead("gcm(aes)", new Uint8Array(17)),
    /it takes AES: 16, 24 or 32 bytes, received 17 bytes/,
  );
  assert.throws(() => new Aead("gcm(aes)", new Uint8Array(16), { tagLength: 3 }), RangeError);
  using gcm = new Aead("gcm(aes)", new Uint8Array(16));
  assert.throws(
    () => gcm.encrypt(new Uint8Array(16), new Uint8Array(1)),
    /takes a 12-byte IV, received 16 bytes/,
  );
});

// RFC 3610 packet vector 1, and NIST SP 800-38C examples 1 and 3.
const CCM_VECTORS: [string, string, string, string, number, string][] = [
  [
    "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
    "00000003020100a0a1a2a3a4a5",
    "0001020304050607",
    "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
    8,
    "588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0",
  ],
  [
    "404142434445464748494a4b4c4d4e4f",
    "10111213141516",
    "0001020304050607",
    "20212223",
    4,
    "7162015b4dac255d",
  ],
  [
    "404142434445464748494a4b4c4d4e4f",
    "101112131415161718191a1b",
    "000102030405060708090a0b0c0d0e0f10111213",
    "202122232425262728292a2b2c2d2e2f3031323334353637",
    8,
    "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951",
  ],
];

afAlgTest("Aead ccm(aes) matches RFC 3610 and NIST SP 800-38C", () => {
  for (const [key, nonce, aad, plaintext, tagLength, expected] of CCM_VECTORS) {
    using ccm = new Aead("ccm(aes)", hex(key), { tagLength });
    const iv = ccmIv(hex(nonce));
    const sealed = ccm.encrypt(iv, hex(plaintext), { additionalData: hex(aad) });
    assert.equal(toHexString(sealed), expected, `ccm nonce ${nonce}`);
    assertBytes(ccm.decrypt(iv, sealed, { additionalData: hex(aad) }), hex(plaintext));
    sealed[1]! ^= 1;
    assert.throws(() => ccm.decrypt(iv, sealed, { additionalData: hex(aad) }), AuthenticationError);
  }
});

afAlgTest("Aead rfc4106(gcm(aes)) matches GCM with salt and IV as the nonce", async () => {
  const salt = hex("cafebabe");
  const iv = hex("facedbaddecaf888");
  const esp = hex("0000a5f80000000a");
  const key = new Uint8Array([...K4, ...salt]);
  using rfc4106 = new Aead("rfc4106(gcm(aes))", key);
  // The kernel takes the ESP header then the IV as associated data.
  const sealed = rfc4106.encrypt(iv, P4, { additionalData: new Uint8Array([...esp, ...iv]) });
  const expected = await webGcm(K4, new Uint8Array([...salt, ...iv]), P4, esp);
  assertBytes(sealed.subarray(0, P4.length), expected.subarray(0, P4.length), "rfc4106 ciphertext");
  assertBytes(sealed.subarray(P4.length), expected.subarray(P4.length), "rfc4106 tag");
  assertBytes(rfc4106.decrypt(iv, sealed, { additionalData: new Uint8Array([...esp, ...iv]) }), P4);
});
