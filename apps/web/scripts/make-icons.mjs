// Makes the app icons under public/icons/ from one SVG drawing.
// Run: node apps/web/scripts/make-icons.mjs (the PNGs are committed; run again only to change them).
// Uses `sharp`, which the API already depends on.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";

const outDir = join(import.meta.dirname, "..", "public", "icons");

// A strip of green tape with a tick on it: "trusted first, checked after".
function drawing({ rounded, scale }) {
  const inner = `
    <rect x="-80" y="${262 - 66 * scale}" width="672" height="${132 * scale}" fill="#87bca8" transform="rotate(-18 256 262)"/>
    <g transform="translate(256 256) scale(${scale}) translate(-256 -256)">
      <path d="M150 268 L226 342 L368 182" fill="none" stroke="#ffffff" stroke-width="58" stroke-linecap="round" stroke-linejoin="round"/>
    </g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <defs><clipPath id="c"><rect width="512" height="512" rx="${rounded ? 104 : 0}"/></clipPath></defs>
  <g clip-path="url(#c)">
    <rect width="512" height="512" fill="#0b5c3e"/>${inner}
  </g>
</svg>
`;
}

await mkdir(outDir, { recursive: true });
const standard = drawing({ rounded: true, scale: 1 });
// Maskable icons are cropped by the platform: keep the drawing inside the central safe zone.
const maskable = drawing({ rounded: false, scale: 0.72 });
// iOS rounds the corners itself and shows transparency as black.
const apple = drawing({ rounded: false, scale: 0.9 });

await writeFile(join(outDir, "icon.svg"), standard);
const png = (svg, size, name) =>
  sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toFile(join(outDir, name));
await png(standard, 192, "icon-192.png");
await png(standard, 512, "icon-512.png");
await png(maskable, 512, "icon-maskable-512.png");
await png(apple, 180, "apple-touch-icon.png");
console.log(`Icons written to ${outDir}`);
