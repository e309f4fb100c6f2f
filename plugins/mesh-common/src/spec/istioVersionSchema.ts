import { z } from 'zod';
import { ISTIO_RELEASE_FACTS, parseIstioVersion } from '../istio';

const { supportedRange } = ISTIO_RELEASE_FACTS;

/** An Istio release version within the supported range. */
export const istioVersionSchema = z
  .string({
    error: `must be an Istio release version 1.N.P; supported: ${supportedRange}`,
  })
  .superRefine((value, ctx) => {
    if (parseIstioVersion(value) === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an Istio release version 1.N.P (no pre-releases); supported: ${supportedRange}`,
      });
    } else if (!ISTIO_RELEASE_FACTS.lineOf(value)) {
      // Safe to echo: the value parsed as a plain MAJOR.MINOR.PATCH release above.
      ctx.addIssue({
        code: 'custom',
        message: `${value} is not supported; supported: ${supportedRange}`,
      });
    }
  });
