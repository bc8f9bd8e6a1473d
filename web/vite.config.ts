// Vite build of the web app. Output goes to dist/, which `sotay serve --web web/dist` serves:
// /assets/* with content hashes (immutable), everything else revalidated. The service worker is
// built afterwards by scripts/postbuild.mjs, because it needs the final list of files.
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  plugins: [preact()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Cheap Android phones run Chrome/WebView versions a few years old; ES2019 output with
    // native ES modules and dynamic import covers them without polyfills.
    target: ['es2019', 'chrome70', 'safari12', 'firefox68'],
    cssTarget: ['chrome70', 'safari12'],
    // Source maps stay out of dist: they would double what a phone might fetch by mistake.
    sourcemap: false,
    // Inlined data: URLs would be blocked by nothing, but keep icons as files the SW can cache.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Committee chunks get a c- prefix so the service worker can leave them out of the
        // precache: members never download committee screens.
        // A chunk counts as committee-only when every module in it is committee code: pages/committee/,
        // its strings (i18n/vi-committee.ts, and i18n/vi-editor.ts for the editor screens) and its stylesheet.
        chunkFileNames: (chunk) => {
          const ids = chunk.moduleIds.length ? chunk.moduleIds : chunk.facadeModuleId ? [chunk.facadeModuleId] : [];
          const committeeOnly = ids.length > 0 && ids.every((id) =>
              /[\\/]pages[\\/]committee[\\/]|[\\/]i18n[\\/]vi-(committee|editor)\.ts$|[\\/]styles-committee\.css/.test(id),
            );
          return committeeOnly ? 'assets/c-[name]-[hash].js' : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: {
    // `npm run dev` against a local `sotay serve --port 8080`.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
