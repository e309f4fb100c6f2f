import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { HealthStatus } from '@mesh-templates/plugin-mesh-common';

/** One status, one core-components indicator, and the word itself so it reads without colour. */
export function HealthStatusChip({ status }: { status: HealthStatus }) {
  switch (status) {
    case 'healthy':
      return <StatusOK>healthy</StatusOK>;
    case 'degraded':
      return <StatusWarning>degraded</StatusWarning>;
    case 'failing':
      return <StatusError>failing</StatusError>;
    default:
      return <StatusAborted>unknown</StatusAborted>;
  }
}
