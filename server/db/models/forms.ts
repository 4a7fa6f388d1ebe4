import { bound } from './bound';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OrganisationKind, PackageFiles, Severity } from '../../../engine/api';

export type FormVersionStatus = 'draft' | 'published';
export type CampaignStatus = 'scheduled' | 'open' | 'closed';

/** What a rule patch changes on a published version: per rule id, its activity and/or severity. */
export type RulePatch = Record<string, { active?: boolean; severity?: Severity }>;

export class Form extends Model<InferAttributes<Form>, InferCreationAttributes<Form>> {
  declare id: CreationOptional<number>;
  /** Manifest id, e.g. `er-ols`. */
  declare code: string;
  /** `CGLLS`/`DHUP` for regulatory statements, else a federation code. */
  declare owner: string;
  declare title: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class FormVersion extends Model<InferAttributes<FormVersion>, InferCreationAttributes<FormVersion>> {
  declare id: CreationOptional<number>;
  declare formId: number;
  /** Manifest version, e.g. `2025.1`. */
  declare version: string;
  /** 0 for an uploaded package; n for its n-th rule patch. */
  declare patchNumber: CreationOptional<number>;
  declare exercice: number;
  declare status: FormVersionStatus;
  /** The package files exactly as uploaded (fixtures excluded), with a rule patch applied for patch versions. */
  declare package: PackageFiles;
  /** sha256 of the canonical JSON of `package`. */
  declare contentHash: string;
  declare followsId: number | null;
  declare patchesId: number | null;
  declare patch: RulePatch | null;
  declare createdBy: number | null;
  declare publishedBy: number | null;
  declare publishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Campaign extends Model<InferAttributes<Campaign>, InferCreationAttributes<Campaign>> {
  declare id: CreationOptional<number>;
  /** The version new statements open on (moves to the latest rule patch). */
  declare formVersionId: number;
  declare exercice: number;
  declare title: string;
  declare audience: OrganisationKind[];
  declare opensAt: Date;
  declare closesAt: Date;
  declare status: CampaignStatus;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initForms(sequelize: Sequelize) {
  const models = { Form: bound(Form), FormVersion: bound(FormVersion), Campaign: bound(Campaign) };
  const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
  const stamps = () => ({ createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3) });
  models.Form.init(
    {
      id: pk(),
      code: { type: DataTypes.STRING(64), allowNull: false },
      owner: { type: DataTypes.STRING(16), allowNull: false },
      title: { type: DataTypes.STRING(300), allowNull: false },
      ...stamps(),
    },
    { sequelize, tableName: 'forms', underscored: true },
  );
  models.FormVersion.init(
    {
      id: pk(),
      formId: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.STRING(32), allowNull: false },
      patchNumber: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      exercice: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      package: { type: DataTypes.JSON, allowNull: false },
      contentHash: { type: DataTypes.CHAR(64), allowNull: false },
      followsId: { type: DataTypes.INTEGER, allowNull: true },
      patchesId: { type: DataTypes.INTEGER, allowNull: true },
      patch: { type: DataTypes.JSON, allowNull: true },
      createdBy: { type: DataTypes.INTEGER, allowNull: true },
      publishedBy: { type: DataTypes.INTEGER, allowNull: true },
      publishedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...stamps(),
    },
    { sequelize, tableName: 'form_versions', underscored: true },
  );
  models.Campaign.init(
    {
      id: pk(),
      formVersionId: { type: DataTypes.INTEGER, allowNull: false },
      exercice: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(300), allowNull: false },
      audience: { type: DataTypes.JSON, allowNull: false },
      opensAt: { type: DataTypes.DATE(3), allowNull: false },
      closesAt: { type: DataTypes.DATE(3), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      createdBy: { type: DataTypes.INTEGER, allowNull: true },
      ...stamps(),
    },
    { sequelize, tableName: 'campaigns', underscored: true },
  );
  return models;
}
