import { meshClusterNamesOf } from './annotations';
import { worstHealthStatus } from './status';

describe('meshClusterNamesOf', () => {
  it('defaults to the entity name when the annotation is absent', () => {
    expect(meshClusterNamesOf({ metadata: { name: 'cluster-east' } })).toEqual([
      'cluster-east',
    ]);
  });

  it('reads comma-separated names and ignores blanks', () => {
    const entity = {
      metadata: {
        name: 'x',
        annotations: { 'mesh.backstage.io/cluster-name': ' east , ,west' },
      },
    };
    expect(meshClusterNamesOf(entity)).toEqual(['east', 'west']);
  });
});

describe('worstHealthStatus', () => {
  it('ranks failing over unknown over degraded over healthy', () => {
    expect(worstHealthStatus('healthy', 'degraded')).toBe('degraded');
    expect(worstHealthStatus('unknown', 'degraded')).toBe('unknown');
    expect(worstHealthStatus('unknown', 'failing')).toBe('failing');
  });
});
