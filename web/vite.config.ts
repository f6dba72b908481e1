import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

type ModuleInfoOf = (id: string) => { importedIds: readonly string[] } | null;

/** The modules the entry reaches through static imports (found once, then looked up). */
let firstScreenModules: Set<string> | null = null;
function firstScreen(id: string, getModuleInfo: ModuleInfoOf): boolean {
  if (firstScreenModules === null) {
    const entry = entryId;
    firstScreenModules = new Set();
    const stack = [entry];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (firstScreenModules.has(next)) continue;
      firstScreenModules.add(next);
      for (const imported of getModuleInfo(next)?.importedIds ?? []) stack.push(imported);
    }
  }
  return firstScreenModules.has(id);
}
const entryId = fileURLToPath(new URL('./src/main.tsx', import.meta.url));
const earlyHelpersId = fileURLToPath(new URL('./src/earlySocket.ts', import.meta.url));

/**
 * Builds src/early.ts as an entry of its own and puts it first in the page, `async`, so that it
 * runs as soon as it arrives, before the app's script (which Vite would otherwise bundle it into).
 */
function earlyScript(): Plugin {
  return {
    name: 'roundtable-early-script',
    apply: 'build',
    config: () => ({ build: { rollupOptions: { input: { index: 'index.html', early: 'src/early.ts' } } } }),
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const early = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'early');
        if (!early) throw new Error('the early script was not built');
        return [
          {
            tag: 'script',
            attrs: { type: 'module', async: true, src: `/${early.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preact(),
    earlyScript(),
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
        // What the first screen needs (everything main.tsx reaches by static imports) in one
        // file: a phone on hall Wi-Fi then fetches the page, one script and one stylesheet,
        // in a single round trip instead of a second wave of small shared chunks.
        // The early script's helpers stay in its own file, which the app then imports.
        manualChunks: (id, { getModuleInfo }) => {
          if (id === earlyHelpersId) return 'early';
          return firstScreen(id, getModuleInfo) ? 'index' : undefined;
        },
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
