-- wrk script: paces all connections of a wrk thread together to BENCH_RATE requests per second,
-- so latency percentiles are measured at a chosen load instead of at saturation.
--
-- delay() is called before each request. It hands out send slots on one shared schedule, 1/rate
-- apart, from a monotonic clock (LuaJIT's ffi + clock_gettime), and returns how long this
-- connection waits for its slot. wrk's timer has whole-millisecond resolution, so single requests
-- may go up to ~1 ms early or late, but the slots are absolute times and the average rate holds.
-- wrk starts its latency clock when the request is written, after the delay. When the server
-- falls behind by more than 10 ms the schedule restarts from now instead of sending a burst.
--
-- Usage: BENCH_RATE=5000 wrk -t1 -c32 -d10s --latency -s bench/pace.lua URL
-- (with more than one wrk thread, each thread paces itself to BENCH_RATE / threads).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } sotay_bench_timespec;
int clock_gettime(int clock_id, sotay_bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("sotay_bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local rate = tonumber(os.getenv("BENCH_RATE") or "")
if not rate or rate <= 0 then
  error("pace.lua: set BENCH_RATE to the total requests per second")
end
local interval_ms = 1000 * threads / rate
local next_slot = nil

function delay()
  local now = now_ms()
  if next_slot == nil or next_slot < now - 10 then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + interval_ms
  return math.floor(wait + 0.5)
end
