import {
  upgradeIstioFormData,
  UPGRADE_ISTIO_TEMPLATE,
} from './changeMeshFormData';
import { CommittedSpecTemplateButton } from './CommittedSpecTemplateButton';

/**
 * "Upgrade Istio": opens the Upgrade Istio form on the cluster, its committed spec as the spec the
 * next upgrade stage starts from.
 */
export function UpgradeIstioButton() {
  return (
    <CommittedSpecTemplateButton
      label="Upgrade Istio"
      template={UPGRADE_ISTIO_TEMPLATE}
      formData={upgradeIstioFormData}
    />
  );
}
