import { ISTIO_RELEASE_FACTS } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { UPGRADE_STAGES } from '../upgrade';
import { createMeshUpgradePlanAction } from './upgradePlan';
import { UPGRADE_SCOPES } from './upgradePlanScope';

const template = yaml.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../templates/upgrade-istio/template.yaml',
    ),
    'utf8',
  ),
);
const form = template.spec.parameters[0].properties.upgrade;
const planStep = template.spec.steps.find(
  (step: { action: string }) => step.action === 'mesh:upgrade:plan',
);

/**
 * The "Upgrade Istio" form against the facts the action reads, as templateForm.test.ts keeps the
 * create form equal to the spec schema: a new Istio line or stage cannot leave the form behind.
 */
describe('upgrade-istio template form', () => {
  it('is a v1beta3 Template owned by the platform team', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'upgrade-istio', title: 'Upgrade Istio' },
      spec: { owner: 'group:default/platform-team' },
    });
  });

  it('accepts exactly the target versions of the supported release lines', () => {
    const pattern = new RegExp(form.properties.toVersion.pattern);
    const mismatches: string[] = [];
    for (let minor = 0; minor < 100; minor++) {
      for (const patch of [0, 7, 12, 999]) {
        const version = `1.${minor}.${patch}`;
        const supported = ISTIO_RELEASE_FACTS.lineOf(version) !== undefined;
        if (pattern.test(version) !== supported) mismatches.push(version);
      }
    }
    expect(mismatches).toEqual([]);
    expect(form.properties.toVersion.description).toContain(
      ISTIO_RELEASE_FACTS.supportedRange,
    );
    for (const other of ['2.31.0', '1.31.0-rc.0', '1.31', 'v1.31.0']) {
      expect(pattern.test(other)).toBe(false);
    }
  });

  /** The action's input as JSON Schema, as the template editor shows it. */
  const actionInput = createMeshUpgradePlanAction().schema?.input as {
    properties: Record<string, { enum?: string[] }>;
  };

  it('offers the stages and scopes the action takes, with a title for each', () => {
    const { stage, scope } = form.properties;
    expect(stage.enum).toEqual([...UPGRADE_STAGES]);
    expect(stage.enum).toEqual(actionInput.properties.stage.enum);
    expect(stage.enumNames).toHaveLength(UPGRADE_STAGES.length);
    expect([...scope.enum].sort()).toEqual(
      [...actionInput.properties.scope.enum!].sort(),
    );
    expect(scope.enumNames).toHaveLength(UPGRADE_SCOPES.length);
  });

  it("passes the plan step only inputs the action's schema knows", () => {
    const known = Object.keys(actionInput.properties);
    expect(known).toContain('spec');
    expect(Object.keys(planStep.input).filter(k => !known.includes(k))).toEqual(
      [],
    );
  });

  it('picks the cluster like the create form: a kubernetes-cluster Resource', () => {
    expect(form.properties.cluster).toMatchObject({
      'ui:field': 'EntityPicker',
      'ui:options': {
        catalogFilter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
      },
    });
    expect(form.properties.committedSpec['ui:widget']).toBe('hidden');
  });
});
