// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

// A static site: Netlify serves dist/ and bundles netlify/functions/ by itself,
// so no adapter (and no catch-all SSR function) is needed.
export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  integrations: [mdx()],
  // One small stylesheet for the whole site: inline it and save a render-blocking request.
  build: { inlineStylesheets: 'always' },
});
