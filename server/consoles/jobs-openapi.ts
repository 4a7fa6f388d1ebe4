import {
  anyObject,
  boolean,
  dateTime,
  idParameter,
  integer,
  nullable,
  object,
  operation,
  string,
  type OpenApiFragment,
} from '../openapi/builder';
import { workListParameter } from './work-lists-openapi';

const TAGS = ['Consoles'];

const job = object({
  id: integer,
  kind: { enum: ['impact', 'receipts'] },
  status: { enum: ['running', 'done', 'failed', 'cancelled'] },
  cancelling: boolean,
  done: integer,
  total: integer,
  error: nullable(string),
  createdAt: dateTime,
  finishedAt: nullable(dateTime),
  result: nullable(anyObject),
  download: nullable(string),
});

function jobPaths(base: string, what: string, errors: number[], startParameters: unknown[] = []): OpenApiFragment['paths'] {
  const ids = [idParameter(), idParameter('jobId')];
  return {
    [`${base}/jobs`]: {
      post: operation(TAGS, `Lance en arrière-plan : ${what}`, { 202: job }, [...errors, 422], {
        parameters: [idParameter(), ...startParameters],
      }),
    },
    [`${base}/jobs/latest`]: {
      get: operation(TAGS, `Dernier calcul lancé par l’utilisateur : ${what}`, { 200: object({ job: nullable(job) }) }, errors, {
        parameters: [idParameter()],
      }),
    },
    [`${base}/jobs/{jobId}`]: {
      get: operation(TAGS, `État et avancement d’un calcul : ${what}`, { 200: job }, errors, { parameters: ids }),
    },
    [`${base}/jobs/{jobId}/cancel`]: {
      post: operation(TAGS, `Annule un calcul en cours : ${what}`, { 200: job }, [...errors, 409], { parameters: ids }),
    },
  };
}

/** The background jobs (server/consoles/job-routes.ts): impact reports and receipts archives. */
export const jobsOpenApi: OpenApiFragment['paths'] = {
  ...jobPaths('/api/consoles/versions/{id}/impact', 'rapport d’impact', [401, 403, 404]),
  ...jobPaths('/api/consoles/campaigns/{id}/receipts', 'archive des récépissés', [401, 403, 404], [workListParameter]),
  '/api/consoles/campaigns/{id}/receipts/jobs/{jobId}/file': {
    get: (() => {
      const op = operation(TAGS, 'Archive des récépissés d’un calcul terminé', {}, [401, 403, 404, 409], {
        parameters: [idParameter(), idParameter('jobId')],
      });
      return {
        ...op,
        responses: {
          ...op.responses,
          200: { description: 'Archive zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
        },
      };
    })(),
  },
};
