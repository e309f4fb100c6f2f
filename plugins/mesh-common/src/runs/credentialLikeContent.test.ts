import fs from 'node:fs';
import path from 'node:path';
import { findCredentialLikeContent } from './credentialLikeContent';

const goldenRoot = path.resolve(
  __dirname,
  '../../../mesh-scaffolder-backend/src/render/__fixtures__/golden',
);

function readTree(
  dir: string,
  prefix = '',
): { path: string; content: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? readTree(full, relative)
      : [{ path: relative, content: fs.readFileSync(full, 'utf8') }];
  });
}

describe('findCredentialLikeContent', () => {
  it('finds nothing in any golden bundle, which hold credential references only', () => {
    const files = readTree(goldenRoot);
    expect(files.length).toBeGreaterThan(100);
    expect(findCredentialLikeContent(files)).toEqual([]);
  });

  it('names file, line and kind of every credential shape, never the value', () => {
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEow'].join('\n');
    const files = [
      { path: 'a.yaml', content: `a: 1\nkey: |\n  ${pem}\n` },
      { path: 'b.yaml', content: 'apiVersion: v1\nkind: Secret\n' },
      {
        path: 'c.yaml',
        content: `users:\n- user:\n    client-key-data: QUJD\n`,
      },
      { path: 'd.yaml', content: `token: ghp_${'a'.repeat(36)}\n` },
      { path: 'e.yaml', content: `token: glpat-${'b'.repeat(20)}\n` },
      { path: 'f.yaml', content: 'id: AKIAABCDEFGHIJKLMNOP\n' },
      {
        path: 'g.yaml',
        content: 'url: https://admin:hunter22@example.test/\n',
      },
      {
        path: 'h.yaml',
        content: `jwt: eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.c2lnbmF0dXJl\n`,
      },
    ];
    const findings = findCredentialLikeContent(files);
    expect(findings).toEqual([
      { path: 'a.yaml', line: 3, what: 'a PEM private key' },
      { path: 'b.yaml', line: 2, what: 'a Kubernetes Secret object' },
      { path: 'c.yaml', line: 3, what: 'kubeconfig client key data' },
      { path: 'd.yaml', line: 1, what: 'a GitHub token' },
      { path: 'e.yaml', line: 1, what: 'a GitLab token' },
      { path: 'f.yaml', line: 1, what: 'an AWS access key id' },
      { path: 'g.yaml', line: 1, what: 'a password in a URL' },
      { path: 'h.yaml', line: 1, what: 'a JSON Web Token' },
    ]);
    expect(JSON.stringify(findings)).not.toContain('hunter22');
  });

  it('leaves references to credentials alone', () => {
    const files = [
      {
        path: 'gw.yaml',
        content:
          'kind: Gateway\nspec:\n  tls:\n    credentialName: ingress-cert\n    secretName: x\n',
      },
      { path: 'r.md', content: 'create the `cacerts` Secret with istio-csr\n' },
    ];
    expect(findCredentialLikeContent(files)).toEqual([]);
  });
});
