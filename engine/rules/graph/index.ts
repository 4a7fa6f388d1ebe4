export { Graph } from './Graph';
export type { TopologicalOrder } from './Graph';
export { DirtyQueue } from './DirtyQueue';
