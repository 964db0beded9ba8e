-- GET /api/v1/cases?...: the filtered case list (first page, 50 rows; audited). Lines are query strings.
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local filters, next = nil, 0

function init(args)
  common.authorize()
  filters = common.lines()
end

function request()
  next = next % #filters + 1
  return wrk.format("GET", "/api/v1/cases?" .. filters[next])
end
