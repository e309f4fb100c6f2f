/**
 * A failure to get an answer from one Prometheus, worded for the people looking at the card. Messages
 * never contain the URL or headers, which may carry credentials.
 */
export class PrometheusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusError';
  }
}
