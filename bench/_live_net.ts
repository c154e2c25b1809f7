// Private: the test network of bench/live_capture.ts: two namespaces joined by a veth pair,
// offloads off, and trafgen (netsniff-ng) sending from one end: paced by itself up to
// PACED_MAX frames a second, shaped by tbf above, as fast as it goes without a rate.

import { cpuTimes } from "./_tools.ts";

/** The capture end (in namespace A) and the sending end (in namespace B). */
export const CAPTURE_IFACE = "wkbench0";
export const SEND_IFACE = "wkbench1";
const MAC_CAPTURE = [0x02, 0x77, 0x6b, 0, 0, 0x11];
const MAC_SEND = [0x02, 0x77, 0x6b, 0, 0, 0x12];

/** Runs a command; its stdout, or an error with its stderr. */
export async function sh(command: string[]): Promise<string> {
  const out = await new Deno.Command(command[0]!, {
    args: command.slice(1),
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`${command.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/** The CPU time a process has used (user + system), in seconds: see `cpuTimes()`. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

const hex = (bytes: number[]) => bytes.map((b) => `0x${b.toString(16).padStart(2, "0")}`);

/**
 * A trafgen configuration of one IPv4 UDP frame (10.0.0.2:9 to 10.0.0.1:9) of `size`
 * bytes, addressed to the capture end.
 *
 * @param size The frame size without FCS (at least 42).
 * @returns The configuration text.
 */
export function trafgenConfig(size: number): string {
  const ipLength = size - 14;
  return [
    "{",
    `  ${hex(MAC_CAPTURE).join(", ")},`,
    `  ${hex(MAC_SEND).join(", ")},`,
    "  c16(0x0800),",
    `  0x45, 0x00, c16(${ipLength}), c16(0), c16(0), 0x40, 17, csumip(14, 33),`,
    "  10, 0, 0, 2, 10, 0, 0, 1,",
    `  c16(9), c16(9), c16(${ipLength - 20}), c16(0),`,
    `  fill(0x00, ${size - 42})`,
    "}",
    "",
  ].join("\n");
}

/** Two namespaces and the veth pair between them; `remove()` deletes both. */
export class TestNetwork {
  readonly capture: string;
  readonly send: string;

  constructor(tag: string) {
    this.capture = `wkb-${tag}-a`;
    this.send = `wkb-${tag}-b`;
  }

  /** Creates the namespaces and the pair: up, IPv6 off (no stray packets), offloads off. */
  async create(): Promise<void> {
    await sh(["ip", "netns", "add", this.capture]);
    await sh(["ip", "netns", "add", this.send]);
    await sh([
      ...["ip", "link", "add", CAPTURE_IFACE, "netns", this.capture, "type", "veth"],
      ...["peer", "name", SEND_IFACE, "netns", this.send],
    ]);
    const mac = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
    await sh(["ip", "-n", this.capture, "link", "set", CAPTURE_IFACE, "address", mac(MAC_CAPTURE)]);
    await sh(["ip", "-n", this.send, "link", "set", SEND_IFACE, "address", mac(MAC_SEND)]);
    for (const [ns, iface] of [[this.capture, CAPTURE_IFACE], [this.send, SEND_IFACE]]) {
      for (const key of ["all", "default"]) {
        await sh([
          "ip",
          "netns",
          "exec",
          ns!,
          "sysctl",
          "-q",
          "-w",
          `net.ipv6.conf.${key}.disable_ipv6=1`,
        ]);
      }
      await sh(["ip", "-n", ns!, "link", "set", iface!, "up"]);
      await sh([
        "ip",
        "netns",
        "exec",
        ns!,
        "ethtool",
        "-K",
        iface!,
        "tso",
        "off",
        "gso",
        "off",
        "gro",
        "off",
      ]);
    }
  }

  /** Deletes the namespaces (and so the pair); never throws. */
  async remove(): Promise<void> {
    await sh(["ip", "netns", "delete", this.capture]).catch(() => {});
    await sh(["ip", "netns", "delete", this.send]).catch(() => {});
  }

  /** Packets the capture end has received (its interface counter). */
  async received(): Promise<number> {
    const path = `/sys/class/net/${CAPTURE_IFACE}/statistics/rx_packets`;
    return Number(await sh(["ip", "netns", "exec", this.capture, "cat", path]));
  }

  /**
   * Shapes the sending end to `pps` frames of `size` bytes a second with tbf (10 ms of
   * burst) when above {@linkcode PACED_MAX}; else removes the shaping.
   */
  async shape(pps: number | undefined, size: number): Promise<void> {
    await sh(["tc", "-n", this.send, "qdisc", "del", "dev", SEND_IFACE, "root"]).catch(() => {});
    if (pps === undefined || pps <= PACED_MAX) return;
    const burst = Math.max(Math.ceil((pps * size) / 100), 3000);
    await sh([
      ...["tc", "-n", this.send, "qdisc", "add", "dev", SEND_IFACE, "root", "tbf"],
      ...["rate", `${pps * size * 8}bit`, "burst", String(burst), "limit", String(16 << 20)],
    ]);
  }
}

/** What one trafgen run sent. */
export interface TrafgenRun {
  /** Packets trafgen sent. */
  sent: number;
  /** How long it sent, in seconds (its own count). */
  seconds: number;
}

/**
 * The highest rate trafgen paces itself (`-b`, sendto() per frame and a sleep: about 180,000
 * frames/s at most here); above it, its TX ring sends through tbf, which holds it to the rate
 * (below this rate, the TX ring overruns tbf's queue and trafgen stops with EAGAIN).
 */
export const PACED_MAX = 100_000;

/** Options of {@linkcode runTrafgen}. */
export interface TrafgenOptions {
  /** The configuration file. */
  config: string;
  /** How long to send. */
  seconds: number;
  /**
   * Frames a second: up to {@linkcode PACED_MAX} trafgen paces itself, above it sends through
   * the qdisc for tbf to shape (see {@linkcode TestNetwork.prototype.shape}); `undefined`:
   * as fast as the TX ring goes, bypassing the qdisc.
   */
  rate?: number;
  /**
   * Space the frames evenly at `rate` with trafgen's `--gap` instead (its `--rate` sends
   * each second's frames in one burst at low rates; `--gap` reaches about 7,000 frames/s
   * at most here).
   */
  gap?: boolean;
  /** The CPU to pin trafgen to. */
  cpu?: number;
}

/** Runs trafgen (one process) in the sending namespace. */
export async function runTrafgen(
  network: TestNetwork,
  options: TrafgenOptions,
): Promise<TrafgenRun> {
  const { config, seconds, rate, gap, cpu } = options;
  const pacing = rate === undefined
    ? []
    : gap === true
    ? ["--gap", `${Math.round(1e6 / rate)}us`]
    : rate <= PACED_MAX
    ? ["--rate", `${rate}pps`]
    : ["--qdisc-path"];
  const pin = cpu === undefined ? [] : ["taskset", "-c", String(cpu)];
  // timeout signals its whole process group: trafgen and the worker it forks.
  const out = await new Deno.Command("timeout", {
    args: [
      ...["-s", "INT", String(seconds), "ip", "netns", "exec", network.send, ...pin, "trafgen"],
      ...["--dev", SEND_IFACE, "--conf", config, "--cpus", "1", ...pacing],
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  const sent = /(\d+) packets outgoing/.exec(text);
  const time = /(\d+) sec, (\d+) usec on CPU/.exec(text);
  if (sent === null || time === null) throw new Error(`trafgen failed: ${text.trim()}`);
  return { sent: Number(sent[1]), seconds: Number(time[1]) + Number(time[2]) / 1e6 };
}
