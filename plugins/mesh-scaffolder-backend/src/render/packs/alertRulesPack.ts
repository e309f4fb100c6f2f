import {
  DEFAULT_HEALTH_THRESHOLDS,
  meshAlertRules,
} from '@mesh-templates/plugin-mesh-common';
import type { TemplatePack } from '../templatePack';

/** The rule's name; one per cluster tree, next to the monitors in istiod's namespace. */
export const MESH_ALERT_RULE_NAME = 'istio-mesh-health';

/**
 * Alerting rules for the cluster's prometheus-operator (kube-prometheus-stack or rancher-monitoring,
 * the stacks that get monitors), built from mesh-common's health thresholds: the numbers the Mesh
 * tab judges with are the numbers that page.
 */
export const alertRulesPack: TemplatePack = {
  name: 'alert-rules',
  outputs(context) {
    const { istio, observability } = context;
    if (!observability.monitorsEnabled) return [];
    return [
      {
        type: 'objects',
        template: 'observability/prometheus-rules.yaml.njk',
        file: 'observability/prometheus-rules.yaml',
        component: 'observability',
        appliedBy: 'kustomize',
        data: {
          ruleName: MESH_ALERT_RULE_NAME,
          // The operator's ruleSelector picks rules by the labels it picks monitors by.
          ruleLabels: {
            monitoring: 'istio-mesh-alerts',
            ...observability.prometheus.monitorLabels,
          },
          ruleGroups: [
            {
              name: 'istio-mesh-health',
              rules: meshAlertRules(DEFAULT_HEALTH_THRESHOLDS, istio.version),
            },
          ],
        },
        expects: [
          {
            kind: 'PrometheusRule',
            name: MESH_ALERT_RULE_NAME,
            namespace: istio.namespace,
          },
        ],
      },
    ];
  },
};
