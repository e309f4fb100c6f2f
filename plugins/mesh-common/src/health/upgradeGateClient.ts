import type { UpgradeGateResponse, UpgradeGateStage } from './revisions';

/** The parts of Backstage's DiscoveryService and AuthService the client needs. @public */
export interface UpgradeGateClientOptions {
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
  auth: {
    getOwnServiceCredentials(): Promise<unknown>;
    getPluginRequestToken(options: {
      onBehalfOf: any;
      targetPluginId: string;
    }): Promise<{ token: string }>;
  };
  fetch?: typeof fetch;
}

/** What to ask the gate: may the upgrade of `cluster` from revision `from` to `to` go on to `stage`? @public */
export interface UpgradeGateRequest {
  cluster: string;
  stage: UpgradeGateStage;
  from: string;
  to: string;
}

/**
 * Asks the mesh backend's upgrade gate with the calling plugin's own service credentials, so an
 * upgrade action never relays the user's browser token.
 *
 * @public
 */
export class UpgradeGateClient {
  constructor(private readonly options: UpgradeGateClientOptions) {}

  async check(request: UpgradeGateRequest): Promise<UpgradeGateResponse> {
    const { discovery, auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'mesh',
    });
    const query = new URLSearchParams({ ...request });
    const url = `${await discovery.getBaseUrl('mesh')}/upgrade-gate?${query}`;
    const response = await (this.options.fetch ?? fetch)(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      // Backstage's error body names the problem; the token is never part of it.
      const body = await response.text();
      throw new Error(
        `Upgrade gate for ${request.cluster} answered HTTP ${
          response.status
        }: ${body.slice(0, 500)}`,
      );
    }
    return (await response.json()) as UpgradeGateResponse;
  }
}
