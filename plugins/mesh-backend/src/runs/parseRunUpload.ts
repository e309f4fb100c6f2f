import { InputError } from '@backstage/errors';
import {
  describeCredentialLikeContent,
  findCredentialLikeContent,
} from '@mesh-templates/plugin-mesh-common';
import { z } from 'zod';
import { runUploadSchema } from './uploadSchema';

export type RunUpload = z.infer<typeof runUploadSchema>;

/**
 * The body of `POST /runs` as a run to store, or an InputError saying why it is refused: bad
 * shape, more than `maxBundleBytes` of contents, or credential-like content.
 */
export function parseRunUpload(
  body: unknown,
  maxBundleBytes: number,
): RunUpload {
  const parsed = runUploadSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invalid run bundle: ${parsed.error.issues
        .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const upload = parsed.data;
  const bytes = upload.files.reduce(
    (sum, f) => sum + Buffer.byteLength(f.content, 'utf8'),
    0,
  );
  if (bytes > maxBundleBytes) {
    throw new InputError(
      `The bundle of run ${upload.taskId} has ${bytes} bytes, more than mesh.runs.maxBundleBytes (${maxBundleBytes})`,
    );
  }
  const findings = findCredentialLikeContent(upload.files);
  if (findings.length > 0) {
    throw new InputError(
      `Refusing to store the bundle of run ${
        upload.taskId
      }: credential-like content in\n${describeCredentialLikeContent(
        findings,
      )}`,
    );
  }
  return upload;
}
