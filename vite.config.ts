import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The header's background (global.css --sidebar-bg): the installed app's title bar matches it. */
const THEME = '#1b1d2a';

/**
 * The built page's Content-Security-Policy, shipped as a `<meta http-equiv>` so that it holds on any static
 * host (docs/keeping-and-sharing.md, "Content-Security-Policy", says why each directive). Everything comes from the site's own
 * origin: no inline script or style, no eval; only WebAssembly compilation is allowed ('wasm-unsafe-eval').
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Puts the policy in the built index.html, right after `<meta charset>` (a policy covers only what the parser
 * meets after it). Build only: the dev server injects component styles as `<style>` elements and talks to its
 * HMR client over a WebSocket, which this policy forbids; `vite preview` serves the build with it.
 */
function contentSecurityPolicy(): Plugin {
  const charset = '<meta charset="utf-8" />';
  return {
    name: 'sandbox-content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes(charset)) throw new Error(`index.html has no ${charset} to put the Content-Security-Policy after`);
      return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Modules the page's bundle replaces with its own smaller stand-in (the worker keeps the full ones). */
const PAGE_STAND_INS = new Map([
  [source('src/common/marathon/constraint-regex.ts'), source('src/common/marathon/constraint-regex-page.ts')],
  [source('src/common/marathon/app-rules.ts'), source('src/common/marathon/app-rules-page.ts')],
]);

/**
 * The page's bundle gets the stand-ins above: constraint-regex-page.ts (a length check) for constraint-regex.ts
 * (RE2: only the worker matches LIKE / UNLIKE, and it refuses an uncompilable one when it loads the scenario, so RE2
 * ships once), and app-rules-page.ts for the rules on fields the sandbox does not simulate (the worker answers them).
 * Build only, and top-level plugins do not reach the worker's bundle in a build (it has `worker.plugins`).
 */
function pageStandIns(): Plugin {
  return {
    name: 'sandbox-page-stand-ins',
    apply: 'build',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!id.includes('constraint-regex') && !id.includes('app-rules')) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      return (resolved && PAGE_STAND_INS.get(resolved.id)) ?? null;
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any static host sub-path.
  base: './',
  plugins: [
    svelte(),
    contentSecurityPolicy(),
    pageStandIns(),
    // Offline after the first visit: a Workbox service worker precaches the whole build. Hashed file names
    // (assets/*) version the JS, the worker chunk and the Wasm together, so a new build replaces all three at
    // once; a new service worker waits until the user accepts the reload (UpdatePrompt.svelte).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // UpdatePrompt.svelte registers through virtual:pwa-register
      includeManifestIcons: false, // already in globPatterns; listing them twice duplicates precache entries
      manifest: {
        name: 'DC/OS Sandbox',
        short_name: 'DC/OS Sandbox',
        description: 'A deterministic simulation of a DC/OS cluster that runs entirely in your browser tab.',
        theme_color: THEME,
        background_color: THEME,
        display: 'standalone',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // `wasm` listed explicitly: Workbox's default globs leave it out. The plugin adds manifest.webmanifest.
        globPatterns: ['**/*.{html,js,css,wasm,svg,png}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022' },
});
