package rediscluster

import "github.com/redis/go-redis/v9"

// The scripts keep every decision about who waits and who runs atomic in
// Redis. They use only Redis 7.0 commands, so that Debian's redis-server
// and Valkey both serve. KEYS[1] is the namespace's prefix "gg:{ns}:"; every
// other key derives from it. The clock is always Redis's own (TIME).
//
// Every change is numbered densely (evn) and appended to the event stream
// ev with the stream id "<n>-1", so that a replica reads the changes after
// number n with XRANGE from "<n+1>-0", and a gap is visible as a jump in n.
// A script returns {status, {event fields}, ...}: the events it appended.

// prelude is shared by every script.
const prelude = `
local P = KEYS[1]
local SEP = '\31'
local out = {}
local evs = {}
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function emit(fields)
  local n = redis.call('INCR', P .. 'evn')
  table.insert(fields, 1, tostring(n))
  table.insert(fields, 1, 'n')
  redis.call('XADD', P .. 'ev', 'MAXLEN', '~', '100000', n .. '-1', unpack(fields))
  evs[#evs + 1] = fields
end
local function split(s)
  local t = {}
  for part in string.gmatch(s, '[^' .. SEP .. ']+') do t[#t + 1] = part end
  return t
end
-- fix_head keeps heads (group → seq of its head) in step with w:<g>.
local function fix_head(g)
  local h = redis.call('ZRANGE', P .. 'w:' .. g, 0, 0, 'WITHSCORES')
  if #h == 0 then redis.call('ZREM', P .. 'heads', g) else redis.call('ZADD', P .. 'heads', h[2], g) end
end
`

// joinScript: ARGV id, group, fn, limit, batch, maxSize, entry (JSON),
// payload, session, pin (the node that alone can run the job, or ""). Returns {"OK", seq, events} or {"FULL", size} or {"DUP"}.
var joinScript = redis.NewScript(prelude + `
local id, g, fn, limit, batch, maxSize = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local job = P .. 'j:' .. id
if redis.call('EXISTS', job) == 1 then return {'DUP'} end
local nwait = tonumber(redis.call('GET', P .. 'nwait') or '0')
if maxSize > 0 and nwait >= maxSize then return {'FULL', nwait} end
local seq = redis.call('INCR', P .. 'seq')
redis.call('HSET', job, 'g', g, 'fn', fn, 'seq', seq, 'b', batch, 'e', ARGV[7], 'p', ARGV[8], 's', ARGV[9], 'st', 'w')
if ARGV[10] ~= '' then redis.call('HSET', job, 'pin', ARGV[10]) end
redis.call('ZADD', P .. 'w:' .. g, seq, id)
if redis.call('ZCARD', P .. 'w:' .. g) == 1 then redis.call('ZADD', P .. 'heads', seq, g) end
redis.call('INCR', P .. 'nwait')
local cur = redis.call('HGET', P .. 'lim', g)
if cur then
  cur = tonumber(cur)
  -- Gradio keeps the lowest limit seen; an unlimited job never raises it.
  if not (limit ~= -1 and (cur == -1 or limit < cur)) then limit = cur end
end
redis.call('HSET', P .. 'lim', g, limit)
emit({'k', 'j', 'g', g, 'seq', tostring(seq), 'l', tostring(limit), 'e', ARGV[7]})
return {'OK', seq, evs}
`)

// claimScript: ARGV node, n (< 0: no local bound), lease ms, cap (<= 0:
// none), batch scan bound. Returns {"OK", events, jobs} where jobs lists
// id, entry, payload, seq of every job granted.
var claimScript = redis.NewScript(prelude + `
local node, n, ttl, cap, scan = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('EXISTS', P .. 'recovering') == 1 then return {'OK', evs, out} end
local now = now_ms()
local rall = redis.call('ZCARD', P .. 'rall')
while n ~= 0 and (cap <= 0 or rall < cap) do
  local pick = nil
  for _, g in ipairs(redis.call('ZRANGE', P .. 'heads', 0, -1)) do
    local lim = tonumber(redis.call('HGET', P .. 'lim', g) or '1')
    if lim < 0 or redis.call('ZCARD', P .. 'r:' .. g) < lim then
      -- A job pinned to another node (one without a payload) waits for it:
      -- its group is not this node's to start.
      local head = redis.call('ZRANGE', P .. 'w:' .. g, 0, 0)[1]
      local pin = redis.call('HGET', P .. 'j:' .. head, 'pin')
      if not pin or pin == node then pick = g; break end
    end
  end
  if not pick then break end
  local w = P .. 'w:' .. pick
  local head = redis.call('ZRANGE', w, 0, 0)[1]
  local fn, b = unpack(redis.call('HMGET', P .. 'j:' .. head, 'fn', 'b'))
  b = tonumber(b)
  local ids = {head}
  if b > 1 then
    for _, id in ipairs(redis.call('ZRANGE', w, 1, scan * b)) do
      if #ids >= b then break end
      local f, bb = unpack(redis.call('HMGET', P .. 'j:' .. id, 'fn', 'b'))
      if f == fn and tonumber(bb) > 0 then ids[#ids + 1] = id end
    end
  end
  for _, id in ipairs(ids) do
    redis.call('ZREM', w, id)
    redis.call('HSET', P .. 'j:' .. id, 'st', 'r')
    local e, p, sq = unpack(redis.call('HMGET', P .. 'j:' .. id, 'e', 'p', 'seq'))
    out[#out + 1] = id; out[#out + 1] = e; out[#out + 1] = p; out[#out + 1] = sq
  end
  redis.call('DECRBY', P .. 'nwait', #ids)
  fix_head(pick)
  local run = (redis.call('GET', P .. 'gen') or '0') .. ':' .. redis.call('INCR', P .. 'fence')
  local joined = table.concat(ids, SEP)
  redis.call('HSET', P .. 'run:' .. run, 'g', pick, 'fn', fn, 'node', node, 'ids', joined)
  redis.call('ZADD', P .. 'r:' .. pick, now + ttl, run)
  redis.call('ZADD', P .. 'rall', now + ttl, run)
  emit({'k', 's', 'g', pick, 'run', run, 'fn', fn, 'node', node, 'ids', joined})
  n = n - 1
  rall = rall + 1
end
return {'OK', evs, out}
`)

