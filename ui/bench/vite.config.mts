// The benchmark page only (npm run bench:ui builds it into a temporary folder): never served by the app.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4000 },
});
