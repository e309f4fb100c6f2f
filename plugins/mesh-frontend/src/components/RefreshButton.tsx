import { ButtonIcon } from '@backstage/ui';
import RefreshIcon from '@material-ui/icons/Refresh';

/**
 * Backstage UI's icon button, as core-components' own copy button uses: Material UI v4's ButtonBase
 * calls ReactDOM.findDOMNode, which React 18.3 deprecates.
 */
export function RefreshButton({
  onClick,
  disabled,
}: {
  onClick(): void;
  disabled?: boolean;
}) {
  return (
    <ButtonIcon
      aria-label="Refresh mesh health"
      icon={<RefreshIcon />}
      variant="tertiary"
      onPress={onClick}
      isDisabled={disabled}
    />
  );
}
