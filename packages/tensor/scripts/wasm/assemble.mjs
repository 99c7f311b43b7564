// A small WebAssembly text assembler for the subset kernels.wat uses: one module with one
// exported memory or one imported (shared or not), active data segments (`(data (i32.const N) "...")`, `\hh` escapes) and
// exported functions whose bodies are flat instruction sequences (no folded expressions);
// i32/i64/f32/f64/v128 locals; block/loop with labels, if/else; loads/stores with offset=/align=; SIMD
// lane and shuffle immediates. It emits what the WebAssembly spec's binary format says (minimal
// LEB128s, one type per distinct signature in first-use order), so the build needs nothing beyond
// Node. src/kernels/wasm/assemble.test.ts checks the output against wabt's (a dev dependency).

const VALTYPE = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Plain opcodes: name -> bytes. SIMD ones are 0xfd followed by the LEB128 of their number. */
const OPS = {
  unreachable: [0x00],
  nop: [0x01],
  return: [0x0f],
  drop: [0x1a],
  select: [0x1b],
  "i32.eqz": [0x45],
  "i32.eq": [0x46],
  "i32.ne": [0x47],
  "i32.lt_s": [0x48],
  "i32.lt_u": [0x49],
  "i32.gt_s": [0x4a],
  "i32.gt_u": [0x4b],
  "i32.le_s": [0x4c],
  "i32.le_u": [0x4d],
  "i32.ge_s": [0x4e],
  "i32.ge_u": [0x4f],
  "f32.eq": [0x5b],
  "f32.ne": [0x5c],
  "f32.lt": [0x5d],
  "f32.gt": [0x5e],
  "f32.le": [0x5f],
  "f32.ge": [0x60],
  "i32.add": [0x6a],
  "i32.sub": [0x6b],
  "i32.mul": [0x6c],
  "i32.and": [0x71],
  "i32.or": [0x72],
  "i32.xor": [0x73],
  "i32.shl": [0x74],
  "i32.shr_s": [0x75],
  "i32.shr_u": [0x76],
  "f32.abs": [0x8b],
  "f32.neg": [0x8c],
  "f32.sqrt": [0x91],
  "f32.add": [0x92],
  "f32.sub": [0x93],
  "f32.mul": [0x94],
  "f32.div": [0x95],
  "f32.min": [0x96],
  "f32.max": [0x97],
  "f32.copysign": [0x98],
  "f64.add": [0xa0],
  "f64.sub": [0xa1],
  "f64.mul": [0xa2],
  "f64.div": [0xa3],
  "f32.convert_i32_u": [0xb3],
  "f32.demote_f64": [0xb6],
  "f64.promote_f32": [0xbb],
  "f32x4.splat": simd(0x13),
  "f64x2.splat": simd(0x14),
  "v128.not": simd(0x4d),
  "v128.and": simd(0x4e),
  "v128.andnot": simd(0x4f),
  "v128.or": simd(0x50),
  "v128.xor": simd(0x51),
  "v128.bitselect": simd(0x52),
  "f32x4.eq": simd(0x41),
  "f32x4.ne": simd(0x42),
  "f32x4.lt": simd(0x43),
  "f32x4.gt": simd(0x44),
  "f32x4.le": simd(0x45),
  "f32x4.ge": simd(0x46),
  "f32x4.demote_f64x2_zero": simd(0x5e),
  "f64x2.promote_low_f32x4": simd(0x5f),
  "i32x4.shl": simd(0xab),
  "i32x4.shr_s": simd(0xac),
  "i32x4.shr_u": simd(0xad),
  "i32x4.add": simd(0xae),
  "i32x4.sub": simd(0xb1),
  "v128.any_true": simd(0x53),
  "f64x2.ne": simd(0x48),
  "f64x2.lt": simd(0x49),
  "f64x2.abs": simd(0xec),
  "i64x2.eq": simd(0xd6),
  "f32x4.convert_i32x4_s": simd(0xfa),
  "f32x4.nearest": simd(0x6a),
  "f32x4.abs": simd(0xe0),
  "f32x4.neg": simd(0xe1),
  "f32x4.sqrt": simd(0xe3),
  "f32x4.add": simd(0xe4),
  "f32x4.sub": simd(0xe5),
  "f32x4.mul": simd(0xe6),
  "f32x4.div": simd(0xe7),
  "f32x4.min": simd(0xe8),
  "f32x4.max": simd(0xe9),
  "f32x4.pmin": simd(0xea),
  "f32x4.pmax": simd(0xeb),
  "f32x4.relaxed_madd": simd(0x105),
  "f64x2.add": simd(0xf0),
  "f64x2.sub": simd(0xf1),
  "f64x2.mul": simd(0xf2),
  "f64x2.div": simd(0xf3),
  "i32x4.trunc_sat_f32x4_s": simd(0xf8),
  "i32x4.splat": simd(0x11),
  "i8x16.eq": simd(0x23),
  "i8x16.neg": simd(0x61),
  "i8x16.narrow_i16x8_s": simd(0x65),
  "i16x8.narrow_i32x4_s": simd(0x85),
  "i16x8.extend_low_i8x16_s": simd(0x87),
  "i16x8.extend_high_i8x16_s": simd(0x88),
  "i32x4.extend_low_i16x8_s": simd(0xa7),
  "i32x4.extend_high_i16x8_s": simd(0xa8),
  "i32x4.lt_s": simd(0x39),
};
/** Memory instructions: name -> [bytes, natural alignment as log2]. */
const MEMORY = {
  "i32.load": [[0x28], 2],
  "f32.load": [[0x2a], 2],
  "f64.load": [[0x2b], 3],
  "i32.store": [[0x36], 2],
  "f32.store": [[0x38], 2],
  "f64.store": [[0x39], 3],
  "v128.load": [simd(0x00), 4],
  "v128.store": [simd(0x0b), 4],
  "v128.load64_zero": [simd(0x5d), 3],
  "v128.load32_splat": [simd(0x09), 2],
  "v128.load64_splat": [simd(0x0a), 3],
};
const LANE = { "f32x4.extract_lane": simd(0x1f), "f64x2.extract_lane": simd(0x21) };

