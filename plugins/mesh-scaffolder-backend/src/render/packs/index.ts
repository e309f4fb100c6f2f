import type { TemplatePack } from '../templatePack';
import { alertRulesPack } from './alertRulesPack';
import { gatewaysPack } from './gatewaysPack';
import { istioHelmPack } from './istioHelmPack';
import { istioOperatorPack } from './istioOperatorPack';
import { istioSailPack } from './istioSailPack';
import { multiClusterPack } from './multiClusterPack';
import { namespacesPack } from './namespacesPack';
import { observabilityPack } from './observabilityPack';
import { policyPack } from './policyPack';

/** The packs rendered before GitOps wiring, which needs their Helm values. */
export const COMPONENT_PACKS: TemplatePack[] = [
  namespacesPack,
  istioHelmPack,
  istioOperatorPack,
  istioSailPack,
  gatewaysPack,
  multiClusterPack,
  observabilityPack,
  alertRulesPack,
  policyPack,
];

export { gatewayApiCrdsOutputs } from './gatewayApiCrdsPack';
export { gitopsOutputs, gitopsReleases } from './gitopsPack';
export type { GitopsRelease } from './gitopsPack';