// endRun frees a run's slot and forgets its jobs; lost marks a run whose
// lease ran out.
const endRun = `
local function end_run(run, d, record, lost)
  local r = P .. 'run:' .. run
  local g, fn, ids = unpack(redis.call('HMGET', r, 'g', 'fn', 'ids'))
  redis.call('ZREM', P .. 'r:' .. g, run)
  redis.call('ZREM', P .. 'rall', run)
  redis.call('DEL', r)
  local sessions = {}
  for _, id in ipairs(split(ids)) do
    sessions[#sessions + 1] = redis.call('HGET', P .. 'j:' .. id, 's') or ''
    redis.call('DEL', P .. 'j:' .. id)
  end
  if record == '1' then
    redis.call('HINCRBY', P .. 'st', 'fn:' .. fn .. ':n', 1)
    redis.call('HINCRBY', P .. 'st', 'fn:' .. fn .. ':ms', math.floor(tonumber(d) / 1000000))
  end
  emit({'k', 'e', 'g', g, 'run', run, 'fn', fn, 'd', d, 'r', record, 'lost', lost, 'ids', ids,
    'sess', table.concat(sessions, SEP)})
end
`

// finishScript: ARGV run, duration (ns), record ("1" or "0"). Returns
// {"OK", events} or {"LOST"} if the run no longer holds its slot (the
// fencing check: a run's id is its token, and is never reused).
var finishScript = redis.NewScript(prelude + endRun + `
if redis.call('EXISTS', P .. 'run:' .. ARGV[1]) == 0 then return {'LOST'} end
end_run(ARGV[1], ARGV[2], ARGV[3], '0')
return {'OK', evs}
`)

// withdrawScript: ARGV id. Returns {"OK", events} or {"NO"} if the job
// does not wait.
var withdrawScript = redis.NewScript(prelude + `
local job = P .. 'j:' .. ARGV[1]
local st, g = unpack(redis.call('HMGET', job, 'st', 'g'))
if st ~= 'w' then return {'NO'} end
redis.call('ZREM', P .. 'w:' .. g, ARGV[1])
redis.call('DEL', job)
redis.call('DECR', P .. 'nwait')
fix_head(g)
emit({'k', 'w', 'g', g, 'id', ARGV[1]})
return {'OK', evs}
`)

// renewScript: ARGV node, lease ms, run ids. Extends the leases of the runs
// that still hold their slot and returns {"OK", lost runs}.
var renewScript = redis.NewScript(prelude + `
local now = now_ms()
local ttl = tonumber(ARGV[2])
redis.call('ZADD', P .. 'nodes', now + ttl, ARGV[1])
for i = 3, #ARGV do
  local run = ARGV[i]
  local g = redis.call('HGET', P .. 'run:' .. run, 'g')
  if g then
    redis.call('ZADD', P .. 'r:' .. g, 'XX', now + ttl, run)
    redis.call('ZADD', P .. 'rall', 'XX', now + ttl, run)
  else
    out[#out + 1] = run
  end
end
return {'OK', out}
`)

// reapScript: ARGV grace ms. Frees the slots of runs whose lease ran out
// more than grace ago, and returns {"OK", events}.
var reapScript = redis.NewScript(prelude + endRun + `
local limit = now_ms() - tonumber(ARGV[1])
for _, run in ipairs(redis.call('ZRANGEBYSCORE', P .. 'rall', '-inf', '(' .. limit, 'LIMIT', 0, 100)) do
  end_run(run, '0', '0', '1')
end
redis.call('ZREMRANGEBYSCORE', P .. 'nodes', '-inf', '(' .. limit)
return {'OK', evs}
`)

