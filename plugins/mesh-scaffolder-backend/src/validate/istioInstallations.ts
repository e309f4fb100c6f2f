import type {
  BundleHelmValues,
  BundleObject,
  MeshBundle,
} from '../bundle/meshBundle';
import { objectSubject, valuesSubject } from './problemSubject';
import { sailControlPlanes } from './sailControlPlanes';
import { isRecord, stringAt, valueAt } from './valuesAt';

/**
 * Where one Istio setting was written: a Helm values file or an IstioOperator. `prefix` is the
 * field path of the values root inside the file (`spec.values` for an IstioOperator).
 */
export interface SettingSource {
  cluster: string;
  file: string;
  subject: string;
  prefix: string;
  values: Record<string, unknown>;
}

/** The control plane of one cluster tree as rendered: istiod Helm values or an IstioOperator. */
export interface ControlPlane extends SettingSource {
  revision: string;
  /** Field path of the revision setting in the file. */
  revisionPath: string;
  meshConfig: unknown;
  meshConfigPath: string;
  /** Revision tags kept outside the values (Sail's IstioRevisionTag objects). */
  tags?: string[];
}

/** A gateway of one cluster tree: gateway chart values or an IstioOperator gateway component. */
export interface GatewayInstallation extends SettingSource {
  revision: string;
  revisionPath: string;
  labels: Record<string, unknown>;
  labelsPath: string;
  env: Record<string, string>;
  envPath: string;
}

export const istiodCharts = new Set(['istiod', 'istiod-remote']);

function isIstioOperator(entry: BundleObject): boolean {
  return (
    entry.object.kind === 'IstioOperator' &&
    entry.object.apiVersion.startsWith('install.istio.io/')
  );
}

function operatorGateways(entry: BundleObject): unknown[] {
  const gateways = valueAt(entry.object, [
    'spec',
    'components',
    'ingressGateways',
  ]);
  return Array.isArray(gateways) ? gateways : [];
}

/** An IstioOperator installs the control plane unless it uses the empty profile only for gateways. */
function installsControlPlane(entry: BundleObject): boolean {
  const profile = stringAt(entry.object, ['spec', 'profile']);
  return (
    profile !== 'empty' ||
    valueAt(entry.object, ['spec', 'components', 'pilot']) !== undefined
  );
}

/** What every installation read from a chart's values has: its place, values and revision. */
function fromHelmValues(values: BundleHelmValues) {
  return {
    cluster: values.cluster,
    file: values.file,
    subject: valuesSubject(values),
    prefix: '',
    values: values.values,
    revision: stringAt(values.values, ['revision']),
    revisionPath: 'revision',
  };
}

export function controlPlanes(bundle: MeshBundle): ControlPlane[] {
  const planes: ControlPlane[] = [];
  for (const values of bundle.helmValues) {
    if (!istiodCharts.has(values.chart)) continue;
    planes.push({
      ...fromHelmValues(values),
      meshConfig: values.values.meshConfig,
      meshConfigPath: 'meshConfig',
    });
  }
  for (const entry of bundle.objects) {
    if (!isIstioOperator(entry) || !installsControlPlane(entry)) continue;
    const spec = entry.object.spec;
    const values = valueAt(spec, ['values']);
    planes.push({
      cluster: entry.cluster,
      file: entry.file,
      subject: objectSubject(entry.object),
      prefix: 'spec.values',
      values: isRecord(values) ? values : {},
      revision: stringAt(spec, ['revision']),
      revisionPath: 'spec.revision',
      meshConfig: valueAt(spec, ['meshConfig']),
      meshConfigPath: 'spec.meshConfig',
    });
  }
  planes.push(...sailControlPlanes(bundle));
  return planes;
}

function envFromList(list: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (Array.isArray(list)) {
    for (const item of list) {
      if (
        isRecord(item) &&
        typeof item.name === 'string' &&
        typeof item.value === 'string'
      ) {
        env[item.name] = item.value;
      }
    }
  }
  return env;
}

export function gatewayInstallations(
  bundle: MeshBundle,
): GatewayInstallation[] {
  const gateways: GatewayInstallation[] = [];
  for (const values of bundle.helmValues) {
    if (values.chart !== 'gateway') continue;
    const env = values.values.env;
    gateways.push({
      ...fromHelmValues(values),
      labels: isRecord(values.values.labels) ? values.values.labels : {},
      labelsPath: 'labels',
      env: isRecord(env)
        ? (Object.fromEntries(
            Object.entries(env).filter(([, v]) => typeof v === 'string'),
          ) as Record<string, string>)
        : {},
      envPath: 'env',
    });
  }
  for (const entry of bundle.objects) {
    if (!isIstioOperator(entry)) continue;
    const values = valueAt(entry.object.spec, ['values']);
    operatorGateways(entry).forEach((gateway, i) => {
      if (!isRecord(gateway)) return;
      const base = `spec.components.ingressGateways[${i}]`;
      gateways.push({
        cluster: entry.cluster,
        file: entry.file,
        subject: objectSubject(entry.object),
        prefix: 'spec.values',
        values: isRecord(values) ? values : {},
        revision: stringAt(entry.object.spec, ['revision']),
        revisionPath: 'spec.revision',
        labels: isRecord(gateway.label) ? gateway.label : {},
        labelsPath: `${base}.label`,
        env: envFromList(valueAt(gateway, ['k8s', 'env'])),
        envPath: `${base}.k8s.env`,
      });
    });
  }
  return gateways;
}

export function joinPath(prefix: string, path: string): string {
  return prefix ? `${prefix}.${path}` : path;
}
