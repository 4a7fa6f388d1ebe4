import type { AccessFixtures } from './fixtures';
import { each, type AccessRow, type Principal } from './matrix';
import { CREATED_ORGANISATION } from './rows-referential';

/** Who follows a regulatory (ER) campaign: the ministry, the partners and the préfectures. */
const ER_FOLLOWERS: Principal[] = ['DHUP', 'PARTNER', 'ANCOLS', 'PREFECTURE', 'PREFECTURE_B'];
/** Whom `statement.search` lets search: every recipient, never an organisation (it lists its own through the statements capability). */
const SEARCHERS: Principal[] = ['FED_AGENT', 'FED_AGENT_B', 'DHUP', 'PREFECTURE', 'PREFECTURE_B', 'PARTNER', 'ANCOLS'];
/** Authorities' users: they keep work lists, one authority's lists hidden from every other. */
const LIST_KEEPERS: Principal[] = ['DHUP', 'PREFECTURE', 'PREFECTURE_B', 'PARTNER', 'ANCOLS'];

type Json = Record<string, unknown>;
const sortedIds = (items: unknown, id: (item: Json) => unknown) => (items as Json[]).map(id).sort((a, b) => Number(a) - Number(b));
const ids = (...values: Array<{ id: number }>) => values.map((v) => v.id).sort((a, b) => a - b);

/**
 * The organisations a campaign expects, by SIREN, as each follower may see them (the policies'
 * organisation scope). The referential rows, run before these, created an OPH without federation in 75.
 */
function membersSeen(campaign: 'ER' | 'FOPH') {
  return (f: AccessFixtures): Partial<Record<Principal, string[]>> => {
    const { orgA, orgB, orgC } = f.organisations;
    const sirens = (...sirens: string[]) => sirens.sort();
    if (campaign === 'FOPH') return { FED_AGENT: sirens(orgA.siren, orgC.siren) };
    const all = sirens(orgA.siren, orgB.siren, orgC.siren, CREATED_ORGANISATION.siren);
    // The 69 préfecture sees orgA (siège 69) and orgC (which chose 69); the 75's orgB and the new office.
    return {
      ...each(['DHUP', 'PARTNER', 'ANCOLS'], all),
      PREFECTURE: sirens(orgA.siren, orgC.siren),
      PREFECTURE_B: sirens(orgB.siren, CREATED_ORGANISATION.siren),
    };
  };
}

function followRow(campaign: 'ER' | 'FOPH', what: 'progress' | 'organisations'): AccessRow {
  const count = what === 'progress';
  return {
    name: `${what} of the ${campaign} campaign`,
    method: 'GET',
    route: `/api/consoles/campaigns/:id/${what}`,
    path: (f) => `/api/consoles/campaigns/${(campaign === 'ER' ? f.erCampaign : f.fophCampaign).id}/${what}`,
    // FOPH's agent follows its own federation's questionnaire; FESH's does not, nor any ER follower.
    expect: each(campaign === 'ER' ? ER_FOLLOWERS : ['FED_AGENT'], 200),
    otherwise: 403,
    sees: {
      read: (body) =>
        count
          ? (body as { totals: { total: number } }).totals.total
          : (body as { items: Array<{ organisation: { siren: string } }> }).items.map((i) => i.organisation.siren).sort(),
      expect: (f) => {
        const seen = membersSeen(campaign)(f);
        return count ? Object.fromEntries(Object.entries(seen).map(([who, orgs]) => [who, orgs.length])) : seen;
      },
      otherwise: 'nothing',
    },
  };
}

/** The statements each searcher may read: the authorities' transmitted ER statements. */
function statementsSeen(f: AccessFixtures): Partial<Record<Principal, unknown>> {
  const { transmittedA, reopenRequested } = f.statements;
  return each(['DHUP', 'PARTNER', 'ANCOLS', 'PREFECTURE'], ids(transmittedA, reopenRequested));
}

