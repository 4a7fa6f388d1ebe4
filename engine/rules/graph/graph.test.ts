import fc from 'fast-check';
import { DirtyQueue, Graph } from '.';

describe('Graph', () => {
  it('orders dependencies before dependants', () => {
    const g = new Graph(4);
    g.addEdge(2, 1);
    g.addEdge(1, 0);
    g.addEdge(3, 0);
    const { order, cycles } = g.topologicalOrder();
    expect(cycles).toEqual([]);
    expect(order.indexOf(2)).toBeLessThan(order.indexOf(1));
    expect(order.indexOf(1)).toBeLessThan(order.indexOf(0));
    expect(order.indexOf(3)).toBeLessThan(order.indexOf(0));
  });

  it('reports cycles and self-loops, and keeps ordering the rest', () => {
    const g = new Graph(5);
    g.addEdge(0, 1);
    g.addEdge(1, 2);
    g.addEdge(2, 0);
    g.addEdge(3, 3);
    g.addEdge(2, 4);
    const { order, cycles } = g.topologicalOrder();
    expect(cycles.map((c) => [...c].sort())).toEqual(expect.arrayContaining([[0, 1, 2], [3]]));
    expect(order).toEqual([4]);
  });

  it('handles a chain of 100,000 nodes without recursion', () => {
    const g = new Graph(100_000);
    for (let i = 1; i < 100_000; i++) g.addEdge(i, i - 1);
    expect(g.topologicalOrder().order[0]).toBe(99_999);
  });

  it('always yields a valid order on random acyclic graphs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(29), fc.nat(29))), (pairs) => {
        const g = new Graph(30);
        for (const [a, b] of pairs) if (a < b) g.addEdge(a, b);
        const { order } = g.topologicalOrder();
        const position = new Map(order.map((n, i) => [n, i]));
        for (const [a, b] of pairs) if (a < b) expect(position.get(a)!).toBeLessThan(position.get(b)!);
      }),
    );
  });
});

describe('DirtyQueue', () => {
  it('pops by rank, each node once', () => {
    const q = new DirtyQueue(Int32Array.from([5, 1, 3, 0]));
    for (const n of [0, 1, 2, 3, 1]) q.push(n);
    const popped: number[] = [];
    while (!q.isEmpty) popped.push(q.pop());
    expect(popped).toEqual([3, 1, 2, 0]);
  });
});
