-- wrk script for bench/feedback.sh: each thread sends its own stride of pre-signed feedback
-- requests (unique nonces), so no request is a replay.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  local stride, offset = tonumber(args[2]), tonumber(id) - 1
  local index = 0
  for line in io.lines(args[1]) do
    if index % stride == offset then
      local ts, nonce, sig, body = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t(.+)")
      table.insert(requests, wrk.format("POST", "/api/v1/reputation/feedback", {
        ["Host"] = "127.0.0.1", ["Content-Type"] = "application/json", ["X-Clawb-Api-Key"] = args[3],
        ["X-Clawb-Feedback-Timestamp"] = ts, ["X-Clawb-Feedback-Nonce"] = nonce,
        ["X-Clawb-Feedback-Signature"] = sig }, body))
    end
    index = index + 1
  end
  position = 0
  accepted = 0
  refused = 0
end

function request()
  position = position + 1
  if position > #requests then
    -- Out of fresh requests: stop this thread rather than replay.
    wrk.thread:stop()
  end
  return requests[position]
end

function response(status, headers, body)
  if status == 200 then accepted = accepted + 1 else refused = refused + 1 end
end
