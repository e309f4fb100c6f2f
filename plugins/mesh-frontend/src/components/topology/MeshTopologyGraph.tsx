import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { HealthStatus } from '@mesh-templates/plugin-mesh-common';
import { MeshTopology, TopologyNode } from './meshTopology';

const NODE_WIDTH = 230;
const LINE_HEIGHT = 16;

/** Outline colours by status; the status is also written in the box, so colour is never the only cue. */
const STATUS_COLOURS: Record<HealthStatus, string> = {
  healthy: '#2e7d32',
  degraded: '#ed6c02',
  failing: '#d32f2f',
  unknown: '#757575',
};

function TopologyBox({ node }: { node: TopologyNode }) {
  const height = 28 + node.lines.length * LINE_HEIGHT;
  const stroke = node.status ? STATUS_COLOURS[node.status] : '#1565c0';
  return (
    <g data-testid={node.id}>
      <rect
        width={NODE_WIDTH}
        height={height}
        rx={node.kind === 'gateway' ? 18 : 6}
        fill="#ffffff"
        stroke={stroke}
        strokeWidth={node.kind === 'gateway' ? 1.5 : 3}
        strokeDasharray={node.kind === 'gateway' ? '6 3' : undefined}
      />
      <text x={12} y={20} fontWeight="bold" fontSize={14} fill="#212121">
        {node.title}
      </text>
      {node.lines.map((line, i) => (
        <text
          key={line}
          x={12}
          y={40 + i * LINE_HEIGHT}
          fontSize={12}
          fill="#424242"
        >
          {line}
        </text>
      ))}
    </g>
  );
}

/** The mesh drawn by core-components' DependencyGraph (dagre layout), left to right. */
export function MeshTopologyGraph({ topology }: { topology: MeshTopology }) {
  return (
    <DependencyGraph<TopologyNode, { label: string }>
      nodes={topology.nodes}
      edges={topology.edges}
      direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
      renderNode={({ node }) => <TopologyBox node={node} />}
      labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
      paddingX={16}
      paddingY={16}
      nodeMargin={30}
      rankMargin={90}
      zoom="disabled"
      // The graph's full-screen button is a Material UI v4 Tooltip, which calls findDOMNode under
      // React 18's StrictMode; a mesh of a few networks reads fine at tab width without it.
      allowFullscreen={false}
      style={{ width: '100%', minHeight: 320 }}
    />
  );
}
