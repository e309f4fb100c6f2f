import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** A revisioned helm mesh on 1.30.3, as the examples' spec input. */
const spec = {
  cluster: { name: 'east-1' },
  istio: {
    version: '1.30.3',
    revision: '1-30-3',
    revisionTags: ['prod'],
    injectionNamespaces: ['shop', 'payments'],
  },
};

export const examples: TemplateExample[] = [
  {
    description:
      'Start a canary upgrade to Istio 1.31.0 and render the spec it outputs.',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'mesh:upgrade:plan',
          name: 'Plan the canary stage',
          input: { spec, to: '1.31.0', stage: 'canary' },
        },
        {
          id: 'render',
          action: 'mesh:bundle:render',
          name: 'Render mesh bundle',
          input: { spec: '${{ steps.plan.output.spec }}' },
        },
      ],
    }),
  },
  {
    description:
      'Check whether a mesh can be upgraded, without changing its spec.',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'mesh:upgrade:plan',
          name: 'Precheck the upgrade',
          input: { spec, to: '1.31.0', stage: 'precheck' },
        },
      ],
    }),
  },
];
