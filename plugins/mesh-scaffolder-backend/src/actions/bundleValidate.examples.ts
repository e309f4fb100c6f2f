import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a mesh bundle, then validate what was written before publishing it.',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'mesh:bundle:render',
          name: 'Render mesh bundle',
          input: { spec: { cluster: { name: 'dev-cluster' } } },
        },
        {
          id: 'validate',
          action: 'mesh:bundle:validate',
          name: 'Validate mesh bundle',
        },
      ],
    }),
  },
  {
    description:
      'Validate a bundle that an earlier step wrote into a sub-folder.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'mesh:bundle:validate',
          name: 'Validate mesh bundle',
          input: { sourcePath: 'bundle' },
        },
      ],
    }),
  },
];
