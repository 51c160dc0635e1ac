import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The renderer runs under a strict CSP: no inline scripts, no eval.
    modulePreload: { polyfill: false },
    target: 'chrome120',
    reportCompressedSize: false,
  },
});
