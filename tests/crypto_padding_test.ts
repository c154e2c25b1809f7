import assert from "node:assert/strict";
import {
  AuthenticationError,
  findKernelAlgorithm,
  kernelAlgorithmNames,
  KernelCryptoError,
  PaddingError,
  parseProcCrypto,
  pkcs7Pad,
  pkcs7Unpad,
} from "../lib/crypto/mod.ts";
import { ErrnoError, errnoName } from "../ffi/libc.ts";

Deno.test("pkcs7Pad() adds 1 to 16 bytes at every length edge", () => {
  for (const length of [0, 1, 15, 16, 17, 31, 32]) {
    const padded = pkcs7Pad(new Uint8Array(length).fill(7), 16);
    const padding = 16 - length % 16;
    assert.equal(padded.length, length + padding);
    assert.ok(padded.subarray(length).every((b) => b === padding));
    assert.deepEqual(pkcs7Unpad(padded, 16), new Uint8Array(length).fill(7));
  }
  assert.equal(pkcs7Pad(new Uint8Array(3), 8).length, 8);
  assert.throws(() => pkcs7Pad(new Uint8Array(1), 0), RangeError);
  assert.throws(() => pkcs7Pad(new Uint8Array(1), 256), RangeError);
});

Deno.test("pkcs7Unpad() rejects bad lengths and bad padding bytes", () => {
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(0), /positive multiple of 16 bytes, received 0/],
    [new Uint8Array(15).fill(1), /positive multiple of 16 bytes, received 15/],
    [new Uint8Array(16), /last byte must be 1 to 16, received 0/],
    [new Uint8Array(16).fill(17), /last byte must be 1 to 16, received 17/],
    [Uint8Array.from([...new Uint8Array(13), 3, 2, 3]), /last 3 bytes must all be 3/],
    [Uint8Array.from([...new Uint8Array(12), 9, 4, 4, 4]), /last 4 bytes must all be 4/],
  ];
  for (const [data, message] of cases) {
    assert.throws(() => pkcs7Unpad(data, 16), (error: unknown) => {
      assert.ok(error instanceof PaddingError);
      assert.ok(error instanceof KernelCryptoError);
      assert.equal(error.code, "bad-padding");
      assert.match(error.message, /^Cannot remove PKCS#7 padding: /);
      assert.match(error.message, message);
      return true;
    });
  }
  assert.equal(pkcs7Unpad(new Uint8Array(16).fill(16), 16).length, 0);
});

const PROC_CRYPTO_SAMPLE = `name         : gcm(aes)
driver       : generic-gcm-aesni
module       : aesni_intel
priority     : 400
refcnt       : 1
selftest     : passed
internal     : no
type         : aead
async        : yes
blocksize    : 1
ivsize       : 12
maxauthsize  : 16
geniv        : <none>

name         : cbc(aes)
driver       : cbc(aes-generic)
module       : kernel
priority     : 100
refcnt       : 1
selftest     : passed
internal     : no
type         : skcipher
async        : no
blocksize    : 16
min keysize  : 16
max keysize  : 32
ivsize       : 16
chunksize    : 16
walksize     : 16

name         : cbc(aes)
driver       : cbc-aes-aesni
module       : aesni_intel
priority     : 400
refcnt       : 1
selftest     : passed
internal     : no
type         : skcipher
async        : no
blocksize    : 16
min keysize  : 16
max keysize  : 32
ivsize       : 16
chunksize    : 16
walksize     : 16

name         : __cbc(aes)
driver       : __cbc-aes-aesni
module       : aesni_intel
priority     : 400
refcnt       : 1
selftest     : passed
internal     : yes
type         : skcipher

name         : stdrng
driver       : drbg_nopr_hmac_sha256
module       : kernel
priority     : 221
refcnt       : 2
selftest     : passed
internal     : no
type         : rng
seedsize     : 0

name         : sha256
driver       : sha256-generic
module       : kernel
priority     : 100
refcnt       : 1
selftest     : passed
internal     : no
type         : shash
blocksize    : 64
digestsize   : 32
`;

Deno.test("parseProcCrypto() reads every field of every entry", () => {
  const entries = parseProcCrypto(PROC_CRYPTO_SAMPLE);
  assert.equal(entries.length, 6);
  const gcm = entries[0]!;
  assert.equal(gcm.name, "gcm(aes)");
  assert.equal(gcm.driver, "generic-gcm-aesni");
  assert.equal(gcm.ivSize, 12);
  assert.equal(gcm.maxAuthSize, 16);
  assert.equal(gcm.minKeySize, undefined);
  assert.equal(entries[3]!.internal, true);
  assert.equal(entries[4]!.seedSize, 0);
  assert.equal(entries[5]!.digestSize, 32);
});

Deno.test("findKernelAlgorithm() picks the highest priority, by name or driver", () => {
  const entries = parseProcCrypto(PROC_CRYPTO_SAMPLE);
  assert.equal(findKernelAlgorithm("skcipher", "cbc(aes)", entries)?.driver, "cbc-aes-aesni");
  assert.equal(findKernelAlgorithm("skcipher", "cbc(aes-generic)", entries)?.priority, 100);
  assert.equal(findKernelAlgorithm("hash", "sha256", entries)?.blockSize, 64);
  assert.equal(findKernelAlgorithm("aead", "sha256", entries), undefined);
  assert.equal(findKernelAlgorithm("hash", "sha256", []), undefined);
});

Deno.test("kernelAlgorithmNames() lists each type's names without internal ones", () => {
  const entries = parseProcCrypto(PROC_CRYPTO_SAMPLE);
  assert.deepEqual(kernelAlgorithmNames("skcipher", entries), ["cbc(aes)"]);
  assert.deepEqual(kernelAlgorithmNames("hash", entries), ["sha256"]);
  assert.deepEqual(kernelAlgorithmNames("rng", entries), ["stdrng"]);
  assert.deepEqual(kernelAlgorithmNames("aead", entries), ["gcm(aes)"]);
});

Deno.test("ErrnoError carries errno, its name and the strerror text", () => {
  const error = new ErrnoError("bind", 2, "No such file or directory");
  assert.equal(error.errno, 2);
  assert.equal(error.code, "ENOENT");
  assert.equal(error.syscall, "bind");
  assert.equal(error.message, "bind() failed: ENOENT (2), No such file or directory");
  assert.equal(errnoName(74), "EBADMSG");
  const wrapped = new AuthenticationError("gcm(aes)", new ErrnoError("read", 74, "Bad message"));
  assert.equal(wrapped.errno, 74);
  assert.equal(wrapped.errnoName, "EBADMSG");
  assert.equal(wrapped.cause instanceof ErrnoError, true);
});
