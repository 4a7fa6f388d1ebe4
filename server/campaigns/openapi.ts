import { arrayOf, idParameter, integer, jsonBody, object, operation, ref, string, type OpenApiFragment } from '../openapi/builder';
import { CreateCampaignSchema, UpdateCampaignSchema } from './schema';

const tags = ['Campagnes'];

export const campaignsOpenApi: OpenApiFragment = {
  schemas: {
    Campaign: object({
      id: integer,
      title: string,
      exercice: integer,
      audience: arrayOf(ref('OrganisationKind')),
      opensAt: ref('Instant'),
      closesAt: ref('Instant'),
      status: { type: 'string', enum: ['open', 'closed'] },
      phase: { type: 'string', enum: ['scheduled', 'open', 'late', 'closed'] },
      form: object({ id: integer, code: string, owner: string, title: string }),
      formVersion: object({ id: integer, version: string, patchNumber: integer, contentHash: string }),
    }),
  },
  paths: {
    '/api/campaigns': {
      get: operation(
        tags,
        'Les campagnes (pour un organisme : celles qui lui sont adressées)',
        { 200: object({ campaigns: arrayOf(ref('Campaign')) }) },
        [401],
        {
          parameters: [{ name: 'exercice', in: 'query', schema: integer }],
        },
      ),
      post: operation(tags, 'Ouvrir une campagne sur une version publiée', { 201: ref('Campaign') }, [401, 403, 404, 409, 422], {
        requestBody: jsonBody(CreateCampaignSchema),
      }),
    },
    '/api/campaigns/{id}': {
      get: operation(tags, 'Une campagne', { 200: ref('Campaign') }, [401, 404], { parameters: [idParameter()] }),
      patch: operation(tags, 'Modifier les dates, le titre, ou clore une campagne', { 200: ref('Campaign') }, [401, 403, 404, 422], {
        parameters: [idParameter()],
        requestBody: jsonBody(UpdateCampaignSchema),
      }),
    },
  },
};
