import { describe, expect, it } from "vitest";
import { SerializeError } from "../errors.js";
import { errorOf } from "../testing/errorOf.js";
import { PickleWriter } from "./pickleWriter.js";
import { OrderedDict, PyFloat, PyTuple, pyFloat, pyInt, tuple } from "./pyTypes.js";
import { unpickle } from "./unpickler.js";

const dumps = (value: unknown) => PickleWriter.dumps(value);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("PickleWriter", () => {
  it("writes CPython's protocol 2 opcodes for small values", () => {
    // pickle.dumps({'a': [1, 2]}, 2) without string memoization
    expect([...dumps(new Map([["a", [1, 2]]]))]).toEqual([
      0x80, 2, 0x7d, 0x71, 0, 0x58, 1, 0, 0, 0, 0x61, 0x5d, 0x71, 1, 0x28, 0x4b, 1, 0x4b, 2, 0x65,
      0x73, 0x2e,
    ]);
    expect([...dumps(true)]).toEqual([0x80, 2, 0x88, 0x2e]);
    expect([...dumps(1.5)]).toEqual([0x80, 2, 0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x2e]);
  });

  it("encodes ints as CPython does (BININT1/2, BININT, LONG1)", () => {
    expect([...dumps(255)].slice(2, -1)).toEqual([0x4b, 255]);
    expect([...dumps(256)].slice(2, -1)).toEqual([0x4d, 0, 1]);
    expect([...dumps(-1)].slice(2, -1)).toEqual([0x4a, 255, 255, 255, 255]);
    expect([...dumps(2 ** 31)].slice(2, -1)).toEqual([0x8a, 5, 0, 0, 0, 0x80, 0]);
    expect([...dumps(-(2n ** 31n) - 1n)].slice(2, -1)).toEqual([
      0x8a, 5, 0xff, 0xff, 0xff, 0x7f, 0xff,
    ]);
    expect([...dumps(-128n * 2n ** 32n)].slice(2, -1)).toEqual([0x8a, 5, 0, 0, 0, 0, 0x80]);
  });

  it("applies the number rule: safe integers are ints, everything else floats", () => {
    const back = unpickle(dumps([1, 1.5, -0, 2 ** 53, Number.NaN, pyFloat(2), pyInt(2 ** 60)]), {
      floats: "exact",
    });
    expect(back).toEqual([
      1,
      1.5,
      new PyFloat(-0),
      new PyFloat(2 ** 53),
      Number.NaN,
      new PyFloat(2),
      2n ** 60n,
    ]);
    expect([...dumps(-0)]).toEqual([0x80, 2, 0x47, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x2e]);
    expect(unpickle(dumps([2, pyFloat(2)]))).toEqual([2, 2]);
  });

  it("refuses values with no Python counterpart", () => {
    for (const value of [
      undefined,
      () => 1,
      Symbol("x"),
      new Date(),
      new Float32Array(2),
      new Set([[1]]),
    ]) {
      expect(errorOf(() => dumps([value])).code).toBe("UNSUPPORTED_VALUE");
    }
  });

  it("keeps shared containers shared and allows self-referencing lists", () => {
    const shared = [1];
    const back = unpickle(dumps([shared, shared])) as unknown[][];
    expect(back[0]).toBe(back[1]);
  });
});

describe("unpickle round trips", () => {
  it("dicts, OrderedDicts with attributes, tuples, strings, big ints, None, bools", () => {
    const od = new OrderedDict<string, unknown>([["x", 1]]);
    od.attributes.set("_metadata", new Map([["", new Map([["version", 2]])]]));
    const value = new Map<unknown, unknown>([
      [0, "zero"],
      ["od", od],
      ["t", tuple<unknown>(1, tuple(), tuple(1, 2, 3, 4))],
      ["s", "é€\u{1F600}"],
      ["big", -(2n ** 100n)],
      ["none", null],
      ["flags", [true, false]],
      ["many", Array.from({ length: 2500 }, (_, i) => i)],
    ]);
    const back = unpickle(dumps(value)) as Map<unknown, unknown>;
    expect(back).toEqual(value);
    expect(back.get("od")).toBeInstanceOf(OrderedDict);
    expect((back.get("od") as OrderedDict).attributes).toEqual(od.attributes);
    expect(back.get("t")).toBeInstanceOf(PyTuple);
  });

  it("plain objects become dicts with string keys", () => {
    expect(unpickle(dumps({ a: 1, b: [2] }))).toEqual(
      new Map<string, unknown>([
        ["a", 1],
        ["b", [2]],
      ]),
    );
  });
});

