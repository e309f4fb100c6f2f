import { z } from 'zod';

const bundlePath = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    p =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      p.split('/').every(part => part !== '' && part !== '.' && part !== '..'),
    'must be a relative POSIX path inside the bundle',
  );

/** `POST /runs`: what the scaffolder's render step sends. */
export const runUploadSchema = z
  .object({
    taskId: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9._-]+$/),
    createdBy: z.string().min(1).max(255).optional(),
    clusters: z.array(z.string().min(1).max(255)).min(1).max(128),
    files: z
      .array(z.object({ path: bundlePath, content: z.string() }).strict())
      .min(1)
      .refine(
        files => new Set(files.map(f => f.path)).size === files.length,
        'file paths must be unique',
      ),
  })
  .strict();
