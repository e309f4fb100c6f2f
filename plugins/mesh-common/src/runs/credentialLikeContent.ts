/**
 * What a credential looks like in a text file. A bundle holds references to credentials (Secret
 * names, issuer names), never their values; these shapes are the values.
 */
const credentialShapes: Array<{ what: string; pattern: RegExp }> = [
  {
    what: 'a PEM private key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
  },
  {
    what: 'a Kubernetes Secret object',
    pattern: /^kind:[ \t]*["']?Secret["']?[ \t]*$/m,
  },
  { what: 'kubeconfig client key data', pattern: /\bclient-key-data:/ },
  {
    what: 'a GitHub token',
    pattern: /\b(?:gh[opusr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})/,
  },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20}/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    what: 'a JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  },
  {
    what: 'a password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:[^\s/@'"]+@/i,
  },
];

/** Where a credential-like value was found; never the value itself. @public */
export interface CredentialLikeFinding {
  path: string;
  line: number;
  what: string;
}

/**
 * Finds credential-like content in bundle files. Render refuses to write such a bundle and the
 * mesh backend refuses to store one, so a template change that leaks a value fails loudly twice.
 *
 * @public
 */
export function findCredentialLikeContent(
  files: ReadonlyArray<{ path: string; content: string }>,
): CredentialLikeFinding[] {
  const findings: CredentialLikeFinding[] = [];
  for (const file of files) {
    for (const { what, pattern } of credentialShapes) {
      const match = pattern.exec(file.content);
      if (match) {
        const line = file.content.slice(0, match.index).split('\n').length;
        findings.push({ path: file.path, line, what });
      }
    }
  }
  return findings;
}

/** One line per finding, naming file, line and kind, for errors and logs. @public */
export function describeCredentialLikeContent(
  findings: CredentialLikeFinding[],
): string {
  return findings.map(f => `${f.path}:${f.line}: ${f.what}`).join('\n');
}
