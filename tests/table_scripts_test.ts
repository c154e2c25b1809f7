/**
 * export.ts and query.ts against the other tools: per-protocol counts equal
 * `pcapinfo.ts --json`, flows equal `flows.ts --json`, a Parquet file read back by DuckDB
 * holds every value of the packets table, a partitioned dataset of many files reads as one
 * table, and bad input (a corrupt capture, an existing output, bad SQL) gets one line.
 * Captures: testdata, plus a sample of ../shared/captures when it is there.
 */

import assert from "node:assert/strict";
import { readCaptureTables } from "../lib/table/capture_tables.ts";
import { columnValue } from "../lib/table/columnar_table.ts";
import { PACKET_SCHEMA } from "../lib/table/packet_schema.ts";
import { runScript, sampledSharedCaptures, testdataCaptures } from "./_table_scripts.ts";
import { hasCommand, projectRoot, readThenClose } from "./_shared.ts";

const QUERY = ["--allow-read", "--allow-write", "--allow-ffi"];
const EXPORT = ["--allow-read", "--allow-write"];
const PROTOCOLS = "SELECT file, p AS protocol, count(*) AS packets FROM " +
  "(SELECT file, unnest(list_distinct(string_split(protocols, ':'))) AS p FROM packets) " +
  "WHERE p <> '' GROUP BY ALL";

/** The captures pcapinfo reads whole, with their per-protocol counts. */
async function pcapinfoProtocols(files: string[]): Promise<Map<string, Record<string, number>>> {
  const { stdout } = await runScript("pcapinfo", ["--allow-read"], ["--json", ...files]);
  const counts = new Map<string, Record<string, number>>();
  for (const line of stdout.split("\n").filter((line) => line !== "")) {
    const info = JSON.parse(line);
    // A capture cut short or corrupt is left out: pcapinfo counts what it read, query fails.
    if (info.error === undefined && info.warnings === undefined) {
      counts.set(info.fileName, info.protocols);
    }
  }
  return counts;
}

Deno.test({
  name: "query.ts counts per protocol equal pcapinfo.ts --json",
  permissions: { read: true, run: true },
  async fn() {
    const files = [...testdataCaptures(), ...sampledSharedCaptures(15)];
    const expected = await pcapinfoProtocols(files);
    assert.ok(expected.size >= testdataCaptures().length - 1, `${expected.size} captures`);
    const { code, stdout, stderr } = await runScript("query", QUERY, [
      "--json",
      PROTOCOLS,
      ...expected.keys(),
    ]);
    assert.equal(code, 0, stderr);
    const actual = new Map<string, Record<string, number>>();
    for (const line of stdout.trim().split("\n")) {
      const row = JSON.parse(line);
      const counts = actual.get(row.file) ?? {};
      counts[row.protocol] = Number(row.packets);
      actual.set(row.file, counts);
    }
    for (const [file, protocols] of expected) {
      const empty = Object.keys(protocols).length === 0;
      assert.deepEqual(actual.get(file) ?? (empty ? {} : undefined), protocols, file);
    }
  },
});

Deno.test({
  name: "query.ts flows equal flows.ts --json",
  permissions: { read: true, run: true },
  async fn() {
    const files = [...testdataCaptures(), ...sampledSharedCaptures(15)];
    const good = [...(await pcapinfoProtocols(files)).keys()];
    const flows = await runScript("flows", ["--allow-read"], ["--json", ...good]);
    assert.equal(flows.code, 0, flows.stderr);
    const expected = flows.stdout.trim().split("\n").filter((l) => l !== "").map((line) => {
      const f = JSON.parse(line);
      return JSON.stringify([
        f.file,
        f.ipVersion,
        f.protocol,
        f.protocolNumber,
        f.addressA,
        f.portA,
        f.addressB,
        f.portB,
        f.packetsAToB,
        f.bytesAToB,
        f.packetsBToA,
        f.bytesBToA,
        f.firstTimestamp,
        f.lastTimestamp,
        f.duration,
        f.relativeStart,
        f.tcpState ?? null,
      ]);
    }).sort();
    assert.ok(expected.length > 20, `${expected.length} flows`);
    const query = await runScript("query", QUERY, [
      "--json",
      "SELECT file, ip_version, protocol, protocol_number, address_a, port_a, address_b, " +
      "port_b, packets_a_to_b, bytes_a_to_b, packets_b_to_a, bytes_b_to_a, first_time_ns, " +
      "last_time_ns, duration, relative_start, tcp_state FROM flows",
      ...good,
    ]);
    assert.equal(query.code, 0, query.stderr);
    const actual = query.stdout.trim().split("\n").map((line) => {
      const row = Object.values(JSON.parse(line)) as unknown[];
      // 64-bit counts come as strings from DuckDB's JSON; times stay strings, as flows.ts's.
      for (const i of [8, 9, 10, 11]) row[i] = Number(row[i]);
      return JSON.stringify(row);
    }).sort();
    assert.deepEqual(actual, expected);
  },
});

