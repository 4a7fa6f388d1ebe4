/**
 * Dirty nodes waiting for recomputation, popped in topological rank order (a binary min-heap on
 * the rank), each node at most once until popped.
 */
export class DirtyQueue {
  private readonly heap: number[] = [];
  private readonly queued: Uint8Array;

  constructor(private readonly rank: Int32Array) {
    this.queued = new Uint8Array(rank.length);
  }

  get isEmpty(): boolean {
    return this.heap.length === 0;
  }

  push(node: number): void {
    if (this.queued[node]) return;
    this.queued[node] = 1;
    const heap = this.heap;
    const rank = this.rank;
    let i = heap.push(node) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (rank[heap[parent]] <= rank[node]) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = node;
  }

  pop(): number {
    const heap = this.heap;
    const rank = this.rank;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && rank[heap[r]] < rank[heap[l]] ? r : l;
        if (rank[heap[c]] >= rank[last]) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    this.queued[top] = 0;
    return top;
  }
}
