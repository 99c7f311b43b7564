import { describe, expect, it } from "vitest";
import { errorOf } from "../testing/errorOf.js";
import { PickleWriter } from "./pickleWriter.js";
import { pyFloat, pyInt, tuple } from "./pyTypes.js";
import { unpickle } from "./unpickler.js";

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (b) => Number.parseInt(b, 16));
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u32 = (n: number) =>
  String.fromCharCode(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
const str = (s: string) => `X${u32(s.length)}${s}`;
const P2 = "\x80\x02";

describe("unpickle reads sets and bytes as protocol 2 (torch.save) writes them", () => {
  it("set and frozenset: [{'a'}, frozenset({1, 2})]", () => {
    // pickle.dumps([{'a'}, frozenset([1, 2])], 2), CPython 3.11
    const bytes = hex(
      "80025d710028635f5f6275696c74696e5f5f0a7365740a71015d7102580100000061710361857104527105635f5f6275696c74696e5f5f0a66726f7a656e7365740a71065d7107284b014b0265857108527109652e",
    );
    expect(unpickle(bytes)).toEqual([new Set(["a"]), new Set([1, 2])]);
  });

  it("bytes: b'\\x00\\x01\\xff' is _codecs.encode('\\x00\\x01\\xff', 'latin1')", () => {
    const bytes = hex(
      "8002635f636f646563730a656e636f64650a710058040000000001c3bf710158060000006c6174696e3171028671035271042e",
    );
    expect(unpickle(bytes)).toEqual(new Uint8Array([0, 1, 0xff]));
  });

  it("bytearray: bytearray(_codecs.encode(...)), as Python 3 writes it", () => {
    // pickle.dumps(bytearray(b'\x00\x80'), 2)
    const bytes = hex(
      "8002635f5f6275696c74696e5f5f0a6279746561727261790a7100635f636f646563730a656e636f64650a7101580300000000c280710258060000006c6174696e3171038671045271058571065271072e",
    );
    expect(unpickle(bytes)).toEqual(new Uint8Array([0, 0x80]));
  });

  it("bytearray(str, 'latin-1'), as Python 2 writes it", () => {
    const bytes = latin1(
      `${P2}c__builtin__\nbytearray\n${str("\x00\xc3\xbf")}${str("latin-1")}\x86R.`,
    );
    expect(unpickle(bytes)).toEqual(new Uint8Array([0, 0xff]));
  });

  it("empty ones: [b'', bytearray(), set(), frozenset()]", () => {
    const bytes = hex(
      "80025d710028635f5f6275696c74696e5f5f0a62797465730a710129527102635f5f6275696c74696e5f5f0a6279746561727261790a710329527104635f5f6275696c74696e5f5f0a7365740a71055d7106857107527108635f5f6275696c74696e5f5f0a66726f7a656e7365740a71095d710a85710b52710c652e",
    );
    expect(unpickle(bytes)).toEqual([new Uint8Array(0), new Uint8Array(0), new Set(), new Set()]);
  });
});

describe("the protocol 2 set and bytes constructors refuse other shapes", () => {
  const cases: Record<string, string> = {
    "set of a tuple": `c__builtin__\nset\n)\x85R.`,
    "set of two lists": `c__builtin__\nset\n]]\x86R.`,
    "set with no argument": `c__builtin__\nset\n)R.`,
    "set of an unhashable item": `c__builtin__\nset\n]]a\x85R.`,
    "frozenset of a dict": `c__builtin__\nfrozenset\n}\x85R.`,
    "encode with another codec": `c_codecs\nencode\n${str("a")}${str("utf8")}\x86R.`,
    "encode of a non-str": `c_codecs\nencode\nK\x01${str("latin1")}\x86R.`,
    "encode of a character beyond U+00FF": `c_codecs\nencode\n${str("\xe2\x82\xac")}${str("latin1")}\x86R.`,
    "encode with one argument": `c_codecs\nencode\n${str("a")}\x85R.`,
    "bytes with an argument": `c__builtin__\nbytes\nK\x01\x85R.`,
    "bytearray of an int": `c__builtin__\nbytearray\nK\x05\x85R.`,
    "bytearray with another codec": `c__builtin__\nbytearray\n${str("a")}${str("utf8")}\x86R.`,
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, () => {
      expect(errorOf(() => unpickle(latin1(P2 + body))).code).toBe("BAD_PICKLE");
    });
  }

  it("other builtins and the Python 3 module names stay forbidden", () => {
    for (const global of [
      "__builtin__\neval",
      "builtins\nset",
      "_codecs\ndecode",
      "codecs\nencode",
    ]) {
      const error = errorOf(() => unpickle(latin1(`${P2}c${global}\n)R.`)));
      expect(error.code).toBe("FORBIDDEN_GLOBAL");
    }
  });

  it("memo references cannot multiply one big argument (bounded allocation)", () => {
    const big = "a".repeat(10_000);
    const encode = "h\x01h\x00h\x02\x86R0";
    const source = `${P2}${str(big)}q\x000c_codecs\nencode\nq\x010${str("latin1")}q\x020${encode.repeat(100)}N.`;
    expect(errorOf(() => unpickle(latin1(source))).code).toBe("TOO_LARGE");
    const list = `]q\x00(${"K\x01".repeat(1000)}e0c__builtin__\nset\nq\x010`;
    const sets = `${P2}${list}${"h\x01h\x00\x85R0".repeat(100)}N.`;
    expect(errorOf(() => unpickle(latin1(sets))).code).toBe("TOO_LARGE");
  });
});

describe("PickleWriter writes Sets and Uint8Arrays as protocol 2 does", () => {
  const dumps = (value: unknown) => PickleWriter.dumps(value);

  it("a Set as __builtin__.set([...]) and a Uint8Array as _codecs.encode(str, 'latin1')", () => {
    const text = new TextDecoder("latin1").decode(dumps(new Set(["a"])));
    expect(text).toContain("c__builtin__\nset\n");
    expect(unpickle(dumps(new Set(["a", 1, tuple<unknown>(2, pyFloat(3))])))).toEqual(
      new Set(["a", 1, tuple(2, 3)]),
    );
    const all = new Uint8Array(256).map((_, k) => k);
    expect(new TextDecoder("latin1").decode(dumps(all))).toContain("c_codecs\nencode\n");
    expect(unpickle(dumps(all))).toEqual(all);
    expect(unpickle(dumps([new Uint8Array(0), new Set()]))).toEqual([new Uint8Array(0), new Set()]);
  });

  it("keeps a shared Set or Uint8Array shared, and floats in a Set floats", () => {
    const blob = new Uint8Array([1, 2]);
    const set = new Set([pyInt(5)]);
    const back = unpickle(dumps([blob, blob, set, set])) as unknown[];
    expect(back[0]).toBe(back[1]);
    expect(back[2]).toBe(back[3]);
    expect(unpickle(dumps(new Set([pyFloat(1)])), { floats: "exact" })).toEqual(new Set([1]));
  });

  it("refuses a Set holding unhashable values", () => {
    for (const item of [[1], new Map(), new Set(), new Uint8Array(1), { a: 1 }, tuple([1])]) {
      expect(errorOf(() => dumps(new Set([item]))).code).toBe("UNSUPPORTED_VALUE");
    }
  });
});
