import { useMemo } from 'react';
import { Background, Controls, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { RunStep } from '../../api/types';

export interface GraphStep {
  id: string;
  action: string;
  needs?: string[];
}

/** Column of each step: one more than the deepest step it needs (a topological layering). */
function levels(steps: GraphStep[]): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const level = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    if (level.has(id)) return level.get(id)!;
    if (seen.has(id)) return 0; // the server refuses cycles; never loop on a bad document
    seen.add(id);
    const needs = byId.get(id)?.needs ?? [];
    const l = needs.length === 0 ? 0 : Math.max(...needs.filter((n) => byId.has(n)).map((n) => visit(n, seen) + 1), 0);
    level.set(id, l);
    return l;
  };
  steps.forEach((s) => visit(s.id, new Set()));
  return level;
}

/**
 * The playbook's steps as a graph (React Flow): edges are `needs`, each node shows the step's
 * state in this run. Read-only; the timeline below carries the same facts as text.
 */
export default function StepGraph({ steps, states }: { steps: GraphStep[]; states: RunStep[] }) {
  const { nodes, edges } = useMemo(() => {
    const level = levels(steps);
    const row = new Map<number, number>();
    const status = new Map(states.map((s) => [s.id, s.status]));
    const nodes: Node[] = steps.map((s) => {
      const l = level.get(s.id) ?? 0;
      const r = row.get(l) ?? 0;
      row.set(l, r + 1);
      const st = status.get(s.id) ?? 'pending';
      return {
        id: s.id,
        position: { x: l * 230, y: r * 80 },
        // Columns run left to right, so edges leave on the right and arrive on the left.
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
        data: { label: `${s.id} · ${st}` },
        className: `graph-node graph-${st}`,
        ariaLabel: `Step ${s.id}, ${st}`,
      };
    });
    const edges: Edge[] = steps.flatMap((s) => (s.needs ?? []).map((n) => ({ id: `${n}->${s.id}`, source: n, target: s.id })));
    return { nodes, edges };
  }, [steps, states]);

  return (
    <div className="step-graph" role="figure" aria-label="Step graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        colorMode={document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
