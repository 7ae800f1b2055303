export interface Department {
  dept_id: string;
  name: string;
  parent_id: string | null;
  kind: string | null;
  sort: number | null;
}

export interface DeptNode extends Department {
  children: DeptNode[];
}

const bySortThenId = (a: Department, b: Department) =>
  (a.sort ?? Number.MAX_SAFE_INTEGER) - (b.sort ?? Number.MAX_SAFE_INTEGER) ||
  a.dept_id.localeCompare(b.dept_id);

/** The organisation tree, children in `sort` order (then id). The roster check guarantees one root. */
export function buildTree(departments: readonly Department[]): DeptNode[] {
  const nodes = new Map(departments.map((d) => [d.dept_id, { ...d, children: [] as DeptNode[] }]));
  const roots: DeptNode[] = [];
  for (const node of [...nodes.values()].sort(bySortThenId)) {
    const parent = node.parent_id === null ? undefined : nodes.get(node.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The tree depth-first (parents before children, siblings in order), each with its depth. */
export function flattenTree(nodes: readonly DeptNode[], depth = 0): (DeptNode & { depth: number })[] {
  return nodes.flatMap((node) => [{ ...node, depth }, ...flattenTree(node.children, depth + 1)]);
}
