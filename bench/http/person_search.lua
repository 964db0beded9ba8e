-- GET /api/v1/people?q=...: fuzzy search over encrypted names through blind indexes (audited).
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local terms, next = nil, 0

function init(args)
  common.authorize()
  terms = common.lines()
  for i, term in ipairs(terms) do
    terms[i] = "/api/v1/people?q=" .. common.urlencode(term)
  end
end

function request()
  next = next % #terms + 1
  return wrk.format("GET", terms[next])
end

-- Answers and searches asked to come back (503: the search share was full for its whole wait).
function response(status, headers, body)
  if status == 200 then
    accepted = accepted + 1
  elseif status == 503 then
    refused = refused + 1
  end
end