function simd(op) {
  return [0xfd, ...uleb(op)];
}

function uleb(value) {
  const out = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value) {
  const out = [];
  let v = BigInt(value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function floatBytes(value, size) {
  if (size === 0) return [];
  const view = new DataView(new ArrayBuffer(size));
  if (size === 4) view.setFloat32(0, value, true);
  else view.setFloat64(0, value, true);
  return [...new Uint8Array(view.buffer)];
}

function intBytes(value) {
  const view = new DataView(new ArrayBuffer(4));
  view.setInt32(0, value | 0, true);
  return [...new Uint8Array(view.buffer)];
}

function parseNumber(text) {
  if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text, 16);
  if (text === "inf" || text === "+inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  if (text === "nan") return Number.NaN;
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`not a number: ${text}`);
  return n;
}

/** Tokens of WebAssembly text: parentheses, strings, atoms; `;;` comments dropped. */
function tokenize(text) {
  const tokens = [];
  const re = /\s+|;;[^\n]*|\(|\)|"[^"]*"|[^\s()";]+/g;
  for (const m of text.matchAll(re)) {
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith(";;")) continue;
    tokens.push(t);
  }
  return tokens;
}

/** Nested lists from tokens. */
function parseSexpr(tokens) {
  let i = 0;
  const read = () => {
    const t = tokens[i++];
    if (t !== "(") return t;
    const list = [];
    while (tokens[i] !== ")") {
      if (i >= tokens.length) throw new Error("unbalanced parentheses");
      list.push(read());
    }
    i++;
    return list;
  };
  const out = read();
  if (i !== tokens.length) throw new Error("text after the module");
  return out;
}

function section(id, body) {
  return [id, ...uleb(body.length), ...body];
}

function vector(items) {
  return [...uleb(items.length), ...items.flat()];
}

