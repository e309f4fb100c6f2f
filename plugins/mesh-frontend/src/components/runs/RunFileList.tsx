import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { MeshRunFileEntry } from '@mesh-templates/plugin-mesh-common';
import { runFileTree, shortName } from './runFileTree';

/** The run's files by cluster and component; choosing one shows it. */
export function RunFileList(props: {
  files: MeshRunFileEntry[];
  selected?: string;
  onSelect(path: string): void;
}) {
  return (
    <>
      {runFileTree(props.files).map(group => (
        <InfoCard key={group.title} title={group.title} noPadding>
          <List dense aria-label={group.title}>
            {group.components.map(({ component, files }) => (
              <li key={component}>
                <ul style={{ padding: 0 }}>
                  <ListSubheader disableSticky>{component}</ListSubheader>
                  {files.map(file => (
                    <ListItem
                      key={file.path}
                      button
                      selected={file.path === props.selected}
                      onClick={() => props.onSelect(file.path)}
                    >
                      <ListItemText
                        primary={shortName(file)}
                        secondary={`${file.bytes} bytes`}
                      />
                    </ListItem>
                  ))}
                </ul>
              </li>
            ))}
          </List>
        </InfoCard>
      ))}
    </>
  );
}
