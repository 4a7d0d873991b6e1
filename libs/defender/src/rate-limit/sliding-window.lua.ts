/**
 * Sliding-window log for rate-limiter-flexible's RateLimiterRedis (its `customIncrTtlLuaScript`
 * hook). The stock script counts fixed windows that start at the first call, which lets twice the
 * limit through across a window boundary; Defender's quota window is not documented, so every
 * rolling window is kept within the limit instead. One sorted-set member per call, scored with the
 * Redis server's clock (shared by all workers).
 *
 * A call stays in the window `marginMs` longer than the quota's duration: the slot is taken a
 * little before the request reaches Defender (token, TLS, network), and that delay varies.
 *
 * KEYS[1] key; ARGV[1] points (negative = reward: forget the newest calls); ARGV[2] window in s;
 * ARGV[3] limit. Returns {consumed, msBeforeNext}: consumed > limit means rejected, and
 * msBeforeNext is then the time until enough old calls leave the window.
 */
export const slidingWindowLua = (marginMs: number): string => `
if redis.replicate_commands then redis.replicate_commands() end
local key = KEYS[1]
local points = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2]) * 1000 + ${Math.max(0, Math.round(marginMs))}
local limit = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - windowMs)
local count = redis.call('ZCARD', key)
if points < 0 then
  if count > 0 then redis.call('ZPOPMAX', key, math.min(count, -points)) end
  return {redis.call('ZCARD', key), windowMs}
end
if count + points > limit then
  local wait = windowMs
  local idx = count + points - limit - 1
  if idx < count then
    local entry = redis.call('ZRANGE', key, idx, idx, 'WITHSCORES')
    wait = tonumber(entry[2]) + windowMs - now + 1
  end
  return {limit + points, math.max(1, wait)}
end
for i = 1, points do
  redis.call('ZADD', key, now, now .. '-' .. count .. '-' .. i)
end
redis.call('PEXPIRE', key, windowMs)
return {count + points, windowMs}
`;
