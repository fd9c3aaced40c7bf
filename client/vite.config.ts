/**
 * Vite configuration for the Convene web app. In development the HTTP API and the
 * collaboration websocket are proxied to the server on 127.0.0.1:8787 (its default port).
 */
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverOrigin = 'http://127.0.0.1:8787'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: serverOrigin, changeOrigin: true },
      '/collab': { target: serverOrigin, ws: true, changeOrigin: true },
    },
  },
  build: {
    sourcemap: true,
    rollupOptions: {
      output: {
        // The editor's libraries in chunks of their own: they change less often than the app, so
        // browsers keep them cached across releases, and no chunk passes Vite's 500 kB warning.
        manualChunks(id) {
          if (
            /node_modules\/.*(prosemirror|@tiptap|linkifyjs|orderedmap|rope-sequence|w3c-keyname)/.test(id)
          ) {
            return 'editor-core'
          }
          if (/node_modules\/.*(yjs|y-protocols|y-websocket|y-indexeddb|lib0)/.test(id)) return 'yjs'
          if (/node_modules\/.*(react|react-dom|scheduler)\//.test(id)) return 'react'
          if (/node_modules\/.*zod/.test(id)) return 'zod'
          return undefined
        },
      },
      onwarn(warning, warn) {
        // zod 4 ships `/*#__PURE__*/` annotations where Rollup cannot use them; it drops them, harmlessly.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return
        warn(warning)
      },
    },
  },
})
