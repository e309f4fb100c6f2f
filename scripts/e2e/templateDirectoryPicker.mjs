// The template editor opens a local folder through the File System Access API; headless Chromium
// has no picker, so the picker returns a folder of the origin-private file system holding the real
// template.yaml. Everything after that is the editor's own code and the backend's dry-run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const templateFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates/create-mesh-cluster/template.yaml',
);

/** Makes the page's directory picker hand the editor the Create mesh cluster template. */
export async function pickTemplateDirectory(page) {
  await page.addInitScript(content => {
    window.showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('create-mesh-cluster', {
        create: true,
      });
      const file = await dir.getFileHandle('template.yaml', { create: true });
      const writable = await file.createWritable();
      await writable.write(content);
      await writable.close();
      return dir;
    };
  }, fs.readFileSync(templateFile, 'utf8'));
}
