// Seconds; fine enough below a millisecond, where the gateway's own overhead lives.
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * The gateway's Prometheus metrics, kept in memory and written in the text exposition
 * format: HTTP requests by route, method and status, their latency histogram, IAM calls by
 * action and outcome, and IAM retries by action and code.
 *
 * @example
 * const metrics = new GatewayMetrics();
 * metrics.observeRequest('/v1/users', 'GET', 200, 0.002);
 * reply.type('text/plain; version=0.0.4').send(metrics.render());
 */
export class GatewayMetrics {
  readonly #requests = new Map<string, number>();
  readonly #latency = new Map<string, Histogram>();
  readonly #iamCalls = new Map<string, number>();
  readonly #iamRetries = new Map<string, number>();

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    increment(this.#requests, labels({ route, method, status: String(status) }));
    const key = labels({ route, method });
    let histogram = this.#latency.get(key);
    if (!histogram) {
      histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#latency.set(key, histogram);
    }
    for (let index = 0; index < BUCKETS.length; index += 1) {
      if (seconds <= BUCKETS[index]!) histogram.counts[index]! += 1;
    }
    histogram.sum += seconds;
    histogram.count += 1;
  }

  observeIamCall(action: string, outcome: string): void {
    increment(this.#iamCalls, labels({ action, outcome }));
  }

  observeIamRetry(action: string, code: string): void {
    increment(this.#iamRetries, labels({ action, code }));
  }

  /** The text exposition format, version 0.0.4. */
  render(): string {
    const lines: string[] = [];
    counter(lines, 'iam_bridge_http_requests_total', 'HTTP requests answered.', this.#requests);
    lines.push(
      '# HELP iam_bridge_http_request_duration_seconds Time to answer, by route.',
      '# TYPE iam_bridge_http_request_duration_seconds histogram',
    );
    for (const [key, histogram] of this.#latency) {
      BUCKETS.forEach((bound, index) => {
        const le = `${key},le="${bound}"`;
        lines.push(
          `iam_bridge_http_request_duration_seconds_bucket{${le}} ${histogram.counts[index]}`,
        );
      });
      lines.push(
        `iam_bridge_http_request_duration_seconds_bucket{${key},le="+Inf"} ${histogram.count}`,
        `iam_bridge_http_request_duration_seconds_sum{${key}} ${histogram.sum}`,
        `iam_bridge_http_request_duration_seconds_count{${key}} ${histogram.count}`,
      );
    }
    counter(
      lines,
      'iam_bridge_iam_calls_total',
      'IAM calls by action and outcome.',
      this.#iamCalls,
    );
    counter(lines, 'iam_bridge_iam_retries_total', 'IAM attempts retried.', this.#iamRetries);
    return `${lines.join('\n')}\n`;
  }
}

function counter(lines: string[], name: string, help: string, values: Map<string, number>) {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
  for (const [key, value] of values) lines.push(`${name}{${key}} ${value}`);
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(
      ([name, value]) =>
        `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
}
