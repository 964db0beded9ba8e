-- case_view.lua at a person's pace: each connection is one member of staff who opens a case about once a
-- second (0.5 to 1.5 s between answers), for "fifty staff online" beside the flood. wrk's latency excludes
-- the pause.
dofile(os.getenv("HAVEN_BENCH_LUA") .. "/case_view.lua")

local open_cases = init

function init(args)
  open_cases(args)
  math.randomseed(thread_id + 1)
end

function delay()
  return math.random(500, 1500)
end
