// Unit tests run in Node: the client logic (API client, outbox, settings, guards) needs no DOM.
// IndexedDB comes from fake-indexeddb and localStorage from a small stub (src/test-setup.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
    environment: 'node',
    // The settings test reads the stylesheet (?raw) to check the root font size is never fixed in px.
    css: { include: [/styles\.css/] },
  },
});
