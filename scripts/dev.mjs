// `npm run dev`: Astro's dev server with hot reload behind Netlify's dev proxy, so
// /api/score is served too; on PORT (default 8888).
import { runNetlify } from './netlify.mjs';

const port = process.env.PORT ?? '8888';
process.exitCode = await runNetlify(['dev', '--offline', '--port', port]);
