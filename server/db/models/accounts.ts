import { bound } from './bound';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const ROLES = [
  'ORG_ADMIN',
  'ORG_SAISIE',
  'ORG_SIGNATAIRE',
  'FED_AGENT',
  'FED_EDITOR',
  'DHUP',
  'PREFECTURE',
  'PARTNER',
  'ER_EDITOR',
  'PLATFORM_ADMIN',
] as const;

export type Role = (typeof ROLES)[number];

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare role: Role;
  declare organisationId: number | null;
  declare federationId: number | null;
  declare authorityId: number | null;
  declare disabled: CreationOptional<boolean>;
  declare failedLogins: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare mfaSecret: string | null;
  declare mfaEnabled: CreationOptional<boolean>;
  /** The last TOTP time step accepted (a code is never accepted twice). */
  declare mfaLastStep: CreationOptional<number | null>;
  declare lastLoginAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  /** sha256 (hex) of the cookie value; the cookie value itself is never stored. */
  declare id: string;
  declare userId: number;
  declare csrfToken: string;
  declare address: string | null;
  declare createdAt: Date;
  declare lastSeenAt: Date;
  declare expiresAt: Date;
  /** 'enrol' or 'verify' until the second factor is done; null for a complete session. */
  declare mfaPending: CreationOptional<MfaPending | null>;
  /** The ProConnect id_token of the login, sent back at logout. */
  declare oidcIdToken: CreationOptional<string | null>;
}

export type MfaPending = 'enrol' | 'verify';

/** One ProConnect authorization request in flight: single use, bound to the browser that started it. */
export class OidcLogin extends Model<InferAttributes<OidcLogin>, InferCreationAttributes<OidcLogin>> {
  /** sha256 (hex) of the state. */
  declare id: string;
  /** sha256 (hex) of the browser-binding cookie value. */
  declare browser: string;
  declare nonce: string;
  declare codeVerifier: string;
  declare createdAt: Date;
}

export class LoginAttempt extends Model<InferAttributes<LoginAttempt>, InferCreationAttributes<LoginAttempt>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  declare address: string;
  declare email: string | null;
  declare success: boolean;
}

export function initAccounts(sequelize: Sequelize) {
  const models = { User: bound(User), Session: bound(Session), LoginAttempt: bound(LoginAttempt), OidcLogin: bound(OidcLogin) };
  models.User.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: DataTypes.STRING(254), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      role: { type: DataTypes.STRING(24), allowNull: false },
      organisationId: { type: DataTypes.INTEGER, allowNull: true },
      federationId: { type: DataTypes.INTEGER, allowNull: true },
      authorityId: { type: DataTypes.INTEGER, allowNull: true },
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      failedLogins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
      mfaSecret: { type: DataTypes.STRING(128), allowNull: true },
      mfaEnabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      mfaLastStep: { type: DataTypes.BIGINT, allowNull: true },
      lastLoginAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'users', underscored: true },
  );
  models.Session.init(
    {
      id: { type: DataTypes.CHAR(64), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      csrfToken: { type: DataTypes.STRING(64), allowNull: false },
      address: { type: DataTypes.STRING(64), allowNull: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
      lastSeenAt: { type: DataTypes.DATE(3), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      mfaPending: { type: DataTypes.STRING(8), allowNull: true },
      oidcIdToken: { type: DataTypes.TEXT, allowNull: true },
    },
    { sequelize, tableName: 'sessions', underscored: true, timestamps: false },
  );
  models.LoginAttempt.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      at: { type: DataTypes.DATE(3), allowNull: false },
      address: { type: DataTypes.STRING(64), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: true },
      success: { type: DataTypes.BOOLEAN, allowNull: false },
    },
    { sequelize, tableName: 'login_attempts', underscored: true, timestamps: false },
  );
  models.OidcLogin.init(
    {
      id: { type: DataTypes.CHAR(64), primaryKey: true },
      browser: { type: DataTypes.CHAR(64), allowNull: false },
      nonce: { type: DataTypes.STRING(128), allowNull: false },
      codeVerifier: { type: DataTypes.STRING(128), allowNull: false },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { sequelize, tableName: 'oidc_logins', underscored: true, timestamps: false },
  );
  return models;
}
