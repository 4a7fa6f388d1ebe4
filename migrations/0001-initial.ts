/**
 * The whole initial schema, portable between SQLite and MariaDB/MySQL (queryInterface only, no raw DDL).
 * Conventions: snake_case columns, integer ids, JSON columns for answers and packages, DATE(3)
 * (millisecond precision) wherever a timestamp takes part in a hash or an ordering.
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const timestamps = { created_at: at(), updated_at: at() };
const ref = (table: string, allowNull = false, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT') => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete,
  onUpdate: 'CASCADE',
});
const hash = (allowNull = false) => ({ type: DataTypes.CHAR(64), allowNull });

async function referential(q: QueryInterface) {
  await q.createTable('federations', {
    id,
    code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    ...timestamps,
  });
  await q.createTable('authorities', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    departement: { type: DataTypes.STRING(3), allowNull: true },
    ...timestamps,
  });
  await q.createTable('organisations', {
    id,
    siren: { type: DataTypes.CHAR(9), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    federation_id: ref('federations', true),
    departement: { type: DataTypes.STRING(3), allowNull: false },
    departements: { type: DataTypes.JSON, allowNull: false },
    ...timestamps,
  });
  await q.addIndex('organisations', ['federation_id']);
  await q.addIndex('organisations', ['departement']);
}

async function accounts(q: QueryInterface) {
  await q.createTable('users', {
    id,
    email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    role: { type: DataTypes.STRING(24), allowNull: false },
    organisation_id: ref('organisations', true),
    federation_id: ref('federations', true),
    authority_id: ref('authorities', true),
    disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    failed_logins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: at(true),
    mfa_secret: { type: DataTypes.STRING(128), allowNull: true },
    mfa_enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    last_login_at: at(true),
    ...timestamps,
  });
  await q.addIndex('users', ['organisation_id']);
  await q.addIndex('users', ['federation_id']);
  await q.addIndex('users', ['authority_id']);
  await q.createTable('sessions', {
    // sha256 of the random cookie value: a stolen database does not yield usable cookies.
    id: { type: DataTypes.CHAR(64), primaryKey: true, allowNull: false },
    user_id: ref('users', false, 'CASCADE'),
    csrf_token: { type: DataTypes.STRING(64), allowNull: false },
    address: { type: DataTypes.STRING(64), allowNull: true },
    created_at: at(),
    last_seen_at: at(),
    expires_at: at(),
  });
  await q.addIndex('sessions', ['user_id']);
  await q.addIndex('sessions', ['expires_at']);
  await q.createTable('login_attempts', {
    id,
    at: at(),
    address: { type: DataTypes.STRING(64), allowNull: false },
    email: { type: DataTypes.STRING(254), allowNull: true },
    success: { type: DataTypes.BOOLEAN, allowNull: false },
  });
  await q.addIndex('login_attempts', ['address', 'at']);
  await q.addIndex('login_attempts', ['email', 'at']);
}

async function forms(q: QueryInterface) {
  await q.createTable('forms', {
    id,
    code: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    owner: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(300), allowNull: false },
    ...timestamps,
  });
  await q.createTable('form_versions', {
    id,
    form_id: ref('forms'),
    version: { type: DataTypes.STRING(32), allowNull: false },
    patch_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    exercice: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    package: { type: DataTypes.JSON, allowNull: false },
    content_hash: hash(),
    follows_id: ref('form_versions', true),
    /** For a rule patch: the published version it amends, and what it changes. */
    patches_id: ref('form_versions', true),
    patch: { type: DataTypes.JSON, allowNull: true },
    created_by: ref('users', true, 'SET NULL'),
    published_by: ref('users', true, 'SET NULL'),
    published_at: at(true),
    ...timestamps,
  });
  await q.addIndex('form_versions', ['form_id', 'version', 'patch_number'], { unique: true });
  await q.addIndex('form_versions', ['content_hash']);
  await q.createTable('campaigns', {
    id,
    form_version_id: ref('form_versions'),
    exercice: { type: DataTypes.INTEGER, allowNull: false },
    title: { type: DataTypes.STRING(300), allowNull: false },
    audience: { type: DataTypes.JSON, allowNull: false },
    opens_at: at(),
    closes_at: at(),
    status: { type: DataTypes.STRING(16), allowNull: false },
    created_by: ref('users', true, 'SET NULL'),
    ...timestamps,
  });
  await q.addIndex('campaigns', ['form_version_id']);
  await q.addIndex('campaigns', ['exercice']);
}

