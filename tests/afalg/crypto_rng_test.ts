import assert from "node:assert/strict";
import { KernelRandom, randomBytes } from "../../lib/crypto/mod.ts";
import { afAlgTest } from "./_afalg.ts";

function looksRandom(bytes: Uint8Array): boolean {
  const seen = new Set(bytes);
  return seen.size > bytes.length / 8 || seen.size > 200;
}

afAlgTest("KernelRandom gives different bytes from stdrng and the DRBGs", () => {
  for (const name of ["stdrng", "drbg_nopr_sha256", "drbg_nopr_hmac_sha256", "drbg_pr_sha256"]) {
    using rng = new KernelRandom(name);
    const a = rng.bytes(1000);
    const b = rng.bytes(1000);
    assert.equal(a.length, 1000, name);
    assert.ok(looksRandom(a), `${name} looks random`);
    assert.notDeepEqual(a, b, `${name} repeats`);
  }
  assert.equal(randomBytes(0).length, 0);
  assert.equal(randomBytes(129).length, 129);
});

afAlgTest("KernelRandom takes a seed through ALG_SET_KEY", () => {
  using rng = new KernelRandom("drbg_nopr_sha256", { seed: new Uint8Array(48).fill(1) });
  assert.ok(looksRandom(rng.bytes(256)));
});

afAlgTest("KernelRandom reads jitterentropy_rng", (t) => {
  let rng: KernelRandom;
  try {
    rng = new KernelRandom("jitterentropy_rng");
  } catch (error) {
    // Some kernels hide it from user space; say so rather than pass silently.
    console.error(`jitterentropy_rng unavailable: ${(error as Error).message}`);
    throw error;
  }
  using _ = rng;
  void t;
  assert.equal(rng.bytes(64).length, 64);
});
