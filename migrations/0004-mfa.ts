/**
 * Second factor and ProConnect (docs/decisions/0504-mfa.md, 0505-proconnect.md).
 * - users.mfa_last_step: the last TOTP time step accepted, so a code is never accepted twice.
 * - sessions.mfa_pending: 'enrol' or 'verify' while the password is accepted but the second factor
 *   is not; null for a complete session.
 * - sessions.oidc_id_token: the ProConnect id_token, sent back as id_token_hint at logout.
 * - oidc_logins: one row per ProConnect authorization request (state, nonce, PKCE verifier), bound
 *   to the browser by a cookie and deleted at its first use.
 */
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.addColumn('users', 'mfa_last_step', { type: DataTypes.BIGINT, allowNull: true });
  await q.addColumn('sessions', 'mfa_pending', { type: DataTypes.STRING(8), allowNull: true });
  await q.addColumn('sessions', 'oidc_id_token', { type: DataTypes.TEXT, allowNull: true });
  await q.createTable('oidc_logins', {
    // sha256 of the state: the state itself travels in the URL, never stored.
    id: { type: DataTypes.CHAR(64), primaryKey: true, allowNull: false },
    browser: { type: DataTypes.CHAR(64), allowNull: false },
    nonce: { type: DataTypes.STRING(128), allowNull: false },
    code_verifier: { type: DataTypes.STRING(128), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('oidc_logins', ['created_at']);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.dropTable('oidc_logins');
  await q.removeColumn('sessions', 'oidc_id_token');
  await q.removeColumn('sessions', 'mfa_pending');
  await q.removeColumn('users', 'mfa_last_step');
}