/** The consoles' search (or inbox), or the search of orgA by SIREN: the filter narrows each caller's scope, never widens it. */
function searchRow(route: 'statements' | 'inbox', only?: 'orgA'): AccessRow {
  return {
    name: only ? `${route} of orgA by SIREN: still nothing outside my scope` : `${route}: the statements I may read, and nothing else`,
    method: 'GET',
    route: `/api/consoles/${route}`,
    path: (f) => `/api/consoles/${route}${only ? `?q=${f.organisations.orgA.siren}` : ''}`,
    expect: each(SEARCHERS, 200),
    otherwise: 403,
    // Federation agents receive their federations' questionnaires only; the 75 préfecture none of orgA's.
    sees: {
      read: (body) => sortedIds((body as Json).items, (i) => i.id),
      expect: statementsSeen,
      otherwise: [],
    },
  };
}

/**
 * The work lists (server/consoles/work-list-routes.ts): an authority's users use their authority's
 * lists, and a list of another authority does not exist for them (404), same role or not; ANCOLS and
 * the CDC are both PARTNER. A list narrows a search or a follow-up, it never widens the scope.
 */
const workListRows: AccessRow[] = [
  {
    name: 'work lists of my authority',
    method: 'GET',
    route: '/api/consoles/work-lists',
    path: () => '/api/consoles/work-lists',
    expect: each(LIST_KEEPERS, 200),
    otherwise: 403,
    sees: {
      read: (body) => ((body as { items: Json[] }).items.map((l) => l.name) as string[]).sort(),
      expect: () => ({ DHUP: ['Suivi DHUP'], PARTNER: ['Suivi CDC'], ANCOLS: ['À supprimer'] }),
      otherwise: [],
    },
  },
  {
    name: 'create a work list (each authority its own)',
    method: 'POST',
    route: '/api/consoles/work-lists',
    path: () => '/api/consoles/work-lists',
    body: () => ({ name: 'Nouvelle liste' }),
    expect: each(LIST_KEEPERS, 201),
    otherwise: 403,
  },
  ...(['GET', 'PATCH'] as const).map((method): AccessRow => ({
    name: `${method} the DHUP's list (a list of another authority is unknown)`,
    method,
    route: '/api/consoles/work-lists/:id',
    path: (f) => `/api/consoles/work-lists/${f.workLists.dhup.id}`,
    body: () => ({ name: 'Suivi DHUP' }),
    expect: { DHUP: 200 },
    otherwise: 404,
    sees: {
      read: (body) => ((body as { organisations: Json[] }).organisations.map((o) => o.siren) as string[]).sort(),
      expect: (f) => ({ DHUP: [f.organisations.orgA.siren] }),
      otherwise: [],
    },
  })),
  {
    name: 'the CDC’s list: its partner only, not ANCOLS (same role, other authority)',
    method: 'GET',
    route: '/api/consoles/work-lists/:id',
    path: (f) => `/api/consoles/work-lists/${f.workLists.cdc.id}`,
    expect: { PARTNER: 200 },
    otherwise: 404,
  },
  {
    name: 'add orgA (already there) to the DHUP’s list',
    method: 'POST',
    route: '/api/consoles/work-lists/:id/organisations',
    path: (f) => `/api/consoles/work-lists/${f.workLists.dhup.id}/organisations`,
    body: (f) => ({ organisationIds: [f.organisations.orgA.id] }),
    expect: { DHUP: 200 },
    otherwise: 404,
  },
  {
    name: 'import into the DHUP’s list, sent as JSON (DHUP passes, then 415)',
    method: 'POST',
    route: '/api/consoles/work-lists/:id/import',
    path: (f) => `/api/consoles/work-lists/${f.workLists.dhup.id}/import`,
    body: () => ({ csv: '732829320' }),
    expect: { DHUP: 415 },
    otherwise: 404,
  },
  {
    name: 'search narrowed to the DHUP’s list: orgA’s statements; anyone else’s list is unknown',
    method: 'GET',
    route: '/api/consoles/statements',
    path: (f) => `/api/consoles/statements?workList=${f.workLists.dhup.id}`,
    expect: { ...each(SEARCHERS, 404), DHUP: 200 },
    otherwise: 403,
    sees: {
      read: (body) => sortedIds((body as Json).items, (i) => i.id),
      expect: (f) => ({ DHUP: ids(f.statements.transmittedA, f.statements.reopenRequested) }),
      otherwise: [],
    },
  },
  {
    name: 'progress of the ER campaign narrowed to the CDC’s list (orgB)',
    method: 'GET',
    route: '/api/consoles/campaigns/:id/progress',
    path: (f) => `/api/consoles/campaigns/${f.erCampaign.id}/progress?workList=${f.workLists.cdc.id}`,
    expect: { ...each(ER_FOLLOWERS, 404), PARTNER: 200 },
    otherwise: 403,
    sees: { read: (body) => (body as { totals: { total: number } }).totals.total, expect: () => ({ PARTNER: 1 }), otherwise: 0 },
  },
  {
    name: 'remove orgB from the CDC’s list (the partner removes it, then it is gone)',
    method: 'DELETE',
    route: '/api/consoles/work-lists/:id/organisations/:organisationId',
    path: (f) => `/api/consoles/work-lists/${f.workLists.cdc.id}/organisations/${f.organisations.orgB.id}`,
    expect: { PARTNER: 204 },
    otherwise: 404,
  },
  {
    name: 'delete the ANCOLS list (ANCOLS deletes it; no one else knows it)',
    method: 'DELETE',
    route: '/api/consoles/work-lists/:id',
    path: (f) => `/api/consoles/work-lists/${f.workLists.ancols.id}`,
    expect: { ANCOLS: 204 },
    otherwise: 404,
  },
];

