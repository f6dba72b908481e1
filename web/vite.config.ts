import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    preact(),
    // The offline app shell: a service worker precaches every file of the build (the lazy
    // chunks too, but the languages: see globIgnores), so a reload without network opens the app with what it last knew. The app
    // registers it itself (src/update/) and asks before switching to a new version.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Roundtable',
        short_name: 'Roundtable',
        description: 'Facilitated hackathons: ideas, voting and proposals in one room.',
        theme_color: '#1f4e79',
        background_color: '#f4f5f7',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // 23 catalogues are not installed on every phone: each is cached when first shown,
        // so the language in use opens offline too.
        globIgnores: ['**/lang-*.js'],
        navigateFallback: '/index.html',
        // The WebSocket, the API (exports must be live), health and metrics always go to the server.
        navigateFallbackDenylist: [/^\/ws/, /^\/api\//, /^\/healthz/, /^\/metrics/],
        runtimeCaching: [
          {
            // Hashed, so a cached copy is never stale.
            urlPattern: /\/assets\/lang-[^/]+\.js$/,
            handler: 'CacheFirst',
            options: { cacheName: 'roundtable-languages', expiration: { maxEntries: 48 } },
          },
        ],
        cleanupOutdatedCaches: true,
        // The first install takes the open page at once, so the chunks it loads later (voting,
        // proposals) come from the cache when the network is gone. A new version still waits
        // for "Reload".
        clientsClaim: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    rollupOptions: {
      output: {
        // Catalogues by their language (lang-de-….js), for the service worker's rules above.
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/i18n/locales/') ? 'assets/lang-[name]-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    proxy: {
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
