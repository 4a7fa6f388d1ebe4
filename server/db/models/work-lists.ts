import { bound } from './bound';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A named list of organisations kept by an authority (shared by its users): it filters the consoles' search, follow-up and exports. */
export class WorkList extends Model<InferAttributes<WorkList>, InferCreationAttributes<WorkList>> {
  declare id: CreationOptional<number>;
  declare authorityId: number;
  declare name: string;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class WorkListEntry extends Model<InferAttributes<WorkListEntry>, InferCreationAttributes<WorkListEntry>> {
  declare id: CreationOptional<number>;
  declare workListId: number;
  declare organisationId: number;
  declare createdAt: CreationOptional<Date>;
}

export type ConsoleJobKind = 'impact' | 'receipts';
export type ConsoleJobStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** A long console task (impact report, receipts archive) run in the background; its state lives here, not in the process. */
export class ConsoleJob extends Model<InferAttributes<ConsoleJob>, InferCreationAttributes<ConsoleJob>> {
  declare id: CreationOptional<number>;
  declare kind: ConsoleJobKind;
  declare status: ConsoleJobStatus;
  declare userId: number;
  declare subjectId: number;
  declare params: Record<string, unknown>;
  declare done: CreationOptional<number>;
  declare total: CreationOptional<number>;
  declare result: CreationOptional<object | null>;
  /** The finished job's file on disk (consoles/jobs `jobFiles`), if it made one. */
  declare fileKey: CreationOptional<string | null>;
  declare error: CreationOptional<string | null>;
  declare cancelRequested: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare finishedAt: CreationOptional<Date | null>;
}

export function initWorkLists(sequelize: Sequelize) {
  const models = { WorkList: bound(WorkList), WorkListEntry: bound(WorkListEntry), ConsoleJob: bound(ConsoleJob) };
  models.WorkList.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      authorityId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(120), allowNull: false },
      createdBy: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'work_lists', underscored: true, timestamps: true },
  );
  models.WorkListEntry.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      workListId: { type: DataTypes.INTEGER, allowNull: false },
      organisationId: { type: DataTypes.INTEGER, allowNull: false },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'work_list_entries', underscored: true, timestamps: true, updatedAt: false },
  );
  models.ConsoleJob.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      subjectId: { type: DataTypes.INTEGER, allowNull: false },
      params: { type: DataTypes.JSON, allowNull: false },
      done: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      result: { type: DataTypes.JSON, allowNull: true },
      fileKey: { type: DataTypes.STRING(36), allowNull: true },
      error: { type: DataTypes.STRING(1000), allowNull: true },
      cancelRequested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
      finishedAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { sequelize, tableName: 'console_jobs', underscored: true, timestamps: true },
  );
  return models;
}
