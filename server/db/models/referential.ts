import { bound } from './bound';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OrganisationKind } from '../../../engine/api';

export type AuthorityKind = 'DHUP' | 'PREFECTURE' | 'CDC' | 'CGLLS' | 'ANCOLS';
export const AUTHORITY_KINDS: readonly AuthorityKind[] = ['DHUP', 'PREFECTURE', 'CDC', 'CGLLS', 'ANCOLS'];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC'];

export class Federation extends Model<InferAttributes<Federation>, InferCreationAttributes<Federation>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  /** The union this federation belongs to (the USH for FOPH, FESH, FNSCHLM), if any. */
  declare parentId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Authority extends Model<InferAttributes<Authority>, InferCreationAttributes<Authority>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare kind: AuthorityKind;
  declare name: string;
  /** Only for préfectures: the département they cover. */
  declare departement: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Organisation extends Model<InferAttributes<Organisation>, InferCreationAttributes<Organisation>> {
  declare id: CreationOptional<number>;
  declare siren: string;
  declare name: string;
  declare kind: OrganisationKind;
  declare federationId: number | null;
  /** Département of the registered office (siège). */
  declare departement: string;
  /** Départements where it holds housing stock. */
  declare departements: string[];
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const common = { underscored: true, timestamps: true } as const;

export function initReferential(sequelize: Sequelize) {
  const models = { Federation: bound(Federation), Authority: bound(Authority), Organisation: bound(Organisation) };
  models.Federation.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      parentId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'federations', ...common },
  );
  models.Authority.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      departement: { type: DataTypes.STRING(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'authorities', ...common },
  );
  models.Organisation.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      siren: { type: DataTypes.CHAR(9), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(8), allowNull: false },
      federationId: { type: DataTypes.INTEGER, allowNull: true },
      departement: { type: DataTypes.STRING(3), allowNull: false },
      departements: { type: DataTypes.JSON, allowNull: false, defaultValue: [] },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'organisations', ...common },
  );
  return models;
}
