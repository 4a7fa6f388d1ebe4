import type { AccessRow } from './matrix';

/** Organisation A's users: the owners. */
const OWN_READERS = { ORG_ADMIN: 200, ORG_SAISIE: 200, ORG_SIGNATAIRE: 200 } as const;
/** Who receives orgA's transmitted ER (préfecture of the siège 69, DHUP, partners). */
const RECIPIENTS = { DHUP: 200, PREFECTURE: 200, PARTNER: 200, ANCOLS: 200 } as const;
const LISTERS = { ORG_ADMIN: 200, ORG_SAISIE: 200, ORG_SIGNATAIRE: 200, ORG_ADMIN_B: 200, ORG_SAISIE_B: 200, ORG_SIGNATAIRE_B: 200, FED_AGENT: 200, FED_AGENT_B: 200, DHUP: 200, PREFECTURE: 200, PREFECTURE_B: 200, PARTNER: 200, ANCOLS: 200 } as const;

/**
 * The statement lifecycle's routes. Writes are sent so that an allowed caller passes the policy
 * and then stops on a harmless business refusal (stale revision, missing reason, missing file),
 * which leaves the objects unchanged for the next principal; refusals never leak (404 outside).
 */
export const statementRows: AccessRow[] = [
  { name: 'statements I may see', method: 'GET', route: '/api/statements', path: () => '/api/statements', expect: LISTERS, otherwise: 403 },
  {
    name: 'open my statement on the ER campaign (organisation writers; callers without an organisation have none: 404)',
    method: 'POST',
    route: '/api/campaigns/:campaignId/statement',
    path: (f) => `/api/campaigns/${f.erCampaign.id}/statement`,
    expect: { ORG_SAISIE: 200, ORG_SIGNATAIRE: 200, ORG_SAISIE_B: 200, ORG_SIGNATAIRE_B: 200, ORG_ADMIN: 403, ORG_ADMIN_B: 403 },
    otherwise: 404,
  },
  { name: 'orgA’s draft', method: 'GET', route: '/api/statements/:id', path: (f) => `/api/statements/${f.statements.draftA.id}`, expect: OWN_READERS, otherwise: 404 },
  { name: 'orgB’s draft', method: 'GET', route: '/api/statements/:id', path: (f) => `/api/statements/${f.statements.draftB.id}`, expect: { ORG_ADMIN_B: 200, ORG_SAISIE_B: 200, ORG_SIGNATAIRE_B: 200 }, otherwise: 404 },
  {
    name: 'orgA’s transmitted statement',
    method: 'GET',
    route: '/api/statements/:id',
    path: (f) => `/api/statements/${f.statements.transmittedA.id}`,
    expect: { ...OWN_READERS, ...RECIPIENTS },
    otherwise: 404,
  },
  {
    name: 'save a sheet of orgA’s draft from a stale revision (writers pass, then 409)',
    method: 'PUT',
    route: '/api/statements/:id/sheets/:sheet',
    path: (f) => `/api/statements/${f.statements.draftA.id}/sheets/ER01`,
    body: () => ({ baseRevision: 999, answers: {} }),
    expect: { ORG_SAISIE: 409, ORG_SIGNATAIRE: 409, ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'clear a warning’s justification on orgA’s draft',
    method: 'PUT',
    route: '/api/statements/:id/justifications/:key',
    path: (f) => `/api/statements/${f.statements.draftA.id}/justifications/${f.statements.warningRule}`,
    body: () => ({ text: '' }),
    expect: { ORG_SAISIE: 200, ORG_SIGNATAIRE: 200, ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'choose orgA’s préfectures (the siège’s only)',
    method: 'PUT',
    route: '/api/statements/:id/prefectures',
    path: (f) => `/api/statements/${f.statements.draftA.id}/prefectures`,
    body: () => ({ departements: ['69'] }),
    expect: { ORG_SAISIE: 200, ORG_SIGNATAIRE: 200, ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'attach to orgA’s draft without a multipart body (writers pass, then 415)',
    method: 'POST',
    route: '/api/statements/:id/attachments',
    path: (f) => `/api/statements/${f.statements.draftA.id}/attachments`,
    expect: { ORG_SAISIE: 415, ORG_SIGNATAIRE: 415, ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'download the attachment transmitted by orgA',
    method: 'GET',
    route: '/api/statements/:id/attachments/:attachmentId',
    path: (f) => `/api/statements/${f.statements.transmittedA.id}/attachments/${f.statements.transmittedAttachment.id}`,
    expect: { ...OWN_READERS, ...RECIPIENTS },
    otherwise: 404,
  },
  {
    name: 'delete a missing attachment of orgA’s draft (writers pass, then 404)',
    method: 'DELETE',
    route: '/api/statements/:id/attachments/:attachmentId',
    path: (f) => `/api/statements/${f.statements.draftA.id}/attachments/999999`,
    expect: { ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'transmit orgA’s empty draft (the signatory passes, then 422 with the reasons)',
    method: 'POST',
    route: '/api/statements/:id/transmit',
    path: (f) => `/api/statements/${f.statements.draftA.id}/transmit`,
    expect: { ORG_SIGNATAIRE: 422, ORG_SAISIE: 403, ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'receipt (HTML) of orgA’s transmission',
    method: 'GET',
    route: '/api/statements/:id/receipt.html',
    path: (f) => `/api/statements/${f.statements.transmittedA.id}/receipt.html`,
    expect: { ...OWN_READERS, ...RECIPIENTS },
    otherwise: 404,
  },
  {
    name: 'receipt (PDF) of orgA’s transmission',
    method: 'GET',
    route: '/api/statements/:id/receipt.pdf',
    path: (f) => `/api/statements/${f.statements.transmittedA.id}/receipt.pdf`,
    expect: { ...OWN_READERS, ...RECIPIENTS },
    otherwise: 404,
  },
  {
    name: 'acknowledge orgA’s transmission (idempotent)',
    method: 'POST',
    route: '/api/statements/:id/acknowledge',
    path: (f) => `/api/statements/${f.statements.transmittedA.id}/acknowledge`,
    expect: { DHUP: 200, PREFECTURE: 200, PARTNER: 403, ANCOLS: 403, ...{ ORG_ADMIN: 403, ORG_SAISIE: 403, ORG_SIGNATAIRE: 403 } },
    otherwise: 404,
  },
  {
    name: 'ask to reopen orgA’s transmission without a reason (the signatory passes, then 422)',
    method: 'POST',
    route: '/api/statements/:id/reopen-requests',
    path: (f) => `/api/statements/${f.statements.transmittedA.id}/reopen-requests`,
    body: () => ({ reason: ' ' }),
    expect: { ORG_SIGNATAIRE: 422, ORG_ADMIN: 403, ORG_SAISIE: 403, DHUP: 403, PREFECTURE: 403, PARTNER: 403, ANCOLS: 403 },
    otherwise: 404,
  },
  {
    name: 'refuse orgA’s reopening without a reason (DHUP passes, then 422)',
    method: 'POST',
    route: '/api/reopen-requests/:requestId/decision',
    path: (f) => `/api/reopen-requests/${f.statements.reopenRequest.id}/decision`,
    body: () => ({ accept: false }),
    expect: { DHUP: 422, ...{ ORG_ADMIN: 403, ORG_SAISIE: 403, ORG_SIGNATAIRE: 403 }, PREFECTURE: 403, PARTNER: 403, ANCOLS: 403 },
    otherwise: 404,
  },
  { name: 'reopening requests I may decide', method: 'GET', route: '/api/reopen-requests', path: () => '/api/reopen-requests', expect: LISTERS, otherwise: 403 },
  {
    name: 'import into orgA’s draft without a base revision (writers pass, then 422)',
    method: 'POST',
    route: '/api/statements/:id/import',
    path: (f) => `/api/statements/${f.statements.draftA.id}/import`,
    expect: { ORG_SAISIE: 422, ORG_SIGNATAIRE: 422, ORG_ADMIN: 403 },
    otherwise: 404,
  },
  {
    name: 'export the ER campaign',
    method: 'GET',
    route: '/api/campaigns/:campaignId/export',
    path: (f) => `/api/campaigns/${f.erCampaign.id}/export?format=csv&layout=long`,
    expect: { DHUP: 200, PREFECTURE: 200, PREFECTURE_B: 200, PARTNER: 200, ANCOLS: 200 },
    otherwise: 403,
  },
];
