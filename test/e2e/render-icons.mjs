// Renders public/icon.svg (the ProductMark) to the PNG icons the web app manifest names, in Debian's Chromium.
// Run after changing the mark: `node test/e2e/render-icons.mjs`. Not part of the build: the PNGs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../browser/chrome-path.mjs';

const publicDir = new URL('../../public', import.meta.url);
const svg = readFileSync(new URL('icon.svg', publicDir), 'utf8');
// Maskable: a full-bleed tile with the mark inside the central 80% safe zone.
const fullBleed = svg
  .replace(/<rect [^>]*\/>/, '<rect width="32" height="32" fill="#7d58ff"/><g transform="translate(4.8 4.8) scale(0.7)">')
  .replace('</svg>', '</g></svg>');
const icons = [
  ['pwa-192x192.png', 192, svg],
  ['pwa-512x512.png', 512, svg],
  ['maskable-512x512.png', 512, fullBleed],
];

const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const [file, size, source] of icons) {
    await page.setViewport({ width: size, height: size });
    await page.setContent(`<body style="margin:0">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
    writeFileSync(new URL(file, publicDir), await page.screenshot({ omitBackground: true, type: 'png' }));
    console.log(`public/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
