/**
 * Istio's dashboards as published on grafana.com. The bundle references them by id (Grafana
 * downloads them), so upstream fixes reach users without a copy in Git going stale.
 */
export const ISTIO_GRAFANA_DASHBOARD_IDS: Record<string, number> = {
  mesh: 7639,
  service: 7636,
  workload: 7630,
  'control-plane': 7645,
  performance: 11829,
  extension: 13277,
  ztunnel: 21306,
};

export interface GrafanaDashboardReference {
  name: string;
  gnetId: number;
  url: string;
}

export function grafanaDashboardReferences(
  names: readonly string[],
): GrafanaDashboardReference[] {
  return names.map(name => {
    const gnetId = ISTIO_GRAFANA_DASHBOARD_IDS[name];
    return {
      name: `istio-${name}`,
      gnetId,
      url: `https://grafana.com/grafana/dashboards/${gnetId}`,
    };
  });
}
