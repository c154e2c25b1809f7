// Checks that wirekit can be imported by URL, with no config, lock file or import map: it
// serves the checkout over HTTP on 127.0.0.1 and runs a script that imports
// http://127.0.0.1:PORT/mod.ts and decodes a packet. Also checks statically that every import
// in mod.ts and lib/ is relative, `node:` or `npm:` (no bare names, `jsr:` or `https:`).

import assert from "node:assert/strict";
import { projectRoot } from "./_shared.ts";

const mediaTypes: Record<string, string> = {
  ".ts": "application/typescript; charset=utf-8",
  ".mts": "application/typescript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
};

/** Serves files under the project root; hidden paths (`.git/`) and `..` are not served. */
async function serveFile(request: Request, served: string[]): Promise<Response> {
  const path = decodeURIComponent(new URL(request.url).pathname).replace(/^\/+/, "");
  const parts = path.split("/");
  const extension = /\.[a-z]+$/.exec(path)?.[0] ?? "";
  const type = mediaTypes[extension];
  if (
    request.method !== "GET" || type === undefined || parts.some((part) => part.startsWith("."))
  ) {
    served.push(`404 ${path}`);
    return new Response("Not found", { status: 404 });
  }
  try {
    const body = await Deno.readFile(new URL(path, projectRoot));
    served.push(path);
    return new Response(body, { headers: { "content-type": type } });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory)) {
      throw error;
    }
    served.push(`404 ${path}`);
    return new Response("Not found", { status: 404 });
  }
}

// Ethernet, IPv4 and UDP 40000 -> 40001 carrying "wirekit\n" (checksums correct):
// 02:77:00:00:00:01 > 02:77:00:00:00:02, ethertype IPv4 (0x0800), length 50: (tos 0x0, ttl 64,
// id 1, offset 0, flags [DF], proto UDP (17), length 36)
//     10.77.0.1.40000 > 10.77.0.2.40001: [udp sum ok] UDP, length 8
// 	0x0000:  0277 0000 0002 0277 0000 0001 0800 4500
// 	0x0010:  0024 0001 4000 4011 262c 0a4d 0001 0a4d
// 	0x0020:  0002 9c40 9c41 0010 e96c 7769 7265 6b69
// 	0x0030:  740a
const frameHex = "0277000000020277000000010800450000240001400040112" +
  "62c0a4d00010a4d00029c409c410010e96c776972656b69740a";

function script(port: number): string {
  return `import { decode, LinkType } from "http://127.0.0.1:${port}/mod.ts";

const hex = "${frameHex}";
const frame = new Uint8Array(hex.match(/../g)!.map((byte) => parseInt(byte, 16)));
const packet = decode(LinkType.EN10MB, frame);
console.log(JSON.stringify({
  kinds: packet.layers.map((layer) => layer.kind),
  error: packet.error?.message ?? null,
  destinationPort: packet.layer("udp")?.destinationPort ?? null,
  payload: new TextDecoder().decode(packet.payload),
}));
`;
}

Deno.test("mod.ts imported by URL with no config decodes a packet", async () => {
  assert.ok(
    (await Deno.stat(new URL("mod.ts", projectRoot)).catch(() => undefined))?.isFile,
    "mod.ts is missing: wirekit's entry point must be at the project root",
  );
  const served: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => serveFile(request, served),
  );
  const temp = await Deno.makeTempDir({ prefix: "wirekit_import_url_" });
  try {
    const port = server.addr.port;
    const main = `${temp}/main.ts`;
    await Deno.writeTextFile(main, script(port));
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--no-lock",
        "--quiet",
        `--allow-import=127.0.0.1:${port}`,
        main,
      ],
      cwd: temp,
      // A cache of its own: nothing cached from an earlier run (or port) can help.
      env: { DENO_DIR: `${temp}/deno_dir`, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, `The script failed:\n${stderr}\nRequests: ${served.join(", ")}`);
    assert.deepEqual(JSON.parse(stdout), {
      kinds: ["ethernet", "ipv4", "udp"],
      error: null,
      destinationPort: 40001,
      payload: "wirekit\n",
    });
    assert.ok(served.includes("mod.ts"), `mod.ts was not fetched: ${served.join(", ")}`);
    assert.deepEqual(served.filter((request) => request.startsWith("404")), []);
  } finally {
    await server.shutdown();
    await Deno.remove(temp, { recursive: true });
  }
});

/** Every `.ts` file under a folder, recursively, as paths relative to the project root. */
async function typeScriptFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(dir, projectRoot))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...await typeScriptFiles(path));
    else if (entry.isFile && path.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}

/**
 * Finds the module specifiers of a formatted TypeScript file: static imports and re-exports
 * (which `deno fmt` starts at the beginning of a line, unlike the examples in JSDoc), side-effect
 * imports and dynamic `import()` with a literal string.
 */
function importSpecifiers(source: string): string[] {
  const patterns = [
    /^(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)\s+from\s*["']([^"']+)["']/gm,
    /^import\s*["']([^"']+)["']/gm,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

Deno.test("importSpecifiers() finds imports, re-exports and dynamic imports", () => {
  const source = [
    `import assert from "node:assert/strict";`,
    `import type { Layer } from "./layer.ts";`,
    `import {\n  a,\n  type B,\n} from "../b.ts";`,
    `import * as c from "jsr:@std/c";`,
    `import "https://example.com/d.ts";`,
    `export * from "./e.ts";`,
    `export { f } from "f";`,
    `export const g = "text from 'here'";`,
    ` * import { decode } from "@wirekit/wirekit";`,
    `const h = await import("npm:h@1");`,
  ].join("\n");
  assert.deepEqual(importSpecifiers(source).sort(), [
    "../b.ts",
    "./e.ts",
    "./layer.ts",
    "f",
    "https://example.com/d.ts",
    "jsr:@std/c",
    "node:assert/strict",
    "npm:h@1",
  ]);
});

Deno.test("mod.ts and lib/ import only relative, node: and npm: specifiers", async () => {
  const files = ["mod.ts", ...await typeScriptFiles("lib")];
  const bad: string[] = [];
  let relative = 0;
  for (const file of files) {
    const source = await Deno.readTextFile(new URL(file, projectRoot));
    for (const specifier of importSpecifiers(source)) {
      if (specifier.startsWith("./") || specifier.startsWith("../")) {
        relative++;
        // By URL there is no extension guessing: every relative import names its file.
        if (!/\.(?:ts|mts|js|mjs|json)$/.test(specifier)) bad.push(`${file}: ${specifier}`);
      } else if (!specifier.startsWith("node:") && !specifier.startsWith("npm:")) {
        bad.push(`${file}: ${specifier}`);
      }
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(relative > files.length / 2, "the scan should find the relative imports");
});
