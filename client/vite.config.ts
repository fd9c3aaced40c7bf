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
  build: { sourcemap: true },
})
