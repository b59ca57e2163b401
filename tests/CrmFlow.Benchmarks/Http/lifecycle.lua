-- One lifecycle = POST /workflows/bench/lifecycle?correlationId=<id> (starts, suspends: 202)
-- then POST /elsa/api/events/bench-continue/trigger {correlationId, Synchronous} (resumes, finishes).
-- wrk reports requests; lifecycles = requests / 2.
local counter = 0
local pending = nil
local key = os.getenv("CRMFLOW_BENCH_API_KEY") or "cfk_demo-integration-key-not-for-production"

function setup(thread)
  thread:set("prefix", tostring(math.random(1, 1e9)))
end

function request()
  if pending then
    local id = pending
    pending = nil
    local body = '{"correlationId":"' .. id .. '","workflowExecutionMode":"Synchronous"}'
    return wrk.format("POST", "/elsa/api/events/bench-continue/trigger",
      { ["Content-Type"] = "application/json", ["Authorization"] = "ApiKey " .. key }, body)
  end
  counter = counter + 1
  local id = prefix .. "-" .. counter
  pending = id
  return wrk.format("POST", "/workflows/bench/lifecycle?correlationId=" .. id, { ["Content-Length"] = "0" }, "")
end
