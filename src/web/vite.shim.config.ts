import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** Builds the harness shim as one classic script, so it runs before the app's module script. */
export default defineConfig({
  build: {
    outDir: resolve(__dirname, '../../out/web'),
    emptyOutDir: true,
    minify: false,
    lib: { entry: resolve(__dirname, 'shim.ts'), formats: ['iife'], name: 'haruShim', fileName: () => 'shim.js' }
  }
})