type JobRoute = 'latest' | 'job' | 'cancel' | 'file' | 'start';

/** The path of a job route: start, the latest job, one job (the fixtures' finished one), its cancellation or its file. */
function jobPath(base: string, route: JobRoute, jobId: number): { route: string; path: string; method: 'GET' | 'POST' } {
  const suffix = { start: '', latest: '/latest', job: '/:jobId', cancel: '/:jobId/cancel', file: '/:jobId/file' }[route];
  return {
    route: `${base}/jobs${suffix}`,
    path: `${base}/jobs${suffix}`.replace(':jobId', String(jobId)),
    method: route === 'start' || route === 'cancel' ? 'POST' : 'GET',
  };
}

/**
 * Background jobs (server/consoles/job-routes.ts). The policy of the subject decides who may start
 * and follow them (campaign.export, form.edit); a job is then its starter's alone: another user who
 * passes the policy does not know it (404). Cancelling a finished job is a conflict (409).
 */
const jobRows: AccessRow[] = [
  ...(['latest', 'job', 'cancel', 'file', 'start'] as const).map((route): AccessRow => {
    const at = (f: AccessFixtures) => jobPath(`/api/consoles/campaigns/${f.erCampaign.id}/receipts`, route, f.jobs.dhupReceipts.id);
    const own = { latest: 200, job: 200, cancel: 409, file: 200, start: 202 }[route];
    return {
      name: `receipts job: ${route} (the DHUP’s job; the other followers pass the policy but do not know it)`,
      method: jobPath('', route, 0).method,
      route: jobPath('/api/consoles/campaigns/:id/receipts', route, 0).route,
      path: (f) => at(f).path,
      expect: { ...each(ER_FOLLOWERS, route === 'latest' || route === 'start' ? own : 404), DHUP: own },
      otherwise: 403,
      ...(route === 'latest'
        ? {
            sees: {
              read: (body: unknown) => (body as { job: { id: number } | null }).job?.id ?? null,
              expect: (f: AccessFixtures) => ({ DHUP: f.jobs.dhupReceipts.id }),
              otherwise: null,
            },
          }
        : {}),
    };
  }),
  ...(['latest', 'job', 'cancel', 'start'] as const).map((route): AccessRow => {
    const own = { latest: 200, job: 200, cancel: 409, start: 202 }[route];
    return {
      name: `impact job of the ER draft: ${route} (its editor only; the draft is unknown to anyone else)`,
      method: jobPath('', route, 0).method,
      route: jobPath('/api/consoles/versions/:id/impact', route, 0).route,
      path: (f) => jobPath(`/api/consoles/versions/${f.erDraft.id}/impact`, route, f.jobs.editorImpact.id).path,
      expect: { ER_EDITOR: own },
      otherwise: 404,
    };
  }),
];

