import type {
  IstioMinorFacts,
  MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import type {
  BundleFile,
  BundleHelmValues,
  BundleIndexEntry,
  BundleObject,
} from '../bundle/meshBundle';
import { clusterKustomization } from './clusterKustomization';
import { clusterReadme } from './clusterReadme';
import {
  clusterRenderContext,
  ClusterRenderContext,
} from './clusterRenderContext';
import type { MeshMember } from './meshMembers';
import {
  COMPONENT_PACKS,
  gatewayApiCrdsOutputs,
  gitopsOutputs,
  gitopsReleases,
} from './packs';
import {
  renderHelmValuesOutput,
  renderObjectsOutput,
} from './renderPackOutput';
import { serializeYamlDocument, serializeYamlDocuments } from './serializeYaml';
import type {
  HelmValuesOutput,
  ObjectsOutput,
  PackOutput,
} from './templatePack';

/** One cluster's part of a bundle. */
export interface ClusterTree {
  objects: BundleObject[];
  helmValues: BundleHelmValues[];
  files: BundleFile[];
  index: BundleIndexEntry[];
}

function appendHelmValues(
  tree: ClusterTree,
  output: HelmValuesOutput,
  context: ClusterRenderContext,
  file: string,
): void {
  const values = renderHelmValuesOutput(output, context);
  tree.helmValues.push({
    cluster: context.cluster.name,
    file,
    component: output.component,
    chart: output.chart,
    chartVersion: output.chartVersion,
    release: output.release,
    namespace: output.namespace,
    values,
  });
  tree.files.push({ path: file, content: serializeYamlDocument(values) });
}

/** Every object is indexed too, so the README and bundle-index list what the tree applies. */
function appendObjects(
  tree: ClusterTree,
  output: ObjectsOutput,
  context: ClusterRenderContext,
  file: string,
): void {
  const objects = renderObjectsOutput(output, context);
  const cluster = context.cluster.name;
  for (const object of objects) {
    tree.objects.push({ cluster, file, component: output.component, object });
    tree.index.push({
      cluster,
      component: output.component,
      file,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace
        ? { namespace: object.metadata.namespace }
        : {}),
    });
  }
  tree.files.push({ path: file, content: serializeYamlDocuments(objects) });
}

/**
 * Renders outputs into the tree; returns the files its kustomization applies (istioctl input files
 * are part of the tree but not resources of its kustomization).
 */
function appendOutputs(
  tree: ClusterTree,
  outputs: PackOutput[],
  context: ClusterRenderContext,
): string[] {
  const resources: string[] = [];
  for (const output of outputs) {
    const file = `${context.gitops.targetPath}/${output.file}`;
    if (output.type === 'helmValues') {
      appendHelmValues(tree, output, context, file);
      continue;
    }
    appendObjects(tree, output, context, file);
    if (output.appliedBy === 'kustomize') {
      resources.push(output.file);
    }
  }
  return resources;
}

/**
 * Renders every pack for one member of the mesh into its `clusters/<name>/` tree, with the facts
 * of the spec's Istio release line (and, while an upgrade runs, those of its target line).
 */
export function renderClusterTree(
  spec: MeshClusterSpec,
  member: MeshMember,
  facts: IstioMinorFacts,
  upgradeFacts?: IstioMinorFacts,
): ClusterTree {
  const context = clusterRenderContext(spec, member, facts, upgradeFacts);
  const root = member.targetPath;
  const componentOutputs: PackOutput[] = COMPONENT_PACKS.flatMap(pack =>
    pack.outputs(context),
  );
  const valuesOutputs = componentOutputs.filter(
    (o): o is HelmValuesOutput => o.type === 'helmValues',
  );
  const releases = gitopsReleases(context, valuesOutputs);

  const tree: ClusterTree = {
    objects: [],
    helmValues: [],
    files: [],
    index: [],
  };
  const resources = appendOutputs(tree, componentOutputs, context);
  // Whether the tree needs the Gateway API CRDs shows only in what the packs rendered.
  resources.push(
    ...appendOutputs(
      tree,
      [
        ...gatewayApiCrdsOutputs(
          context,
          tree.objects.map(o => o.object),
        ),
        ...gitopsOutputs(context, releases),
      ],
      context,
    ),
  );
  const fluxReleases = context.gitops.engine === 'flux' ? releases : [];
  tree.files.push({
    path: `${root}/kustomization.yaml`,
    content: serializeYamlDocument(
      clusterKustomization(
        resources,
        fluxReleases,
        context.gitops.controllerNamespace,
      ),
    ),
  });
  tree.files.push({
    path: `${root}/README.md`,
    content: clusterReadme(context, tree.index, tree.helmValues),
  });
  return tree;
}