// snapshotScript returns, atomically, the mirror's starting point:
// {"OK", n, limits, waiting, running} with limits as group, limit pairs;
// waiting as id, seq, entry triples in seq order; running as run, group,
// fn, node, ids tuples.
var snapshotScript = redis.NewScript(prelude + `
local n = tonumber(redis.call('GET', P .. 'evn') or '0')
local lim = redis.call('HGETALL', P .. 'lim')
local waiting = {}
local groups = {}
for i = 1, #lim, 2 do groups[#groups + 1] = lim[i] end
local all = {}
for _, g in ipairs(groups) do
  local w = redis.call('ZRANGE', P .. 'w:' .. g, 0, -1, 'WITHSCORES')
  for i = 1, #w, 2 do all[#all + 1] = {tonumber(w[i + 1]), w[i]} end
end
table.sort(all, function(a, b) return a[1] < b[1] end)
for _, x in ipairs(all) do
  waiting[#waiting + 1] = x[2]
  waiting[#waiting + 1] = tostring(x[1])
  waiting[#waiting + 1] = redis.call('HGET', P .. 'j:' .. x[2], 'e')
end
local running = {}
for _, run in ipairs(redis.call('ZRANGE', P .. 'rall', 0, -1)) do
  local g, fn, node, ids = unpack(redis.call('HMGET', P .. 'run:' .. run, 'g', 'fn', 'node', 'ids'))
  running[#running + 1] = run; running[#running + 1] = g; running[#running + 1] = fn
  running[#running + 1] = node; running[#running + 1] = ids
end
return {'OK', n, lim, waiting, running}
`)

// cancelScript: ARGV ids (SEP-joined), sessions (SEP-joined). Appends a
// cancel request for whichever replica holds them, with the last seq
// given: jobs of the sessions that join later are not cancelled.
var cancelScript = redis.NewScript(prelude + `
emit({'k', 'x', 'ids', ARGV[1], 'sess', ARGV[2], 'seq', redis.call('GET', P .. 'seq') or '0'})
return {'OK', evs}
`)

// The bus: a session's pending events (sp:<s>), its stream's holder
// (s:<s>), messages waiting for a stream (buf:<s>) and each node's inbox
// (in:<node>).

// registerScript: ARGV session, event id, max pending, session ttl ms.
// Returns {"OK"} or {"BUSY"}; tells the holder, if any, of the new event.
var registerScript = redis.NewScript(prelude + `
local sp, s = P .. 'sp:' .. ARGV[1], P .. 's:' .. ARGV[1]
if redis.call('SCARD', sp) >= tonumber(ARGV[3]) then return {'BUSY'} end
redis.call('SADD', sp, ARGV[2])
redis.call('PEXPIRE', sp, ARGV[4])
redis.call('HSET', s, 'seen', '1')
redis.call('PEXPIRE', s, ARGV[4])
local h = redis.call('HGET', s, 'holder')
if h then redis.call('XADD', P .. 'in:' .. h, 'MAXLEN', '~', '100000', '*', 's', ARGV[1], 'p', ARGV[2]) end
return {'OK'}
`)

// deliverScript: ARGV node, session ttl ms, then session, event, terminal
// ("1"/"0"), message (the encoded cluster.Message) quadruples... For each, a terminal message leaves the
// session's pending set; the message goes to the holder's inbox, or to the
// session's buffer while no stream is open. Returns {"OK"}.
var deliverScript = redis.NewScript(prelude + `
for i = 3, #ARGV, 4 do
  local sess, ev, term, msg = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if term == '1' then redis.call('SREM', P .. 'sp:' .. sess, ev) end
  local h = redis.call('HGET', P .. 's:' .. sess, 'holder')
  if h then
    redis.call('XADD', P .. 'in:' .. h, 'MAXLEN', '~', '100000', '*', 's', sess, 'm', msg)
  else
    local b = P .. 'buf:' .. sess
    redis.call('RPUSH', b, msg)
    redis.call('PEXPIRE', b, ARGV[2])
  end
end
return {'OK'}
`)

// attachScript: ARGV session, node, ttl ms. Makes node the holder of the
// session's stream (telling a previous holder to end its stream) and
// returns {"OK", pending ids, buffered messages} or {"NOSESSION"}.
var attachScript = redis.NewScript(prelude + `
local s, sp, b = P .. 's:' .. ARGV[1], P .. 'sp:' .. ARGV[1], P .. 'buf:' .. ARGV[1]
if redis.call('EXISTS', s) == 0 then return {'NOSESSION'} end
local old = redis.call('HGET', s, 'holder')
if old and old ~= ARGV[2] then
  redis.call('XADD', P .. 'in:' .. old, 'MAXLEN', '~', '100000', '*', 's', ARGV[1], 'end', '1')
end
redis.call('HSET', s, 'holder', ARGV[2])
redis.call('PEXPIRE', s, ARGV[3])
local msgs = redis.call('LRANGE', b, 0, -1)
redis.call('DEL', b)
return {'OK', redis.call('SMEMBERS', sp), msgs}
`)

// detachScript: ARGV session, node. Gives up the holder role if node has it.
var detachScript = redis.NewScript(prelude + `
local s = P .. 's:' .. ARGV[1]
if redis.call('HGET', s, 'holder') == ARGV[2] then redis.call('HDEL', s, 'holder') end
return {'OK'}
`)