/** SIRENs of the receipts in a zip, read from its entry names (`<SIREN>-<receipt number>.pdf`, stored in clear). */
const receiptOwners = (zip: unknown) => [...new Set([...String(zip).matchAll(/(\d{9})-HAR-\d{4}-\d+\.pdf/g)].map((m) => m[1]))].sort();

/** Reminders sent with an empty choice of statuses: the allowed sender passes the policy, then stops at validation (422). */
function remindRow(campaign: 'ER' | 'FOPH', sender: Principal): AccessRow {
  return {
    name: `remind the ${campaign} campaign with no status chosen (${sender} passes, then 422)`,
    method: 'POST',
    route: '/api/consoles/campaigns/:id/reminders',
    path: (f) => `/api/consoles/campaigns/${(campaign === 'ER' ? f.erCampaign : f.fophCampaign).id}/reminders`,
    body: () => ({ statuses: [] }),
    expect: { [sender]: 422 },
    otherwise: 403,
  };
}

/** The live check of a package of which only the manifest's owner matters: it answers diagnostics and stores nothing. */
function checkRow(owner: string, editor: Principal): AccessRow {
  return {
    name: `check a ${owner} package (${editor} only)`,
    method: 'POST',
    route: '/api/consoles/check',
    path: () => '/api/consoles/check',
    body: () => ({ files: { 'manifest.json': JSON.stringify({ owner }) } }),
    expect: { [editor]: 200 },
    otherwise: 403,
  };
}

function versionRows(download: 'impact' | 'types.d.ts' | 'schemas.json'): AccessRow[] {
  const route = `/api/consoles/versions/:id/${download}`;
  const path = (version: (f: AccessFixtures) => { id: number }) => (f: AccessFixtures) =>
    `/api/consoles/versions/${version(f).id}/${download}`;
  // A draft is its editors' alone (404 to anyone else); once published, everyone may download it
  // but the federation editors it is hidden from (404), and the impact report stays with the
  // editors (form.edit: 403).
  const publishedRow = (
    name: string,
    version: (f: AccessFixtures) => { id: number },
    editor: Principal,
    hiddenFrom: Principal[],
  ): AccessRow =>
    download === 'impact'
      ? { name, method: 'GET', route, path: path(version), expect: { [editor]: 200, ...each(hiddenFrom, 404) }, otherwise: 403 }
      : { name, method: 'GET', route, path: path(version), expect: each(hiddenFrom, 404), otherwise: 200 };
  return [
    { name: `${download} of the ER draft`, method: 'GET', route, path: path((f) => f.erDraft), expect: { ER_EDITOR: 200 }, otherwise: 404 },
    {
      name: `${download} of the FOPH draft (FESH’s editor and the ER editor do not know it)`,
      method: 'GET',
      route,
      path: path((f) => f.fophDraft),
      expect: { FED_EDITOR: 200 },
      otherwise: 404,
    },
    publishedRow(`${download} of the published ER`, (f) => f.erPublished, 'ER_EDITOR', ['FED_EDITOR', 'FED_EDITOR_B']),
    publishedRow(`${download} of the published FOPH questionnaire`, (f) => f.fophPublished, 'FED_EDITOR', ['FED_EDITOR_B']),
    {
      name: `${download} of an unknown version`,
      method: 'GET',
      route,
      path: () => `/api/consoles/versions/999999/${download}`,
      expect: {},
      otherwise: 404,
    },
  ];
}

/**
 * The consoles' routes (server/consoles/routes.ts). Campaigns are visible to everyone, so a
 * campaign the caller may not follow is refused with 403; form versions stay unknown (404) to
 * non-editors until published. Reminders are sent with an empty choice of statuses, so the
 * allowed sender stops at validation (422) and nothing is mailed; the package check stores nothing.
 */
