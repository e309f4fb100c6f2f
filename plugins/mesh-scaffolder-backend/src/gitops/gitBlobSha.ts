import { createHash } from 'node:crypto';

/**
 * The object id Git gives a file's content. GitHub trees and GitLab tree listings report it, so
 * comparing it with the rendered file tells whether a file changed without downloading it.
 */
export function gitBlobSha(content: string | Buffer): string {
  const bytes =
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
