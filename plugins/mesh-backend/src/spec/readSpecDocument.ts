import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  MeshClusterSpec,
  MeshSpecError,
  readMeshClusterDocument,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { SpecLocation } from './specLocation';

/** A spec document is a few kilobytes; anything far larger is not one and is not parsed. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * A `file` location exists only when the backend's operator configured it (`catalog.locations`):
 * the catalog sets `backstage.io/managed-by-location` itself, overwriting whatever an entity's
 * author wrote, and its locations API accepts only `url` targets unless configured otherwise.
 * The spec must also lie under that catalog file's folder (checked when resolving), and only a
 * document that parses as a MeshCluster is ever returned, so no other file's text can leave here.
 */
async function readText(
  location: SpecLocation,
  urlReader: UrlReaderService,
): Promise<Buffer> {
  if (location.type === 'file') {
    return fs.readFile(location.target);
  }
  // The integration's credentials are added by the reader; neither they nor the host's answer leave it.
  const response = await urlReader.readUrl(location.target);
  return response.buffer();
}

/**
 * Reads a cluster's committed spec document and returns today's spec, or an InputError naming the
 * document's problem (YAML syntax, version, the field at fault).
 */
export async function readSpecDocument(
  location: SpecLocation,
  urlReader: UrlReaderService,
): Promise<MeshClusterSpec> {
  const buffer = await readText(location, urlReader);
  if (buffer.length > MAX_DOCUMENT_BYTES) {
    throw new InputError(
      `The spec document is ${buffer.length} bytes; a MeshCluster document is at most ${MAX_DOCUMENT_BYTES}`,
    );
  }
  const document = parseDocument(buffer.toString('utf8'));
  if (document.errors.length > 0) {
    throw new InputError(
      `The spec document is not valid YAML: ${document.errors[0].message}`,
    );
  }
  try {
    return readMeshClusterDocument(document.toJS());
  } catch (error) {
    if (error instanceof MeshSpecError) {
      throw new InputError(
        `The spec document is not a valid MeshCluster: ${error.message}`,
      );
    }
    throw error;
  }
}