export const consoleRows: AccessRow[] = [
  {
    name: 'campaigns I follow or manage (the list is filtered per campaign)',
    method: 'GET',
    route: '/api/consoles/campaigns',
    path: () => '/api/consoles/campaigns',
    expect: {},
    otherwise: 200,
    sees: {
      read: (body) => sortedIds((body as Json).items, (i) => i.id),
      expect: (f) => {
        // The fixtures' ER campaign and the two the statement fixtures open on the same version.
        const { transmittedA, reopenRequested } = f.statements;
        const er = [f.erCampaign.id, transmittedA.campaignId, reopenRequested.campaignId].sort((a, b) => a - b);
        return { ...each([...ER_FOLLOWERS, 'ER_EDITOR'], er), ...each(['FED_AGENT', 'FED_EDITOR'], [f.fophCampaign.id]) };
      },
      // Organisations, FESH (no questionnaire of its own here) and the platform administrator follow nothing.
      otherwise: [],
    },
  },
  {
    name: 'forms I edit (never another owner’s)',
    method: 'GET',
    route: '/api/consoles/forms',
    path: () => '/api/consoles/forms',
    expect: each(['ER_EDITOR', 'FED_EDITOR', 'FED_EDITOR_B'], 200),
    otherwise: 403,
    sees: {
      read: (body) => ((body as { forms: Json[] }).forms.map((form) => form.code) as string[]).sort(),
      expect: () => ({ ER_EDITOR: ['er-ols'], FED_EDITOR: ['dis-foph'] }),
      otherwise: [],
    },
  },
  followRow('ER', 'progress'),
  followRow('FOPH', 'progress'),
  followRow('ER', 'organisations'),
  followRow('FOPH', 'organisations'),
  {
    name: 'organisations of the ER campaign filtered on 75 (the filter narrows the scope, never widens it)',
    method: 'GET',
    route: '/api/consoles/campaigns/:id/organisations',
    path: (f) => `/api/consoles/campaigns/${f.erCampaign.id}/organisations?departement=75`,
    expect: each(ER_FOLLOWERS, 200),
    otherwise: 403,
    sees: {
      read: (body) => (body as { items: Array<{ organisation: { siren: string } }> }).items.map((i) => i.organisation.siren).sort(),
      expect: (f) => each(['DHUP', 'PARTNER', 'ANCOLS', 'PREFECTURE_B'], [f.organisations.orgB.siren, CREATED_ORGANISATION.siren].sort()),
      otherwise: [],
    },
  },
  {
    name: 'progress of an unknown campaign',
    method: 'GET',
    route: '/api/consoles/campaigns/:id/progress',
    path: () => '/api/consoles/campaigns/999999/progress',
    expect: {},
    otherwise: 404,
  },
  {
    name: 'receipts of the campaign of orgA’s transmitted statement',
    method: 'GET',
    route: '/api/consoles/campaigns/:id/receipts.zip',
    path: (f) => `/api/consoles/campaigns/${f.statements.transmittedA.campaignId}/receipts.zip`,
    expect: each(ER_FOLLOWERS, 200),
    otherwise: 403,
    // The 75 préfecture follows the campaign but receives none of orgA's statements: an empty archive.
    sees: {
      read: receiptOwners,
      expect: (f) => each(['DHUP', 'PARTNER', 'ANCOLS', 'PREFECTURE'], [f.organisations.orgA.siren]),
      otherwise: [],
    },
  },
  {
    name: 'receipts of the FOPH campaign',
    method: 'GET',
    route: '/api/consoles/campaigns/:id/receipts.zip',
    path: (f) => `/api/consoles/campaigns/${f.fophCampaign.id}/receipts.zip`,
    expect: { FED_AGENT: 200 },
    otherwise: 403,
    sees: { read: receiptOwners, expect: () => ({}), otherwise: [] },
  },
  remindRow('ER', 'DHUP'),
  remindRow('FOPH', 'FED_AGENT'),
  searchRow('statements'),
  searchRow('inbox'),
  searchRow('statements', 'orgA'),
  checkRow('DHUP', 'ER_EDITOR'),
  checkRow('FOPH', 'FED_EDITOR'),
  ...versionRows('impact'),
  ...versionRows('types.d.ts'),
  ...versionRows('schemas.json'),
  ...workListRows,
  ...jobRows,
];
