-- wrk script of bench/serve.sh, the cache-miss case: GET /api/dyad for random pairs of the
-- generated corpus' countries over random ranges (from a month of 2010-2016 to a month of
-- 2018-2024), so nearly every request is a query the server has not answered before
-- (380 pairs x 84 x 84 ranges); counts non-200 answers as errors.
local codes = {"MAR", "MRT", "DZA", "TUN", "LBY", "EGY", "MLI", "NER", "SEN", "ESP",
               "FRA", "RUS", "CHN", "NGA", "KEN", "ETH", "GHA", "TCD", "SDN", "USA"}
math.randomseed(10)
request = function()
  local a = codes[math.random(#codes)]
  local b = codes[math.random(#codes)]
  if a == b then b = "MAR" end
  local from = string.format("%d-%02d-01", math.random(2010, 2016), math.random(12))
  local to = string.format("%d-%02d-28", math.random(2018, 2024), math.random(12))
  return wrk.format("GET", "/api/dyad?a=" .. a .. "&b=" .. b .. "&by=month&from=" .. from .. "&to=" .. to)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, %d non-200 answers\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
