import assert from "node:assert/strict";
import {
  AfAlgIv,
  afAlgIv,
  Alg,
  Cmsghdr,
  cmsgLength,
  cmsgSpace,
  controlMessages,
  File,
  Iovec,
  Msghdr,
  msghdr,
  Sock,
  SockaddrAlg,
  sockaddrAlg,
  u32,
} from "../ffi/libc_structs.ts";
import { hasCommand } from "./_shared.ts";

// What the C headers say, printed by a program that gcc compiles (when installed).
const C_PROGRAM = `
#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/if_alg.h>
#define P(name, value) printf("%s %ld\\n", name, (long)(value))
int main(void) {
  P("sockaddr_alg.size", sizeof(struct sockaddr_alg));
  P("sockaddr_alg.family", offsetof(struct sockaddr_alg, salg_family));
  P("sockaddr_alg.type", offsetof(struct sockaddr_alg, salg_type));
  P("sockaddr_alg.typeLength", sizeof(((struct sockaddr_alg *)0)->salg_type));
  P("sockaddr_alg.feat", offsetof(struct sockaddr_alg, salg_feat));
  P("sockaddr_alg.mask", offsetof(struct sockaddr_alg, salg_mask));
  P("sockaddr_alg.name", offsetof(struct sockaddr_alg, salg_name));
  P("sockaddr_alg.nameLength", sizeof(((struct sockaddr_alg *)0)->salg_name));
  P("iovec.size", sizeof(struct iovec));
  P("iovec.base", offsetof(struct iovec, iov_base));
  P("iovec.length", offsetof(struct iovec, iov_len));
  P("msghdr.size", sizeof(struct msghdr));
  P("msghdr.name", offsetof(struct msghdr, msg_name));
  P("msghdr.nameLength", offsetof(struct msghdr, msg_namelen));
  P("msghdr.iov", offsetof(struct msghdr, msg_iov));
  P("msghdr.iovLength", offsetof(struct msghdr, msg_iovlen));
  P("msghdr.control", offsetof(struct msghdr, msg_control));
  P("msghdr.controlLength", offsetof(struct msghdr, msg_controllen));
  P("msghdr.flags", offsetof(struct msghdr, msg_flags));
  P("cmsghdr.size", sizeof(struct cmsghdr));
  P("cmsghdr.length", offsetof(struct cmsghdr, cmsg_len));
  P("cmsghdr.level", offsetof(struct cmsghdr, cmsg_level));
  P("cmsghdr.type", offsetof(struct cmsghdr, cmsg_type));
  P("CMSG_LEN(4)", CMSG_LEN(4));
  P("CMSG_SPACE(4)", CMSG_SPACE(4));
  P("CMSG_SPACE(20)", CMSG_SPACE(20));
  P("af_alg_iv.ivLength", offsetof(struct af_alg_iv, ivlen));
  P("af_alg_iv.iv", offsetof(struct af_alg_iv, iv));
  P("AF_ALG", AF_ALG);
  P("SOL_ALG", SOL_ALG);
  P("SOCK_SEQPACKET", SOCK_SEQPACKET);
  P("SOCK_CLOEXEC", SOCK_CLOEXEC);
  P("MSG_MORE", MSG_MORE);
  P("MSG_DONTWAIT", MSG_DONTWAIT);
  P("SO_SNDBUF", SO_SNDBUF);
  P("SO_RCVBUF", SO_RCVBUF);
  P("SO_SNDBUFFORCE", SO_SNDBUFFORCE);
  P("SO_RCVBUFFORCE", SO_RCVBUFFORCE);
  P("ALG_SET_KEY", ALG_SET_KEY);
  P("ALG_SET_IV", ALG_SET_IV);
  P("ALG_SET_OP", ALG_SET_OP);
  P("ALG_SET_AEAD_ASSOCLEN", ALG_SET_AEAD_ASSOCLEN);
  P("ALG_SET_AEAD_AUTHSIZE", ALG_SET_AEAD_AUTHSIZE);
  P("ALG_OP_DECRYPT", ALG_OP_DECRYPT);
  P("ALG_OP_ENCRYPT", ALG_OP_ENCRYPT);
  P("O_CLOEXEC", O_CLOEXEC);
  P("F_SETPIPE_SZ", F_SETPIPE_SZ);
  P("SPLICE_F_MOVE", SPLICE_F_MOVE);
  P("SPLICE_F_MORE", SPLICE_F_MORE);
  return 0;
}
`;

