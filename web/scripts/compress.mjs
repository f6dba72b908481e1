// compress.mjs: writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of
// the built app (dist/), for the server to send to browsers that accept them. Runs after
// `vite build` (npm run build), so it also covers what plugins write then (a service worker, a
// manifest). Deterministic: the same dist gives the same bytes. Copies already there are
// rewritten from their originals, never compressed again; a copy that would not be smaller than
// its original is not written (and an old one is removed).
//
// Usage: node scripts/compress.mjs [DIST]   (default: dist/ beside this script's folder)
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Text and other formats that compress; images and fonts are compressed already.
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.webmanifest',
  '.txt',
  '.map',
  '.xml',
  '.ico',
]);
const COPIES = ['.br', '.gz'];

// Every file under `dir`, in a stable order.
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

// The two copies of `data`. gzip's header carries no time or name (Node writes zero time), so
// the bytes depend on the input only.
function compress(data) {
  return {
    '.br': brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    '.gz': gzipSync(data, { level: constants.Z_BEST_COMPRESSION }),
  };
}

export function compressDist(dist) {
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const file of walk(dist)) {
    if (COPIES.includes(path.extname(file))) continue;
    if (!COMPRESSIBLE.has(path.extname(file).toLowerCase())) continue;
    const data = readFileSync(file);
    const copies = compress(data);
    totals.files += 1;
    totals.raw += data.length;
    for (const ext of COPIES) {
      const copy = copies[ext];
      const smaller = copy.length < data.length;
      if (smaller) writeFileSync(file + ext, copy);
      else rmSync(file + ext, { force: true });
      totals[ext.slice(1)] += smaller ? copy.length : data.length;
    }
  }
  return totals;
}

function kib(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
  if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`compress: ${dist} is not a folder; run vite build first`);
    process.exit(1);
  }
  const t = compressDist(dist);
  console.log(`compressed ${t.files} files: ${kib(t.raw)} raw, ${kib(t.br)} br, ${kib(t.gz)} gzip`);
}
