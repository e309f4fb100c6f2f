import { renderMeshBundle } from '../render/renderMeshBundle';
import {
  loadExampleSpecs,
  variantSpecs,
} from '../render/__testUtils__/exampleSpecs';
import { validateBundle } from './validateBundle';

const examples = [...loadExampleSpecs(), ...variantSpecs()];

describe('validateBundle on rendered example bundles', () => {
  it.each(examples.map(e => [e.name, e.spec] as const))(
    '%s validates without problems',
    (_name, spec) => {
      // GIVEN the bundle the renderer makes from an example spec
      const bundle = renderMeshBundle(spec);
      // WHEN it is validated THEN no object, values file or mesh rule has a problem
      expect(validateBundle(bundle)).toEqual([]);
    },
  );
});
