-- wrk script of bench/serve.sh: GET /api/dyad for random pairs of the generated corpus'
-- countries; counts non-200 answers as errors.
local codes = {"MAR", "MRT", "DZA", "TUN", "LBY", "EGY", "MLI", "NER", "SEN", "ESP",
               "FRA", "RUS", "CHN", "NGA", "KEN", "ETH", "GHA", "TCD", "SDN", "USA"}
math.randomseed(8)
request = function()
  local a = codes[math.random(#codes)]
  local b = codes[math.random(#codes)]
  if a == b then b = "MAR" end
  return wrk.format("GET", "/api/dyad?a=" .. a .. "&b=" .. b .. "&by=month")
end
local failures = 0
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, %d non-200 answers\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
