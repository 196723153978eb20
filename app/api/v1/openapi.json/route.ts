import { buildOpenApiDocument } from '@/lib/http/openapi';

/** Public and static: integrators start from it before they hold a token. */
export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
