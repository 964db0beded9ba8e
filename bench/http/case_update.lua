-- PATCH /api/v1/cases/{id} with If-Match: changes the risk level. Lines are "id version risk". Each thread owns
-- its cases, and takes them in turn, so two requests in flight never change the same case; the new
-- version comes back in the ETag of the answer, matched to its case by the id that opens the body.
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local ids, versions, risk, next = {}, {}, {}, 0
local risks = { "LOW", "MEDIUM", "HIGH", "CRITICAL" }
local position = { LOW = 1, MEDIUM = 2, HIGH = 3, CRITICAL = 4 }

function init(args)
  common.authorize()
  wrk.headers["Content-Type"] = "application/json"
  for _, line in ipairs(common.lines()) do
    local id, version, level = line:match("^(%S+)%s+(%d+)%s+(%u+)$")
    table.insert(ids, id)
    versions[id] = version
    risk[id] = position[level]
  end
end

function request()
  next = next % #ids + 1
  local id = ids[next]
  -- Each visit moves the case to the next risk level, so that every request changes it (a request that
  -- changed nothing would write nothing), however often the case comes back.
  risk[id] = risk[id] % 4 + 1
  local body = '{"riskLevel":"' .. risks[risk[id]] .. '"}'
  -- wrk.format uses the headers given instead of wrk.headers, not on top of them.
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["If-Match"] = '"' .. versions[id] .. '"'
  return wrk.format("PATCH", "/api/v1/cases/" .. id, headers, body)
end

function response(status, headers, body)
  if status == 200 then
    local id = body:match('^{"id":"([%x%-]+)"')
    local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
    if id and etag then
      versions[id] = etag:gsub('[W/"]', "")
      accepted = accepted + 1
    end
  else
    refused = refused + 1
    if refused == 1 then
      io.stderr:write("case_update: first refusal answered " .. status .. "\n")
    end
  end
end
