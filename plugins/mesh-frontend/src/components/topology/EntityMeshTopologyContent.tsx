import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  MESH_ID_ANNOTATION,
  MeshHealthResponse,
} from '@mesh-templates/plugin-mesh-common';
import { Alert } from '@backstage/ui';
import { Entity } from '@backstage/catalog-model';
import { useEffect, useState } from 'react';
import { meshApiRef } from '../../api/MeshApi';
import { MeshHealthTable } from '../MeshHealthTable';
import { buildMeshTopology, meshMembers } from './meshTopology';
import { MeshTopologyGraph } from './MeshTopologyGraph';

/**
 * The "Mesh" tab of a mesh's System entity: its member clusters (kubernetes-cluster Resources whose
 * mesh ID annotation is the System's) as a picture grouped by network, with each cluster's status,
 * versions and revisions, the mesh's nearest certificate expiry, and the health table below.
 */
export function EntityMeshTopologyContent() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const meshApi = useApi(meshApiRef);
  const meshId =
    entity.metadata.annotations?.[MESH_ID_ANNOTATION] ?? entity.metadata.name;
  const [state, setState] = useState<{
    clusters?: Entity[];
    health?: MeshHealthResponse;
    error?: Error;
  }>({});
  useEffect(() => {
    let current = true;
    Promise.all([
      catalogApi.getEntities({
        filter: {
          kind: 'Resource',
          'spec.type': 'kubernetes-cluster',
          [`metadata.annotations.${MESH_ID_ANNOTATION}`]: meshId,
        },
      }),
      meshApi.getHealth(),
    ]).then(
      ([clusters, health]) =>
        current && setState({ clusters: clusters.items, health }),
      error => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [catalogApi, meshApi, meshId]);

  if (state.error)
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        title="Could not load the mesh"
        description={state.error.message}
      />
    );
  if (!state.clusters || !state.health) return <Progress />;
  const members = meshMembers(state.clusters, state.health.clusters);
  const topology = buildMeshTopology(members);
  const nearest = topology.nearestCertificate;
  return (
    <Content noPadding>
      <ContentHeader title={`Mesh ${meshId}`} />
      <Typography variant="body2" paragraph>
        {members.length} cluster(s) on {topology.networks.length} network(s).{' '}
        {nearest
          ? `Nearest certificate expiry: ${nearest.which} of ${
              nearest.cluster
            } on ${nearest.expiresAt.slice(0, 10)}.`
          : 'No certificate expiry reported.'}
      </Typography>
      {members.length === 0 ? (
        <Typography variant="body2">
          No kubernetes-cluster Resource carries {MESH_ID_ANNOTATION}: {meshId}.
        </Typography>
      ) : (
        <>
          <MeshTopologyGraph topology={topology} />
          <MeshHealthTable
            clusters={members.flatMap(m => (m.health ? [m.health] : []))}
          />
        </>
      )}
    </Content>
  );
}
