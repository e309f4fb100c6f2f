import { pollUntil } from '@mesh-templates/plugin-mesh-common';

const FINAL_STATUSES = ['completed', 'failed', 'cancelled'];

/**
 * Runs a scaffolder template as a real task through the backend's REST API, the way the Create
 * page does, and returns its final status and the completion event's outputs.
 */
export async function runTemplateTask(options: {
  baseUrl: string;
  token: string;
  templateRef: string;
  values: Record<string, unknown>;
  timeoutMs?: number;
}): Promise<{ status: string; output: Record<string, any>; log: string[] }> {
  const headers = {
    Authorization: `Bearer ${options.token}`,
    'Content-Type': 'application/json',
  };
  const created = await fetch(`${options.baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: options.templateRef,
      values: options.values,
    }),
  });
  if (!created.ok) {
    throw new Error(
      `creating the task failed: ${created.status} ${await created.text()}`,
    );
  }
  const { id } = (await created.json()) as { id: string };

  const timeoutMs = options.timeoutMs ?? 60_000;
  const status = await pollUntil(
    async () => {
      const task = (await (
        await fetch(`${options.baseUrl}/api/scaffolder/v2/tasks/${id}`, {
          headers,
        })
      ).json()) as { status: string };
      return FINAL_STATUSES.includes(task.status) ? task.status : undefined;
    },
    { timeoutMs, intervalMs: 100, description: `task ${id} to finish` },
  );
  const events = (await (
    await fetch(`${options.baseUrl}/api/scaffolder/v2/tasks/${id}/events`, {
      headers,
    })
  ).json()) as Array<{
    type: string;
    body: { message?: string; output?: Record<string, any> };
  }>;
  return {
    status,
    output: events.find(e => e.type === 'completion')?.body.output ?? {},
    log: events.filter(e => e.type === 'log').map(e => e.body.message ?? ''),
  };
}
