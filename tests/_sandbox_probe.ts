// The module tests/sandbox_test.ts runs in SandboxPrinter's place: it writes on stdout one
// JSON line with the state of every permission and what became of an attempt to use each
// (a file read and written, a socket listened on and connected, the environment, a
// subprocess, a library, system information), then prints the packets as the real
// sandboxed printer does.

import { runSandboxChild } from "../lib/pipeline/_sandbox_child.ts";

const NAMES = ["read", "write", "net", "env", "run", "ffi", "sys", "import"] as const;

function attempt(use: () => unknown): string {
  try {
    use();
    return "allowed";
  } catch (error) {
    return (error as Error).name;
  }
}

async function attemptAsync(use: () => Promise<unknown>): Promise<string> {
  try {
    await use();
    return "allowed";
  } catch (error) {
    return (error as Error).name;
  }
}

const report = {
  permissions: Object.fromEntries(
    NAMES.map((name) => [name, Deno.permissions.querySync({ name }).state]),
  ),
  attempts: {
    readFile: attempt(() => Deno.openSync("/etc/hostname").close()),
    writeFile: attempt(() =>
      Deno.openSync("/tmp/wirekit-sandbox-probe", { write: true, create: true }).close()
    ),
    listen: attempt(() => Deno.listen({ hostname: "127.0.0.1", port: 0 }).close()),
    connect: await attemptAsync(async () =>
      (await Deno.connect({ hostname: "127.0.0.1", port: 9 })).close()
    ),
    unix: attempt(() =>
      Deno.listen({ transport: "unix", path: "/tmp/wirekit-sandbox-probe.sock" }).close()
    ),
    env: attempt(() => Deno.env.get("HOME")),
    run: attempt(() => new Deno.Command("true").outputSync()),
    ffi: attempt(() => Deno.dlopen("libc.so.6", {}).close()),
    sys: attempt(() => Deno.hostname()),
    request: (await Deno.permissions.request({ name: "read" })).state,
  },
};
console.log(JSON.stringify(report));
Deno.exit(await runSandboxChild(Deno.args));
