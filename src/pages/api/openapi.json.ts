import type { APIRoute } from 'astro';
import { buildOpenApiDocument } from '../../../functions/openapi';

/** The OpenAPI 3.1 description of /api/score, written at build time to /api/openapi.json. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(buildOpenApiDocument(), null, 2), { headers: { 'Content-Type': 'application/json' } });
