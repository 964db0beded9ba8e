-- PATCH /api/v1/cases/{id} with If-Match: changes the risk level. Lines are "id version". Each thread owns
-- its cases, and takes them in turn, so two requests in flight never change the same case; the new
-- version comes back in the ETag of the answer, matched to its case by the id that opens the body.
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local ids, versions, next = {}, {}, 0
local risks = { "LOW", "MEDIUM", "HIGH", "CRITICAL" }

function init(args)
  common.authorize()
  wrk.headers["Content-Type"] = "application/json"
  for _, line in ipairs(common.lines()) do
    local id, version = line:match("^(%S+)%s+(%d+)$")
    table.insert(ids, id)
    versions[id] = version
  end
end

function request()
  next = next % #ids + 1
  local id = ids[next]
  local body = '{"riskLevel":"' .. risks[next % 4 + 1] .. '"}'
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
