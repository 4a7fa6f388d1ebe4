import type { Role } from '../db/models';
import type { Actor } from './actor';

/** Owners of regulatory statements (états réglementaires); any other owner is a federation code. */
export const REGULATORY_OWNERS: readonly string[] = ['CGLLS', 'DHUP'];
export const isRegulatory = (owner: string) => REGULATORY_OWNERS.includes(owner);

/** Roles an organisation administrator may give to the users of its organisation. */
export const ORGANISATION_ROLES: readonly Role[] = ['ORG_ADMIN', 'ORG_SAISIE', 'ORG_SIGNATAIRE'];

export type Subject =
  | { type: 'none' }
  | { type: 'organisation'; id: number; federationId: number | null; departement: string; departements: string[] }
  | { type: 'user'; id?: number; organisationId: number | null; role: Role }
  | { type: 'form'; owner: string; published: boolean }
  | { type: 'campaign'; owner: string }
  | {
      type: 'statement';
      organisationId: number;
      /** Federation of the organisation. */
      federationId: number | null;
      /** Département of the organisation's registered office. */
      departement: string;
      /** Départements of the préfectures chosen as recipients. */
      prefectures: string[];
      formOwner: string;
      /** True once transmitted at least once: authorities only ever see transmitted statements. */
      transmitted: boolean;
    }
  | { type: 'audit' }
  /** A work list of organisations, kept by one authority (server/consoles/work-lists). */
  | { type: 'worklist'; authorityId: number };

type Rule = (actor: Actor, subject: Subject) => boolean;

const isOrgMember = (a: Actor, organisationId: number | null) => a.organisationId !== null && a.organisationId === organisationId;
const isEditorOf = (a: Actor, owner: string) =>
  (a.role === 'ER_EDITOR' && isRegulatory(owner)) || (a.role === 'FED_EDITOR' && a.federationCode !== null && a.federationCode === owner);

function organisationVisible(a: Actor, s: Subject): boolean {
  if (s.type !== 'organisation') return false;
  switch (a.role) {
    case 'ORG_ADMIN':
    case 'ORG_SAISIE':
    case 'ORG_SIGNATAIRE':
      return isOrgMember(a, s.id);
    case 'FED_AGENT':
    case 'FED_EDITOR':
      return s.federationId !== null && a.memberFederationIds.includes(s.federationId);
    case 'PREFECTURE':
      return (
        a.authorityDepartement !== null && (s.departement === a.authorityDepartement || s.departements.includes(a.authorityDepartement))
      );
    case 'DHUP':
    case 'PARTNER':
    case 'ER_EDITOR':
    case 'PLATFORM_ADMIN':
      return true;
    default:
      return false;
  }
}

/** Whether a recipient (authority or federation) may see a transmitted statement. */
function isRecipient(a: Actor, s: Extract<Subject, { type: 'statement' }>): boolean {
  if (!s.transmitted) return false;
  switch (a.role) {
    case 'DHUP':
    case 'PARTNER':
      return isRegulatory(s.formOwner);
    case 'PREFECTURE':
      return (
        isRegulatory(s.formOwner) &&
        a.authorityDepartement !== null &&
        (s.departement === a.authorityDepartement || s.prefectures.includes(a.authorityDepartement))
      );
    case 'FED_AGENT':
      return a.questionnaireOwners.includes(s.formOwner) && s.federationId !== null && a.memberFederationIds.includes(s.federationId);
    default:
      return false;
  }
}

const statementRule =
  (decide: (a: Actor, s: Extract<Subject, { type: 'statement' }>) => boolean): Rule =>
  (a, s) =>
    s.type === 'statement' && decide(a, s);

const ORG_READERS: readonly Role[] = ['ORG_ADMIN', 'ORG_SAISIE', 'ORG_SIGNATAIRE'];
/** Authorities' users: they keep work lists, shared within their authority. */
const AUTHORITY_ROLES: readonly Role[] = ['DHUP', 'PARTNER', 'PREFECTURE'];
const keepsWorkLists = (a: Actor) => AUTHORITY_ROLES.includes(a.role) && a.authorityId !== null;
const ORG_WRITERS: readonly Role[] = ['ORG_SAISIE', 'ORG_SIGNATAIRE'];
const ANY: Rule = () => true;

/**
 * Every action of the API and who may perform it. An action missing here is denied to everyone.
 * Object-level rules receive the subject loaded by the route; the matching SQL scopes are in ./scopes.
 */
