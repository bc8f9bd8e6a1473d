/// <reference types="vite/client" />
// Set by vite.config.ts from package.json and the build time.
declare const __APP_VERSION__: string;
