// Vite build for the Layerpad single-page app. Workers are ES modules so they can import core code.
// vite-plugin-pwa makes it installable and offline (see README, "Offline and installable"); the
// Content-Security-Policy goes into the built index.html and the preview server's headers.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// Only the app's own origin, except connect-src: a registry is wherever the person names it, its
// token realm is wherever its challenge says, and blob redirects (S3 and the like) go anywhere, so
// any https origin plus plain http on loopback (a registry run locally). 'wasm-unsafe-eval': the
// hashing and compression WebAssembly; connect-src data:: @hazae41/foras fetches its embedded
// deflate module from a data: URL (bytes already in the bundle; a data: URL sends nothing anywhere); blob: images are the inspector's previews (downloads are blob: links, which CSP does not govern).
// The style hash is the one <style> react-aria's usePress injects (touch-action for pressable
// elements); e2e/csp.spec.ts fails, naming the new hash, if that text ever changes.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' data: https: http://localhost:* http://127.0.0.1:*",
  "img-src 'self' blob:",
  "style-src 'self' 'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The policy as a <meta> in the built page; not in dev, whose React refresh preamble is an inline script. */
const cspMeta: Plugin = {
  name: 'layerpad-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
};

export default defineConfig({
  plugins: [
    react(),
    cspMeta,
    VitePWA({
      // A new version waits until the person chooses to reload (UpdatePrompt), never mid-work.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Layerpad — container images in your browser',
        short_name: 'Layerpad',
        description: 'Compose, inspect and edit OCI container images entirely in your browser.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#13203a',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Everything the built app loads, worker chunks included (wasm: should a library ship a
        // .wasm file; hash-wasm embeds its modules in JavaScript today).
        globPatterns: ['**/*.{html,js,css,svg,png,wasm,webmanifest}'],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
