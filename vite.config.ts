import { svelte } from '@sveltejs/vite-plugin-svelte';
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

export default defineConfig({
  // Relative asset URLs: the built site works from any static host sub-path.
  base: './',
  plugins: [
    svelte(),
    contentSecurityPolicy(),
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