Deno.test({
  name: "export.ts Parquet read back by DuckDB holds every value of the packets table",
  permissions: { read: true, write: true, run: true },
  async fn() {
    const files = [...testdataCaptures(), ...sampledSharedCaptures(40)];
    const good = [...(await pcapinfoProtocols(files)).keys()];
    const out = await Deno.makeTempDir();
    try {
      const exported = await runScript("export", EXPORT, ["-o", `${out}/ds`, ...good]);
      assert.equal(exported.code, 0, exported.stderr);
      const names = PACKET_SCHEMA.columns.map((c) =>
        c.type === "timestamp" ? `epoch_us(${c.name})::VARCHAR` : `${c.name}::VARCHAR`
      );
      const query = await runScript("query", QUERY, [
        "--json",
        `SELECT ${names.join(", ")} FROM packets ORDER BY file, frame`,
        `${out}/ds`,
      ]);
      assert.equal(query.code, 0, query.stderr);
      const rows = query.stdout.trim().split("\n").map((line) => Object.values(JSON.parse(line)));
      let row = 0;
      for (const file of [...good].sort()) {
        for (const table of (await readCaptureTables(file)).get("")!) {
          for (let i = 0; i < table.length; i++, row++) {
            const expected = table.columns.map((column) => {
              const value = columnValue(column, i);
              return value === null ? null : String(value);
            });
            assert.deepEqual(rows[row], expected, `${file} row ${i + 1}`);
          }
        }
      }
      assert.equal(rows.length, row);
      assert.ok(row > 500, `${row} rows compared`);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name: "export.ts --partition hour of many files reads as one table, the same with 1 or 2 jobs",
  permissions: { read: true, write: true, run: true },
  async fn() {
    const files = testdataCaptures();
    const out = await Deno.makeTempDir();
    try {
      for (const jobs of ["1", "2"]) {
        const run = await runScript("export", EXPORT, [
          "-j",
          jobs,
          "--partition",
          "hour",
          "-o",
          `${out}/j${jobs}`,
          ...files,
        ]);
        assert.equal(run.code, 0, run.stderr);
      }
      const listing = async (dir: string) => {
        const found: string[] = [];
        const walk = async (sub: string) => {
          for await (const entry of Deno.readDir(`${dir}/${sub}`)) {
            if (entry.isDirectory) await walk(`${sub}${entry.name}/`);
            else found.push(`${sub}${entry.name}`);
          }
        };
        await walk("");
        return found.sort();
      };
      const one = await listing(`${out}/j1`);
      assert.deepEqual(await listing(`${out}/j2`), one);
      assert.ok(
        one.every((path) => /^date=\d{4}-\d\d-\d\d\/hour=\d+\/part-\d+\.parquet$/.test(path)),
      );
      for (const path of one) {
        assert.deepEqual(
          await Deno.readFile(`${out}/j1/${path}`),
          await Deno.readFile(`${out}/j2/${path}`),
        );
      }
      const query = await runScript("query", QUERY, [
        "--csv",
        "SELECT count(*), count(DISTINCT file), count(DISTINCT date), bool_and(hour = hour(time)) FROM packets",
        `${out}/j2`,
      ]);
      assert.equal(query.code, 0, query.stderr);
      let total = 0;
      for (const file of files) {
        for (const chunks of (await readCaptureTables(file)).values()) {
          total += chunks.reduce((n, chunk) => n + chunk.length, 0);
        }
      }
      const [count, distinct, , hours] = query.stdout.split("\r\n")[1]!.split(",");
      assert.equal(Number(count), total);
      assert.equal(Number(distinct), files.length);
      assert.equal(hours, "true");
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name: "export.ts reports a corrupt capture by name in one line and exports the others",
  permissions: { read: true, write: true, run: true },
  async fn() {
    const out = await Deno.makeTempDir();
    try {
      const bad = `${out}/corrupt.pcap`;
      const good = await Deno.readFile(new URL("../testdata/namespaces.pcap", import.meta.url));
      await Deno.writeFile(bad, good.subarray(0, 300)); // cut inside a record
      const run = await runScript("export", EXPORT, [
        "--format",
        "csv",
        "-o",
        `${out}/csv`,
        "testdata/lo_ping.pcap",
        bad,
        "testdata/namespaces.pcap",
      ]);
      assert.equal(run.code, 1);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 2, run.stderr);
      assert.match(lines[0]!, new RegExp(`^Cannot export ${bad}: \\S`));
      assert.match(lines[1]!, /^Exported \d+ packets from 2 of 3 files/);
      assert.deepEqual([...Deno.readDirSync(`${out}/csv`)].map((e) => e.name).sort(), [
        "part-0.csv",
        "part-2.csv",
      ]);
      const csv = await Deno.readTextFile(`${out}/csv/part-2.csv`);
      assert.equal(csv.split("\r\n").length, 46 + 2);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name: "export.ts keeps an existing output unless --force is given",
  permissions: { read: true, write: true, run: true },
  async fn() {
    const out = await Deno.makeTempDir();
    try {
      const target = `${out}/packets.jsonl`;
      await Deno.writeTextFile(target, "mine\n");
      const args = ["--format", "jsonl", "-o", target, "testdata/lo_ping.pcap"];
      const kept = await runScript("export", EXPORT, args);
      assert.equal(kept.code, 1);
      assert.equal(
        kept.stderr.trim(),
        `Cannot export to ${target}: it exists (--force overwrites it)`,
      );
      assert.equal(await Deno.readTextFile(target), "mine\n");
      const forced = await runScript("export", EXPORT, ["--force", ...args]);
      assert.equal(forced.code, 0, forced.stderr);
      const rows = (await Deno.readTextFile(target)).trim().split("\n").map((l) => JSON.parse(l));
      assert.equal(rows[0].frame, 1);
      assert.equal(rows[0].file, "testdata/lo_ping.pcap");
      // A directory with files export did not write is never removed.
      const dir = `${out}/dataset`;
      await Deno.mkdir(dir);
      await Deno.writeTextFile(`${dir}/notes.txt`, "keep");
      const refused = await runScript("export", EXPORT, [
        "--force",
        "--partition",
        "date",
        "-o",
        dir,
        "testdata/lo_ping.pcap",
      ]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /holds files export did not write/);
      assert.equal(await Deno.readTextFile(`${dir}/notes.txt`), "keep");
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name: "query.ts prints a result of many chunks as CSV and JSON lines, the header once",
  permissions: { read: true, run: true },
  async fn() {
    // 5,000 rows: three of DuckDB's 2,048-row chunks, printed as they come.
    const sql = "SELECT range AS n, 'a,b' AS s FROM range(5000)";
    const csv = await runScript("query", QUERY, ["--csv", sql, "testdata/lo_ping.pcap"]);
    assert.equal(csv.code, 0, csv.stderr);
    const expected = Array.from({ length: 5000 }, (_, n) => `${n},"a,b"\r\n`).join("");
    assert.ok(csv.stdout === `n,s\r\n${expected}`, csv.stdout.slice(0, 200));
    const json = await runScript("query", QUERY, ["--json", sql, "testdata/lo_ping.pcap"]);
    const lines = json.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.equal(lines.length, 5000);
    assert.deepEqual(lines[4999], { n: "4999", s: "a,b" });
    // A failure while the chunks are read: DuckDB's message, in one line.
    const failing = await runScript("query", QUERY, [
      "--csv",
      "SELECT CASE WHEN range < 4500 THEN range ELSE error('row ' || range) END FROM range(5000)",
      "testdata/lo_ping.pcap",
    ]);
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /^Invalid Input Error: row 4500\n$/);
  },
});

Deno.test({
  name: "query.ts ends quietly when the reader of its output closes the pipe",
  permissions: { read: true, run: true },
  async fn() {
    const run = await readThenClose([
      ...QUERY,
      "scripts/query.ts",
      "--csv",
      "SELECT range FROM range(2000000)",
      "testdata/lo_ping.pcap",
    ]);
    assert.deepEqual(run, { code: 0, stderr: "" });
  },
});

Deno.test({
  name: "query.ts prints DuckDB's message for bad SQL in one line, exit status 1",
  permissions: { read: true, run: true },
  async fn() {
    const run = await runScript("query", QUERY, [
      "SELEC count(*) FROM packets",
      "testdata/lo_ping.pcap",
    ]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr, 'Parser Error: syntax error at or near "SELEC"\n');
    const missing = await runScript("query", QUERY, [
      "SELECT nosuch FROM packets",
      "testdata/lo_ping.pcap",
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Binder Error: .*nosuch.*\n$/);
  },
});

Deno.test({
  name: "export.ts and query.ts name the permissions they miss, and print their help",
  permissions: { read: true, run: true },
  async fn() {
    const exported = await runScript("export", ["--allow-read"], [
      "-o",
      "/tmp/x.parquet",
      "testdata/lo_ping.pcap",
    ]);
    assert.equal(exported.code, 2);
    assert.match(
      exported.stderr,
      /^Cannot run scripts\/export\.ts: missing permission --allow-write\n/,
    );
    const query = await runScript("query", ["--allow-read"], ["SELECT 1", "testdata/lo_ping.pcap"]);
    assert.equal(query.code, 2);
    assert.match(query.stderr, /^Cannot run scripts\/query\.ts: missing permission --allow-ffi\n/);
    for (const name of ["export", "query"]) {
      const help = await runScript(name, [], ["--help"]);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: deno run .*scripts\/.*\nOptions:\n/);
      assert.match(help.stdout, /\n {2}-h, --help {2,}print this help/);
      const bogus = await runScript(name, [], ["--bogus"]);
      assert.equal(bogus.code, 2);
      assert.match(bogus.stderr, /^Cannot parse arguments: Unknown option '--bogus'\nUsage: /);
    }
    const format = await runScript("export", [], ["--format", "xls", "a.pcap"]);
    assert.equal(format.code, 2);
    assert.match(
      format.stderr,
      /^Invalid value for --format: xls \(parquet, arrow, csv, jsonl\)\n/,
    );
  },
});

/** Runs a command with its stderr on a terminal (a pty): prints what the terminal showed. */
const ON_TERMINAL = "import os, pty, subprocess, sys\n" +
  "master, slave = pty.openpty()\n" +
  "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=slave)\n" +
  "os.close(slave)\nshown = b''\n" +
  "while True:\n  try: chunk = os.read(master, 65536)\n  except OSError: break\n" +
  "  if not chunk: break\n  shown += chunk\n" +
  "sys.stdout.buffer.write(shown)\nsys.exit(p.wait())";

Deno.test({
  name: "export.ts draws a progress bar when stderr is a terminal, and none elsewhere",
  ignore: !(await hasCommand("python3")),
  permissions: { read: true, write: true, run: true },
  async fn() {
    const out = await Deno.makeTempDir();
    try {
      const files = ["testdata/lo_ping.pcap", "testdata/namespaces.pcap"];
      for (const jobs of ["1", "2"]) {
        const args = ["--force", "-j", jobs, "--format", "csv", "-o", `${out}/j${jobs}`, ...files];
        const shown = await new Deno.Command("python3", {
          args: [
            "-c",
            ON_TERMINAL,
            Deno.execPath(),
            "run",
            ...EXPORT,
            "scripts/export.ts",
            ...args,
          ],
          cwd: projectRoot.pathname,
          stdout: "piped",
        }).output();
        assert.equal(shown.code, 0, `-j ${jobs}`);
        const text = new TextDecoder().decode(shown.stdout);
        // Drawn in place, from the progress of a capture still being read (0 files done),
        // then erased before the summary line.
        assert.match(text, /\r\[#*-*\] +\d+% 0\/2 files, 0 rows/, `-j ${jobs}`);
        assert.ok(text.includes("\r\x1b[KExported 50 packets from 2 of 2 files"), `-j ${jobs}`);
        const piped = await runScript("export", EXPORT, args);
        assert.equal(piped.code, 0);
        assert.equal(piped.stderr, `Exported 50 packets from 2 of 2 files to ${out}/j${jobs}\n`);
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
