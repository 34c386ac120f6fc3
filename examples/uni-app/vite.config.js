import uni from '@dcloudio/vite-plugin-uni';
import { defineConfig } from 'vite';

export default defineConfig({
  // A relative base: the h5 build opens from any folder or static server.
  base: './',
  plugins: [uni()],
});
