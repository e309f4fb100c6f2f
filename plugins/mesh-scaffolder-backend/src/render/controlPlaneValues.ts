import type { IstioMinorFacts } from '@mesh-templates/plugin-mesh-common';
import type { ClusterRenderContext } from './clusterRenderContext';
import type { ControlPlaneRevision } from './controlPlaneRevisions';
import type { HelmValuesOutput } from './templatePack';

/**
 * The spec's compatibility profile if the plane's release still ships it: a canary on a release
 * that dropped it runs without (precheck refuses such an upgrade before it starts).
 */
function offeredCompatibilityVersion(
  facts: IstioMinorFacts,
  compatibilityVersion: string | undefined,
): string | undefined {
  return compatibilityVersion !== undefined &&
    facts.compatibilityVersions.includes(compatibilityVersion)
    ? compatibilityVersion
    : undefined;
}

/**
 * The render context as one control plane sees it: its version, revision, tags, compatibility
 * profile and facts.
 */
function controlPlaneContext(
  context: ClusterRenderContext,
  plane: ControlPlaneRevision,
): ClusterRenderContext {
  const { facts, fileSuffix: _suffix, ...revision } = plane;
  const compatibilityVersion = offeredCompatibilityVersion(
    facts,
    context.istio.compatibilityVersion,
  );
  return {
    ...context,
    istio: { ...context.istio, ...revision, compatibilityVersion },
    facts,
  };
}

/**
 * The render context as the newest control plane sees it: the canary while an upgrade runs, the
 * running one otherwise.
 */
export function newestControlPlaneContext(
  context: ClusterRenderContext,
): ClusterRenderContext {
  const planes = context.istio.controlPlanes;
  return controlPlaneContext(context, planes[planes.length - 1]);
}

/**
 * One istiod values output per control plane the cluster runs, built by `istiodValues` from the
 * plane's context. Templates see that context (data wins over the cluster's context when
 * rendering); the canary's file carries its revision in the name.
 */
export function istiodValuesPerRevision(
  context: ClusterRenderContext,
  istiodValues: (context: ClusterRenderContext) => HelmValuesOutput,
): HelmValuesOutput[] {
  return context.istio.controlPlanes.map(plane => {
    const planeContext = controlPlaneContext(context, plane);
    const output = istiodValues(planeContext);
    return {
      ...output,
      data: { ...output.data, istio: planeContext.istio, facts: plane.facts },
      file: output.file.replace(/\.yaml$/, `${plane.fileSuffix}.yaml`),
      chartVersion: plane.version,
    };
  });
}

/**
 * The base chart's values follow the newest control plane: Istio upgrades the base chart (its
 * CRDs) to the new release before the canary istiod starts. Its defaultRevision stays on the
 * running revision until cleanup.
 */
export function baseValuesForNewestRevision(
  context: ClusterRenderContext,
  baseValues: HelmValuesOutput,
): HelmValuesOutput {
  const planes = context.istio.controlPlanes;
  const newest = planes[planes.length - 1];
  return {
    ...baseValues,
    data: { ...baseValues.data, facts: newest.facts },
    chartVersion: newest.version,
  };
}
