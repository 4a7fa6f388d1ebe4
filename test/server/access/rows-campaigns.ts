import type { AccessRow } from './matrix';

export const campaignRows: AccessRow[] = [
  { name: 'campaigns', method: 'GET', route: '/api/campaigns', path: () => '/api/campaigns', expect: {}, otherwise: 200 },
  {
    name: 'ER campaign',
    method: 'GET',
    route: '/api/campaigns/:id',
    path: (f) => `/api/campaigns/${f.erCampaign.id}`,
    expect: {},
    otherwise: 200,
  },
  {
    name: 'open a second ER campaign (owner passes the policy, then 409)',
    method: 'POST',
    route: '/api/campaigns',
    path: () => '/api/campaigns',
    body: (f) => ({ formVersionId: f.erPublished.id, opensAt: '2025-01-15T00:00:00Z', closesAt: '2025-07-15T00:00:00Z' }),
    expect: { DHUP: 409, ER_EDITOR: 409 },
    otherwise: 403,
  },
  {
    name: 'rename the ER campaign',
    method: 'PATCH',
    route: '/api/campaigns/:id',
    path: (f) => `/api/campaigns/${f.erCampaign.id}`,
    body: () => ({ title: 'États réglementaires 2024' }),
    expect: { DHUP: 200, ER_EDITOR: 200 },
    otherwise: 403,
  },
  {
    name: 'rename the FOPH campaign',
    method: 'PATCH',
    route: '/api/campaigns/:id',
    path: (f) => `/api/campaigns/${f.fophCampaign.id}`,
    body: () => ({ title: 'Questionnaire FOPH 2024' }),
    expect: { FED_EDITOR: 200 },
    otherwise: 403,
  },
];
