import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a single-cluster mesh with every default (Istio via Helm, current stable).',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'mesh:bundle:render',
          name: 'Render mesh bundle',
          input: { spec: { cluster: { name: 'dev-cluster' } } },
        },
      ],
    }),
  },
  {
    description:
      'Render the form values of the "Create mesh cluster" template into a sub-folder of the workspace.',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'mesh:bundle:render',
          name: 'Render mesh bundle',
          input: {
            spec: {
              mesh: { id: 'mesh1' },
              cluster: { name: 'cluster-east', network: 'network-east' },
              istio: { version: '1.27.9', installMethod: 'istioctl' },
              observability: {
                tracing: { backend: 'tempo', samplingPercentage: 10 },
              },
            },
            outputPath: 'bundle',
          },
        },
      ],
    }),
  },
];
