import type { ChangeSummary, ChartUpgrade, ObjectRef } from './changeSummary';
import { DESTRUCTIVE_KINDS } from './deletedObjects';
import { escapeMarkdownCell, inlineCode } from './markdown';

/** Gateway Service fields whose change can move a LoadBalancer address or break clients. */
const SERVICE_EXPOSURE =
  /^(spec\.)?(type|ports|loadBalancerIP)\b|^service\.(type|ports|loadBalancerIP)\b/;

const refText = (o: ObjectRef) =>
  inlineCode(o.namespace ? `${o.namespace}/${o.name}` : o.name);

function valuesNotes(summary: ChangeSummary): string[] {
  const notes: string[] = [];
  for (const { release, keys } of summary.values) {
    if (keys.length === 0) continue;
    if (/^istiod(-remote)?$/.test(release)) {
      notes.push(
        `istiod restarts: its Helm values change (${inlineCode(release)}).`,
      );
    } else if (release === 'base') {
      notes.push(
        'Istio CRDs upgrade: the `base` chart values change; apply CRDs before istiod.',
      );
    } else if (release.startsWith('gateway-')) {
      notes.push(`Gateway ${inlineCode(release)} pods restart.`);
      const exposure = keys.filter(k => SERVICE_EXPOSURE.test(k));
      if (exposure.length > 0) {
        notes.push(
          `Gateway ${inlineCode(
            release,
          )} Service type or ports change (${exposure
            .map(inlineCode)
            .join(', ')}): a LoadBalancer may get a new address.`,
        );
      }
    }
  }
  return notes;
}

function chartNote(owner: ObjectRef, upgrade: ChartUpgrade): string {
  const { chart, before, after } = upgrade;
  const move = `${escapeMarkdownCell(owner.kind)} ${refText(
    owner,
  )} moves chart ${inlineCode(chart)} from ${inlineCode(
    before ?? '(none)',
  )} to ${inlineCode(after ?? '(none)')}`;
  if (chart === 'base') return `Istio CRDs upgrade: ${move}.`;
  if (/^istiod(-remote)?$/.test(chart)) return `istiod restarts: ${move}.`;
  return `${move}: its pods restart.`;
}

function objectNotes(summary: ChangeSummary): string[] {
  const notes: string[] = [];
  for (const o of summary.changed) {
    if (o.kind === 'IstioOperator') {
      notes.push(
        `IstioOperator ${refText(o)} changes: its components restart.`,
      );
    }
    const exposure = o.fields.filter(f => SERVICE_EXPOSURE.test(f));
    if (o.kind === 'Service' && exposure.length > 0) {
      notes.push(
        `Service ${refText(
          o,
        )} type or ports change: a LoadBalancer may get a new address.`,
      );
    }
  }
  notes.push(
    ...summary.changed.flatMap(o => o.charts.map(c => chartNote(o, c))),
  );
  const crds = [...summary.added, ...summary.changed].filter(
    o => o.kind === 'CustomResourceDefinition',
  );
  if (crds.length > 0) {
    notes.push(`CRD upgrade: ${crds.map(refText).join(', ')}.`);
  }
  return notes;
}

/**
 * Consequences a reviewer must plan for, derived from what changes (fields, values keys, kinds),
 * never from prose: restarts, exposure changes, CRD upgrades, revision moves.
 */
export function impactNotes(summary: ChangeSummary): string[] {
  const revision = summary.specFields.find(f => f.path === 'istio.revision');
  return [
    ...(revision
      ? [
          `Revision ${inlineCode(revision.before ?? '""')} → ${inlineCode(
            revision.after ?? '""',
          )}: workloads must restart to move to the new revision.`,
        ]
      : []),
    ...valuesNotes(summary),
    ...objectNotes(summary),
  ];
}

/** Removed objects that take data or workloads with them: said first, in bold. */
export function destructiveRemovals(summary: ChangeSummary): ObjectRef[] {
  return summary.removed.filter(o => DESTRUCTIVE_KINDS.includes(o.kind));
}
