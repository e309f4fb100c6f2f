import { meshNamespaces } from '../meshNamespaces';
import type { TemplatePack } from '../templatePack';

export const namespacesPack: TemplatePack = {
  name: 'namespaces',
  outputs(context) {
    const namespaces = meshNamespaces(context);
    return [
      {
        type: 'objects',
        template: 'namespaces/namespaces.yaml.njk',
        file: 'namespaces.yaml',
        component: 'namespaces',
        appliedBy: 'kustomize',
        data: { namespaces },
        expects: namespaces.map(ns => ({ kind: 'Namespace', name: ns.name })),
      },
    ];
  },
};
