import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Propose the rendered bundle's only cluster to a GitHub repository, on its default branch.",
    example: yaml.stringify({
      steps: [
        {
          id: 'pull-request',
          action: 'mesh:gitops:pull-request',
          name: 'Open GitOps pull request',
          input: {
            repoUrl: 'github.com?owner=platform&repo=mesh-gitops',
            owner: 'group:default/platform-team',
          },
        },
      ],
    }),
  },
  {
    description:
      "After render: a GitLab merge request for the form's cluster, with labels and a reviewer; the action validates the bundle itself and states the result in the body.",
    example: yaml.stringify({
      steps: [
        {
          id: 'pull-request',
          action: 'mesh:gitops:pull-request',
          name: 'Open GitOps merge request',
          input: {
            repoUrl: 'gitlab.com?owner=platform&repo=mesh-gitops',
            spec: { cluster: { name: 'east-1' }, istio: { version: '1.30.3' } },
            labels: ['mesh', 'gitops'],
            reviewers: ['mesh-reviewer'],
            owner: 'group:default/platform-team',
          },
        },
      ],
    }),
  },
  {
    description:
      'A draft pull request for a bundle rendered into a sub-folder, to a custom repository folder and base branch.',
    example: yaml.stringify({
      steps: [
        {
          id: 'pull-request',
          action: 'mesh:gitops:pull-request',
          name: 'Open draft GitOps pull request',
          input: {
            repoUrl: 'github.com?owner=platform&repo=mesh-gitops',
            sourcePath: 'bundle',
            cluster: 'lab-1',
            targetPath: 'clusters/lab/lab-1',
            baseBranch: 'develop',
            draft: true,
            title: 'Mesh for the lab cluster',
            owner: 'group:default/platform-team',
            system: 'system:default/lab-mesh',
          },
        },
      ],
    }),
  },
  {
    description:
      "An upgrade stage's pull request: the notes of mesh:upgrade:plan (in a template, ${{ steps.plan.output.notes }}) listed for the reviewer in the body.",
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'mesh:gitops:pull-request',
          name: 'Open GitOps pull request',
          input: {
            repoUrl: 'github.com?owner=platform&repo=mesh-gitops',
            spec: { cluster: { name: 'east-1' }, istio: { version: '1.30.3' } },
            title: 'Istio upgrade to 1.31.0, stage move',
            notes: [
              'namespace payments now follows tag canary: its workloads move to 1-31-0 only when restarted (kubectl rollout restart deployment,statefulset,daemonset -n payments)',
            ],
            owner: 'group:default/platform-team',
          },
        },
      ],
    }),
  },
];
