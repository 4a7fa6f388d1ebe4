import { each, type AccessRow, type Principal } from './matrix';

const ERBUNDLE = 'harmonia-form-package@1';
const NOT_EDITORS: Principal[] = ['ORG_ADMIN', 'ORG_SAISIE', 'ORG_SIGNATAIRE', 'ORG_ADMIN_B', 'ORG_SAISIE_B', 'ORG_SIGNATAIRE_B', 'FED_AGENT', 'FED_AGENT_B', 'DHUP', 'PREFECTURE', 'PREFECTURE_B', 'PARTNER', 'ANCOLS', 'PLATFORM_ADMIN'];

export const publishingRows: AccessRow[] = [
  { name: 'forms and visible versions', method: 'GET', route: '/api/forms', path: () => '/api/forms', expect: {}, otherwise: 200 },
  {
    name: 'upload the 2025 ER again (draft replaced)',
    method: 'POST',
    route: '/api/forms/packages',
    path: () => '/api/forms/packages',
    body: (f) => ({ format: ERBUNDLE, files: f.erDraft.package }),
    expect: { ER_EDITOR: 201 },
    otherwise: 403,
  },
  { name: 'published ER version', method: 'GET', route: '/api/forms/versions/:id', path: (f) => `/api/forms/versions/${f.erPublished.id}`, expect: {}, otherwise: 200 },
  { name: 'ER draft', method: 'GET', route: '/api/forms/versions/:id', path: (f) => `/api/forms/versions/${f.erDraft.id}`, expect: { ER_EDITOR: 200 }, otherwise: 404 },
  { name: 'FOPH draft', method: 'GET', route: '/api/forms/versions/:id', path: (f) => `/api/forms/versions/${f.fophDraft.id}`, expect: { FED_EDITOR: 200 }, otherwise: 404 },
  { name: 'ER draft package', method: 'GET', route: '/api/forms/versions/:id/package', path: (f) => `/api/forms/versions/${f.erDraft.id}/package`, expect: { ER_EDITOR: 200 }, otherwise: 404 },
  { name: 'published FOPH package', method: 'GET', route: '/api/forms/versions/:id/package', path: (f) => `/api/forms/versions/${f.fophPublished.id}/package`, expect: {}, otherwise: 200 },
  {
    name: 'preview the published ER',
    method: 'POST',
    route: '/api/forms/versions/:id/preview',
    path: (f) => `/api/forms/versions/${f.erPublished.id}/preview`,
    body: () => ({ answers: {} }),
    expect: { ER_EDITOR: 200 },
    otherwise: 403,
  },
  {
    name: 'preview the FOPH draft',
    method: 'POST',
    route: '/api/forms/versions/:id/preview',
    path: (f) => `/api/forms/versions/${f.fophDraft.id}/preview`,
    body: () => ({ answers: {} }),
    expect: { FED_EDITOR: 200 },
    otherwise: 404,
  },
  { name: 'diff of the ER draft', method: 'GET', route: '/api/forms/versions/:id/diff', path: (f) => `/api/forms/versions/${f.erDraft.id}/diff`, expect: { ER_EDITOR: 200 }, otherwise: 404 },
  {
    name: 'publish the published ER again (the editor passes the policy, then 409)',
    method: 'POST',
    route: '/api/forms/versions/:id/publish',
    path: (f) => `/api/forms/versions/${f.erPublished.id}/publish`,
    expect: { ER_EDITOR: 409 },
    otherwise: 403,
  },
  {
    name: 'publish the FOPH draft (its editor is not run: publishing would change the row for the others)',
    method: 'POST',
    route: '/api/forms/versions/:id/publish',
    path: (f) => `/api/forms/versions/${f.fophDraft.id}/publish`,
    expect: {},
    otherwise: 404,
    skip: ['FED_EDITOR'],
  },
  {
    name: 'rule patch on the published FOPH questionnaire',
    method: 'POST',
    route: '/api/forms/versions/:id/patches',
    path: (f) => `/api/forms/versions/${f.fophPublished.id}/patches`,
    body: () => ({ rules: { NOPE: { active: false } } }),
    // Its editor passes the policy; the unknown rule then gives 422 (no new version in the matrix).
    expect: { FED_EDITOR: 422, ...each(NOT_EDITORS, 403) },
    otherwise: 403,
  },
];
