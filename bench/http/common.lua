-- Shared by the Haven HTTP benchmark scripts (wrk 4.1, LuaJIT). Each wrk thread has its own Lua state;
-- setup() runs in the main state and numbers the threads, done() prints one parseable line:
--   HAVEN-WRK requests=... duration_us=... p50_us=... ... accepted=...
-- The runner (org.haven.bench.HttpBenchmarks) passes its inputs through environment variables:
--   HAVEN_BENCH_TOKEN  bearer token (never printed)
--   HAVEN_BENCH_DATA   a file of input lines for the script (ids, search terms, form bodies)
--   HAVEN_BENCH_THREADS number of wrk threads (each takes every n-th line, so threads never share a line)
local common = {}

local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- The lines of the data file this thread owns (every n-th line, starting at its number).
function common.lines()
  local path = os.getenv("HAVEN_BENCH_DATA")
  local n = tonumber(os.getenv("HAVEN_BENCH_THREADS") or "1")
  local all, mine, i = {}, {}, 0
  for line in io.lines(path) do
    if line ~= "" then
      if i % n == thread_id then
        table.insert(mine, line)
      end
      i = i + 1
    end
  end
  return mine
end

function common.authorize()
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("HAVEN_BENCH_TOKEN")
  wrk.headers["Accept"] = "application/json"
end

function common.urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Counters a script may keep per thread (read back in done()).
accepted = 0
refused = 0

function done(summary, latency, requests)
  local accepted_total, refused_total = 0, 0
  for _, thread in ipairs(threads) do
    accepted_total = accepted_total + (thread:get("accepted") or 0)
    refused_total = refused_total + (thread:get("refused") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "HAVEN-WRK requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d"
      .. " connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d accepted=%d refused=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout, accepted_total, refused_total))
end

return common
