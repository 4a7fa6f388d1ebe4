import { bound } from './bound';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** One single-use recovery code of a user's second factor: only its keyed hash is stored. */
export class MfaRecoveryCode extends Model<InferAttributes<MfaRecoveryCode>, InferCreationAttributes<MfaRecoveryCode>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare hash: string;
  /** Set once, when the code completes a second factor; a used code never works again. */
  declare usedAt: CreationOptional<Date | null>;
  declare createdAt: Date;
}

export function initMfaRecoveryCodes(sequelize: Sequelize) {
  const models = { MfaRecoveryCode: bound(MfaRecoveryCode) };
  models.MfaRecoveryCode.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      hash: { type: DataTypes.CHAR(64), allowNull: false },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
    },
    { sequelize, tableName: 'mfa_recovery_codes', underscored: true, timestamps: false },
  );
  return models;
}
