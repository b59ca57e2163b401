-- One lifecycle = POST /workflows/bench/lifecycle (starts, suspends on an Event: 202 {workflowInstanceId})
-- then POST /elsa/api/events/bench-continue/trigger {workflowInstanceId, Synchronous} (resumes, finishes).
-- A resume is only sent for an instance whose start has answered. wrk counts requests; lifecycles ≈ requests / 2.
local waiting = {}
local key = os.getenv("CRMFLOW_BENCH_API_KEY") or "cfk_demo-integration-key-not-for-production"

function request()
  local id = table.remove(waiting)
  if id then
    local body = '{"workflowInstanceId":"' .. id .. '","workflowExecutionMode":"Synchronous"}'
    return wrk.format("POST", "/elsa/api/events/bench-continue/trigger",
      { ["Content-Type"] = "application/json", ["Authorization"] = "ApiKey " .. key }, body)
  end
  return wrk.format("POST", "/workflows/bench/lifecycle", { ["Content-Length"] = "0" }, "")
end

function response(status, headers, body)
  if status == 202 then
    local id = string.match(body, '"workflowInstanceId":"(%w+)"')
    if id then
      table.insert(waiting, id)
    end
  end
end

function done(summary, latency, requests)
  io.write(string.format("percentiles: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %d requests, %d errors\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
