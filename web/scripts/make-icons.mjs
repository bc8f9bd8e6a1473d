// Draws the app icons (a yellow star over an open book — a handbook — on Party red) as PNG files with only Node's built-in
// modules: a tiny rasterizer with 4×4 supersampling and a PNG encoder over zlib. Run once with
// `npm run icons`; the PNGs are committed, so builds need nothing from outside.
//   public/icons/icon-192.png, icon-512.png          purpose "any": rounded square, transparent corners
//   public/icons/maskable-192.png, maskable-512.png  purpose "maskable": full bleed, star in the safe zone
//   public/icons/apple-touch-icon.png (180)           iOS home screen: full bleed (iOS rounds it)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const RED = [183, 28, 28];
const YELLOW = [255, 214, 0];
const PAGE = [255, 248, 225];
const out = resolve(dirname(fileURLToPath(import.meta.url)), '../public/icons');
mkdirSync(out, { recursive: true });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function starPolygon(cx, cy, outer) {
  const inner = outer * 0.382; // the regular five-pointed star's ratio
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? inner : outer;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}
function insidePolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function insideRoundRect(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// Two pages of an open book, tilted slightly up at the outer edges, with a gap for the spine.
function bookPages(size, scale) {
  const c = size / 2;
  const u = size * scale; // half-width of the book
  const top = c + u * 0.05;
  const page = (dir) => [
    [c + dir * u * 0.06, top + u * 0.12],
    [c + dir * u, top],
    [c + dir * u, top + u * 0.62],
    [c + dir * u * 0.06, top + u * 0.74],
  ];
  return [page(-1), page(1)];
}

function draw(size, { rounded, starScale }) {
  const rgba = Buffer.alloc(size * size * 4);
  const star = starPolygon(size / 2, size * 0.5 - size * starScale * 0.55, size * starScale * 0.62);
  const pages = bookPages(size, starScale * 0.95);
  const radius = rounded ? size * 0.2 : 0;
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      let pg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const px = x + (sx + 0.5) / S;
          const py = y + (sy + 0.5) / S;
          if (!rounded || insideRoundRect(px, py, size, radius)) {
            bg++;
            if (insidePolygon(px, py, star)) fg++;
            else if (pages.some((p) => insidePolygon(px, py, p))) pg++;
          }
        }
      }
      const n = S * S;
      const a = bg / n;
      const t = bg ? fg / bg : 0;
      const q = bg ? pg / bg : 0;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(RED[c] * (1 - t - q) + YELLOW[c] * t + PAGE[c] * q);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return png(size, rgba);
}

const files = {
  'icon-192.png': draw(192, { rounded: true, starScale: 0.36 }),
  'icon-512.png': draw(512, { rounded: true, starScale: 0.36 }),
  // Maskable: launchers crop to a circle of 80% diameter; keep the star within ~0.3 of the size.
  'maskable-192.png': draw(192, { rounded: false, starScale: 0.28 }),
  'maskable-512.png': draw(512, { rounded: false, starScale: 0.28 }),
  'apple-touch-icon.png': draw(180, { rounded: false, starScale: 0.33 }),
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(resolve(out, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
