// The errors of live capture, each with its clear message: libpcap missing (every path tried
// listed), --allow-ffi missing, unknown interface, no permission (an unprivileged user, and
// root without CAP_NET_RAW), bad filters. Library loading is once per process, so those
// cases run in child processes.

import assert from "node:assert/strict";
import { capture, CaptureError, compileFilter } from "../lib/capture/mod.ts";
import { libpcapCandidates } from "../ffi/libpcap.ts";
import { denoPath, libpcapSkipReason, liveCaptureSkipReason, reportSkip, run } from "./_netns.ts";

const liveSkip = reportSkip("capture_errors_test.ts", await liveCaptureSkipReason());
const libpcapSkip = reportSkip("capture_errors_test.ts", libpcapSkipReason());
const modUrl = new URL("../lib/capture/mod.ts", import.meta.url).href;
const tmp = await Deno.makeTempDir({ prefix: "wirekit-errors-" });
Deno.chmodSync(tmp, 0o777);

/** A child program that tries to capture on lo and prints the error it gets. */
const probe = `
import { capture, libpcapPath } from "${modUrl}";
try {
  await using live = capture({ iface: "lo", timeout: 0 });
  console.log(JSON.stringify({ ok: true, path: libpcapPath() }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message }));
}
`;

interface ProbeResult {
  ok?: boolean;
  path?: string;
  name?: string;
  code?: string;
  message?: string;
}

async function runProbe(prefix: string[], flags: string[], env: Record<string, string> = {}) {
  const result = await run([...prefix, denoPath, "run", ...flags, "-"], {
    stdin: probe,
    env: { DENO_DIR: `${tmp}/deno`, HOME: tmp, NO_COLOR: "1", ...env },
  });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  assert.ok(line.startsWith("{"), `child output: ${result.stdout} ${result.stderr}`);
  return JSON.parse(line) as ProbeResult;
}

const allFlags = ["--allow-ffi", "--allow-env", "--allow-read"];

Deno.test({
  name: "capture() without libpcap lists every path tried and how to install it",
  ignore: liveSkip || !(await hasUnshare()),
  async fn() {
    // A private mount namespace where every libpcap file reads as /dev/null.
    const hide = 'for f in $(ldconfig -p | grep libpcap | sed -n "s/.*=> //p"); do ' +
      'mount --bind /dev/null "$(readlink -f "$f")"; done; exec "$@"';
    const bogus = "/nonexistent/wirekit/libpcap.so";
    const result = await runProbe(["unshare", "-m", "sh", "-c", hide, "sh"], allFlags, {
      WIREKIT_LIBPCAP: bogus,
    });
    assert.equal(result.name, "LibpcapNotFoundError");
    assert.equal(result.code, "library-not-found");
    const message = result.message!;
    assert.match(message, /^Cannot load libpcap: tried /);
    for (const path of [bogus, ...libpcapCandidates("linux")]) {
      assert.ok(message.includes(path), path);
    }
    assert.match(message, /apt-get install libpcap0\.8/);
    assert.match(message, /WIREKIT_LIBPCAP/);
  },
});

Deno.test({
  name: "capture() falls back to the usual names when WIREKIT_LIBPCAP does not load",
  ignore: libpcapSkip,
  async fn() {
    const result = await runProbe([], allFlags, { WIREKIT_LIBPCAP: "/nonexistent/libpcap.so" });
    // Loaded from a usual name; the capture itself may still be refused without root.
    if (result.ok === true) assert.ok(libpcapCandidates("linux").includes(result.path!));
    else assert.notEqual(result.code, "library-not-found");
  },
});

Deno.test({
  name: "capture() without --allow-ffi names the missing flag",
  async fn() {
    const result = await runProbe([], ["--allow-read", "--allow-env"]);
    assert.equal(result.name, "NotCapable");
    assert.match(result.message!, /missing permission --allow-ffi/);
  },
});

Deno.test({
  name: "capture() on an unknown interface throws no-such-device and lists interfaces",
  ignore: liveSkip,
  fn() {
    assert.throws(() => capture({ iface: "wkt-nosuch0" }), (error) => {
      assert.ok(error instanceof CaptureError);
      assert.equal(error.code, "no-such-device");
      assert.match(error.message, /^Cannot capture on wkt-nosuch0: no such device/);
      assert.match(error.message, /interfaces: .*\blo\b/);
      return true;
    });
  },
});

const permissionCases: [string, string[]][] = [
  ["as user nobody", ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]],
  [
    "as root without CAP_NET_RAW and CAP_NET_ADMIN",
    ["setpriv", "--inh-caps=-all", "--bounding-set=-net_raw,-net_admin"],
  ],
];

for (const [label, prefix] of permissionCases) {
  Deno.test({
    name: `capture() ${label} throws permission-denied with the remedy`,
    ignore: liveSkip,
    async fn() {
      const result = await runProbe(prefix, allFlags);
      assert.equal(result.name, "CaptureError");
      assert.equal(result.code, "permission-denied");
      assert.match(result.message!, /^Cannot capture on lo: permission denied/);
      assert.match(result.message!, /run as root, or grant CAP_NET_RAW and CAP_NET_ADMIN/);
    },
  });
}

Deno.test({
  name: "compileFilter() and capture() report libpcap's message for a bad filter",
  ignore: libpcapSkip,
  fn() {
    assert.throws(() => compileFilter("tcp port"), {
      name: "CaptureError",
      code: "bad-filter",
      message: `Cannot compile filter "tcp port": can't parse filter expression: syntax error`,
    });
    assert.throws(() => compileFilter("udp port 99999"), {
      code: "bad-filter",
      message: 'Cannot compile filter "udp port 99999": illegal port number 99999 > 65535',
    });
    if (liveSkip) return;
    assert.throws(() => capture({ iface: "lo", filter: "ip and and" }), {
      code: "bad-filter",
      message: `Cannot compile filter "ip and and": can't parse filter expression: syntax error`,
    });
  },
});

async function hasUnshare(): Promise<boolean> {
  try {
    return (await run(["unshare", "--version"])).code === 0;
  } catch {
    return false;
  }
}

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(tmp, { recursive: true });
  } catch {
    // Best effort.
  }
});
