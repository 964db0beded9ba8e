-- POST /report: the anonymous public form. Each line is a complete form body carrying a proof-of-work
-- challenge issued by this server and solved beforehand by the runner (a challenge is good for one
-- report). The answer is a page either way: a receipt (accepted), or the form again when the global
-- limit says busy or the challenge was already used (refused: lines are reused once they run out).
local common = dofile(os.getenv("HAVEN_BENCH_LUA") .. "/common.lua")
local forms, next = nil, 0

function init(args)
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  forms = common.lines()
end

function request()
  next = next % #forms + 1
  return wrk.format("POST", "/report", nil, forms[next])
end

function response(status, headers, body)
  if status == 200 and body:find('id="receipt-code"', 1, true) then
    accepted = accepted + 1
  else
    refused = refused + 1
  end
end
