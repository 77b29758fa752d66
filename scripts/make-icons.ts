/**
 * npx tsx scripts/make-icons.ts
 * Draws public/icon.svg into the PNG icons the web manifest names (192 and 512 px) and
 * public/favicon.ico (16, 32 and 48 px PNGs in one ICO), with the chromium the e2e tests use.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const PUBLIC = join(process.cwd(), "public");

async function main(): Promise<void> {
  const svg = readFileSync(join(PUBLIC, "icon.svg"), "utf8");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage();
  const render = async (size: number): Promise<Buffer> => {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${src}" width="${size}" height="${size}">`);
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  for (const size of [192, 512]) writeFileSync(join(PUBLIC, `icon-${size}.png`), await render(size));
  const sizes = [16, 32, 48];
  const pngs: Buffer[] = [];
  for (const size of sizes) pngs.push(await render(size));
  await browser.close();
  // ICO: a 6-byte header, a 16-byte entry per image, then the images (PNG entries are allowed).
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size, at);
    header.writeUInt8(size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(pngs[i]!.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += pngs[i]!.length;
  });
  writeFileSync(join(PUBLIC, "favicon.ico"), Buffer.concat([header, ...pngs]));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
