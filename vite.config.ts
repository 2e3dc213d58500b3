import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The header's background (global.css --sidebar-bg): the installed app's title bar matches it. */
const THEME = '#1b1d2a';

export default defineConfig({
  // Relative asset URLs: the built site works from any static host sub-path.
  base: './',
  plugins: [
    svelte(),
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
