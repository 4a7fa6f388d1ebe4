/** engine/diff: what changed between two versions of a form, and what that means for answers. */
export { diffPackages } from './diffPackages';
export {
  migrateAnswers,
  type Migration,
  type CarriedValue,
  type NotCarriedValue,
  type NotCarriedReason,
  type ValuePlace,
} from './migrateAnswers';
export type { PackageChange, ChangeKind } from './changes';