const OURS: Record<string, number> = {
  "sockaddr_alg.size": SockaddrAlg.size,
  "sockaddr_alg.family": SockaddrAlg.family,
  "sockaddr_alg.type": SockaddrAlg.type,
  "sockaddr_alg.typeLength": SockaddrAlg.typeLength,
  "sockaddr_alg.feat": SockaddrAlg.feat,
  "sockaddr_alg.mask": SockaddrAlg.mask,
  "sockaddr_alg.name": SockaddrAlg.name,
  "sockaddr_alg.nameLength": SockaddrAlg.nameLength,
  "iovec.size": Iovec.size,
  "iovec.base": Iovec.base,
  "iovec.length": Iovec.length,
  "msghdr.size": Msghdr.size,
  "msghdr.name": Msghdr.name,
  "msghdr.nameLength": Msghdr.nameLength,
  "msghdr.iov": Msghdr.iov,
  "msghdr.iovLength": Msghdr.iovLength,
  "msghdr.control": Msghdr.control,
  "msghdr.controlLength": Msghdr.controlLength,
  "msghdr.flags": Msghdr.flags,
  "cmsghdr.size": Cmsghdr.size,
  "cmsghdr.length": Cmsghdr.length,
  "cmsghdr.level": Cmsghdr.level,
  "cmsghdr.type": Cmsghdr.type,
  "CMSG_LEN(4)": cmsgLength(4),
  "CMSG_SPACE(4)": cmsgSpace(4),
  "CMSG_SPACE(20)": cmsgSpace(20),
  "af_alg_iv.ivLength": AfAlgIv.ivLength,
  "af_alg_iv.iv": AfAlgIv.iv,
  AF_ALG: Sock.AF_ALG,
  SOL_ALG: Sock.SOL_ALG,
  SOCK_SEQPACKET: Sock.SOCK_SEQPACKET,
  SOCK_CLOEXEC: Sock.SOCK_CLOEXEC,
  MSG_MORE: Sock.MSG_MORE,
  MSG_DONTWAIT: Sock.MSG_DONTWAIT,
  SO_SNDBUF: Sock.SO_SNDBUF,
  SO_RCVBUF: Sock.SO_RCVBUF,
  SO_SNDBUFFORCE: Sock.SO_SNDBUFFORCE,
  SO_RCVBUFFORCE: Sock.SO_RCVBUFFORCE,
  ALG_SET_KEY: Alg.SET_KEY,
  ALG_SET_IV: Alg.SET_IV,
  ALG_SET_OP: Alg.SET_OP,
  ALG_SET_AEAD_ASSOCLEN: Alg.SET_AEAD_ASSOCLEN,
  ALG_SET_AEAD_AUTHSIZE: Alg.SET_AEAD_AUTHSIZE,
  ALG_OP_DECRYPT: Alg.OP_DECRYPT,
  ALG_OP_ENCRYPT: Alg.OP_ENCRYPT,
  O_CLOEXEC: File.O_CLOEXEC,
  F_SETPIPE_SZ: File.F_SETPIPE_SZ,
  SPLICE_F_MOVE: File.SPLICE_F_MOVE,
  SPLICE_F_MORE: File.SPLICE_F_MORE,
};

