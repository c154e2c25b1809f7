// Overlap policies on the Sturges/Novak target-based test vectors (Novak, "Target-Based
// Fragmentation Reassembly", 2005, as Suricata's defrag tests lay them out): nine
// original fragments, then eight that overlap them, the last one completing the datagram.
// The expected datagrams follow from the policy definitions in lib/reassembly/defrag_policy.ts
// (one letter per 8 bytes); for bsd, linux, windows, solaris, first and last they are the
// ones Suricata's tests expect.

import assert from "node:assert/strict";
import { Defragmenter } from "../lib/reassembly/defragmenter.ts";
import { type DefragPolicy, newFragmentWins } from "../lib/reassembly/defrag_policy.ts";
import { fragmentPacket, letters, NOVAK } from "./_defrag_fragments.ts";

const EXPECTED: Record<Exclude<DefragPolicy, "rfc5722">, string> = {
  bsd: "AAAJJBCCCLLLMMMFFFGGHHIQ",
  linux: "AAAJJBKKKLLLMMMFFFGGPHQQ",
  windows: "AAAJBBCCCLLLMEEFFFGGHHIQ",
  solaris: "AAAJBBCCCLLLMMMFFFGGHHIQ",
  first: "AAAJBBCCCLDLMEEFFFGGHHIQ",
  last: "AJJJJBKKKLLLMMMFNFGOPHQQ",
  "bsd-right": "AJJJBBKKKLLLMMMFFFGGHHQQ",
};

function novak(version: 4 | 6, policy: DefragPolicy, defrag = new Defragmenter({ policy })) {
  let result;
  NOVAK.forEach(([letter, offset, length], i) => {
    const packet = fragmentPacket(version, {
      offset,
      data: letters(letter, length),
      more: letter !== "Q",
      protocol: 253,
    });
    const datagram = defrag.push(packet, { frame: i + 1, timestamp: BigInt(i) });
    if (letter !== "Q") assert.equal(datagram, undefined, `datagram before ${letter}`);
    else result = datagram;
  });
  return result as ReturnType<Defragmenter["push"]>;
}

for (const version of [4, 6] as const) {
  for (const [policy, expected] of Object.entries(EXPECTED)) {
    Deno.test(`Defragmenter() resolves the Novak overlaps of IPv${version} as ${policy}`, () => {
      const defrag = new Defragmenter({ policy: policy as DefragPolicy });
      const datagram = novak(version, policy as DefragPolicy, defrag);
      assert.ok(datagram !== undefined);
      const text = new TextDecoder().decode(datagram.data.subarray(datagram.headerLength));
      assert.equal(text, [...expected].map((letter) => letter.repeat(8)).join(""));
      assert.equal(datagram.overlapped, true);
      assert.deepEqual(datagram.fragments.map((f) => f.frame), NOVAK.map((_, i) => i + 1));
      assert.ok(defrag.stats.overlaps >= 7);
      assert.equal(defrag.stats.datagrams, 1);
      assert.equal(defrag.pendingDatagrams, 0);
      assert.equal(defrag.pendingBytes, 0);
    });
  }

  Deno.test(`Defragmenter() discards the Novak datagram of IPv${version} under rfc5722`, () => {
    const defrag = new Defragmenter({ policy: "rfc5722" });
    assert.equal(novak(version, "rfc5722", defrag), undefined);
    assert.equal(defrag.stats.droppedDatagrams.overlap, 1);
    // The nine held, J that overlapped, and the seven that came after.
    assert.equal(defrag.stats.droppedFragments.overlap, 17);
    assert.equal(defrag.stats.datagrams, 0);
    assert.equal(defrag.pendingBytes, 0);
  });
}

Deno.test("Defragmenter() with ipv6Policy rfc5722 keeps bsd for IPv4", () => {
  const defrag = new Defragmenter({ ipv6Policy: "rfc5722" });
  assert.equal(novak(6, "rfc5722", defrag), undefined);
  assert.ok(novak(4, "bsd", defrag) !== undefined);
});

Deno.test("Defragmenter() under rfc5722 drops an exact duplicate alone", () => {
  const defrag = new Defragmenter({ policy: "rfc5722" });
  const push = (offset: number, more: boolean, frame: number) =>
    defrag.push(fragmentPacket(6, { offset, data: letters("x", 16), more }), {
      frame,
      timestamp: 0n,
    });
  assert.equal(push(0, true, 1), undefined);
  assert.equal(push(0, true, 2), undefined);
  assert.equal(defrag.stats.droppedFragments.duplicate, 1);
  const datagram = push(16, false, 3);
  assert.ok(datagram !== undefined);
  assert.deepEqual(datagram.fragments.map((f) => f.frame), [1, 2, 3]);
});

Deno.test("newFragmentWins() follows each policy at the edges", () => {
  // A held piece [8, 16) and new fragments: same extent, starting before, ending after.
  const cases: [DefragPolicy, boolean, boolean, boolean, boolean][] = [
    // policy, same, [0,16) starts before ends same, [8,24) same start ends after, [0,24) covers
    ["first", false, false, false, false],
    ["last", true, true, true, true],
    ["bsd", false, true, false, true],
    ["linux", true, true, true, true],
    ["bsd-right", true, true, true, true],
    ["windows", false, false, false, true],
    ["solaris", false, true, false, true],
    ["rfc5722", false, false, false, false],
  ];
  for (const [policy, same, before, after, covers] of cases) {
    assert.equal(newFragmentWins(policy, 8, 16, 8, 16), same, `${policy} same`);
    assert.equal(newFragmentWins(policy, 8, 16, 0, 16), before, `${policy} before`);
    assert.equal(newFragmentWins(policy, 8, 16, 8, 24), after, `${policy} after`);
    assert.equal(newFragmentWins(policy, 8, 16, 0, 24), covers, `${policy} covers`);
  }
  // bsd-right: a held piece that reaches further than the new fragment keeps its bytes.
  assert.equal(newFragmentWins("bsd-right", 0, 24, 8, 16), false);
  assert.equal(newFragmentWins("bsd", 0, 24, 8, 16), false);
  assert.equal(newFragmentWins("last", 0, 24, 8, 16), true);
});
