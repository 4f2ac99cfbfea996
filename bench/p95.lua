-- wrk script: prints the 95th percentile latency (wrk --latency shows 50/75/90/99 only).
function done(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