Deno.test({
  name: "libc_structs offsets, sizes and constants match the C headers (gcc)",
  ignore: Deno.build.os !== "linux" ||
    Deno.build.arch !== "x86_64" && Deno.build.arch !== "aarch64" ||
    !(await hasCommand("gcc")),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/layout.c`, C_PROGRAM);
      const compiled = await new Deno.Command("gcc", {
        args: ["-o", `${dir}/layout`, `${dir}/layout.c`],
        stderr: "piped",
      }).output();
      assert.equal(compiled.code, 0, new TextDecoder().decode(compiled.stderr));
      const output = await new Deno.Command(`${dir}/layout`, { stdout: "piped" }).output();
      const theirs: Record<string, number> = {};
      for (const line of new TextDecoder().decode(output.stdout).trim().split("\n")) {
        const [name, value] = line.split(" ");
        theirs[name!] = Number(value);
      }
      assert.deepEqual(OURS, theirs);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("sockaddrAlg() lays out family, type and name", () => {
  const bytes = sockaddrAlg("skcipher", "cbc(aes)");
  assert.equal(bytes.length, 88);
  assert.deepEqual([...bytes.subarray(0, 2)], [38, 0]);
  assert.equal(new TextDecoder().decode(bytes.subarray(2, 10)), "skcipher");
  assert.equal(bytes[10], 0);
  assert.deepEqual([...bytes.subarray(16, 24)], [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(new TextDecoder().decode(bytes.subarray(24, 32)), "cbc(aes)");
  assert.ok(bytes.subarray(32).every((b) => b === 0));
});

Deno.test("sockaddrAlg() rejects names that do not fit", () => {
  assert.throws(() => sockaddrAlg("hash", "x".repeat(64)), /at most 63 bytes allowed, received 64/);
  assert.throws(() => sockaddrAlg("x".repeat(14), "sha256"), RangeError);
  assert.equal(sockaddrAlg("hash", "x".repeat(63)).length, 88);
});

Deno.test("controlMessages() lays out ALG_SET_OP, ALG_SET_IV and ALG_SET_AEAD_ASSOCLEN", () => {
  const iv = new Uint8Array(12).fill(0xab);
  const bytes = controlMessages([
    { level: Sock.SOL_ALG, type: Alg.SET_OP, data: u32(Alg.OP_ENCRYPT) },
    { level: Sock.SOL_ALG, type: Alg.SET_IV, data: afAlgIv(iv) },
    { level: Sock.SOL_ALG, type: Alg.SET_AEAD_ASSOCLEN, data: u32(20) },
  ]);
  const view = new DataView(bytes.buffer);
  assert.equal(bytes.length, 24 + 32 + 24);
  assert.equal(view.getBigUint64(0, true), 20n);
  assert.equal(view.getInt32(8, true), 279);
  assert.equal(view.getInt32(12, true), 3);
  assert.equal(view.getUint32(16, true), 1);
  assert.equal(view.getBigUint64(24, true), 32n); // 16 + 4 + 12
  assert.equal(view.getInt32(36, true), 2);
  assert.equal(view.getUint32(40, true), 12);
  assert.deepEqual([...bytes.subarray(44, 56)], [...iv]);
  assert.equal(view.getBigUint64(56, true), 20n);
  assert.equal(view.getInt32(64, true), 279);
  assert.equal(view.getInt32(68, true), 4);
  assert.equal(view.getUint32(72, true), 20);
});

Deno.test("msghdr() points at one iovec over the data and at the control bytes", () => {
  const data = new Uint8Array(5);
  const control = new Uint8Array(24);
  const { header, iov } = msghdr(data, control);
  const view = new DataView(header.buffer);
  const iovView = new DataView(iov.buffer);
  const address = (buffer: Uint8Array) =>
    BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer)));
  assert.equal(view.getBigUint64(Msghdr.name, true), 0n);
  assert.equal(view.getBigUint64(Msghdr.iov, true), address(iov));
  assert.equal(view.getBigUint64(Msghdr.iovLength, true), 1n);
  assert.equal(view.getBigUint64(Msghdr.control, true), address(control));
  assert.equal(view.getBigUint64(Msghdr.controlLength, true), 24n);
  assert.equal(iovView.getBigUint64(Iovec.base, true), address(data));
  assert.equal(iovView.getBigUint64(Iovec.length, true), 5n);
  const empty = msghdr(new Uint8Array(0), new Uint8Array(0));
  assert.equal(new DataView(empty.header.buffer).getBigUint64(Msghdr.control, true), 0n);
});
