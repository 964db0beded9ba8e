-- GET /api/v1/cases/{id} at a person's pace: each connection is one member of staff who opens a case
-- about once a second (0.5 to 1.5 s between answers), for "fifty staff online" beside the flood.
-- wrk's latency excludes the pause.
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local ids, next = nil, 0

function init(args)
  common.authorize()
  ids = common.lines()
  math.randomseed(thread_id + 1)
end

function delay()
  return math.random(500, 1500)
end

function request()
  next = next % #ids + 1
  return wrk.format("GET", "/api/v1/cases/" .. ids[next])
end
