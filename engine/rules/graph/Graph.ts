/**
 * A generic directed graph over nodes 0..n-1: edges point from a dependency to its dependants.
 * It knows nothing of expressions; the compiler and the checker give it numbered nodes.
 */
export interface TopologicalOrder {
  /** Nodes not on a cycle, dependencies before dependants. */
  order: number[];
  /** Strongly connected components that are cycles (including self-loops). */
  cycles: number[][];
}

export class Graph {
  private readonly dependants: number[][] = [];

  constructor(size = 0) {
    for (let i = 0; i < size; i++) this.dependants.push([]);
  }

  get size(): number {
    return this.dependants.length;
  }

  addNode(): number {
    this.dependants.push([]);
    return this.dependants.length - 1;
  }

  addEdge(from: number, to: number): void {
    const list = this.dependants[from];
    if (!list.includes(to)) list.push(to);
  }

  dependantsOf(node: number): readonly number[] {
    return this.dependants[node];
  }

  /**
   * Tarjan's strongly connected components, iterative (no recursion limit on long chains).
   * Tarjan emits components dependants-first; reversing gives a topological order.
   */
  topologicalOrder(): TopologicalOrder {
    const n = this.size;
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    const components: number[][] = [];
    let counter = 0;

    for (let root = 0; root < n; root++) {
      if (index[root] !== -1) continue;
      const work: Array<[number, number]> = [[root, 0]];
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (work.length > 0) {
        const frame = work[work.length - 1];
        const [v, i] = frame;
        const edges = this.dependants[v];
        if (i < edges.length) {
          frame[1]++;
          const w = edges[i];
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = 1;
            work.push([w, 0]);
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1][0];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] === index[v]) {
          const component: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            component.push(w);
          } while (w !== v);
          components.push(component);
        }
      }
    }

    const order: number[] = [];
    const cycles: number[][] = [];
    for (let c = components.length - 1; c >= 0; c--) {
      const component = components[c];
      const single = component[0];
      if (component.length > 1 || this.dependants[single].includes(single)) cycles.push(component.reverse());
      else order.push(single);
    }
    return { order, cycles };
  }
}
