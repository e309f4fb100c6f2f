import IconButton from '@material-ui/core/IconButton';
import RefreshIcon from '@material-ui/icons/Refresh';

export function RefreshButton({
  onClick,
  disabled,
}: {
  onClick(): void;
  disabled?: boolean;
}) {
  return (
    <IconButton
      aria-label="Refresh mesh health"
      title="Refresh"
      onClick={onClick}
      disabled={disabled}
    >
      <RefreshIcon />
    </IconButton>
  );
}