export const RULES = {
  'referential.read': ANY,
  'organisation.list': ANY,
  'organisation.read': organisationVisible,
  'organisation.create': (a) => a.role === 'PLATFORM_ADMIN',
  'organisation.update': (a, s) => a.role === 'PLATFORM_ADMIN' && s.type === 'organisation',
  'user.read': (a, s) => s.type === 'user' && (a.role === 'PLATFORM_ADMIN' || (a.role === 'ORG_ADMIN' && isOrgMember(a, s.organisationId))),
  'user.list': (a, s) => s.type === 'organisation' && (a.role === 'PLATFORM_ADMIN' || (a.role === 'ORG_ADMIN' && isOrgMember(a, s.id))),
  // For creation and update the subject is the user as it will be (its organisation and role).
  'user.create': (a, s) =>
    s.type === 'user' &&
    (a.role === 'PLATFORM_ADMIN' || (a.role === 'ORG_ADMIN' && isOrgMember(a, s.organisationId) && ORGANISATION_ROLES.includes(s.role))),
  'user.update': (a, s) =>
    s.type === 'user' &&
    (a.role === 'PLATFORM_ADMIN' || (a.role === 'ORG_ADMIN' && isOrgMember(a, s.organisationId) && ORGANISATION_ROLES.includes(s.role))),
  // Removing a user's second factor (lost phone) is the platform administrator's alone.
  'user.mfa.reset': (a, s) => s.type === 'user' && a.role === 'PLATFORM_ADMIN',
  // Searching every account of the platform (the « Comptes » console): the platform administrator's alone.
  'user.search': (a) => a.role === 'PLATFORM_ADMIN',
  'form.list': ANY,
  // Any editor may send a package; who may store it is decided on its manifest's owner (form.edit).
  'form.upload': (a) => a.role === 'ER_EDITOR' || a.role === 'FED_EDITOR',
  // Published versions are open to every account (software vendors, preview), except that a
  // federation's editors see their own federation's forms only: never the ER, nor another's.
  'form.read': (a, s) => s.type === 'form' && (isEditorOf(a, s.owner) || (s.published && a.role !== 'FED_EDITOR')),
  'form.edit': (a, s) => s.type === 'form' && isEditorOf(a, s.owner),
  'campaign.read': ANY,
  'campaign.manage': (a, s) => s.type === 'campaign' && (isEditorOf(a, s.owner) || (a.role === 'DHUP' && isRegulatory(s.owner))),
  'campaign.export': (a, s) =>
    s.type === 'campaign' &&
    (((a.role === 'DHUP' || a.role === 'PARTNER' || a.role === 'PREFECTURE') && isRegulatory(s.owner)) ||
      (a.role === 'FED_AGENT' && a.questionnaireOwners.includes(s.owner))),
  'campaign.remind': (a, s) =>
    s.type === 'campaign' &&
    ((a.role === 'DHUP' && isRegulatory(s.owner)) || (a.role === 'FED_AGENT' && a.questionnaireOwners.includes(s.owner))),
  'statement.list': (a) => [...ORG_READERS, 'FED_AGENT', 'DHUP', 'PREFECTURE', 'PARTNER'].includes(a.role),
  // The consoles' search and inbox: recipients only (organisations list their own through statement.list).
  'statement.search': (a) => ['FED_AGENT', ...AUTHORITY_ROLES].includes(a.role),
  'statement.read': statementRule((a, s) => (ORG_READERS.includes(a.role) && isOrgMember(a, s.organisationId)) || isRecipient(a, s)),
  'statement.edit': statementRule((a, s) => ORG_WRITERS.includes(a.role) && isOrgMember(a, s.organisationId)),
  'statement.transmit': statementRule((a, s) => a.role === 'ORG_SIGNATAIRE' && isOrgMember(a, s.organisationId)),
  'statement.reopen.request': statementRule((a, s) => a.role === 'ORG_SIGNATAIRE' && isOrgMember(a, s.organisationId) && s.transmitted),
  'statement.reopen.decide': statementRule(
    (a, s) => (a.role === 'DHUP' && isRegulatory(s.formOwner) && s.transmitted) || (a.role === 'FED_AGENT' && isRecipient(a, s)),
  ),
  'statement.acknowledge': statementRule((a, s) => a.role !== 'PARTNER' && isRecipient(a, s)),
  'worklist.use': keepsWorkLists,
  'worklist.manage': (a, s) => s.type === 'worklist' && keepsWorkLists(a) && a.authorityId === s.authorityId,
  'audit.read': (a) => a.role === 'PLATFORM_ADMIN' || (a.role === 'PARTNER' && a.authorityKind === 'ANCOLS'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

/** The action whose refusal means "you may not even know this object exists" (answered 404). */
export const VISIBILITY: Partial<Record<Action, Action>> = {
  'organisation.update': 'organisation.read',
  'user.list': 'organisation.read',
  // The route's loader has already hidden organisations the actor cannot see.
  'user.create': 'referential.read',
  'user.update': 'user.read',
  'user.mfa.reset': 'user.read',
  'form.edit': 'form.read',
  'campaign.manage': 'campaign.read',
  'campaign.export': 'campaign.read',
  'campaign.remind': 'campaign.read',
  'statement.edit': 'statement.read',
  'statement.transmit': 'statement.read',
  'statement.reopen.request': 'statement.read',
  'statement.reopen.decide': 'statement.read',
  'statement.acknowledge': 'statement.read',
};
