import type {
  BundleObject,
  BundleProblem,
  MeshBundle,
} from '../../bundle/meshBundle';
import { gatewayInstallations } from '../istioInstallations';
import { objectSubject } from '../problemSubject';
import { isRecord, valueAt } from '../valuesAt';

/** A component whose pods NetworkPolicies admit traffic to, and the ports it must receive on. */
interface PolicyTarget {
  component: string;
  /** Pod label that identifies the component, and its accepted values. */
  label: string;
  labelValues: string[];
  ports: number[];
  rendered: boolean;
}

function kialiPort(
  bundle: MeshBundle,
  cluster: string,
): { rendered: boolean; port: number } {
  for (const { cluster: owner, object } of bundle.objects) {
    if (
      owner === cluster &&
      object.kind === 'Kiali' &&
      object.apiVersion.startsWith('kiali.io/')
    ) {
      const port = valueAt(object, ['spec', 'server', 'port']);
      return { rendered: true, port: typeof port === 'number' ? port : 20001 };
    }
  }
  const values = bundle.helmValues.find(
    v => v.cluster === cluster && v.chart === 'kiali-server',
  );
  if (values) {
    const port = valueAt(values.values, ['server', 'port']);
    return { rendered: true, port: typeof port === 'number' ? port : 20001 };
  }
  return { rendered: false, port: 20001 };
}

function policyTargets(bundle: MeshBundle, cluster: string): PolicyTarget[] {
  const kiali = kialiPort(bundle, cluster);
  const gatewayKinds = new Set(
    gatewayInstallations(bundle)
      .filter(g => g.cluster === cluster)
      .map(g => String(g.labels.istio ?? '')),
  );
  return [
    {
      component: 'Kiali',
      label: 'app.kubernetes.io/name',
      labelValues: ['kiali'],
      ports: [kiali.port],
      rendered: kiali.rendered,
    },
    {
      component: 'Kiali',
      label: 'app',
      labelValues: ['kiali'],
      ports: [kiali.port],
      rendered: kiali.rendered,
    },
    // xDS over TLS and the injection/validation webhook.
    {
      component: 'istiod',
      label: 'app',
      labelValues: ['istiod'],
      ports: [15012, 15017],
      rendered: true,
    },
    // Cross-network mTLS passthrough and the readiness port the load balancer probes.
    {
      component: 'the east-west gateway',
      label: 'istio',
      labelValues: ['eastwestgateway'],
      ports: [15443, 15021],
      rendered: gatewayKinds.has('eastwestgateway'),
    },
    {
      component: 'the ingress gateway',
      label: 'istio',
      labelValues: ['ingressgateway'],
      ports: [],
      rendered: gatewayKinds.has('ingressgateway'),
    },
  ];
}

/** Label values a pod selector pins `label` to (matchLabels, or matchExpressions with In). */
function selectedValues(selector: unknown, label: string): string[] {
  const values: string[] = [];
  const matchLabels = valueAt(selector, ['matchLabels']);
  if (isRecord(matchLabels) && typeof matchLabels[label] === 'string') {
    values.push(matchLabels[label] as string);
  }
  const expressions = valueAt(selector, ['matchExpressions']);
  if (Array.isArray(expressions)) {
    for (const expression of expressions) {
      if (
        isRecord(expression) &&
        expression.key === label &&
        expression.operator === 'In' &&
        Array.isArray(expression.values)
      ) {
        values.push(
          ...expression.values.filter(
            (v): v is string => typeof v === 'string',
          ),
        );
      }
    }
  }
  return values;
}

/** Ports the policy's ingress rules admit; undefined when some rule admits every port. */
function admittedPorts(
  policy: BundleObject['object'],
): Set<number | string> | undefined {
  const rules = valueAt(policy, ['spec', 'ingress']);
  if (!Array.isArray(rules)) return new Set();
  const ports = new Set<number | string>();
  for (const rule of rules) {
    const rulePorts = isRecord(rule) ? rule.ports : undefined;
    if (!Array.isArray(rulePorts) || rulePorts.length === 0) return undefined;
    for (const port of rulePorts) {
      if (
        isRecord(port) &&
        (typeof port.port === 'number' || typeof port.port === 'string')
      )
        ports.add(port.port);
    }
  }
  return ports;
}

/**
 * NetworkPolicies must fit the components rendered next to them: a policy that admits traffic to
 * a component (Kiali, istiod, a gateway) needs that component in the same cluster tree, and must
 * admit the ports the component serves on.
 */
export function networkPolicyPorts(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const entry of bundle.objects) {
    const { object } = entry;
    if (
      object.kind !== 'NetworkPolicy' ||
      !object.apiVersion.startsWith('networking.k8s.io/')
    )
      continue;
    const types = valueAt(object, ['spec', 'policyTypes']);
    if (Array.isArray(types) && !types.includes('Ingress')) continue;
    const selector = valueAt(object, ['spec', 'podSelector']);
    for (const target of policyTargets(bundle, entry.cluster)) {
      if (
        !selectedValues(selector, target.label).some(v =>
          target.labelValues.includes(v),
        )
      )
        continue;
      const subject = objectSubject(object);
      if (!target.rendered) {
        problems.push({
          file: entry.file,
          subject,
          path: 'spec.podSelector',
          message: `admits traffic to ${target.component}, which the bundle does not render in cluster ${entry.cluster}`,
        });
        continue;
      }
      const admitted = admittedPorts(object);
      if (!admitted) continue;
      const missing = target.ports.filter(port => !admitted.has(port));
      if (missing.length > 0) {
        problems.push({
          file: entry.file,
          subject,
          path: 'spec.ingress',
          message: `selects ${target.component} but does not admit port${
            missing.length > 1 ? 's' : ''
          } ${missing.join(', ')} it serves on`,
        });
      }
    }
  }
  return problems;
}
