import { InfoCard } from '@backstage/core-components';
import { Button } from '@backstage/ui';
import List from '@material-ui/core/List';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MeshRunFileEntry } from '@mesh-templates/plugin-mesh-common';
import { runFileTree, shortName } from './runFileTree';

const useStyles = makeStyles(theme => ({
  group: { padding: 0 },
  file: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 2),
  },
  selected: { backgroundColor: theme.palette.action.selected },
}));

/**
 * The run's files by cluster and component; choosing one shows it. Each file is a Backstage UI
 * button in a plain list item: Material UI v4's ListItem (and its `button` ButtonBase) call
 * ReactDOM.findDOMNode, which React 18.3 deprecates.
 */
export function RunFileList(props: {
  files: MeshRunFileEntry[];
  selected?: string;
  onSelect(path: string): void;
}) {
  const classes = useStyles();
  return (
    <>
      {runFileTree(props.files).map(group => (
        <InfoCard key={group.title} title={group.title} noPadding>
          <List dense aria-label={group.title}>
            {group.components.map(({ component, files }) => (
              <li key={component}>
                <ul className={classes.group}>
                  <ListSubheader disableSticky>{component}</ListSubheader>
                  {files.map(file => {
                    const selected = file.path === props.selected;
                    return (
                      <li
                        key={file.path}
                        className={`${classes.file} ${
                          selected ? classes.selected : ''
                        }`}
                      >
                        <Button
                          variant="tertiary"
                          size="small"
                          aria-pressed={selected}
                          onPress={() => props.onSelect(file.path)}
                        >
                          {shortName(file)}
                        </Button>
                        <Typography variant="caption" color="textSecondary">
                          {file.bytes} bytes
                        </Typography>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </List>
        </InfoCard>
      ))}
    </>
  );
}
