import { bound } from './bound';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Answers, Justifications } from '../../../engine/api';

/** Lifecycle (docs/architecture.md): draft → transmitted → reopen_requested → reopened (a draft again) …, acknowledged by recipients. */
export type StatementState = 'draft' | 'transmitted' | 'acknowledged' | 'reopen_requested' | 'reopened';

export class Statement extends Model<InferAttributes<Statement>, InferCreationAttributes<Statement>> {
  declare id: CreationOptional<number>;
  declare organisationId: number;
  declare campaignId: number;
  declare formVersionId: number;
  declare state: StatementState;
  declare revision: CreationOptional<number>;
  declare answers: Answers;
  declare justifications: Justifications;
  /** Départements of the préfectures chosen as recipients. */
  declare prefectures: string[];
  declare late: CreationOptional<boolean>;
  declare transmittedAt: Date | null;
  /**
   * The latest revision's change, which the database copies into `statement_revisions` whenever
   * the revision changes (migrations/0005): the sheet saved (null: the whole statement), what was
   * saved (null: the whole answers), and by whom. Set them with every revision bump.
   */
  declare lastSheet: CreationOptional<string | null>;
  declare lastChange: CreationOptional<Answers | null>;
  declare lastUserId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class StatementRevision extends Model<InferAttributes<StatementRevision>, InferCreationAttributes<StatementRevision>> {
  declare id: CreationOptional<number>;
  declare statementId: number;
  declare revision: number;
  /** The sheet that save touched (null for whole-statement operations such as an import). */
  declare sheet: string | null;
  declare answers: Answers;
  declare userId: number | null;
  declare createdAt: CreationOptional<Date>;
}

export class Submission extends Model<InferAttributes<Submission>, InferCreationAttributes<Submission>> {
  declare id: CreationOptional<number>;
  declare statementId: number;
  /** 1 for the first transmission, n+1 after each accepted reopening. */
  declare number: number;
  declare revision: number;
  declare formVersionId: number;
  declare snapshot: Record<string, unknown>;
  declare sha256: string;
  declare receiptNumber: string;
  declare transmittedAt: Date;
  declare transmittedBy: number | null;
  declare late: CreationOptional<boolean>;
  declare replacedBy: number | null;
  declare replacedAt: Date | null;
}

export class Fact extends Model<InferAttributes<Fact>, InferCreationAttributes<Fact>> {
  declare id: CreationOptional<number>;
  declare submissionId: number;
  declare sheet: string;
  declare code: string;
  declare row: number | null;
  declare value: string | null;
  declare numericValue: number | string | null;
}

export class Attachment extends Model<InferAttributes<Attachment>, InferCreationAttributes<Attachment>> {
  declare id: CreationOptional<number>;
  declare statementId: number;
  declare category: string;
  declare filename: string;
  declare mediaType: string;
  declare size: number;
  declare sha256: string;
  declare storageKey: string;
  declare uploadedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare deletedAt: Date | null;
  declare deletedBy: number | null;
}

export class Acknowledgement extends Model<InferAttributes<Acknowledgement>, InferCreationAttributes<Acknowledgement>> {
  declare id: CreationOptional<number>;
  declare submissionId: number;
  /** `authority:<id>` or `federation:<id>`. */
  declare recipient: string;
  declare userId: number | null;
  declare createdAt: CreationOptional<Date>;
}

export type ReopenStatus = 'pending' | 'accepted' | 'refused';

export class ReopenRequest extends Model<InferAttributes<ReopenRequest>, InferCreationAttributes<ReopenRequest>> {
  declare id: CreationOptional<number>;
  declare statementId: number;
  declare submissionId: number;
  declare reason: string;
  declare requestedBy: number | null;
  declare status: ReopenStatus;
  declare decidedBy: number | null;
  declare decisionReason: string | null;
  declare decidedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initStatements(sequelize: Sequelize) {
  const models = {
    Statement: bound(Statement),
    StatementRevision: bound(StatementRevision),
    Submission: bound(Submission),
    Fact: bound(Fact),
    Attachment: bound(Attachment),
    Acknowledgement: bound(Acknowledgement),
    ReopenRequest: bound(ReopenRequest),
  };
  const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
  const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
  const date = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
  const json = () => ({ type: DataTypes.JSON, allowNull: false });
  const opts = (tableName: string, timestamps: boolean | 'created' = true) => ({
    sequelize,
    tableName,
    underscored: true,
    timestamps: timestamps !== false,
    updatedAt: timestamps === true ? 'updatedAt' : (false as const),
  });
  models.Statement.init(
    {
      id: pk(),
      organisationId: int(),
      campaignId: int(),
      formVersionId: int(),
      state: { type: DataTypes.STRING(24), allowNull: false },
      revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      answers: json(),
      justifications: json(),
      prefectures: json(),
      late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      transmittedAt: date(true),
      lastSheet: { type: DataTypes.STRING(16), allowNull: true },
      lastChange: { type: DataTypes.JSON, allowNull: true },
      lastUserId: int(true),
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    opts('statements'),
  );
  models.StatementRevision.init(
    {
      id: pk(),
      statementId: int(),
      revision: int(),
      sheet: { type: DataTypes.STRING(16), allowNull: true },
      answers: json(),
      userId: int(true),
      createdAt: DataTypes.DATE(3),
    },
    opts('statement_revisions', 'created'),
  );
  models.Submission.init(
    {
      id: pk(),
      statementId: int(),
      number: int(),
      revision: int(),
      formVersionId: int(),
      snapshot: json(),
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      receiptNumber: { type: DataTypes.STRING(40), allowNull: false },
      transmittedAt: date(),
      transmittedBy: int(true),
      late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      replacedBy: int(true),
      replacedAt: date(true),
    },
    opts('submissions', false),
  );
  models.Fact.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      submissionId: int(),
      sheet: { type: DataTypes.STRING(16), allowNull: false },
      code: { type: DataTypes.STRING(64), allowNull: false },
      row: int(true),
      value: { type: DataTypes.TEXT, allowNull: true },
      numericValue: { type: DataTypes.DECIMAL(20, 4), allowNull: true },
    },
    opts('facts', false),
  );
  models.Attachment.init(
    {
      id: pk(),
      statementId: int(),
      category: { type: DataTypes.STRING(64), allowNull: false },
      filename: { type: DataTypes.STRING(255), allowNull: false },
      mediaType: { type: DataTypes.STRING(128), allowNull: false },
      size: int(),
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      storageKey: { type: DataTypes.STRING(128), allowNull: false },
      uploadedBy: int(true),
      createdAt: DataTypes.DATE(3),
      deletedAt: date(true),
      deletedBy: int(true),
    },
    opts('attachments', 'created'),
  );
  models.Acknowledgement.init(
    {
      id: pk(),
      submissionId: int(),
      recipient: { type: DataTypes.STRING(40), allowNull: false },
      userId: int(true),
      createdAt: DataTypes.DATE(3),
    },
    opts('acknowledgements', 'created'),
  );
  models.ReopenRequest.init(
    {
      id: pk(),
      statementId: int(),
      submissionId: int(),
      reason: { type: DataTypes.TEXT, allowNull: false },
      requestedBy: int(true),
      status: { type: DataTypes.STRING(16), allowNull: false },
      decidedBy: int(true),
      decisionReason: { type: DataTypes.TEXT, allowNull: true },
      decidedAt: date(true),
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    opts('reopen_requests'),
  );
  return models;
}
