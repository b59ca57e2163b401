-- Prints the latency percentiles the figures quote (wrk's --latency table has no p95).
function done(summary, latency, requests)
  io.write(string.format("percentiles: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %d requests, %d errors\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
