-- GET /api/v1/cases/{id}: one case with its person (decrypted; the read is audited).
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local ids, next = nil, 0

function init(args)
  common.authorize()
  ids = common.lines()
end

function request()
  next = next % #ids + 1
  return wrk.format("GET", "/api/v1/cases/" .. ids[next])
end
