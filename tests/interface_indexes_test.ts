import assert from "node:assert/strict";
import { interfaceIndexes } from "../lib/capture/interface_indexes.ts";

Deno.test({
  name: "interfaceIndexes() returns no names without --allow-ffi",
  permissions: { ffi: false },
  fn() {
    assert.deepEqual(interfaceIndexes(), {});
  },
});

Deno.test({
  name: "interfaceIndexes() names the host's interfaces by index",
  ignore: Deno.build.os !== "linux",
  permissions: { ffi: true, env: true },
  fn() {
    const names = interfaceIndexes();
    // Every Linux host, container or not, has its loopback interface.
    assert.ok(Object.values(names).includes("lo"));
    for (const [index, name] of Object.entries(names)) {
      assert.ok(Number(index) > 0, `index ${index} of ${name}`);
      assert.match(name, /^[^\0/\s]{1,15}$/);
    }
  },
});