async function statements(q: QueryInterface) {
  await q.createTable('statements', {
    id,
    organisation_id: ref('organisations'),
    campaign_id: ref('campaigns'),
    form_version_id: ref('form_versions'),
    state: { type: DataTypes.STRING(24), allowNull: false },
    revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    answers: { type: DataTypes.JSON, allowNull: false },
    justifications: { type: DataTypes.JSON, allowNull: false },
    prefectures: { type: DataTypes.JSON, allowNull: false },
    late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    transmitted_at: at(true),
    ...timestamps,
  });
  await q.addIndex('statements', ['organisation_id', 'campaign_id'], { unique: true });
  await q.addIndex('statements', ['campaign_id', 'state']);
  await q.addIndex('statements', ['form_version_id', 'state']);
  await q.createTable('statement_revisions', {
    id,
    statement_id: ref('statements'),
    revision: { type: DataTypes.INTEGER, allowNull: false },
    sheet: { type: DataTypes.STRING(16), allowNull: true },
    answers: { type: DataTypes.JSON, allowNull: false },
    user_id: ref('users', true, 'SET NULL'),
    created_at: at(),
  });
  await q.addIndex('statement_revisions', ['statement_id', 'revision'], { unique: true });
  await q.createTable('submissions', {
    id,
    statement_id: ref('statements'),
    number: { type: DataTypes.INTEGER, allowNull: false },
    revision: { type: DataTypes.INTEGER, allowNull: false },
    form_version_id: ref('form_versions'),
    snapshot: { type: DataTypes.JSON, allowNull: false },
    sha256: hash(),
    receipt_number: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    transmitted_at: at(),
    transmitted_by: ref('users', true, 'SET NULL'),
    late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    replaced_by: ref('submissions', true),
    replaced_at: at(true),
  });
  await q.addIndex('submissions', ['statement_id', 'number'], { unique: true });
  await q.createTable('facts', {
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, allowNull: false },
    submission_id: ref('submissions'),
    sheet: { type: DataTypes.STRING(16), allowNull: false },
    code: { type: DataTypes.STRING(64), allowNull: false },
    row: { type: DataTypes.INTEGER, allowNull: true },
    value: { type: DataTypes.TEXT, allowNull: true },
    numeric_value: { type: DataTypes.DECIMAL(20, 4), allowNull: true },
  });
  await q.addIndex('facts', ['submission_id', 'sheet', 'code']);
  await q.addIndex('facts', ['code']);
  await q.createTable('attachments', {
    id,
    statement_id: ref('statements'),
    category: { type: DataTypes.STRING(64), allowNull: false },
    filename: { type: DataTypes.STRING(255), allowNull: false },
    media_type: { type: DataTypes.STRING(128), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    sha256: hash(),
    storage_key: { type: DataTypes.STRING(128), allowNull: false },
    uploaded_by: ref('users', true, 'SET NULL'),
    created_at: at(),
    deleted_at: at(true),
    deleted_by: ref('users', true, 'SET NULL'),
  });
  await q.addIndex('attachments', ['statement_id', 'category']);
  await q.createTable('acknowledgements', {
    id,
    submission_id: ref('submissions'),
    /** `authority:<id>` or `federation:<id>`: one acknowledgement per recipient. */
    recipient: { type: DataTypes.STRING(40), allowNull: false },
    user_id: ref('users', true, 'SET NULL'),
    created_at: at(),
  });
  await q.addIndex('acknowledgements', ['submission_id', 'recipient'], { unique: true });
  await q.createTable('reopen_requests', {
    id,
    statement_id: ref('statements'),
    submission_id: ref('submissions'),
    reason: { type: DataTypes.TEXT, allowNull: false },
    requested_by: ref('users', true, 'SET NULL'),
    status: { type: DataTypes.STRING(16), allowNull: false },
    decided_by: ref('users', true, 'SET NULL'),
    decision_reason: { type: DataTypes.TEXT, allowNull: true },
    decided_at: at(true),
    ...timestamps,
  });
  await q.addIndex('reopen_requests', ['statement_id', 'status']);
}

async function audit(q: QueryInterface) {
  await q.createTable('audit_log', {
    seq: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    at: at(),
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor: { type: DataTypes.STRING(254), allowNull: true },
    action: { type: DataTypes.STRING(64), allowNull: false },
    object_type: { type: DataTypes.STRING(32), allowNull: false },
    object_id: { type: DataTypes.STRING(64), allowNull: true },
    details: { type: DataTypes.JSON, allowNull: false },
    // Unique: two writers can never both extend the same link of the chain.
    prev_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    hash: hash(),
  });
  await q.addIndex('audit_log', ['object_type', 'object_id']);
  await q.addIndex('audit_log', ['actor_id']);
  // One row, locked by each writer: it serialises appends so the chain stays linear.
  await q.createTable('audit_head', {
    id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    seq: { type: DataTypes.INTEGER, allowNull: false },
    hash: hash(),
  });
  await q.bulkInsert('audit_head', [{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
}

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await referential(q);
  await accounts(q);
  await forms(q);
  await statements(q);
  await audit(q);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  const tables = [
    'audit_head',
    'audit_log',
    'reopen_requests',
    'acknowledgements',
    'attachments',
    'facts',
    'submissions',
    'statement_revisions',
    'statements',
    'campaigns',
    'form_versions',
    'forms',
    'login_attempts',
    'sessions',
    'users',
    'organisations',
    'authorities',
    'federations',
  ];
  for (const table of tables) await q.dropTable(table);
}
