import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Apply the rendered bundle to one lab cluster of the kubernetes config.',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'mesh:cluster:apply',
          name: 'Apply mesh to cluster',
          input: { clusters: ['lab'] },
        },
      ],
    }),
  },
  {
    description:
      'Only run the server dry-run of a bundle rendered into a sub-folder, and report what would change.',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'mesh:cluster:apply',
          name: 'Preview apply',
          input: { clusters: ['lab'], bundlePath: 'bundle', dryRunOnly: true },
        },
      ],
    }),
  },
  {
    description:
      'Apply a two-cluster mesh, create the Istio remote secrets in each cluster and wait up to 10 minutes for readiness.',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'mesh:cluster:apply',
          name: 'Apply multi-cluster mesh',
          input: {
            clusters: ['east', 'west'],
            remoteSecrets: true,
            wait: true,
            timeoutSeconds: 600,
          },
        },
      ],
    }),
  },
  {
    description:
      "After an Istio upgrade's cleanup stage, apply its bundle and remove the retired revision: the cluster's Argo CD Applications / Flux HelmReleases labelled app.kubernetes.io/managed-by=mesh-templates and istio.io/rev=1-30-3.",
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'mesh:cluster:apply',
          name: 'Apply cleanup, remove revision 1-30-3',
          input: { clusters: ['lab'], removeRevision: '1-30-3' },
        },
      ],
    }),
  },
  {
    description:
      'Take over fields another field manager owns (only when the template really means to).',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'mesh:cluster:apply',
          name: 'Apply mesh, taking conflicting fields',
          input: { clusters: ['lab'], force: true },
        },
      ],
    }),
  },
];
