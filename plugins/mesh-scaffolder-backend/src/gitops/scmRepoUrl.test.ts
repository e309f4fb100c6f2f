import { toScmRepoUrl } from './scmRepoUrl';

describe('toScmRepoUrl', () => {
  it.each([
    [
      'https://github.com/platform/gitops.git',
      'github.com?owner=platform&repo=gitops',
    ],
    [
      'https://github.com/platform/gitops',
      'github.com?owner=platform&repo=gitops',
    ],
    [
      'https://gitlab.example.com/infra/meshes/gitops.git',
      'gitlab.example.com?owner=infra%2Fmeshes&repo=gitops',
    ],
    ['http://127.0.0.1:8080/o/r', '127.0.0.1:8080?owner=o&repo=r'],
    [
      'github.com?owner=platform&repo=gitops',
      'github.com?owner=platform&repo=gitops',
    ],
  ])('%s → %s', (input, expected) => {
    expect(toScmRepoUrl(input)).toBe(expected);
  });

  it('rejects credentials in the URL without echoing them', () => {
    expect(() => toScmRepoUrl('https://user:s3cret@github.com/o/r')).toThrow(
      'repoUrl must not contain credentials; configure them under integrations',
    );
    expect(() =>
      toScmRepoUrl('https://user:s3cret@github.com/o/r'),
    ).not.toThrow(/s3cret/);
  });

  it('needs an owner and a repository', () => {
    expect(() => toScmRepoUrl('https://github.com/only-owner')).toThrow(
      /must name an owner and a repository/,
    );
  });
});
