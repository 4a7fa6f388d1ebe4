import {
  arrayOf,
  dateTime,
  idParameter,
  integer,
  jsonBody,
  nullable,
  object,
  operation,
  ref,
  string,
  type OpenApiFragment,
} from '../openapi/builder';
import { ROLES } from '../db/models';
import { CodeSchema, LoginSchema, VerifySchema } from './schema';

const tags = ['Authentification'];

const meProperties = {
  user: object({ id: integer, email: string, name: string, role: ref('Role') }),
  organisation: nullable(object({ id: integer, siren: string, name: string, kind: ref('OrganisationKind'), departement: string })),
  federation: nullable(object({ id: integer, code: string, name: string })),
  authority: nullable(ref('Authority')),
  csrfToken: { type: 'string', description: 'À renvoyer dans l’en-tête X-CSRF-Token de toute requête POST, PUT, PATCH ou DELETE.' },
  mfa: {
    description:
      'Étape de double authentification encore due : « enrol » (enrôler une application), « verify » (saisir un code) ; null quand la session est complète. Tant qu’elle est due, les routes protégées répondent 403 mfa_required (restent ouvertes /api/auth/me, les trois étapes, la déconnexion et les routes publiques).',
    oneOf: [{ type: 'string', enum: ['enrol', 'verify'] }, { type: 'null' }],
  },
};

const recoveryCodesProperty = {
  ...arrayOf({ type: 'string', pattern: '^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$' }),
  minItems: 10,
  maxItems: 10,
  description:
    'Les 10 codes de secours à usage unique, affichés cette fois seulement (le serveur n’en garde qu’une empreinte) ; chacun remplace une fois le code de l’application. Les précédents ne valent plus.',
};

export const authOpenApi: OpenApiFragment = {
  schemas: {
    Me: object(meProperties),
    Session: object({
      ...meProperties,
      recoveryCodesRemaining: {
        oneOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }],
        description:
          'Codes de secours encore utilisables ; null quand le compte n’a pas de double authentification, ou tant qu’elle est due. À 0, l’interface invite à en générer.',
      },
    }),
    MfaEnrolmentConfirmed: object({ ...meProperties, recoveryCodes: recoveryCodesProperty }),
    MfaVerified: object({
      ...meProperties,
      recoveryCodesRemaining: {
        type: 'integer',
        minimum: 0,
        description: 'Codes de secours encore utilisables ; à 3 ou moins, l’interface invite à en générer de nouveaux.',
      },
    }),
    MfaRecoveryCodes: object({ recoveryCodes: recoveryCodesProperty }),
    MfaEnrolment: object({
      secret: { type: 'string', description: 'Le secret en base32, à saisir à la main si le QR code ne peut être lu.' },
      uri: { type: 'string', description: 'L’URI otpauth://totp/… (SHA-1, 6 chiffres, 30 s).' },
      qrCode: { type: 'string', description: 'Le QR code de l’URI, en data URL SVG.' },
    }),
    Role: { type: 'string', enum: [...ROLES] },
    Instant: dateTime,
  },
  paths: {
    '/api/auth/login': {
      post: operation(
        tags,
        'Se connecter : ouvre une session (cookie) et renvoie le jeton CSRF',
        { 200: ref('Me') },
        [400, 401, 403, 422, 429],
        { requestBody: jsonBody(LoginSchema) },
      ),
    },
    '/api/auth/logout': {
      post: operation(
        tags,
        'Se déconnecter : la session est invalidée côté serveur ; une session ProConnect indique en plus où envoyer le navigateur',
        { 200: object({ endSessionUrl: string }), 204: null },
        [403],
      ),
    },
    '/api/auth/providers': {
      get: operation(
        tags,
        'Les moyens de connexion proposés en plus du mot de passe',
        { 200: object({ proConnect: { type: 'boolean' } }) },
        [],
      ),
    },
    '/api/auth/proconnect/login': {
      get: operation(tags, 'ProConnect : redirige le navigateur vers le fournisseur d’identité (si configuré)', { 302: null }, [404]),
    },
    '/api/auth/proconnect/callback': {
      get: operation(
        tags,
        'ProConnect : retour du fournisseur ; ouvre une session et redirige vers l’accueil, ou vers /connexion?erreur=proconnect',
        { 302: null },
        [404],
      ),
    },
    '/api/auth/me': {
      get: operation(
        tags,
        'L’utilisateur connecté, son rattachement, le jeton CSRF, l’étape de double authentification due et le nombre de codes de secours restants',
        { 200: ref('Session') },
        [401],
      ),
    },
    '/api/auth/mfa/enrolment': {
      post: operation(
        tags,
        'Double authentification : le secret, l’URI otpauth et le QR code à enrôler',
        { 200: ref('MfaEnrolment') },
        [400, 401, 403, 409],
      ),
    },
    '/api/auth/mfa/enrolment/confirm': {
      post: operation(
        tags,
        'Double authentification : confirme l’enrôlement par un code ; la session est renouvelée et les 10 codes de secours sont donnés, une seule fois',
        { 200: ref('MfaEnrolmentConfirmed') },
        [400, 401, 403, 409, 422, 429],
        {
          requestBody: jsonBody(CodeSchema),
        },
      ),
    },
    '/api/auth/mfa/verify': {
      post: operation(
        tags,
        'Double authentification : vérifie le code de l’application, ou un code de secours (usage unique) ; la session est renouvelée',
        { 200: ref('MfaVerified') },
        [400, 401, 403, 409, 422, 429],
        {
          requestBody: jsonBody(VerifySchema),
        },
      ),
    },
    '/api/auth/mfa/recovery-codes': {
      post: operation(
        tags,
        'Double authentification : remplace les codes de secours (session complète, code de l’application exigé) ; les précédents ne valent plus',
        { 200: ref('MfaRecoveryCodes') },
        [400, 401, 403, 409, 422, 429],
        {
          requestBody: jsonBody(CodeSchema),
        },
      ),
    },
    '/api/auth/users/{id}/second-factor': {
      delete: operation(
        tags,
        'Réinitialise la double authentification d’un compte (administrateur de la plateforme) : secret et codes de secours effacés, sessions fermées',
        { 204: null },
        [401, 403, 404],
        {
          parameters: [idParameter()],
        },
      ),
    },
  },
};
