import { z } from 'zod';
import { dnsLabel, dnsSubdomain } from './formats';

/** Identity of the mesh that this cluster joins; the same on every cluster of one mesh. */
export const meshSectionSchema = z
  .strictObject({
    /**
     * Mesh identifier, rendered as `global.meshID`. Istio's own examples call the first mesh `mesh1`.
     */
    id: dnsLabel().default('mesh1'),
    /**
     * SPIFFE trust domain of workload identities (`meshConfig.trustDomain`). Clusters that must trust
     * each other share it; `cluster.local` is Istio's default.
     */
    trustDomain: dnsSubdomain().default('cluster.local'),
  })
  .prefault({});

/** The mesh section after defaults. */
export type MeshSection = z.output<typeof meshSectionSchema>;
