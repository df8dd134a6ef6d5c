// The fallback of the wasm size profile when twiggy is not there: each function body's size from the
// code section, named from the name section, and each data segment's size, written as twiggy's
// `top --format json` would (`[{ name, shallow_size }]`).
//
// Usage: node lib/wasm-names.mjs MODULE.wasm OUT.json

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function reader(buf, pos = 0) {
  return {
    get pos() {
      return pos;
    },
    set pos(p) {
      pos = p;
    },
    u8: () => buf[pos++],
    leb() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = buf[pos++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if (!(b & 0x80)) return result;
      }
    },
    bytes(n) {
      const out = buf.subarray(pos, pos + n);
      pos += n;
      return out;
    },
    name() {
      return new TextDecoder().decode(this.bytes(this.leb()));
    },
  };
}

export function profile(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const r = reader(buf, 8);
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  const items = [];
  while (r.pos < buf.length) {
    const id = r.u8();
    const size = r.leb();
    const end = r.pos + size;
    if (id === 2) {
      // imports: count the functions, they come first in the function index space
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        r.name();
        r.name();
        const kind = r.u8();
        if (kind === 0) {
          r.leb();
          importedFuncs++;
        } else if (kind === 1) {
          r.u8();
          const flags = r.leb();
          r.leb();
          if (flags & 1) r.leb();
        } else if (kind === 2) {
          const flags = r.leb();
          r.leb();
          if (flags & 1) r.leb();
        } else if (kind === 3) {
          r.u8();
          r.u8();
        } else if (kind === 4) {
          r.u8();
          r.leb();
        }
      }
      items.push({ name: 'import section', shallow_size: size });
    } else if (id === 10) {
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        const start = r.pos;
        const len = r.leb();
        r.pos += len;
        bodies.push(r.pos - start);
      }
    } else if (id === 11) {
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        const start = r.pos;
        const flags = r.leb();
        if (flags === 2) r.leb();
        if (flags !== 1) while (r.u8() !== 0x0b); // the offset expression, up to `end`
        const len = r.leb();
        r.pos += len;
        items.push({ name: `data segment [${i}]`, shallow_size: r.pos - start });
      }
    } else if (id === 0) {
      const name = r.name();
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.u8();
          const subSize = r.leb();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.leb();
            for (let i = 0; i < count; i++) names.set(r.leb(), r.name());
            items.push({ name: '"function names" subsection', shallow_size: subSize });
          }
          r.pos = subEnd;
        }
      } else items.push({ name: `custom section '${name}'`, shallow_size: size });
    } else {
      const SECTIONS = { 1: 'type', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export', 8: 'start', 9: 'elem', 12: 'datacount', 13: 'tag' };
      items.push({ name: `${SECTIONS[id] || 'unknown'} section`, shallow_size: size });
    }
    r.pos = end;
  }
  bodies.forEach((bytes, i) => {
    const index = importedFuncs + i;
    items.push({ name: names.get(index) || `code[${i}]`, shallow_size: bytes });
  });
  return items.sort((a, b) => b.shallow_size - a.shallow_size);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node lib/wasm-names.mjs MODULE.wasm OUT.json');
    process.exit(2);
  }
  fs.writeFileSync(output, JSON.stringify(profile(fs.readFileSync(input))));
}
