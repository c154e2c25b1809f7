import assert from "node:assert/strict";
import { hash, KernelCryptoError, probeAfAlg, SymmetricCipher } from "../lib/crypto/mod.ts";
import { ErrnoError, LIBC_ENV, openLibc, strerror } from "../ffi/libc.ts";

const probe = Deno.build.os === "linux" ? probeAfAlg() : "not Linux";

Deno.test("openLibc() lists every path it tried and the variable to set", () => {
  assert.throws(
    () => openLibc({ paths: ["/nonexistent/libc-a.so", "/nonexistent/libc-b.so"] }),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^Cannot load libc: tried \/nonexistent\/libc-a\.so \(/);
      assert.match(error.message, /\/nonexistent\/libc-b\.so \(/);
      assert.match(error.message, new RegExp(`set ${LIBC_ENV} to the path of libc$`));
      assert.ok(error.cause !== undefined);
      return true;
    },
  );
});

Deno.test({
  name: "openLibc() loads libc.so.6 and ErrnoError reads strerror()",
  ignore: Deno.build.os !== "linux",
  fn: () => {
    const lib = openLibc({ paths: ["libc.so.6"] });
    assert.equal(typeof lib.symbols.socket, "function");
    lib.close();
    assert.equal(strerror(97), "Address family not supported by protocol");
    const error = new ErrnoError("close", 9);
    assert.equal(error.code, "EBADF");
    assert.equal(error.message, "close() failed: EBADF (9), Bad file descriptor");
  },
});

Deno.test({
  name: "hash() without AF_ALG (this kernel: EAFNOSUPPORT) names the kernel option and module",
  ignore: probe !== "EAFNOSUPPORT",
  fn: () => {
    assert.throws(() => hash("sha256", "x"), (error: unknown) => {
      assert.ok(error instanceof KernelCryptoError);
      assert.equal(error.code, "unavailable");
      assert.equal(error.errno, 97);
      assert.equal(error.errnoName, "EAFNOSUPPORT");
      assert.ok(error.cause instanceof ErrnoError);
      assert.equal(error.cause.description, "Address family not supported by protocol");
      assert.equal(
        error.message,
        'Cannot open an AF_ALG socket for hash "sha256": this kernel has no AF_ALG support ' +
          '(socket: EAFNOSUPPORT); load it with "modprobe af_alg algif_hash" or use a kernel ' +
          "built with CONFIG_CRYPTO_USER_API and CONFIG_CRYPTO_USER_API_HASH",
      );
      return true;
    });
    assert.throws(
      () => new SymmetricCipher("cbc(aes)", new Uint8Array(16)),
      /modprobe af_alg algif_skcipher.*CONFIG_CRYPTO_USER_API_SKCIPHER/,
    );
  },
});

if (probe !== "EAFNOSUPPORT") {
  console.error(
    `crypto_unavailable_test: this kernel's socket(AF_ALG) gives ${probe}, not ` +
      "EAFNOSUPPORT: the missing-AF_ALG test is skipped here",
  );
}