function name(text) {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

function encodeBody(fn) {
  const locals = new Map();
  for (const [i, [n]] of [...fn.params, ...fn.locals].entries()) locals.set(n, i);
  const localIndex = (t) => {
    if (locals.has(t)) return locals.get(t);
    if (/^\d+$/.test(t)) return Number(t);
    throw new Error(`${fn.name}: unknown local ${t}`);
  };
  const code = [];
  const labels = [];
  const atoms = fn.body;
  for (let i = 0; i < atoms.length; i++) {
    const op = atoms[i];
    if (Array.isArray(op)) throw new Error(`${fn.name}: folded expressions are not supported`);
    if (op === "local.get" || op === "local.set" || op === "local.tee") {
      code.push({ "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22 }[op]);
      code.push(...uleb(localIndex(atoms[++i])));
    } else if (op === "i32.const") code.push(0x41, ...sleb(parseNumber(atoms[++i]) | 0));
    else if (op === "f32.const") code.push(0x43, ...floatBytes(parseNumber(atoms[++i]), 4));
    else if (op === "f64.const") code.push(0x44, ...floatBytes(parseNumber(atoms[++i]), 8));
    else if (op === "block" || op === "loop") {
      const label = atoms[i + 1]?.startsWith("$") ? atoms[++i] : null;
      labels.push(label);
      code.push(op === "block" ? 0x02 : 0x03, 0x40);
    } else if (op === "if") {
      labels.push(null);
      code.push(0x04, 0x40);
    } else if (op === "else") {
      code.push(0x05);
    } else if (op === "end") {
      labels.pop();
      code.push(0x0b);
    } else if (op === "br" || op === "br_if") {
      const label = atoms[++i];
      const depth = labels.length - 1 - labels.lastIndexOf(label);
      if (depth >= labels.length) throw new Error(`${fn.name}: unknown label ${label}`);
      code.push(op === "br" ? 0x0c : 0x0d, ...uleb(depth));
    } else if (op in MEMORY) {
      const [bytes, natural] = MEMORY[op];
      let offset = 0;
      let align = natural;
      while (/^(offset|align)=/.test(atoms[i + 1] ?? "")) {
        const [key, value] = atoms[++i].split("=");
        if (key === "offset") offset = parseNumber(value);
        else align = Math.log2(parseNumber(value));
      }
      code.push(...bytes, ...uleb(align), ...uleb(offset));
    } else if (op === "v128.const") {
      const shape = atoms[++i];
      if (shape !== "f32x4" && shape !== "i32x4")
        throw new Error(`${fn.name}: v128.const ${shape}`);
      code.push(0xfd, ...uleb(0x0c));
      for (let lane = 0; lane < 4; lane++) {
        const v = parseNumber(atoms[++i]);
        if (shape === "f32x4") code.push(...floatBytes(v, 4));
        else code.push(...floatBytes(0, 0), ...intBytes(v));
      }
    } else if (op in LANE) code.push(...LANE[op], parseNumber(atoms[++i]));
    else if (op === "i8x16.shuffle") {
      code.push(...simd(0x0d));
      for (let lane = 0; lane < 16; lane++) code.push(parseNumber(atoms[++i]));
    } else if (op in OPS) code.push(...OPS[op]);
    else throw new Error(`${fn.name}: unknown instruction ${op}`);
  }
  if (labels.length !== 0) throw new Error(`${fn.name}: unclosed block`);
  // Locals are declared in runs of one type.
  const runs = [];
  for (const [, type] of fn.locals) {
    const last = runs.at(-1);
    if (last !== undefined && last[1] === type) last[0]++;
    else runs.push([1, type]);
  }
  const decl = vector(runs.map(([count, type]) => [...uleb(count), VALTYPE[type]]));
  const body = [...decl, ...code, 0x0b];
  return [...uleb(body.length), ...body];
}

function parseFunc(list) {
  const fn = { name: null, exportName: null, params: [], result: null, locals: [], body: [] };
  let i = 1;
  if (typeof list[i] === "string" && list[i].startsWith("$")) fn.name = list[i++];
  for (; i < list.length; i++) {
    const item = list[i];
    if (!Array.isArray(item)) break;
    const [head, ...rest] = item;
    if (head === "export") fn.exportName = JSON.parse(rest[0]);
    else if (head === "param") fn.params.push([rest[0], rest[1]]);
    else if (head === "result") fn.result = rest[0];
    else if (head === "local") fn.locals.push([rest[0], rest[1]]);
    else break;
  }
  fn.body = list.slice(i);
  return fn;
}

/** `(data (i32.const offset) "string")`: the offset and the string's bytes (`\\hh` escapes). */
function parseData(list) {
  const [, at, text] = list;
  if (!Array.isArray(at) || at[0] !== "i32.const" || typeof text !== "string") {
    throw new Error('data: expected (data (i32.const N) "...")');
  }
  const content = [];
  const inner = text.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] !== "\\") content.push(inner.charCodeAt(i));
    else {
      const hex = inner.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`data: only \\hh escapes, got \\${hex}`);
      content.push(Number.parseInt(hex, 16));
      i += 2;
    }
  }
  return { offset: parseNumber(at[1]), content };
}

