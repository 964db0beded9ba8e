-- POST /api/v1/cases/{id}/notes: adds an encrypted case note (about 400 characters; audited).
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local ids, next = nil, 0
local body = '{"kind":"HOME_VISIT","happenedOn":"2026-11-02","body":"'
  .. string.rep("Visited the family at home; the child is attending school again and sleeps well. ", 5)
  .. '"}'

function init(args)
  common.authorize()
  wrk.headers["Content-Type"] = "application/json"
  ids = common.lines()
end

function request()
  next = next % #ids + 1
  return wrk.format("POST", "/api/v1/cases/" .. ids[next] .. "/notes", nil, body)
end
