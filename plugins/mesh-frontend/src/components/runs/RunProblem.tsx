import { Alert } from '@backstage/ui';

/**
 * A failure on the run's page, in Backstage UI's Alert: core-components' error panels fold their
 * details in Material UI v4's Accordion, whose ButtonBase calls ReactDOM.findDOMNode, which React
 * 18.3 deprecates.
 */
export function RunProblem(props: { title: string; error: Error }) {
  return (
    <Alert
      role="alert"
      status="danger"
      icon
      title={props.title}
      description={props.error.message}
    />
  );
}
