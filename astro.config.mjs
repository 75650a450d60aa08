// @ts-check
import { defineConfig } from 'astro/config';

// A static site: Netlify serves dist/ and bundles netlify/functions/ by itself,
// so no adapter (and no catch-all SSR function) is needed.
export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
});
