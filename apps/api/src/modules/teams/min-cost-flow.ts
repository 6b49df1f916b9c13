/**
 * Min-cost max-flow by successive shortest paths with Bellman-Ford/SPFA (edge costs may be negative; the
 * residual graph never has a negative cycle because every augmentation follows a shortest path).
 * Pure and integer-only: callers scale weights to integers so results are exact.
 */
export class MinCostFlow {
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly next: number[] = [];
  private readonly head: number[];

  constructor(readonly nodeCount: number) {
    this.head = new Array<number>(nodeCount).fill(-1);
  }

  /** Adds a directed edge; returns its id (for `flowOn`). */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (!Number.isInteger(cost)) throw new RangeError(`edge cost must be an integer, got ${cost}`);
    const id = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    return id;
  }

  private push(from: number, to: number, capacity: number, cost: number): void {
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]!);
    this.head[from] = this.to.length - 1;
  }

  /** Flow on an edge returned by addEdge (= residual capacity of its reverse edge). */
  flowOn(edge: number): number {
    return this.cap[edge ^ 1]!;
  }

  run(source: number, sink: number): { flow: number; cost: number } {
    let flow = 0;
    let total = 0;
    const n = this.nodeCount;
    for (;;) {
      const dist = new Array<number>(n).fill(Infinity);
      const inQueue = new Array<boolean>(n).fill(false);
      const via = new Array<number>(n).fill(-1);
      dist[source] = 0;
      const queue: number[] = [source];
      inQueue[source] = true;
      for (let qi = 0; qi < queue.length; qi++) {
        const u = queue[qi]!;
        inQueue[u] = false;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          if (this.cap[e]! <= 0) continue;
          const v = this.to[e]!;
          const nd = dist[u]! + this.cost[e]!;
          if (nd < dist[v]!) {
            dist[v] = nd;
            via[v] = e;
            if (!inQueue[v]) {
              inQueue[v] = true;
              queue.push(v);
            }
          }
        }
      }
      if (dist[sink] === Infinity) break;
      let push = Infinity;
      for (let v = sink; v !== source; v = this.to[via[v]! ^ 1]!) push = Math.min(push, this.cap[via[v]!]!);
      for (let v = sink; v !== source; v = this.to[via[v]! ^ 1]!) {
        this.cap[via[v]!]! -= push;
        this.cap[via[v]! ^ 1]! += push;
      }
      flow += push;
      total += push * dist[sink]!;
    }
    return { flow, cost: total };
  }
}

export interface WeightedEdge {
  member: number;
  opening: number;
  /** Integer gain of placing the member in the opening (> 0). */
  weight: number;
}

/**
 * Capacity-aware assignment maximising the total weight: each member gets at most one opening, opening j at
 * most capacities[j] members. Network: source → member (1, 0), member → opening (1, −w), member → sink (1, 0)
 * as "stay unassigned", opening → sink (capacity, 0). Max flow = every member, so min cost = −(max weight).
 */
export function maxWeightAssignment(
  memberCount: number,
  capacities: readonly number[],
  edges: readonly WeightedEdge[],
): { assignment: (number | null)[]; total: number } {
  const source = memberCount + capacities.length;
  const sink = source + 1;
  const graph = new MinCostFlow(sink + 1);
  for (let m = 0; m < memberCount; m++) {
    graph.addEdge(source, m, 1, 0);
    graph.addEdge(m, sink, 1, 0);
  }
  for (const [j, c] of capacities.entries()) if (c > 0) graph.addEdge(memberCount + j, sink, c, 0);
  const ids = edges.filter((e) => e.weight > 0).map((e) => ({ e, id: graph.addEdge(e.member, memberCount + e.opening, 1, -e.weight) }));
  const { cost } = graph.run(source, sink);
  const assignment = new Array<number | null>(memberCount).fill(null);
  for (const { e, id } of ids) if (graph.flowOn(id) > 0) assignment[e.member] = e.opening;
  return { assignment, total: cost === 0 ? 0 : -cost };
}
