import { bound } from './bound';
import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class AuditEntry extends Model<InferAttributes<AuditEntry>, InferCreationAttributes<AuditEntry>> {
  declare seq: number;
  declare at: Date;
  declare actorId: number | null;
  /** The actor's e-mail at the time (or `system`), so the log reads without joins. */
  declare actor: string | null;
  declare action: string;
  declare objectType: string;
  declare objectId: string | null;
  declare details: Record<string, unknown>;
  declare prevHash: string;
  declare hash: string;
}

/** The single row that every audit writer locks: it holds the last sequence number and hash. */
export class AuditHead extends Model<InferAttributes<AuditHead>, InferCreationAttributes<AuditHead>> {
  declare id: number;
  declare seq: number;
  declare hash: string;
}

export function initAudit(sequelize: Sequelize) {
  const models = { AuditEntry: bound(AuditEntry), AuditHead: bound(AuditHead) };
  models.AuditEntry.init(
    {
      seq: { type: DataTypes.INTEGER, primaryKey: true },
      at: { type: DataTypes.DATE(3), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      actor: { type: DataTypes.STRING(254), allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      objectType: { type: DataTypes.STRING(32), allowNull: false },
      objectId: { type: DataTypes.STRING(64), allowNull: true },
      details: { type: DataTypes.JSON, allowNull: false },
      prevHash: { type: DataTypes.CHAR(64), allowNull: false },
      hash: { type: DataTypes.CHAR(64), allowNull: false },
    },
    { sequelize, tableName: 'audit_log', underscored: true, timestamps: false },
  );
  models.AuditHead.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      hash: { type: DataTypes.CHAR(64), allowNull: false },
    },
    { sequelize, tableName: 'audit_head', underscored: true, timestamps: false },
  );
  return models;
}
