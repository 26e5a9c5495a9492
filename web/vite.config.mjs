// vite builds web/ into the folder CMake gives (--outDir). Every file of the bundle sits at the
// top of it (assetsDir ''), so `mera serve` serves each as one path segment (routes_web.cpp).
// No imports: this file is read from the source tree, node_modules is in the build tree.
import { join } from 'node:path';

export default {
  base: '/',
  cacheDir: join(process.cwd(), '.vite-cache'),
  build: { assetsDir: '', sourcemap: false, target: 'es2020', reportCompressedSize: false },
};
