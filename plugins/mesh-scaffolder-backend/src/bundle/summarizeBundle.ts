import { MeshBundle } from './meshBundle';

/**
 * One line per cluster: how many objects of which component and how many Helm values files.
 * Shown in task logs, action outputs and the pull request body, so reviewers see the same numbers.
 */
export function summarizeBundle(bundle: MeshBundle): string {
  return bundle.clusters
    .map(cluster => {
      const byComponent = new Map<string, number>();
      for (const entry of bundle.objects) {
        if (entry.cluster === cluster) {
          byComponent.set(
            entry.component,
            (byComponent.get(entry.component) ?? 0) + 1,
          );
        }
      }
      const objects = [...byComponent.values()].reduce((a, b) => a + b, 0);
      const components = [...byComponent.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([component, count]) => `${component} ${count}`)
        .join(', ');
      const values = bundle.helmValues.filter(
        v => v.cluster === cluster,
      ).length;
      return `${cluster}: ${objects} objects (${components}), ${values} Helm values files`;
    })
    .join('\n');
}