/**
 * `(import "module" "field" (memory min max? shared?))`: an imported memory (the only import the
 * subset has; `shared` needs a maximum, as the threads proposal says).
 */
function parseMemoryImport(list) {
  const [, from, field, type] = list;
  if (typeof from !== "string" || typeof field !== "string" || !Array.isArray(type)) {
    throw new Error('import: expected (import "module" "field" (memory ...))');
  }
  if (type[0] !== "memory") throw new Error(`import: only memories, got ${type[0]}`);
  const shared = type.at(-1) === "shared";
  const limits = type.slice(1, shared ? -1 : undefined).map(parseNumber);
  if (limits.length < 1 || limits.length > 2) throw new Error("import: memory min max?");
  if (shared && limits.length !== 2) throw new Error("import: a shared memory needs a maximum");
  return {
    module: JSON.parse(from),
    field: JSON.parse(field),
    min: limits[0],
    max: limits[1] ?? null,
    shared,
  };
}

/** The binary module for WebAssembly text `text` (the subset described at the top). */
export function assemble(text) {
  const module = parseSexpr(tokenize(text));
  if (module[0] !== "module") throw new Error("expected (module ...)");
  let memory = null;
  let imported = null;
  const funcs = [];
  const data = [];
  for (const item of module.slice(1)) {
    if (item[0] === "import") imported = parseMemoryImport(item);
    else if (item[0] === "memory") {
      const exportName = JSON.parse(item[1][1]);
      memory = { exportName, pages: parseNumber(item[2]) };
    } else if (item[0] === "func") funcs.push(parseFunc(item));
    else if (item[0] === "data") data.push(parseData(item));
    else throw new Error(`unsupported module field ${item[0]}`);
  }
  const types = [];
  const typeOf = funcs.map((fn) => {
    const sig = [0x60, ...vector(fn.params.map(([, t]) => [VALTYPE[t]]))];
    sig.push(...(fn.result === null ? [0x00] : [0x01, VALTYPE[fn.result]]));
    const key = sig.join(",");
    let index = types.findIndex((t) => t.join(",") === key);
    if (index < 0) index = types.push(sig) - 1;
    return index;
  });
  const exports = [];
  if (memory !== null) exports.push([...name(memory.exportName), 0x02, 0x00]);
  funcs.forEach((fn, i) => {
    if (fn.exportName !== null) exports.push([...name(fn.exportName), 0x00, ...uleb(i)]);
  });
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  bytes.push(...section(1, vector(types)));
  if (imported !== null) {
    const { module: from, field, min, max, shared } = imported;
    const limits =
      max === null ? [0x00, ...uleb(min)] : [shared ? 0x03 : 0x01, ...uleb(min), ...uleb(max)];
    bytes.push(...section(2, vector([[...name(from), ...name(field), 0x02, ...limits]])));
  }
  bytes.push(...section(3, vector(typeOf.map((t) => uleb(t)))));
  if (memory !== null) bytes.push(...section(5, vector([[0x00, ...uleb(memory.pages)]])));
  bytes.push(...section(7, vector(exports)));
  bytes.push(...section(10, vector(funcs.map(encodeBody))));
  if (data.length > 0) {
    const segments = data.map(({ offset, content }) => [
      0x00, // active, memory 0
      0x41,
      ...sleb(offset),
      0x0b,
      ...uleb(content.length),
      ...content,
    ]);
    bytes.push(...section(11, vector(segments)));
  }
  return new Uint8Array(bytes);
}
