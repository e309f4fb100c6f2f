import { z } from 'zod';

/** Prometheus encodes sample values as strings ("NaN", "+Inf" included); numbers are parsed later. */
const sampleValue = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

export const instantVectorBody = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labels, value: sampleValue })),
  }),
});

export const matrixBody = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: labels, values: z.array(sampleValue) })),
  }),
});

export const errorBody = z.object({
  status: z.literal('error'),
  error: z.string(),
});
