import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { parseMeshClusterSpec } from './parseMeshClusterSpec';
import { DERIVED_SPEC_FIELDS, templateFormValues } from './templateFormValues';

const specsDir = path.resolve(__dirname, '../../../../examples/specs');
const templatePath = path.resolve(
  __dirname,
  '../../../../templates/create-mesh-cluster/template.yaml',
);

interface FormProperty {
  type?: string;
  default?: unknown;
  required?: string[];
  properties?: Record<string, FormProperty>;
  'ui:widget'?: string;
}

/** Leaf fields of the form that have no default and are not required: the ones left to derivation. */
function fieldsWithoutDefault(
  properties: Record<string, FormProperty>,
  prefix = '',
  required: string[] = [],
): string[] {
  return Object.entries(properties).flatMap(([key, p]) => {
    const fieldPath = prefix ? `${prefix}.${key}` : key;
    // A hidden field is no one's to fill in: it carries a committed value through (istio.upgrade).
    if (p['ui:widget'] === 'hidden') return [];
    if (p.type === 'object' && p.properties) {
      return fieldsWithoutDefault(p.properties, fieldPath, p.required ?? []);
    }
    return 'default' in p || required.includes(key) ? [] : [fieldPath];
  });
}

describe('templateFormValues', () => {
  it.each(fs.readdirSync(specsDir).filter(f => f.endsWith('.yaml')))(
    'gives back %s unchanged when the prefilled form is submitted as is',
    file => {
      // GIVEN a committed spec (every default written out)
      const spec = parseMeshClusterSpec(
        parse(fs.readFileSync(path.join(specsDir, file), 'utf8')),
      );
      // WHEN the form is prefilled with it and submitted untouched
      const values = templateFormValues(spec);
      // THEN the run's spec is the committed one
      expect(parseMeshClusterSpec(values)).toEqual(spec);
    },
  );

  it('carries an upgrade in progress through the form whole', () => {
    // GIVEN a committed spec in the canary stage of an upgrade
    const spec = parseMeshClusterSpec({
      cluster: { name: 'east' },
      istio: {
        version: '1.30.3',
        revision: '1-30-3',
        revisionTags: ['prod'],
        upgrade: { toVersion: '1.31.0', toRevision: '1-31-0', stage: 'canary' },
      },
    });
    // WHEN the prefilled form is submitted untouched THEN the upgrade is still in the spec
    const values = templateFormValues(spec) as any;
    expect(values.istio.upgrade).toEqual(spec.istio.upgrade);
    expect(parseMeshClusterSpec(values)).toEqual(spec);
  });

  it('leaves derived fields empty when they hold what would be derived, so they follow a change', () => {
    const spec = parseMeshClusterSpec({
      cluster: { name: 'east' },
      istio: { version: '1.30.2' },
    });
    const values = templateFormValues(spec) as any;
    expect(values.istio.tag).toBeUndefined();
    expect(values.gitops.targetPath).toBeUndefined();
    expect(values.observability.prometheus.url).toBeUndefined();
    // WHEN only the version is changed in the form THEN the image tag moves with it
    const changed = parseMeshClusterSpec({
      ...values,
      istio: { ...values.istio, version: '1.30.3' },
    });
    expect(changed.istio.tag).toBe('1.30.3');
  });

  it('keeps a derived field someone set to something else', () => {
    const spec = parseMeshClusterSpec({
      cluster: { name: 'east' },
      istio: { version: '1.30.2', tag: '1.30.2-distroless' },
      ingressGateway: {
        tls: {
          enabled: true,
          issuerRef: { name: 'letsencrypt' },
          hosts: ['a.example.com'],
          secretName: 'own',
        },
      },
    });
    const values = templateFormValues(spec) as any;
    expect(values.istio.tag).toBe('1.30.2-distroless');
    expect(values.ingressGateway.tls.secretName).toBe('own');
    expect(values.ingressGateway.tls.certificateName).toBeUndefined();
    expect(parseMeshClusterSpec(values)).toEqual(spec);
  });

  it('names exactly the form fields that have no default of their own', () => {
    const template = parse(fs.readFileSync(templatePath, 'utf8'));
    const specPages = template.spec.parameters.filter(
      (page: { title: string }) => page.title !== 'Delivery',
    );
    const fields = specPages.flatMap((page: { properties: any }) =>
      fieldsWithoutDefault(page.properties),
    );
    // istio.compatibilityVersion is absent unless someone sets it: nothing derives it either.
    const absentUnlessSet = ['istio.compatibilityVersion'];
    expect([...fields].sort()).toEqual(
      [...DERIVED_SPEC_FIELDS, ...absentUnlessSet].sort(),
    );
  });
});
