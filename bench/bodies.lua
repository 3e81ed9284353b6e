-- wrk script: POST each line of a file as a JSON body to one path, each thread its own stride,
-- stopping when the lines run out (so no body is sent twice). Args: FILE STRIDE API_KEY PATH.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  requests = {}
  local stride, offset = tonumber(args[2]), tonumber(id) - 1
  local index = 0
  for line in io.lines(args[1]) do
    if index % stride == offset then
      table.insert(requests, wrk.format("POST", args[4], {
        ["Host"] = "127.0.0.1", ["Content-Type"] = "application/json", ["X-Clawb-Api-Key"] = args[3] }, line))
    end
    index = index + 1
  end
  position = 0
end

function request()
  position = position + 1
  if position > #requests then wrk.thread:stop() end
  return requests[position]
end
