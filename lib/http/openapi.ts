/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers use
 * (zod 4's z.toJSONSchema, JSON Schema 2020-12 — the dialect OpenAPI 3.1 uses).
 */
import { z } from 'zod';
import { caseResponseSchema, outcomesResponseSchema, problemSchema, referralResponseSchema } from '@/lib/intake/api-schemas';
import { referralExample, referralSchema } from '@/lib/intake/referral-schema';

const schemaOf = (s: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  return rest;
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

export const exampleReferralResponse = {
  id: '8b6f1f0e-3c1a-4d55-9a57-2f0c1f6f2a10',
  externalCaseNumber: referralExample.externalCaseNumber,
  status: 'offered',
  screening: {
    decision: 'eligible',
    policyVersion: 1,
    reason: 'Eligible: no exclusion in the policy applies.',
    criteria: [{ kind: 'weapon_involved', result: 'not_met', evidence: 'The referral reports no weapon, and no charge is a weapon offense.' }],
  },
  participant: { id: '5f0d2b6e-9a3c-4f1b-8e2d-7c6a5b4d3e21', linked: false },
} as const;

export function buildOpenApiDocument(serverUrl = '/') {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Common Ground integration API',
      version: '1.0.0',
      description:
        'For the prosecutor’s case-management system: refer cases, read their status, and collect outcomes. ' +
        'Authenticate with a bearer token an administrator creates for your jurisdiction (shown once). ' +
        'A token sees and changes only its own jurisdiction’s cases. Request bodies are limited to 1 MB. ' +
        'Errors are RFC 9457 problem details listing every bad field. Every call is audited.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token, e.g. `Authorization: Bearer cg_…`.' } },
      schemas: {
        Referral: schemaOf(referralSchema, 'input'),
        ReferralCreated: schemaOf(referralResponseSchema),
        Case: schemaOf(caseResponseSchema),
        Outcomes: schemaOf(outcomesResponseSchema),
        Problem: schemaOf(problemSchema),
      },
    },
    paths: {
      '/api/v1/referrals': {
        post: {
          operationId: 'createReferral',
          summary: 'Refer one case',
          description:
            'Screens the referral against the office’s current written policy at once. Idempotent on `externalCaseNumber`: ' +
            'sending the same case number again returns the existing case with 200 and creates nothing. ' +
            'A person already on file with the same name and date of birth is linked, not duplicated (`participant.linked`).',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Referral' }, example: referralExample } } },
          responses: {
            '201': { description: 'Created and screened', content: { 'application/json': { schema: { $ref: '#/components/schemas/ReferralCreated' }, example: exampleReferralResponse } } },
            '200': { description: 'A retry: this case number was already referred; the existing case is returned', content: { 'application/json': { schema: { $ref: '#/components/schemas/ReferralCreated' }, example: exampleReferralResponse } } },
            '400': problem('Invalid input; `errors` lists every bad field'),
            '401': problem('Missing, unknown or revoked token'),
            '413': problem('Body over 1 MB'),
            '415': problem('Body is not JSON'),
          },
        },
      },
      '/api/v1/cases/{id}': {
        get: {
          operationId: 'getCase',
          summary: 'Read a case: status, board, next hearing, screening summary',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'The case (no treatment data)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } },
            '401': problem('Missing, unknown or revoked token'),
            '404': problem('No such case in this token’s jurisdiction'),
          },
        },
      },
      '/api/v1/outcomes': {
        get: {
          operationId: 'listOutcomes',
          summary: 'Completed and returned cases since a time',
          description: 'Oldest first. Follow `nextCursor` until it is null; keep the same `since`.',
          parameters: [
            { name: 'since', in: 'query', required: true, schema: { type: 'string', format: 'date-time' }, example: '2026-11-01T00:00:00Z' },
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 100 } },
          ],
          responses: {
            '200': { description: 'One page of outcomes', content: { 'application/json': { schema: { $ref: '#/components/schemas/Outcomes' } } } },
            '400': problem('Invalid query parameters'),
            '401': problem('Missing, unknown or revoked token'),
          },
        },
      },
    },
  };
}