describe("restricted unpickler refuses", () => {
  it("globals outside the allow-list, naming them", () => {
    const error = errorOf(() => unpickle(latin1("\x80\x02cos\nsystem\n.")));
    expect(error.code).toBe("FORBIDDEN_GLOBAL");
    expect(error.message).toContain("'os.system'");
    expect(
      errorOf(() => unpickle(latin1("\x80\x04\x8c\x08builtins\x8c\x04eval\x93."))),
    ).toMatchObject({
      code: "FORBIDDEN_GLOBAL",
    });
  });

  it("REDUCE of anything but an allowed function, NEWOBJ, INST, OBJ and BUILD on non-OrderedDicts", () => {
    expect(errorOf(() => unpickle(latin1("\x80\x02ctorch\nFloatStorage\n)R.")))).toMatchObject({
      code: "FORBIDDEN_CALL",
    });
    expect(errorOf(() => unpickle(latin1("\x80\x02ctorch\nFloatStorage\n)\x81.")))).toMatchObject({
      code: "FORBIDDEN_CALL",
    });
    expect(errorOf(() => unpickle(latin1("(ios\nsystem\n.")))).toMatchObject({
      code: "FORBIDDEN_CALL",
    });
    expect(errorOf(() => unpickle(latin1("\x80\x02]}b.")))).toMatchObject({
      code: "FORBIDDEN_CALL",
    });
    expect(errorOf(() => unpickle(latin1("\x80\x02K\x01)R.")))).toMatchObject({
      code: "FORBIDDEN_CALL",
    });
  });

  it("unknown opcodes, naming them", () => {
    const error = errorOf(() => unpickle(latin1("\x80\x02\xff.")));
    expect(error.code).toBe("UNKNOWN_OPCODE");
    expect(error.message).toContain("0xff");
  });

  it("persistent ids without a loader, and non-storage ones", () => {
    expect(errorOf(() => unpickle(latin1("\x80\x02X\x01\x00\x00\x00x\x85Q.")))).toMatchObject({
      code: "FORBIDDEN_CALL",
    });
  });

  it("truncation, stack underflow, bad memo reads, trailing bytes", () => {
    const good = dumps(new Map([["a", [1, 2]]]));
    for (let n = 0; n < good.length; n++)
      expect(() => unpickle(good.subarray(0, n))).toThrow(SerializeError);
    expect(errorOf(() => unpickle(latin1("\x80\x02a.")))).toMatchObject({ code: "BAD_PICKLE" });
    expect(errorOf(() => unpickle(latin1("\x80\x02h\x05.")))).toMatchObject({ code: "BAD_PICKLE" });
    expect(errorOf(() => unpickle(latin1("\x80\x02N.N")))).toMatchObject({ code: "BAD_PICKLE" });
    expect(errorOf(() => unpickle(latin1("\x80\x02X\xff\xff\xff\x7f.")))).toMatchObject({
      code: "TRUNCATED",
    });
  });

  it("deep nesting, cycles, huge ints and memo floods", () => {
    const deep = latin1(`\x80\x02${"]".repeat(1100)}${"a".repeat(1099)}.`);
    expect(errorOf(() => unpickle(deep))).toMatchObject({ code: "TOO_DEEP" });
    expect(unpickle(deep, { maxDepth: 1200 })).toBeInstanceOf(Array);
    const marks = latin1(`\x80\x02${"(".repeat(1001)}`);
    expect(errorOf(() => unpickle(marks))).toMatchObject({ code: "TOO_DEEP" });
    const cycle = latin1("\x80\x02]q\x00h\x00a.");
    expect(errorOf(() => unpickle(cycle))).toMatchObject({ code: "TOO_DEEP" });
    const huge = new Uint8Array([0x80, 2, 0x8b, 0, 8, 0, 0, ...new Uint8Array(2048), 0x2e]);
    expect(errorOf(() => unpickle(huge))).toMatchObject({ code: "TOO_LARGE" });
    const flood = latin1("\x80\x02Nr\x00\x00\x00\x00r\x01\x00\x00\x00r\x02\x00\x00\x00.");
    expect(errorOf(() => unpickle(flood, { maxMemoEntries: 2 }))).toMatchObject({
      code: "TOO_LARGE",
    });
  });

  it("a shared DAG costs linear time (no billion laughs)", () => {
    // each level: a list holding the previous level twice
    let source = "\x80\x02]q\x000";
    for (let k = 1; k < 60; k++)
      source += `]q${String.fromCharCode(k)}(h${String.fromCharCode(k - 1)}h${String.fromCharCode(k - 1)}e0`;
    source += `h${String.fromCharCode(59)}.`;
    const start = performance.now();
    expect(unpickle(latin1(source))).toBeInstanceOf(Array);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("unpickle reads older and newer protocols", () => {
  it("protocol 0 text opcodes", () => {
    // pickle.dumps({'a': [1, 2.5, True, 12345678901234567890]}, 0) (string opcodes left out)
    const p0 = latin1("(dp0\nI1\n(lp1\nI1\naF2.5\naI01\naL12345678901234567890L\nas.");
    expect(unpickle(p0)).toEqual(
      new Map<unknown, unknown>([[1, [1, 2.5, true, 12345678901234567890n]]]),
    );
  });

  it("protocol 4/5 framing, short strings, memoize, sets, bytes", () => {
    // pickle.dumps({'k': b'ab', 's': {1}}, 5)
    const p5 = new Uint8Array([
      0x80, 5, 0x95, 0x17, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x28, 0x8c, 1, 0x6b, 0x94, 0x43, 2,
      0x61, 0x62, 0x94, 0x8c, 1, 0x73, 0x94, 0x8f, 0x94, 0x28, 0x4b, 1, 0x90, 0x75, 0x2e,
    ]);
    expect(unpickle(p5)).toEqual(
      new Map<string, unknown>([
        ["k", new Uint8Array([0x61, 0x62])],
        ["s", new Set([1])],
      ]),
    );
  });
});
